"""What a rule is, and the context it reads.

A rule module owns everything about its point: the decision (`check`), the lexicon groups it
reads (`groups`, checked at load), its applicability and severity by message type (the table
lexicons/exigences.yaml, plus an optional `applies` condition), where a missing element goes
(`where`) and how its findings are fixed (`fix`, `insert`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..analysis import Analysis, Match, doc_text, if_clause, imperative, in_past
from ..model import WRITERS_CALL, Finding, Fix, Severity
from ..polarite import polarities

if TYPE_CHECKING:
    from ..fixes import FixContext
    from ..lexicon import Lexicon

# Where a missing element is inserted: right after the salutation, right after the sentence that
# states the decision, or just before the closing formula.
WHERE = ("debut", "apres_decision", "fin")


@dataclass
class Context:
    analysis: Analysis  # rules decide whatever the message type; the type is applied afterwards
    config: dict  # thresholds (concision…), from lexicons/reglages.yaml, overridable
    meta: dict = field(default_factory=dict)  # facts outside the text (e.g. the sending date)

    @property
    def text(self) -> str:
        return self.analysis.structure.text

    def verdict(self, rule: "Rule") -> "Verdict":
        """A criterion's verdict, decided once per message whichever asks first: the report, or another rule
        that reads it (concision asks sans_critique which sentences are remarks, not the writer's story)."""
        cache = self.__dict__.setdefault("_verdicts", {})
        if rule.id not in cache:
            cache[rule.id] = rule.check(self)
        return cache[rule.id]


@dataclass
class Verdict:
    """A checklist criterion's decision: met or not, the words behind it, and any violation found."""

    met: bool
    evidence: list[Match | tuple[int, int]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # violations at precise spans
    message: str = ""  # why it is not met (French), used for the "missing" finding

    def spans(self) -> list[tuple[int, int]]:
        """Where the verdict rests: its evidence, then its findings, as (start, end) offsets."""
        return [span(e) for e in self.evidence] + [(f.start, f.end) for f in self.findings]


def span(item: Match | tuple[int, int]) -> tuple[int, int]:
    """The (start, end) offsets of a piece of evidence: a lexicon match or a span already."""
    return (item.start, item.end) if isinstance(item, Match) else item


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "critere" | "regle"
    title: str  # one line, French
    explanation: str  # French, for `ton expliquer` and the docs
    good: str  # a passing example
    bad: str  # a failing example
    severity: Severity  # default severity of its findings (criteria: see lexicons/exigences.yaml)
    check: Callable[[Context], object]  # critere -> Verdict ; regle -> list[Finding]
    label: str = ""  # the checklist's name for it, French ("décision claire")
    short: str = ""  # column heading of the class table
    groups: tuple[str, ...] = ()  # lexicon groups read by the rule (validated at load)
    words: tuple[str, ...] = ()  # word lists of lexicons/mots.yaml read by the rule (validated at load)
    where: str = "debut"  # where a missing element goes (WHERE)
    insert: bool = False  # a missing element is fixed by inserting a template sentence
    fix: Callable[[FixContext, Finding], Fix | None] | None = None  # fix for a finding with a span
    fix_priority: int = 5  # lower first when two fixes touch the same words
    fix_first: bool = False  # its fixes are computed before the others' (they may share edits)
    # Extra condition on top of the type table ("excuses" only when the candidate missed the call).
    applies: Callable[[Context, str], bool] | None = None

    def severity_for(self, mtype: str, lex: Lexicon) -> Severity | None:
        """The severity of a missing criterion for this message type, None when it does not apply."""
        sev = lex.requirements.get(mtype, {}).get(self.id)
        return Severity(sev) if sev else None


def finding(rule: str, severity: Severity, message: str, start: int, end: int, suggestions=()) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, start=start, end=end, suggestions=list(suggestions))


def left_to_writer(rule: str, severity: Severity, message: str, start: int, end: int) -> Finding:
    """A finding the writer alone can settle (model.WRITERS_CALL: a decision still to take, a door they shut, a
    report they rule out): no fix, no template, which would decide or contradict in their place."""
    f = finding(rule, severity, message, start, end)
    f.kind = WRITERS_CALL
    return f


class SpanMark:
    """A span a rule found by its construction, shaped like a Match for quote() and for what compares
    offsets; subclasses tell kinds of marks apart (isinstance)."""

    def __init__(self, span) -> None:
        self.span, self.start, self.end, self.text = span, span.start_char, span.end_char, span.text


def quote(m: Match) -> str:
    return f"« {m.text.strip()} »"


_WORD = re.compile(r"[^\W\d_]+")


def rescued(ctx: Context, verdict: Verdict, label: str, groups: tuple[str, ...],
            skip: frozenset[int] = frozenset()) -> Verdict:
    """A point the lexicon did not find, made in a sentence the sentence layer scores high for it
    (reglages.yaml gestes.presence): met, with that sentence as evidence. The model only speaks where the
    lexicon saw nothing of the point: a sentence where an expression of `groups` matched and was set aside
    (negated, a request, ironic…) stays the lexicon's decision ("je ne vous remercie pas"), and so does a
    sentence of `skip` (the starts of sentences the rule has read otherwise)."""
    if verdict.met or verdict.findings:
        return verdict
    threshold = float(ctx.config.get("gestes", {}).get("presence", 1.1))
    a = ctx.analysis
    judged = {m.span.sent.start_char for g in groups for m in a.group(g, own=False, valid=False)} | skip
    # Nor is a sentence the lexicon reads as a reproach ("Bravo pour l'organisation.").
    judged |= {m.span.sent.start_char for g in ("critique.directes", "remerciement.exclusions")
               for m in a.group(g, own=False)}
    # A sentence read as a reproach is no thanks, apology or wish, whatever its words ("bravo pour l'organisation").
    # « Kevin », a signature on its own line: too few words for the layer to read any point in them.
    few = int(ctx.config.get("gestes", {}).get("mots_min", 0))
    text = doc_text(a.doc)
    def sentence_of(start: int) -> int | None:  # a unit of the layer may start inside a parsed sentence
        span = a.doc.char_span(start, start + 1, alignment_mode="expand")
        return a.doc[a._sent_start(span)].idx if span is not None and len(span) else None

    found = [s for s in a.scored(label, threshold)
             if not any(s.start <= j < s.end for j in judged) and sentence_of(s.start) not in judged
             and (label == "critique" or s["critique"] < 0.5)
             and len(_WORD.findall(text, s.start, s.end)) >= few]
    return Verdict(True, [(s.start, s.end) for s in found[:1]]) if found else verdict


def presence(ctx: Context, group: str, why: str, request: bool = False, label: str = "") -> Verdict:
    """A point made by one of the group's expressions (own text, polarity respected). `request`: only in a
    question or a polite request ("pourriez-vous…", "j'aimerais…"), as asking for feedback must be."""
    words = set(ctx.analysis.lexicon.settings.get("demande", {}).get("marques", []))
    found = [m for m in ctx.analysis.group(group) if not request or is_request(m, words)]
    verdict = Verdict(True, found) if found else Verdict(False, [], [], why)
    return rescued(ctx, verdict, label, (group,)) if label else verdict


def is_request(m: Match, words: set[str]) -> bool:
    """A question, a conditional, or a request word in the sentence ("je souhaiterais savoir…",
    reglages.yaml demande.marques)."""
    sent = m.span.sent
    rest = doc_text(sent.doc)[sent.end_char:sent.end_char + 3]
    if "?" in sent.text or rest.strip().startswith("?"):
        return True
    # The tagger often calls "je serais preneur" indicative: the ending tells the conditional.
    # An imperative addressed to the recipient asks too ("Tenez-moi informée").
    return any("Cnd" in t.morph.get("Mood") or imperative(t) or (t.lemma_.lower() in words and not _thanks_for_a_thing(t))
               or (t.pos_ in ("VERB", "AUX") and t.lower_.endswith(("rais", "rait", "rions", "riez", "raient")))
               or _if_you_can(t) for t in sent)


def _if_you_can(t) -> bool:
    """« Si vous pouvez me dire ce que je dois améliorer » : asking politely, as a hypothesis on the recipient's means."""
    return t.lemma_ == "pouvoir" and if_clause(t) \
        and any(c.dep_.startswith("nsubj") and c.lower_ in ("vous", "tu") for c in t.children)


def _thanks_for_a_thing(t) -> bool:
    """« Merci pour la transparence sur les raisons du choix » thanks for what was given; « merci de m'indiquer
    ce qui a manqué » asks (« merci » followed by « de » and an infinitive)."""
    if t.lower_ != "merci":
        return False
    after = t.doc[t.i + 1 : t.i + 5]
    return not (len(after) and after[0].lower_ in ("de", "d'", "d’")
                and any("Inf" in u.morph.get("VerbForm") for u in after[1:]))


MY = {"mon", "ma", "mes"}
# The recipient's possessives (vouvoiement and tutoiement).
THEIRS = {"votre", "vos", "vôtre", "vôtres", "ton", "ta", "tes"}


def me_before(tok) -> bool:
    """« me » / « m' » before the verb (« la nouvelle me déçoit », « m'arrangerait »): the writer is its object."""
    return any(c.lower_ in ("me", "m'", "m’") and c.i < tok.i for c in tok.children)
ME = {"je", "j'", "j’", "me", "m'", "m’", "moi"}


def opens_on_writers_noun(sent, nouns: set[str] | None = None) -> bool:
    """« Mon employeur actuel, une petite association, traverse… » : the sentence opens (within its first three
    words) on a noun of the writer's (« mon, ma, mes »), whatever role the parser gives it, as long as no
    preposition makes it a complement; `nouns`: only these lemmas."""
    opening = next((t for t in sent if t.pos_ in ("NOUN", "PROPN")), None)
    return opening is not None and opening.i - sent.start <= 2 \
        and (nouns is None or opening.lemma_.lower() in nouns) \
        and not any(c.dep_ == "case" for c in opening.children) \
        and any(d.dep_ == "det" and d.lower_ in MY for d in opening.children)


def in_writers_paragraph(a, toks, subjects: set[str], second: set[str]) -> bool:
    """« Mon employeur actuel traverse une procédure de sauvegarde. […] Les orages ont endommagé les
    structures, si bien que le planning a glissé. » : the paragraph opened on the writer's side (reglages
    critique.sujets_cote_candidat after « mon, ma, mes »), and neither it since nor these words name the
    recipient (`second`: « vous », « votre »…) — the story goes on about the writer's side."""
    if not toks or any(t.lower_ in second for t in toks):
        return False
    before = paragraph_before(a, toks[0])
    if not before or not opens_on_writers_noun(before[0], subjects):
        return False
    return not any(t.lower_ in second for sent in before for t in sent)


def paragraph_before(a, tok) -> list:
    """The body sentences of `tok`'s paragraph before it, found by bisection (linear in the message's length)."""
    text = doc_text(a.doc)  # not Doc.text: it joins every token at each call (quadratic on long messages)
    start = max(text.rfind("\n\n", 0, tok.idx), 0)
    starts = a.body_sentence_starts
    return a.body_sentences[bisect_left(starts, start) : bisect_left(starts, tok.idx)]


def in_writers_story(a, toks, second: set[str]) -> bool:
    """« Vendredi dernier, nous avons appris que notre fils était malade. Tout s'est enchaîné très vite : fatigue,
    ecchymoses, prise de sang… », « Hier, j'étais de garde à la clinique. L'intervention a duré trois heures » : the
    paragraph opened on the writer telling what happened to them (« je », « nous » subject of a past verb), and
    neither it since nor these words name the recipient (`second`) or have someone act on the writer (« me ») — the
    story goes on."""
    if not toks or any(t.lower_ in second or t.lower_ in ("me", "m'", "m’") for t in toks):
        return False
    before = paragraph_before(a, toks[0])
    if not before or any(t.lower_ in second for sent in before for t in sent):
        return False
    # (Not a paragraph opened on the recruitment, « J'ai postulé il y a deux mois pour le poste » : a target of the
    # recipient's side, critique.cibles, in it.)
    if any(a.group_in_sentence("critique.cibles", a._sent_start(sent[0])) for sent in before):
        return False
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" and in_past(t, copula=True)
               and any(c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’", "nous") for c in t.children)
               for t in before[0])


def set_aside(m) -> bool:
    """« je préfère annuler plutôt que de vous proposer une date au hasard », « plutôt que de ne pas venir au dernier
    moment » : the option the writer sets aside (« plutôt que (de) » before it in its clause, no comma between)."""
    doc = m.span.doc
    for i in range(m.span.start - 1, max(m.span.sent.start, m.span.start - 8) - 1, -1):
        # (Nor past a clause of its own: « Plutôt que de reporter encore, je préfère annuler ».)
        if doc[i].text in (",", ";", ":") or "Fin" in doc[i].morph.get("VerbForm") or doc[i].dep_.startswith("nsubj"):
            return False
        if doc[i].lower_ in ("que", "qu'", "qu’") and i > 0 and doc[i - 1].lower_ == "plutôt":
            return True
    return False


def substantive(tok) -> bool:
    """« la chaîne du froid », « le bas de la page » : an adjective of the lexicon used as a noun, with its
    article — the name of a thing, not a judgment of one."""
    return tok.pos_ == "NOUN" and tok.lower_ in polarities() \
        and any(c.dep_ in ("det", "case") and c.lower_ in ("le", "du", "au", "l'", "l’") for c in tok.children)


def writers_own_noun(tok) -> bool:
    """A negative noun that is the writer's own, not a remark: « malgré mes vingt minutes de retard »,
    « j'aurai un quart d'heure de retard »."""
    if tok.pos_ != "NOUN":
        return False
    node = tok
    for _ in range(4):  # up the noun phrase: « mes vingt minutes de retard »
        if any(c.dep_ == "det" and c.lower_ in MY for c in node.children):
            return True
        if node.dep_ != "nmod" or node.head.i == node.i:
            break
        node = node.head
    # What the writer has or takes (« j'aurai du retard », « j'ai pris du retard ») — not what he judges
    # (« je ne garde pas un bon souvenir de notre échange »).
    if node.dep_ not in ("obj", "obl", "obl:arg", "obl:mod") or node.head.lemma_ not in ("avoir", "être", "prendre"):
        return False
    return any(c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ in ME for c in node.head.children)


def thanks_pointed_at(m, demonstratives) -> bool:
    """« Merci pour ce mail de quatre lignes » : what is thanked for is pointed at with a demonstrative
    (reglages remerciement.demonstratifs) — the object of the thanks, not a word deeper in the phrase
    (« pour le temps consacré ces dernières semaines »). Sincere thanks name their object plainly."""
    objects = [c for t in m.span for c in t.children if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "obj")]
    return any(d.dep_ == "det" and d.lower_ in demonstratives for o in objects for d in o.children)


def glued(word: str, f: Finding) -> str | None:
    """The expansion of « jviens » (« je viens ») its finding carries, if `word` is a glued « je »."""
    return f.suggestions[0] if f.rule == "registre_familier" and _GLUED.fullmatch(word) and f.suggestions \
        and f.suggestions[0].lower().startswith("je ") else None


_GLUED = re.compile(r"[jJ][^\W\d_aeiouyàâéèêëîïôûùüÿœ]\w+")
