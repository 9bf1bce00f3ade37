"""The pipeline: where a message enters and becomes a FileReport.

read (reading.py) -> parts (structure.py) -> spaCy doc, quotes blanked (nlp.py)
-> lexicon matches with polarity (analysis.py) -> type (msgtype.py)
-> each rule (rules/) -> findings placed and scored here -> emitters/.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import msgtype
from .analysis import Analysis, Match, analyse
from .errors import InputError
from .lexicon import Lexicon
from .model import CRITERIA, CriterionResult, Evidence, Finding, Severity
from .nlp import get_matcher, get_nlp, lexicon as load_lexicon
from .reading import Source
from .rules import CRITERIA_RULES, EXTRA_RULES, Context, Verdict
from .structure import Structure, parse

APPLICABLE = {
    "annulation": set(CRITERIA),
    "report": set(CRITERIA) - {"porte_ouverte"},
    "declinaison": set(CRITERIA) - {"proposition_report"},
    "refus_offre": set(CRITERIA) - {"proposition_report"},
    # Not a cancellation: only tone and brevity are checked.
    "autre": {"concision", "sans_critique"},
}

_FAILING = {
    Severity.ERREUR: (Severity.ERREUR,),
    Severity.AVERTISSEMENT: (Severity.ERREUR, Severity.AVERTISSEMENT),
    Severity.INFO: (Severity.ERREUR, Severity.AVERTISSEMENT, Severity.INFO),
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def placeholder_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Template placeholders ("[Nom]", "____", "XXX"), found once per message: the first pattern of
    lexicons/regex/gabarits.yaml that covers a place wins, so spans never overlap."""
    spans: list[tuple[int, int]] = []
    for _id, rx, _ex in lex.regexes.get("gabarits", []):
        for m in rx.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def mask_placeholders(st: Structure) -> str:
    """"[Nom de l'Entreprise]" becomes one name-like word of the same length, so the parser reads a
    name instead of brackets (offsets are unchanged). Quoted text stays blank."""
    chars = list(st.analysis_text())
    for s, e in st.holes:
        if not st.in_quote(s):
            chars[s:e] = "X" + "x" * (e - s - 1)
    return "".join(chars)


def criterion_severity(cid: str, mtype: str) -> Severity:
    if cid in ("concision", "porte_ouverte"):
        return Severity.AVERTISSEMENT
    if cid == "excuses" and mtype in ("declinaison", "refus_offre"):
        return Severity.AVERTISSEMENT
    return Severity.ERREUR


@dataclass
class Options:
    forced_type: str | None = None
    grammar: object | None = None  # a GrammarEngine, or None
    config: dict = field(default_factory=dict)  # overrides of lexicons/reglages.yaml
    lexicon_dir: str | None = None
    rules: dict = field(default_factory=dict)  # rule id -> severity value, or "desactivee" (ton.toml [regles])
    fail_level: Severity = Severity.ERREUR  # findings at this severity or above fail the file
    # spaCy worker processes; 1 lets check_sources choose (parallele.py: 2 on large batches without
    # a grammar process, docs/performance.md).
    n_process: int = 1


@dataclass
class FileReport:
    path: str
    text: str
    encoding: str
    type: str
    criteria: list[CriterionResult]
    findings: list[Finding]
    words: int
    sentences: int
    structure: Structure | None = None
    notices: list[str] = field(default_factory=list)
    fail_level: Severity = Severity.ERREUR

    @property
    def passed(self) -> bool:
        failing = _FAILING[self.fail_level]
        return not any(f.severity in failing for f in self.findings)

    @property
    def score(self) -> int:
        applicable = [c for c in self.criteria if c.applicable]
        base = 100.0 if not applicable else 100.0 * sum(c.met for c in applicable) / len(applicable)
        extra = sum(1 for f in self.findings if f.severity == Severity.ERREUR and f.rule not in CRITERIA)
        return max(0, round(base) - 10 * min(extra, 5))


def check_language(source: Source, lex: Lexicon) -> None:
    conf = lex.settings.get("langue", {})
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", source.text.lower())
    if len(words) < int(conf.get("min_mots", 12)):
        return
    fr = set(conf.get("francais", []))
    other = set(conf.get("autres", []))
    n_fr = sum(1 for w in words if w in fr)
    n_other = sum(1 for w in words if w in other and w not in fr)
    if n_fr / len(words) < float(conf.get("min_ratio", 0.15)) and n_other > n_fr:
        raise InputError(source.path, "le message ne semble pas être en français (ton n'analyse que le français).")


def _place_missing(cid: str, st: Structure, verdicts: dict[str, Verdict]) -> int:
    """Where a missing element belongs in the message."""
    b0, b1 = st.body
    if cid in ("remerciement", "decision_claire"):
        return b0
    if cid == "excuses":
        ev = [e for e in verdicts["decision_claire"].evidence if isinstance(e, Match)]
        return ev[0].span.sent.end_char if ev else b0
    if cid in ("proposition_report", "porte_ouverte"):
        return st.closing[0] if st.closing else b1
    return b0


def _evidence(items, text: str) -> list[Evidence]:
    out, seen = [], []
    for item in items:
        s, e = (item.start, item.end) if isinstance(item, Match) else item
        if any(s < e2 and s2 < e for s2, e2 in seen):
            continue
        seen.append((s, e))
        out.append(Evidence(s, e, text[s:e]))
    return out


def templates(lex: Lexicon, mtype: str, cid: str) -> list[str]:
    t = lex.templates
    return list(t.get(mtype, {}).get(cid) or t.get("commun", {}).get(cid) or t.get("annulation", {}).get(cid) or [])[:3]


def grammar_exclusions(st: Structure, text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names, placeholders, addresses, quotes and signature are not grammar errors."""
    out = list(st.quoted)
    for r in (st.salutation, st.signature):
        if r:
            out.append(r)
    out.extend(st.holes)
    out.extend((m.start(), m.end()) for m in _EMAIL.finditer(text))
    return out


def check_sources(sources: Iterable[Source], options: Options | None = None) -> Iterator[FileReport | InputError]:
    """Analyse many messages through one spaCy pipeline; yields reports (or input errors) in order."""
    options = options or Options()
    from .parallele import parse_processes, worker_for

    # Started first, so that the worker loads Grammalecte while this process loads spaCy.
    worker = worker_for(options.grammar, len(sources) if hasattr(sources, "__len__") else None)
    try:
        lex = load_lexicon(options.lexicon_dir)
        nlp = get_nlp()
        matcher = get_matcher(options.lexicon_dir)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    # One level deep, so that [concision] max_mots alone keeps the other thresholds.
    config = {**lex.settings}
    for key, value in options.config.items():
        config[key] = {**config[key], **value} if isinstance(value, dict) and isinstance(config.get(key), dict) else value

    # Streamed: sources are read, parsed and analysed a batch at a time, and nothing but the
    # reports outlives its batch, so memory does not grow with the number of docs.
    pending: deque = deque()

    def texts() -> Iterator[str]:
        for src in sources:
            try:
                check_language(src, lex)
                st = parse(src.text, lex.structure)
                st.holes = placeholder_spans(st.text, lex)
                closing = st.text[st.closing[0]:st.closing[1]] if st.closing else ""
                if not any(ch.isalnum() for ch in st.text[st.body[0]:st.body[1]]) and len(closing.split()) <= 3:
                    raise InputError(src.path, "le message ne contient aucun texte à vérifier (seulement une "
                                               "citation, un objet, une salutation ou une signature).")
            except InputError as err:
                pending.append(err)
                continue
            job = None
            if worker is not None:
                excl = grammar_exclusions(st, st.text, lex)
                job = (worker.submit(st.text, excl), excl)
            pending.append((src, st, job))
            yield mask_placeholders(st)

    import multiprocessing

    before = set(multiprocessing.active_children())
    finished = False
    try:
        n_process = options.n_process
        if n_process == 1 and worker is None and parse_processes(sources) > 1:
            # Large batch and the second core idle (no grammar process): spaCy forks a worker
            # of its own (same docs, same order; tests/test_batch.py).
            n_process = 2
        for doc in nlp.pipe(texts(), batch_size=64, n_process=n_process):
            while isinstance(pending[0], InputError):
                yield pending.popleft()
            src, st, job = pending.popleft()
            grammar = worker.result(job[0], st.text, job[1]) if job is not None else None
            yield apply_options(_report(src, st, doc, lex, matcher, config, options, grammar), options)
        while pending:  # input errors after the last message
            yield pending.popleft()
        finished = True
    finally:
        if worker is not None:
            worker.close()
        if not finished:
            # Stopped early (interrupt, error, reader gone): spaCy's parse workers would block on
            # their full queue forever and keep the process from exiting.
            for proc in set(multiprocessing.active_children()) - before:
                proc.terminate()
                proc.join(2)


def apply_options(report: FileReport, options: Options) -> FileReport:
    """Project settings on top of the rules' verdicts: rules switched off or re-graded, fail level."""
    report.fail_level = options.fail_level
    if not options.rules:
        return report
    off = {rid for rid, sev in options.rules.items() if sev == "desactivee"}
    for c in report.criteria:
        if c.id in off:
            c.applicable = False  # out of the score and of the checklist, like a criterion the type does not require
    kept = []
    for f in report.findings:
        sev = options.rules.get(f.rule)
        if sev == "desactivee":
            continue
        if sev is not None:
            f.severity = Severity(sev)
        kept.append(f)
    report.findings = kept
    return report


def _report(src: Source, st: Structure, doc, lex: Lexicon, matcher, config: dict, options: Options,
            grammar: list[Finding] | None = None) -> FileReport:
    """`grammar`: the engine's findings if already computed (by parallele.py), else computed here."""
    fixes = lex.lemma_fixes
    for tok in doc:
        lemma = fixes.get(tok.lower_)
        if lemma:
            tok.lemma_ = lemma
    a: Analysis = analyse(doc, st, lex, matcher)
    # Criteria are decided whatever the type; the type then uses one of them (a new date offered).
    ctx = Context(a, config)
    verdicts: dict[str, Verdict] = {rule.id: rule.check(ctx) for rule in CRITERIA_RULES}
    mtype = options.forced_type or msgtype.detect(a, proposes_date=verdicts["proposition_report"].met)
    applicable = APPLICABLE[mtype]
    criteria: list[CriterionResult] = []
    findings: list[Finding] = []
    for rule in CRITERIA_RULES:
        v = verdicts[rule.id]
        is_app = rule.id in applicable
        sugg = templates(lex, mtype, rule.id)
        criteria.append(CriterionResult(
            id=rule.id, met=v.met, applicable=is_app, evidence=_evidence(v.evidence, st.text),
            message=("Respecté." if v.met else v.message), suggestions=[] if v.met else sugg))
        if not is_app:
            continue
        severity = criterion_severity(rule.id, mtype)
        for f in v.findings:
            f.severity = Severity.AVERTISSEMENT if severity == Severity.AVERTISSEMENT else f.severity
            f.suggestions = f.suggestions or sugg
            findings.append(f)
        if not v.met and not v.findings:
            pos = _place_missing(rule.id, st, verdicts)
            findings.append(Finding(rule.id, severity, v.message, pos, pos, list(sugg)))
    for rule in EXTRA_RULES:
        findings.extend(rule.check(ctx))

    notices: list[str] = []
    if options.grammar is not None:
        if grammar is None:
            grammar = options.grammar.check(st.text, grammar_exclusions(st, st.text, lex))
        findings.extend(grammar)
        from .grammar import confusions  # ton's own checks for what the engines miss

        findings.extend(confusions.check(st, lex))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    report = FileReport(
        path=src.path, text=src.text, encoding=src.encoding, type=mtype, criteria=criteria, findings=findings,
        words=len(a.body_words), sentences=len(a.body_sentences), structure=st, notices=notices,
    )
    from .fixes import attach_fixes  # late import: fixes.py reads check.templates

    attach_fixes(report, lex)
    return report
