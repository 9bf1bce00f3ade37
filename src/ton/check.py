"""One message: from its spaCy doc to a FileReport (batch.py runs many through one pipeline).

read (reading.py) -> parts (structure.py) -> spaCy doc, quotes blanked (nlp.py, batch.py)
-> lexicon matches with polarity (analysis.py) -> type (msgtype.py)
-> each rule (rules/): verdict, applicability and severity by type, placement, fixes
-> FileReport, scored here -> emitters/.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from . import msgtype
from .analysis import Analysis, Match, analyse
from .dates import Moment
from .errors import InputError
from .fixes import FixContext, insert_missing
from .lexicon import Lexicon
from .model import WRITERS_CALL, CriterionResult, Evidence, Finding, Severity
from .nlp import accentless_lemmas, agreeing_adjectives, capitalised_verb_lemmas, glued_je_lemmas, unlemmatised_verbs
from .reading import Source
from .rules import BY_ID, CRITERIA_RULES, EXTRA_RULES, Context, Verdict
from .rules.base import span
from .structure import Structure

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


_RANK = {Severity.ERREUR: 0, Severity.AVERTISSEMENT: 1, Severity.INFO: 2}


def milder(a: Severity, b: Severity) -> Severity:
    return a if _RANK[a] >= _RANK[b] else b


@dataclass
class Options:
    forced_type: str | None = None
    grammar: object | None = None  # a GrammarEngine, or None
    config: dict = field(default_factory=dict)  # overrides of lexicons/reglages.yaml
    lexicon_dir: str | None = None
    rules: dict = field(default_factory=dict)  # rule id -> severity value, or "desactivee" (ton.toml [regles])
    fail_level: Severity = Severity.ERREUR  # findings at this severity or above fail the file
    select: tuple[str, ...] = ()  # --select: only these rules (ids or prefixes like « grammaire »)
    ignore: tuple[str, ...] = ()  # --ignore
    inline: dict = field(default_factory=dict)  # path -> rules silenced by a marker in the draft (markers.py)
    send_date: Moment | None = None  # --date-envoi: when every message is sent (else an e-mail's Date: header)
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
    # What the type model read (msgtype.features): kept for scripts/entrainer_type.py, never emitted.
    type_features: dict | None = field(default=None, repr=False)

    @property
    def passed(self) -> bool:
        failing = _FAILING[self.fail_level]
        return not any(f.severity in failing for f in self.findings)

    @property
    def score(self) -> int:
        """The one formula (docs/formats.md, « Score ») used by every format: 100, minus 20 per finding
        that fails the file and 5 per other warning; a failing file stays below 60 and a passing one
        at 60 or above, so the score never contradicts the verdict."""
        failing = _FAILING[self.fail_level]
        bad = sum(1 for f in self.findings if f.severity in failing)
        warn = sum(1 for f in self.findings if f.severity not in failing and f.severity != Severity.INFO)
        if bad:
            return max(0, min(PASS_MARK - 1, 100 - 20 * bad - 5 * warn))
        return max(PASS_MARK, 100 - 5 * warn)


# The lowest score of a file that passes (no finding at the fail level).
PASS_MARK = 60

# Rules of ton that say more precisely what an engine's spelling finding on the same words says.
_OWNS_WORDS = ("registre_familier", "tutoiement", "negation_orale", "gabarit_non_rempli")

UNDECIDED = "type_indetermine"


def strictest_type(lex: Lexicon) -> str:
    """The type whose requirements fail the most (annulation with the shipped lexicons)."""
    return max(lex.requirements, key=lambda t: (sum(v == "erreur" for v in lex.requirements[t].values()),
                                                len(lex.requirements[t])))


def deduplicate(findings: list[Finding]) -> list[Finding]:
    """One problem, one finding: an engine's spelling finding on words a ton rule already flags
        (« dsl » is both unknown to the speller and familiar) is dropped."""
    owned = [(f.start, f.end) for f in findings if f.rule in _OWNS_WORDS and f.end > f.start]
    return [f for f in findings
            if not (f.rule.startswith("grammaire/") and any(s < f.end and f.start < e for s, e in owned))]


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


_SENTENCE_STOP = re.compile(r"[.!?…]+(?=\s|$)")


def place_missing(where: str, st: Structure, verdicts: dict[str, Verdict]) -> int:
    """The offset a missing element goes to, for a rule's `where` (rules/base.py WHERE)."""
    b0, b1 = st.body
    if where == "apres_decision":
        ev = verdicts["decision_claire"].evidence
        if not ev:
            # A hedged decision is still where the decision is: what follows it goes after its sentence.
            hedged = verdicts["decision_claire"].findings
            if hedged:
                stop = _SENTENCE_STOP.search(st.text, hedged[0].end, b1)
                return stop.end() if stop else b1
            return b0
        # A lexicon match ends where its sentence ends; the sentence layer's evidence is the sentence.
        return ev[0].span.sent.end_char if isinstance(ev[0], Match) else ev[0][1]
    if where == "fin":
        return st.closing[0] if st.closing else b1
    return b0


def _evidence(items, text: str) -> list[Evidence]:
    """The items' spans, each dropped if it overlaps one kept before it."""
    out, seen, longest = [], [], 0  # seen: kept spans sorted by start, looked up around each new one
    for item in items:
        s, e = span(item)
        lo = bisect_left(seen, (s - longest,))
        if any(s < e2 and s2 < e for s2, e2 in seen[lo:bisect_left(seen, (e,))]):
            continue
        insort(seen, (s, e))
        longest = max(longest, e - s)
        out.append(Evidence(s, e, text[s:e]))
    return out


def grammar_exclusions(st: Structure, text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names, placeholders, addresses, quotes and signature are not grammar errors."""
    out = list(st.quoted)
    for r in (st.salutation, st.signature):
        if r:
            out.append(r)
    out.extend(st.holes)
    out.extend((m.start(), m.end()) for m in _EMAIL.finditer(text))
    return out


def rule_matches(rule: str, pattern: str) -> bool:
    """« grammaire » names every grammar rule, « grammaire/grammalecte » every rule of that engine."""
    return rule == pattern or rule.startswith(pattern.rstrip("/") + "/")


def apply_options(report: FileReport, options: Options) -> FileReport:
    """Project settings on top of the rules' verdicts: rules switched off or re-graded (ton.toml,
    --select/--ignore, a marker in the draft), fail level."""
    report.fail_level = options.fail_level
    silenced = (*options.ignore, *options.inline.get(report.path, ()))
    if not (options.rules or options.select or silenced):
        return report

    def off(rule: str) -> bool:
        if options.rules.get(rule) == "desactivee" or any(rule_matches(rule, p) for p in silenced):
            return True
        return bool(options.select) and not any(rule_matches(rule, p) for p in options.select)

    for c in report.criteria:
        if off(c.id):
            c.applicable = False  # out of the score and of the checklist, like a criterion the type does not require
    kept = []
    for f in report.findings:
        if off(f.rule):
            continue
        sev = options.rules.get(f.rule)
        if sev is not None:
            f.severity = Severity(sev)
        kept.append(f)
    report.findings = kept
    return report


def check_message(src: Source, st: Structure, doc, lex: Lexicon, matcher, config: dict, options: Options,
                  grammar: list[Finding] | None = None) -> FileReport:
    """`grammar`: the engine's findings if already computed (by parallele.py), else computed here."""
    unlemmatised_verbs(doc)
    accentless_lemmas(doc, lex.lemmas)
    lex.fix_lemmas(doc)
    capitalised_verb_lemmas(doc)
    glued_je_lemmas(doc)
    agreeing_adjectives(doc)
    a: Analysis = analyse(doc, st, lex, matcher)
    # Criteria are decided whatever the type; the type then uses one of them (a new date offered).
    ctx = Context(a, config)
    verdicts: dict[str, Verdict] = {rule.id: ctx.verdict(rule) for rule in CRITERIA_RULES}
    type_features = None
    if options.forced_type:
        mtype = options.forced_type
    else:
        type_features = msgtype.features(a, proposes_date=verdicts["proposition_report"].met)
        mtype = msgtype.detect(a, feats=type_features)
    # Nothing decided the type: not waved through, but checked against the strictest list.
    undecided = options.forced_type is None and mtype == "autre"
    checked_as = strictest_type(lex) if undecided else mtype
    criteria: list[CriterionResult] = []
    findings: list[Finding] = []
    for rule in CRITERIA_RULES:
        v = verdicts[rule.id]
        severity = rule.severity_for(checked_as, lex)
        if severity is not None and rule.applies is not None and not rule.applies(ctx, checked_as):
            severity = None
        sugg = lex.suggestions(checked_as, rule.id)
        criteria.append(CriterionResult(
            id=rule.id, met=v.met, applicable=severity is not None, evidence=_evidence(v.evidence, st.text),
            message=("Respecté." if v.met else v.message), suggestions=[] if v.met else sugg))
        if severity is None:
            continue
        for f in v.findings:
            # A note of the rule's own (an announcement) has no template; nor has the writer's call (a door
            # they shut, a report they rule out): a template would contradict them.
            if f.severity is not Severity.INFO and f.kind != WRITERS_CALL:
                f.suggestions = f.suggestions or sugg
            f.severity = milder(f.severity, severity)  # the type may make a violation milder, never harsher
            findings.append(f)
        if not v.met and not v.findings:
            pos = place_missing(rule.where, st, verdicts)
            findings.append(Finding(rule.id, severity, v.message, pos, pos, list(sugg)))
    ctx.meta["type"] = mtype  # the extra rules may depend on it (delai)
    ctx.meta["date_envoi"] = options.send_date or src.sent
    for rule in EXTRA_RULES:
        findings.extend(rule.check(ctx))

    notices: list[str] = []
    if options.grammar is not None:
        if grammar is None:
            grammar = options.grammar.check(st.text, grammar_exclusions(st, st.text, lex))
        from .grammar import confusions, prefer_common  # ton's own checks for what the engines miss

        vocab = doc.vocab
        prefer_common(grammar, st.text,
                      lambda w: vocab.vectors.key2row.get(vocab.strings[w]) if w in vocab.strings else None)
        findings.extend(grammar)

        findings.extend(confusions.check(st, lex))
    if undecided:
        findings.append(Finding(
            UNDECIDED, Severity.ERREUR,
            "Le type du message n'a pas pu être déterminé (annulation, report, déclinaison, refus d'offre…) : "
            f"il est vérifié selon la liste la plus exigeante ({checked_as}). Précisez-le avec --type "
            "(ou « type » dans ton.toml).", st.body[0], st.body[0]))
    findings = deduplicate(findings)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    report = FileReport(
        path=src.path, text=src.text, encoding=src.encoding, type=mtype, criteria=criteria, findings=findings,
        words=len(a.body_words), sentences=len(a.body_sentences), structure=st, notices=notices,
        type_features=type_features,
    )
    attach_fixes(report, lex, config)
    return report


def attach_fixes(report: FileReport, lex: Lexicon, config: dict | None = None) -> None:
    """Give every finding that can be corrected the Fix its rule makes (grammar findings have theirs)."""
    if report.structure is None:
        return
    ctx = FixContext(report, lex, config)
    # Some rules' fixes come first: they may share an edit with another rule's ("jpeux pas").
    order = sorted(report.findings, key=lambda f: 0 if f.rule in BY_ID and BY_ID[f.rule].fix_first else 1)
    for f in order:
        rule = BY_ID.get(f.rule)
        if f.fix is not None or rule is None:
            continue
        if f.start == f.end and rule.insert:
            f.fix = insert_missing(ctx, f)
        elif rule.fix is not None:
            f.fix = rule.fix(ctx, f)
