"""The class view for coaches, shared by the text table, the Markdown summary and the HTML report:
for each student, each point that can fail (the criteria of their message type, the placeholders,
familiar language, tutoiement… and grammar), and what the class fails most often."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .check import FileReport
from .model import Severity
from .rules import ALL_RULES, CRITERIA, EXTRA_RULES

GRAMMAR = "grammaire"
# Column headings and names of the points, from the rules themselves.
SHORT = {r.id: r.short or r.label or r.id for r in ALL_RULES}
LABEL = {r.id: r.label or r.id for r in ALL_RULES}
SHORT.update({"gabarit_non_rempli": "réservé", "registre_familier": "familier", "tutoiement": "tu",
              "negation_orale": "ne", "insistance": "insist.", GRAMMAR: "gram.", "type_indetermine": "type?"})
LABEL.update({GRAMMAR: "fautes de grammaire ou d'orthographe", "type_indetermine": "type indéterminé"})
MISSING = {cid: f"{LABEL[cid]} manquant(e)" for cid in CRITERIA}
MISSING.update({"remerciement": "pas de remerciement", "excuses": "pas d'excuses",
                "proposition_report": "pas d'autre date proposée", "porte_ouverte": "porte pas laissée ouverte",
                "interet_reitere": "intérêt non redit", "demande_retour": "pas de demande de retour",
                "prochaines_etapes": "prochaines étapes non demandées", "sans_critique": "critique de l'entreprise", "decision_claire": "décision pas claire",
                "concision": "message trop long", "gabarit_non_rempli": "espace réservé oublié",
                "registre_familier": "langage familier ou SMS", "tutoiement": "tutoiement",
                "negation_orale": "négation sans « ne »", "insistance": "insistance", GRAMMAR: LABEL[GRAMMAR],
                "type_indetermine": "type indéterminé"})
POINTS = (*CRITERIA, "type_indetermine", *(r.id for r in EXTRA_RULES), GRAMMAR)


def short_name(path: str, width: int = 16) -> str:
    """The student's name as the coach knows it: the file name without folder or extension."""
    name = Path(path).stem if path not in ("-", "<entrée standard>") else "entrée"
    return name if len(name) <= width else name[: width - 1] + "…"


@dataclass
class Student:
    report: FileReport
    # point -> "ok" | "ko" | "na" ; grammar -> number of findings
    marks: dict
    grammar: int

    @property
    def failing(self) -> list[str]:
        return [p for p in POINTS if self.marks.get(p) == "ko"]


def student(r: FileReport) -> Student:
    marks = {}
    for c in r.criteria:
        marks[c.id] = ("ok" if c.met else "ko") if c.applicable else "na"
    rules_hit = {f.rule for f in r.findings if f.severity != Severity.INFO}
    for rid in POINTS:
        if rid not in marks and rid != GRAMMAR:
            marks[rid] = "ko" if rid in rules_hit else "ok"
    grammar = sum(1 for f in r.findings if f.rule.startswith("grammaire/"))
    marks[GRAMMAR] = "ko" if grammar else "ok"
    return Student(r, marks, grammar)


def columns(students: list[Student]) -> list[str]:
    """One column per point at least one student fails; the others are summed up in one line."""
    return [p for p in POINTS if any(s.marks.get(p) == "ko" for s in students)]


def all_met(students: list[Student]) -> list[str]:
    return [p for p in POINTS if p in CRITERIA and any(s.marks.get(p) == "ok" for s in students)
            and not any(s.marks.get(p) == "ko" for s in students)]


def most_common(students: list[Student], n: int = 5) -> list[tuple[str, int]]:
    """Points by number of students failing them, most frequent first."""
    counts = Counter(p for s in students for p in s.failing)
    return sorted(counts.items(), key=lambda kv: (-kv[1], POINTS.index(kv[0])))[:n]


def failing_count(students: list[Student], point: str) -> int:
    return sum(1 for s in students if s.marks.get(point) == "ko")


def required_count(students: list[Student], point: str) -> int:
    return sum(1 for s in students if s.marks.get(point) in ("ok", "ko"))
