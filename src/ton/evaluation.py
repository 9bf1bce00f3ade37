"""Detection quality on a labelled corpus: per-criterion precision / recall, type accuracy.

The positive class is the *problem* a linter reports: a criterion not met (met = 0).
Precision = share of reported problems that are real; recall = share of real problems reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .batch import check_sources
from .check import FileReport, Options
from .errors import InputError, TonError
from .nlp import lexicon
from .reading import read_path
from .rules import CRITERIA

EXTRA = ("gabarit_non_rempli", "registre_familier", "tutoiement", "insistance")  # the rules labels carry


@dataclass
class Label:
    path: Path
    type: str
    met: dict[str, int]  # only the criteria the batch labels (older batches predate the newer criteria)
    rules: set[str]
    note: str = ""
    lot: str = ""


@dataclass
class Lot:
    """A batch of labelled messages: who wrote it, what they had seen, whether ton was tuned on it."""

    lot: str
    labels_file: str
    blind: bool
    writer: str = ""
    written: str = ""


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
    title: str = ""

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.type_total if self.type_total else 1.0


def _where(exc) -> str:
    """« (ligne 3, colonne 11) » from a YAML error, when it says where."""
    mark = getattr(exc, "problem_mark", None)
    return f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark is not None else ""


def load_lots(corpus: Path) -> dict[str, Lot]:
    """corpus/lots.yaml, by labels file name; without it every labels file is one tuned batch."""
    path = corpus / "lots.yaml"
    files = sorted(f.name for f in corpus.glob("etiquettes*.yaml"))
    if not path.is_file():
        return {f: Lot(f, f, False) for f in files}
    out = {}
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise TonError(f"lots.yaml : YAML invalide{_where(exc)}.") from None
    for i, item in enumerate(items):
        try:
            lot = Lot(str(item["lot"]), str(item["etiquettes"]), bool(item["aveugle"]), str(item.get("redacteur", "")),
                      str(item.get("ecrit_le", "")))
        except (KeyError, TypeError) as exc:
            raise TonError(f"lots.yaml, entrée {i} : clé manquante ({exc}).") from None
        out[lot.labels_file] = lot
    missing = [f for f in files if f not in out]
    if missing:
        raise TonError(f"lots.yaml : lot non décrit pour {', '.join(missing)} (qui l'a écrit, quand, aveugle ou non).")
    return out


def load_labels(corpus: Path, blind: bool | None = None) -> list[Label]:
    """Every label of the corpus; blind=True / False keeps only the blind / tuned batches."""
    labels = []
    files = sorted(corpus.glob("etiquettes*.yaml"))
    if not files:
        raise TonError(f"{corpus} : aucun fichier etiquettes*.yaml.")
    lots = load_lots(corpus)
    for f in files:
        lot = lots[f.name]
        if blind is not None and lot.blind != blind:
            continue
        try:
            items = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise TonError(f"{f.name} : YAML invalide{_where(exc)}.") from None
        for i, item in enumerate(items):
            try:
                met = {c: int(item["met"][c]) for c in CRITERIA if c in item["met"]}
                labels.append(Label(corpus / item["fichier"], item["type"], met, set(item.get("regles") or []),
                                    item.get("note", ""), lot.lot))
            except (KeyError, TypeError, ValueError) as exc:
                raise TonError(f"{f.name}, entrée {i} : étiquette invalide ({exc}).") from None
    return labels


def evaluate(corpus: Path, options: Options | None = None, forced_gold_type: bool = False,
             blind: bool | None = None) -> Evaluation:
    """blind=False: the tuned batches; True: the blind ones (never used for tuning); None: all."""
    labels = load_labels(corpus, blind)
    return score(labels, _reports(labels, options))


def evaluate_groups(corpus: Path, options: Options | None = None) -> list[Evaluation]:
    """Tuned and blind batches scored apart, from one pass over the corpus."""
    labels = load_labels(corpus)
    lots = {lot.lot: lot for lot in load_lots(corpus).values()}
    reports = _reports(labels, options)
    out = []
    for blind, title in ((False, "Lots de réglage"), (True, "Lots à l'aveugle (jamais utilisés pour régler ton)")):
        idx = [i for i, lab in enumerate(labels) if lots.get(lab.lot) is not None and lots[lab.lot].blind == blind]
        if idx:
            names = sorted({labels[i].lot for i in idx})
            ev = score([labels[i] for i in idx], [reports[i] for i in idx])
            ev.title = f"{title}, lots {', '.join(names)}"
            out.append(ev)
    return out


def _reports(labels: list[Label], options: Options | None) -> list:
    sources = [read_path(str(label.path)) for label in labels]
    return list(check_sources(sources, options or Options()))


def score(labels: list[Label], reports: list) -> Evaluation:
    """A criterion is counted on the messages whose labelled type requires it (lexicons/exigences.yaml):
    what ton would report there. (« Décision claire » means nothing in a thank-you note.)"""
    required = lexicon().requirements
    crit = {c: Counts() for c in CRITERIA}
    rules = {r: Counts() for r in EXTRA}
    correct, type_errors = 0, []
    for label, report in zip(labels, reports):
        name = label.path.name
        if isinstance(report, InputError):
            # Refused (exit 2): the user is told nothing about the message, so nothing is detected.
            type_errors.append(f"{name} : attendu {label.type}, refusé ({report.reason})")
            for cid, met in label.met.items():
                if cid in required.get(label.type, {}):
                    crit[cid].add(met == 0, False, name)
            for r in EXTRA:
                rules[r].add(r in label.rules, False, name)
            continue
        assert isinstance(report, FileReport)
        if report.type == label.type:
            correct += 1
        else:
            type_errors.append(f"{name} : attendu {label.type}, obtenu {report.type}")
        for c in report.criteria:
            if c.id in label.met and c.id in required.get(label.type, {}):
                crit[c.id].add(label.met[c.id] == 0, not c.met, name)
        fired = {f.rule for f in report.findings}
        for r in EXTRA:
            rules[r].add(r in label.rules, r in fired, name)
    return Evaluation(crit, rules, correct, len(labels), type_errors, len(labels))


def format_evaluation(ev: Evaluation, verbose: bool = False) -> str:
    lines = [f"{ev.title or 'Corpus'} : {ev.n} messages", "",
             f"{'critère':<22}{'précision':>10}{'rappel':>8}{'VP':>5}{'FP':>5}{'FN':>5}{'VN':>5}"]
    for name, c in list(ev.criteria.items()) + list(ev.rules.items()):
        if not c.tp + c.fp + c.fn + c.tn:
            continue  # no batch of this group labels it yet
        lines.append(f"{name:<22}{c.precision:>10.3f}{c.recall:>8.3f}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}")
    lines += ["", f"type de message : exactitude {ev.type_accuracy:.3f} ({ev.type_correct}/{ev.type_total})"]
    if verbose:
        for name, c in list(ev.criteria.items()) + list(ev.rules.items()):
            for e in c.errors:
                lines.append(f"  {name} — {e}")
        for e in ev.type_errors:
            lines.append(f"  type — {e}")
    return "\n".join(lines)
