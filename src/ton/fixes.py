"""The toolkit rules use to build their fixes (edits + safety level), and the context they read.

Each rule module owns its fix (`Rule.fix`); check.attach_fixes calls them. Nothing here
changes the text: `rewrite.py` applies the edits. Sentences come from the templates
(lexicons/modeles.yaml) and the replacement table (lexicons/remplacements.yaml); no name,
date or slot is ever invented, the templates' [placeholders] stay visible.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Protocol

from .model import CriterionResult, Edit, Evidence, Finding, Fix, Safety
from .positions import Nearby

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .structure import Structure


class CheckedMessage(Protocol):
    """What a fix reads of a checked message (check.FileReport has it; no import of check here)."""

    text: str
    type: str
    structure: Structure | None
    criteria: list[CriterionResult]
    findings: list[Finding]

# The patterns of lexicons/regex/ read here (family, id), checked at load by rules.validate.
REGEXES_READ = (("reecriture", "condition"), ("reecriture", "remerciement_final"))

_SENT_END = re.compile(r"[.!?…]+[»\")\]]*(?=\s|$)")
# Where a sentence may be cut so that the decision survives without the remark.
_CLAUSE_SEP = re.compile(r"\s*[:;,–—]\s*|\s+(?:car|parce que|parce qu'|puisque|mais|donc|vu|étant donné)\s+", re.I)
VOWELS = "aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ"


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in [start, end): split at final punctuation and at line ends."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        cur = pos
        for m in _SENT_END.finditer(text, pos, line_end):
            s = _skip_space(text, cur, m.end())
            if s < m.end():
                out.append((s, m.end()))
            cur = m.end()
        s = _skip_space(text, cur, line_end)
        tail = text[s:line_end].rstrip()
        if tail:
            out.append((s, s + len(tail)))
        pos = line_end + 1
    return out


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def pick_template(lex: Lexicon, mtype: str, cid: str, gender: str | None = None) -> str:
    """The first template without placeholders if any (ready to send), else the first one; agreed with the
    writer when their gender is known (`writer_gender`), else in its neutral wording."""
    found = lex.suggestions(mtype, cid)
    plain = [t for t in found if "[" not in t]
    return agree(lex, (plain or found or [""])[0], gender)


def agree(lex: Lexicon, sentence: str, gender: str | None) -> str:
    """The template sentence agreed with the writer (modeles.yaml accords), or as it is: neutral."""
    return lex.agreements.get(sentence, {}).get(gender or "", sentence)


def writer_gender(text: str, st: Structure | None, lex: Lexicon) -> str | None:
    """"masculin" or "feminin" when the writer's own agreed adjectives and participles say so (regex/genre.yaml:
    "je suis ravie", "je me suis trompé"), in their own text (body, quotes left out); None when nothing says,
    or when the clues disagree. A first name or a title never decides."""
    b0, b1 = st.body if st is not None else (0, len(text))
    found = set()
    for gender, rx, _ex in lex.regexes.get("genre", []):
        for m in rx.finditer(text, b0, b1):
            if st is None or not st.in_quote(m.start()):
                found.add(gender)
                break
    return found.pop() if len(found) == 1 else None


class FixContext:
    """What a rule's fix reads: the checked message, its sentences and the lexicon."""

    def __init__(self, report: CheckedMessage, lex: Lexicon, config: dict | None = None) -> None:
        self.r = report
        self.lex = lex
        # The thresholds the message was checked with (lexicons/reglages.yaml and the ton.toml overrides):
        # a fix must satisfy the same limits as the check that called for it.
        self.config = config if config is not None else lex.settings
        self.text = report.text
        self.st = report.structure
        self.rep = lex.replacements
        b0, b1 = self.st.body if self.st else (0, len(self.text))
        self.sents = sentences(self.text, b0, b1)
        # In order and disjoint (sentences() moves forward): found by bisection, not by a scan per finding.
        self._sent_starts = [s for s, _ in self.sents]
        self._near: dict[str, Nearby] = {}
        self.reason_given = False
        self.gender = writer_gender(self.text, self.st, lex)

    def evidence(self, cid: str) -> list[Evidence]:
        return next((c.evidence for c in self.r.criteria if c.id == cid), [])

    def evidence_near(self, cid: str, start: int, end: int) -> list[Evidence]:
        """`evidence(cid)` items that start in [start, end), in their order (indexed once per criterion)."""
        if cid not in self._near:
            self._near[cid] = Nearby(self.evidence(cid))
        return [ev for ev in self._near[cid].around(start, end) if start <= ev.start < end]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < self.sents[i][1]:
            return self.sents[i]
        return pos, pos

    def sentences_touching(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that start in [start, end) or hold `start`, in order."""
        i = max(bisect_right(self._sent_starts, start) - 1, 0)
        j = bisect_left(self._sent_starts, end)
        return [(s, e) for s, e in self.sents[i:max(i + 1, j)] if start <= s < end or s <= start < e]

    def at_sentence_start(self, pos: int) -> bool:
        before = self.text[:pos].rstrip(" \t")
        return not before or before[-1] in "\n.!?…"


# --- missing criteria: insert a template sentence where it belongs ---------------------------

def withdraws(ctx: FixContext) -> bool:
    """The candidate leaves the process (remplacements.yaml retrait): asking for a new date would
    turn a withdrawal into a reschedule."""
    b0, b1 = ctx.st.body if ctx.st else (0, len(ctx.text))
    body = ctx.text[b0:b1]
    return any(re.search(rx, body, re.I) for rx in ctx.rep.get("retrait", []))


def leaves(ctx: FixContext) -> bool:
    """The candidate leaves the process for good: a withdrawal stated without condition or hedge
    (regex/reecriture.yaml condition: "Sans réponse d'ici vendredi, je retirerai ma candidature")."""
    b0, b1 = ctx.st.body if ctx.st else (0, len(ctx.text))
    condition = ctx.lex.regex("reecriture", "condition")
    for rx in ctx.rep.get("retrait", []):
        for m in re.finditer(rx, ctx.text[b0:b1], re.I):
            s, e = ctx.sentence_at(b0 + m.start())
            if not condition.search(ctx.text[s:e]):
                return True
    return False


# What a candidate who leaves the process would never say: another date, a renewed interest, the next steps.
_NOT_WHEN_LEAVING = ("proposition_report", "interet_reitere", "prochaines_etapes")


def insert_missing(ctx: FixContext, f: Finding) -> Fix | None:
    if f.rule == "proposition_report" and withdraws(ctx):
        return None
    if f.rule in _NOT_WHEN_LEAVING and leaves(ctx):
        return None
    sentence = pick_template(ctx.lex, ctx.r.type, f.rule, ctx.gender)
    if not sentence:
        return None
    pos = _before_thanks_line(ctx, f.start)
    edits = _after_greeting(ctx, pos, sentence) or (insertion(ctx.text, ctx.st, pos, sentence),)
    return Fix(edits, Safety.UNSAFE, f"Ajouter « {sentence} »")


# The greeting proper at the start of a line: the word, then a title and names ("Bonjour Mme Petit"), never
# the words of the message that follow it on the same line ("Bonjour c'est Léa…", "Bonjour excusez-moi, …").
_GREETING = re.compile(r"(?i:bonjour|bonsoir|salut|hello|coucou)(?:[ \t]+(?i:madame|monsieur|mademoiselle|mme|mlle|m\.|mr))?"
                       r"(?:[ \t]+(?:\[[^\]\n]{1,60}\]|_{2,}|(?!(?:Je|J['’]|Il|Elle|Nous|Vous|On|Ce|C['’]|Ma|Mon|Mes|Merci"
                       r"|Excusez|Désolée?)\b)[A-ZÀ-Ý][\w'’-]*)){0,3}")
# Lowercase words a salutation may hold after the greeting ("Bonjour à tous,", "Bonjour Madame la Présidente,").
_GREETING_WORDS = {"à", "le", "la", "les", "l", "tous", "toutes", "vous", "et", "cher", "chère", "chers", "chères", "madame",
                   "monsieur", "mesdames", "messieurs", "mademoiselle", "docteur", "maître", "bonjour", "bonsoir"}


def _after_greeting(ctx: FixContext, pos: int, sentence: str) -> tuple[Edit, Edit] | None:
    """An insertion at the start of a message whose greeting shares its line with the message's first words
    (an SMS draft: "Bonjour c'est Léa pour l'entretien…", which the structure does not take for a salutation):
    after the greeting, which gets a line of its own, never before it. The line break is an edit of its own,
    the same for every point inserted there, so that they all go in one pass, in the checklist's order."""
    text, st = ctx.text, ctx.st
    line_start = text.rfind("\n", 0, pos) + 1
    if st is not None and st.salutation is not None and st.salutation[1] <= pos \
            and not text[st.salutation[1]:pos].strip():
        line_start = st.salutation[0]
    elif text[line_start:pos].strip():
        return None
    begin = _skip_space(text, line_start, len(text))
    m = _GREETING.match(text, begin)
    if not m or not ctx.lex.structure.salutation.match(text[begin:]):
        return None
    k = m.end()
    while k < len(text) and text[k] in " \t,!":
        k += 1
    if k >= len(text) or text[k] in "\r\n":
        return None  # the greeting has its line: the usual insertion after it
    if st is not None and st.salutation is not None:
        # "Bonjour Madame Roux, je…", "Bonjour [Nom]," : the structure's salutation is the greeting itself; not
        # "Bonjour excusez-moi, je…" ("Bjr dsl jpeux…"), whose comma ends the writer's first words.
        word = re.match(r"[a-zà-ÿ]+", text[k:st.salutation[1]])
        if not word or word.group(0) in _GREETING_WORDS:
            return None
    return Edit(m.end(), k, "," + _newline(text)), Edit(k, k, sentence + " ")


def _before_thanks_line(ctx: FixContext, pos: int) -> int:
    """Where an element "before the closing formula" goes when the message has no closing formula the
    structure knows but ends its body with a short thanks line of its own ("Merci de votre compréhension,"
    then the signature, regex/reecriture.yaml remerciement_final): before that line, which closes the message."""
    st = ctx.st
    if st is None or st.closing is not None or pos != st.body[1]:
        return pos
    text = ctx.text
    end = len(text[:pos].rstrip())
    line_start = text.rfind("\n", 0, end) + 1
    line = text[line_start:end]
    thanks_line = ctx.lex.regex("reecriture", "remerciement_final")
    if line_start <= st.body[0] or not thanks_line.fullmatch(line) or len(line.split()) > 6:
        return pos
    if not text[st.body[0]:line_start].strip():
        return pos  # the thanks is the whole body
    return line_start


def insertion(text: str, st, pos: int, sentence: str) -> Edit:
    """An insertion at `pos` that keeps the message's layout (own line, or after a sentence)."""
    nl = _newline(text)
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    if not before.strip():
        # Start of a line (before the closing formula): a line of its own, same spacing as above.
        k = line_start
        while k > 0 and text[k - 1] in "\r\n":
            k -= 1
        sep = text[k:line_start] if k < line_start else nl
        return Edit(pos, pos, sentence + sep)
    at_line_end = pos >= len(text) or text[pos] in "\r\n"
    after_salutation = st is not None and st.salutation is not None and pos == st.salutation[1]
    if at_line_end and after_salutation:
        k = pos
        while k < len(text) and text[k] in "\r\n":
            k += 1
        return Edit(pos, pos, (text[pos:k] if k > pos else nl) + sentence)
    last = before.rstrip()[-1:]
    # Mid-line: the words that follow start a new sentence after ours.
    tail = "" if at_line_end or text[pos].isspace() else " "
    if last == "," and len(before.split()) <= 4:
        # "Bonjour, excusez-moi…" on one line: the greeting keeps a line of its own.
        k = pos
        while k < len(text) and text[k] in " \t":
            k += 1
        return Edit(line_start + len(before.rstrip()), k, nl + sentence + tail)
    if after_salutation or last in ".!?…":
        return Edit(pos, pos, " " + sentence + tail)
    if last in ",;:–—":
        # "…du mercredi 14 mai ;" then a new sentence: the dangling mark becomes a full stop.
        cut = line_start + len(before.rstrip()) - 1
        return Edit(cut, pos, ". " + sentence + tail)
    return Edit(pos, pos, ". " + sentence + tail)


# --- sentences that must go: critiques, ironic thanks, hedged decisions ----------------------

def replace_sentence(ctx: FixContext, f: Finding, bad: list[int], new: str | None, description: str) -> Fix:
    """Replace the sentence holding `bad`, keeping its decision clause if it has one."""
    text = ctx.text
    s, e = ctx.sentence_at(bad[0] if bad else f.start)
    if s == e:
        s, e = f.start, f.end
    decisions = [d.start for d in ctx.evidence_near("decision_claire", s, e)]
    if decisions:
        kept = _decision_clause(text, s, e, decisions, bad)
        if kept:
            ks, ke = kept
            clause = text[ks:ke].rstrip(" .!?…,;:–—")
            clause = cap(clause) if ks > s else clause
            return Fix((Edit(s, e, clause + "." + (" " + new if new else "")),), Safety.UNSAFE,
                       description + " (la décision est gardée)")
    if new:
        return Fix((Edit(s, e, new),), Safety.UNSAFE, description)
    return Fix((delete_span(text, s, e),), Safety.UNSAFE, description)


def _decision_clause(text: str, s: int, e: int, decisions: list[int], bad: list[int]) -> tuple[int, int] | None:
    bounds, cur = [], s
    for m in _CLAUSE_SEP.finditer(text, s, e):
        if m.start() > cur:
            bounds.append((cur, m.start()))
        cur = m.end()
    if cur < e:
        bounds.append((cur, e))
    idx = [i for i, (a, b) in enumerate(bounds) if any(a <= d < b for d in decisions)]
    if not idx:
        return None
    first, last = min(idx), max(idx)
    # « …; je dois donc me résoudre à annuler » : a word separator (« donc », « mais ») inside the clause
    # leaves its subject before it; the part before joins the decision unless it holds the remark.
    while first > 0 and text[bounds[first - 1][1]:bounds[first][0]].strip()[:1].isalpha() \
            and not any(bounds[first - 1][0] <= p < bounds[first - 1][1] for p in bad):
        first -= 1
    span = (bounds[first][0], bounds[last][1])
    if any(span[0] <= p < span[1] for p in bad):
        return None  # the remark is inside the decision clause itself
    return span


def delete_span(text: str, s: int, e: int) -> Edit:
    """Delete a sentence with the spacing around it (the whole line if it is alone on it)."""
    line_start = text.rfind("\n", 0, s) + 1
    end = e
    while end < len(text) and text[end] in " \t":
        end += 1
    at_line_end = end >= len(text) or text[end] in "\r\n"
    if at_line_end and not text[line_start:s].strip():
        if end < len(text):
            end += 2 if text.startswith("\r\n", end) else 1
        return Edit(line_start, end, "")
    if at_line_end:
        start = s
        while start > line_start and text[start - 1] in " \t":
            start -= 1
        return Edit(start, e, "")
    return Edit(s, end, "")


# --- register: familiar words, spoken negation, tutoiement ------------------------------------

def cased(original: str, replacement: str, sentence_start: bool) -> str:
    if sentence_start or (original[:1].isupper() and not original.isupper()):
        return cap(replacement)
    return replacement


def delete_word(text: str, s: int, e: int) -> Edit:
    if s > 0 and text[s - 1] == " ":
        return Edit(s - 1, e, "")
    if e < len(text) and text[e] == " ":
        return Edit(s, e + 1, "")
    return Edit(s, e, "")




# --- assembly: what joining sentences may leave behind ----------------------------------------

# Each: (pattern, replacement). Only marks that no careful writer leaves: a comma or semicolon
# right before a full stop, a lowercase word opening a sentence, a sentence glued to the next.
_TIDY = [
    (re.compile(r"[ \t]*[,;:–—][ \t]*(?=[.!?](?![.!?]))"), ""),  # "mai ;." / "Bonjour, ."
    (re.compile(r"(?<=\w)([.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])"), r"\1 "),  # "[Entreprise].Excusez"
    (re.compile(r"(?<=[a-zà-ÿ\]])\.(?=[a-zà-ÿ]{3,}\b(?![.@]))"), ". "),  # "Entreprise].excusez"
    (re.compile(r"(?<=\S)[ \t]{2,}(?=\S)"), " "),
    (re.compile(r"(?<=[^\s.])\.\.(?!\.)"), "."),
    (re.compile(r"(?<=\S)[ \t]+(?=\r?\n|$)"), ""),  # spaces left at a line end by a deletion
    (re.compile(r"(?<=\n)[ \t]+(?=\r?\n)"), ""),  # a line emptied by a deletion
    (re.compile(r"(\r?\n)(?:\r?\n){2,}"), r"\1\1"),  # one blank line between paragraphs is enough
]
# A lowercase word after a full stop, except after abbreviations ("etc. et", "M. durand" is rare).
_LOWER_START = re.compile(r"(?<!\betc)(?<!\bex)(?<!\bcf)(?<!\bp)(?<!\bM)([.!?…][ \t]+)([a-zà-ÿ])")
ARTEFACTS = {
    "ponctuation avant un point": re.compile(r"[,;:][ \t]*\.(?!\.)"),
    "minuscule après un point": _LOWER_START,
    "phrases collées": re.compile(r"(?<=[a-zà-ÿ\]])[.!?](?=[A-Za-zÀ-ÿ]{3,}\b)(?!\w*[.@/])"),
    "espace double": re.compile(r"(?<=\S)[ \t]{2,}(?=\S)"),
    "espace avant une virgule": re.compile(r"\w[ \t]+,"),
}


def tidy(text: str) -> str:
    """The text without assembly marks (dangling punctuation, lowercase sentence start…)."""
    for rx, rep in _TIDY:
        text = rx.sub(rep, text)
    return _LOWER_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def artefacts(text: str) -> dict[str, int]:
    """How many of each assembly mark the text holds (compared before/after a rewrite)."""
    return {name: len(rx.findall(text)) for name, rx in ARTEFACTS.items()}
