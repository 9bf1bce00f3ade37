"""Fixes as data: give each finding that can be corrected a `Fix` (edits + safety level).

Called once at the end of `check._report`. Nothing here changes the text: `rewrite.py`
applies the edits. Sentences come from the templates (lexicons/modeles.yaml) and the
replacement table (lexicons/remplacements.yaml); no name, date or slot is ever invented,
the templates' [placeholders] stay visible.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Edit, Evidence, Finding, Fix, Safety

if TYPE_CHECKING:  # check.py imports this module lazily: no import cycle at run time
    from .check import FileReport
    from .lexicon import Lexicon

# Criteria whose absence is fixed by inserting a template sentence.
INSERTED = ("remerciement", "decision_claire", "excuses", "proposition_report", "porte_ouverte")
_NEG_PARTS = {"pas", "jamais", "rien", "plus"}
_SENT_END = re.compile(r"[.!?…]+[»\")\]]*(?=\s|$)")
# Where a sentence may be cut so that the decision survives without the remark.
_CLAUSE_SEP = re.compile(r"\s*[:;,–—]\s*|\s+(?:car|parce que|parce qu'|puisque|mais|donc|vu|étant donné)\s+", re.I)
_CAUSAL = re.compile(r"\b(?:car|parce que|parce qu'|puisque|en raison|à cause|vu|étant donné|suite à)\b", re.I)
_VOWEL = "aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ"


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


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def pick_template(lex: Lexicon, mtype: str, cid: str) -> str:
    """The first template without placeholders if any (ready to send), else the first one."""
    from .check import templates

    found = templates(lex, mtype, cid)
    plain = [t for t in found if "[" not in t]
    return (plain or found or [""])[0]


class _Ctx:
    def __init__(self, report: FileReport, lex: Lexicon) -> None:
        self.r = report
        self.lex = lex
        self.text = report.text
        self.st = report.structure
        self.rep = lex.replacements
        b0, b1 = self.st.body if self.st else (0, len(self.text))
        self.sents = sentences(self.text, b0, b1)
        self.reason_given = False

    def evidence(self, cid: str) -> list[Evidence]:
        return next((c.evidence for c in self.r.criteria if c.id == cid), [])

    def sentence_at(self, pos: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= pos < e:
                return s, e
        return pos, pos

    def at_sentence_start(self, pos: int) -> bool:
        before = self.text[:pos].rstrip(" \t")
        return not before or before[-1] in "\n.!?…"


def attach_fixes(report: FileReport, lex: Lexicon) -> None:
    """Give every finding that can be corrected a Fix (grammar findings already have theirs)."""
    if report.structure is None:
        return
    ctx = _Ctx(report, lex)
    # Spoken negations first: they may share the verb with a familiar word ("jpeux pas").
    order = sorted(report.findings, key=lambda f: 0 if _is_negation(ctx, f) else 1)
    for f in order:
        if f.fix is not None:
            continue
        if f.rule in INSERTED and f.start == f.end:
            f.fix = _insert_missing(ctx, f)
        elif f.rule == "remerciement":
            f.fix = _replace_sentence(ctx, f, [f.start], pick_template(lex, report.type, "remerciement"),
                                      "Remplacer le remerciement ironique par un remerciement sincère")
        elif f.rule == "sans_critique":
            f.fix = _critique(ctx, f)
        elif f.rule == "decision_claire":
            f.fix = _hedged(ctx, f)
        elif f.rule == "negation_orale":
            f.fix = _negation(ctx, f, report.findings) if _is_negation(ctx, f) else None
        elif f.rule == "registre_familier":
            f.fix = _familiar(ctx, f)
        elif f.rule == "tutoiement":
            f.fix = _tutoiement(ctx, f)


# --- missing criteria: insert a template sentence where it belongs ---------------------------

def _insert_missing(ctx: _Ctx, f: Finding) -> Fix | None:
    sentence = pick_template(ctx.lex, ctx.r.type, f.rule)
    if not sentence:
        return None
    return Fix((insertion(ctx.text, ctx.st, f.start, sentence),), Safety.UNSAFE,
               f"Ajouter « {sentence} »")


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
    if after_salutation or last in ".!?…":
        return Edit(pos, pos, " " + sentence)
    return Edit(pos, pos, ". " + sentence)


# --- sentences that must go: critiques, ironic thanks, hedged decisions ----------------------

def _replace_sentence(ctx: _Ctx, f: Finding, bad: list[int], new: str | None, description: str) -> Fix:
    """Replace the sentence holding `bad`, keeping its decision clause if it has one."""
    text = ctx.text
    s, e = ctx.sentence_at(bad[0] if bad else f.start)
    if s == e:
        s, e = f.start, f.end
    decisions = [d.start for d in ctx.evidence("decision_claire") if s <= d.start < e]
    if decisions:
        kept = _decision_clause(text, s, e, decisions, bad)
        if kept:
            ks, ke = kept
            clause = text[ks:ke].rstrip(" .!?…")
            clause = _cap(clause) if ks > s else clause
            return Fix((Edit(s, e, clause + "." + (" " + new if new else "")),), Safety.UNSAFE,
                       description + " (la décision est gardée)")
    if new:
        return Fix((Edit(s, e, new),), Safety.UNSAFE, description)
    return Fix((_delete_span(text, s, e),), Safety.UNSAFE, description)


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
    span = (bounds[first][0], bounds[last][1])
    if any(span[0] <= p < span[1] for p in bad):
        return None  # the remark is inside the decision clause itself
    return span


def _delete_span(text: str, s: int, e: int) -> Edit:
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


def _critique(ctx: _Ctx, f: Finding) -> Fix:
    remarks = [ev.start for ev in ctx.evidence("sans_critique") if f.start <= ev.start < f.end] or [f.start]
    s, e = ctx.sentence_at(remarks[0])
    # A neutral reason replaces the remark only when the remark was the reason (once per message).
    needs_reason = bool(_CAUSAL.search(ctx.text, s, e)) or any(s <= d.start < e for d in ctx.evidence("decision_claire"))
    reason = None
    if needs_reason and not ctx.reason_given:
        reason = pick_template(ctx.lex, ctx.r.type, "sans_critique") or None
        ctx.reason_given = reason is not None
    what = "Remplacer la remarque négative par une raison neutre" if reason else "Supprimer la remarque négative"
    return _replace_sentence(ctx, f, remarks, reason, what)


def _hedges(ctx: _Ctx) -> re.Pattern:
    words = sorted(ctx.rep.get("hesitations_supprimables", []), key=len, reverse=True)
    alts = [re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.I)


def _hedged(ctx: _Ctx, f: Finding) -> Fix | None:
    text = ctx.text
    s, e = ctx.sentence_at(f.start)
    if s == e:
        return None
    edits = []
    for m in _hedges(ctx).finditer(text, s, e):
        hs, he = m.start(), m.end()
        end = he
        if end < e and text[end] == ",":
            end += 1
        while end < e and text[end] == " ":
            end += 1
        start = hs
        if end >= e or text[end] in ",;:.!?…":
            # The hedge closes its clause ("…, on verra."): drop it with the comma before it.
            end = he
            while start > s and text[start - 1] in " ,":
                start -= 1
        if start == s and end < e:
            edits.append(Edit(start, end + 1, text[end].upper()))
        else:
            edits.append(Edit(start, end, ""))
    if edits:
        return Fix(tuple(edits), Safety.UNSAFE, "Retirer l'hésitation pour que la décision soit claire")
    clear = pick_template(ctx.lex, ctx.r.type, "decision_claire")
    if not clear:
        return None
    return Fix((Edit(s, e, clear),), Safety.UNSAFE, f"Remplacer la décision hésitante par « {clear} »")


# --- register: familiar words, spoken negation, tutoiement ------------------------------------

def _is_negation(ctx: _Ctx, f: Finding) -> bool:
    if f.rule != "negation_orale":
        return False
    words = ctx.text[f.start:f.end].split()
    return (len(words) >= 2 and words[-1].lower() in _NEG_PARTS
            and ctx.text[f.start:f.end].lower() not in ctx.rep.get("familier_formes", {}))


def _cased(original: str, replacement: str, sentence_start: bool) -> str:
    if sentence_start or (original[:1].isupper() and not original.isupper()):
        return _cap(replacement)
    return replacement


def _familiar(ctx: _Ctx, f: Finding) -> Fix | None:
    text = ctx.text
    word = text[f.start:f.end]
    if re.fullmatch(r"[!?]{3,}", word):
        return Fix((Edit(f.start, f.end, word[0]),), Safety.SAFE, "Une seule ponctuation suffit")
    if not any(c.isalnum() for c in word):  # emoji, emoticon
        if re.match(r" [A-ZÉÈÀÇ]", text[f.end:f.end + 2]) and f.start > 0 and text[f.start - 1] == " " \
                and text[f.start - 2:f.start - 1].isalnum():
            # "l'entretien 😬 Vraiment navré": the emoji was ending a sentence.
            return Fix((Edit(f.start - 1, f.end, "."),), Safety.SAFE, f"Remplacer « {word} » par un point")
        return Fix((_delete_word(text, f.start, f.end),), Safety.SAFE, f"Supprimer « {word} »")
    by = ctx.rep.get("familier_formes", {}).get(word.lower())
    if by is None:
        return None
    if not by:
        return Fix((_delete_word(text, f.start, f.end),), Safety.UNSAFE, f"Supprimer « {word} »")
    new = _cased(word, by, ctx.at_sentence_start(f.start))
    return Fix((Edit(f.start, f.end, new),), Safety.UNSAFE, f"Remplacer « {word} » par « {new} »")


def _delete_word(text: str, s: int, e: int) -> Edit:
    if s > 0 and text[s - 1] == " ":
        return Edit(s - 1, e, "")
    if e < len(text) and text[e] == " ":
        return Edit(s, e + 1, "")
    return Edit(s, e, "")


def _negation(ctx: _Ctx, f: Finding, findings: list[Finding]) -> Fix | None:
    """"je peux pas" -> "je ne peux pas"; "jpeux pas" -> "je ne peux pas" (shared with the word's fix)."""
    text = ctx.text
    verb_end = f.start + len(text[f.start:f.end].split()[0])
    verb = text[f.start:verb_end]
    table = ctx.rep.get("familier_formes", {})
    by = table.get(verb.lower())
    if by and by.lower().startswith("je "):
        rest = by[3:]
        new = _cased(verb, "je " + ("n'" if rest[:1] in _VOWEL else "ne ") + rest, ctx.at_sentence_start(f.start))
        fix = Fix((Edit(f.start, verb_end, new),), Safety.UNSAFE, f"Écrire « {new} »")
        for other in findings:  # the familiar word itself gets the same edit
            if other is not f and other.rule == "registre_familier" and (other.start, other.end) == (f.start, verb_end):
                other.fix = fix
        return fix
    if by is not None:
        return None
    ne = "n'" if verb[:1] in _VOWEL else "ne "
    before = text[max(0, f.start - 2):f.start]
    if before.lower() in ("c'", "j'"):  # elided subject: "c'est pas" -> "ce n'est pas"
        full = {"c'": "ce ", "j'": "je "}[before.lower()]
        new = (_cap(full) if before[0].isupper() else full) + ne
        return Fix((Edit(f.start - 2, f.start, new),), Safety.SAFE, "Ajouter « ne » à la négation")
    return Fix((Edit(f.start, f.start, ne),), Safety.SAFE, "Ajouter « ne » à la négation")


def _tutoiement(ctx: _Ctx, f: Finding) -> Fix | None:
    text = ctx.text
    word = text[f.start:f.end]
    tu = ctx.rep.get("tutoiement", {})
    by = tu.get("pronoms", {}).get(word.lower())
    if by is None:
        return None
    edits = [Edit(f.start, f.end, _cased(word, by, False))]
    safety = Safety.UNSAFE
    if word.lower() == "tu":
        # The verb, past any object pronoun: "tu m'as consacré", "tu le sais".
        m = re.match(r"\s+(?:(?:m'|me |l'|le |la |les |lui |leur |y |en |ne |n')\s*)*([^\W\d_]+)", text[f.end:], re.I)
        conj = tu.get("verbes", {}).get(m.group(1).lower()) if m else None
        if conj:
            vs = f.end + m.start(1)
            edits.append(Edit(vs, vs + len(m.group(1)), conj))
        else:
            safety = Safety.SUGGESTION  # the verb must agree: left to the candidate
    return Fix(tuple(edits), safety, "Vouvoyer le destinataire")
