"""Detection quality on a labelled corpus: per-criterion precision / recall, type accuracy.

The positive class is the *problem* a linter reports: a criterion not met (met = 0).
Precision = share of reported problems that are real; recall = share of real problems reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .check import FileReport, Options, check_sources
from .errors import InputError, TonError
from .model import CRITERIA
from .reading import read_path

EXTRA = ("gabarit_non_rempli", "registre_familier", "tutoiement")


@dataclass
class Label:
    path: Path
    type: str
    met: dict[str, int]
    rules: set[str]
    note: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, problem_gold: bool, problem_pred: bool, name: str) -> None:
        if problem_gold and problem_pred:
            self.tp += 1
        elif problem_pred:
            self.fp += 1
            self.errors.append(f"fausse alerte : {name}")
        elif problem_gold:
            self.fn += 1
            self.errors.append(f"oubli : {name}")
        else:
            self.tn += 1


@dataclass
class Evaluation:
    criteria: dict[str, Counts]
    rules: dict[str, Counts]
    type_correct: int
    type_total: int
    type_errors: list[str]
    n: int

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.type_total if self.type_total else 1.0


def load_labels(corpus: Path) -> list[Label]:
    labels = []
    files = sorted(corpus.glob("etiquettes*.yaml"))
    if not files:
        raise TonError(f"{corpus} : aucun fichier etiquettes*.yaml.")
    for f in files:
        for i, item in enumerate(yaml.safe_load(f.read_text(encoding="utf-8")) or []):
            try:
                met = {c: int(item["met"][c]) for c in CRITERIA}
                labels.append(Label(corpus / item["fichier"], item["type"], met, set(item.get("regles") or []),
                                    item.get("note", "")))
            except (KeyError, TypeError, ValueError) as exc:
                raise TonError(f"{f.name}, entrée {i} : étiquette invalide ({exc}).") from None
    return labels


def evaluate(corpus: Path, options: Options | None = None, forced_gold_type: bool = False) -> Evaluation:
    labels = load_labels(corpus)
    crit = {c: Counts() for c in CRITERIA}
    rules = {r: Counts() for r in EXTRA}
    correct, type_errors = 0, []
    sources = [read_path(str(label.path)) for label in labels]
    reports = list(check_sources(sources, options or Options()))
    for label, report in zip(labels, reports):
        if isinstance(report, InputError):
            raise report
        assert isinstance(report, FileReport)
        name = label.path.name
        if report.type == label.type:
            correct += 1
        else:
            type_errors.append(f"{name} : attendu {label.type}, obtenu {report.type}")
        for c in report.criteria:
            crit[c.id].add(label.met[c.id] == 0, not c.met, name)
        fired = {f.rule for f in report.findings}
        for r in EXTRA:
            rules[r].add(r in label.rules, r in fired, name)
    return Evaluation(crit, rules, correct, len(labels), type_errors, len(labels))


def format_evaluation(ev: Evaluation, verbose: bool = False) -> str:
    lines = [f"Corpus : {ev.n} messages", "",
             f"{'critère':<22}{'précision':>10}{'rappel':>8}{'VP':>5}{'FP':>5}{'FN':>5}{'VN':>5}"]
    for name, c in list(ev.criteria.items()) + list(ev.rules.items()):
        lines.append(f"{name:<22}{c.precision:>10.3f}{c.recall:>8.3f}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}")
    lines += ["", f"type de message : exactitude {ev.type_accuracy:.3f} ({ev.type_correct}/{ev.type_total})"]
    if verbose:
        for name, c in list(ev.criteria.items()) + list(ev.rules.items()):
            for e in c.errors:
                lines.append(f"  {name} — {e}")
        for e in ev.type_errors:
            lines.append(f"  type — {e}")
    return "\n".join(lines)
