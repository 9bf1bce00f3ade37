"""Grammar-engine layer: one interface over Grammalecte and LanguageTool.

Engines receive the whole decoded text plus character ranges to ignore and
return `Finding`s whose offsets index that same text.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Protocol, Sequence, runtime_checkable

from ton.model import Edit, Finding, Fix, Safety, Severity

__all__ = [
    "ENGINE_NAMES",
    "GrammarEngine",
    "GrammarUnavailable",
    "build_finding",
    "get_engine",
    "implicit_exclusions",
    "looks_like_proper_noun",
    "merge_ranges",
    "overlaps",
]

ENGINE_NAMES = ("grammalecte", "languagetool", "aucune")

MAX_SUGGESTIONS = 5


class GrammarUnavailable(Exception):
    """The requested engine cannot run here; str(e) explains why and how to fix it, in French."""


@runtime_checkable
class GrammarEngine(Protocol):
    name: str

    def check(self, text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]: ...


def get_engine(
    name: str,
    *,
    typographie: bool = False,
    languagetool_url: str | None = None,
) -> GrammarEngine | None:
    """Return a ready engine, None for "aucune"; raise GrammarUnavailable otherwise."""
    key = (name or "").strip().lower()
    if key == "aucune":
        return None
    if key == "grammalecte":
        # Imported lazily so that "aucune" never pays for loading an engine.
        from ton.grammar.grammalecte import GrammalecteEngine

        return GrammalecteEngine(typographie=typographie)
    if key == "languagetool":
        from ton.grammar.languagetool import LanguageToolEngine

        return LanguageToolEngine(typographie=typographie, url=languagetool_url)
    raise GrammarUnavailable(
        f"Moteur de grammaire inconnu : « {name} ». "
        f"Valeurs possibles : {', '.join(ENGINE_NAMES)}."
    )


# --- ranges -----------------------------------------------------------------

# Things no dictionary knows and no grammar rule should judge: template
# placeholders, blanks to fill, e-mail addresses and URLs.
_IMPLICIT_EXCLUSION_RE = re.compile(
    r"\[[^\[\]\n]*\]"  # [Nom du responsable]
    r"|\{\{?[^{}\n]*\}\}?"  # {nom} / {{nom}}
    r"|<[^<>\n@]*>"  # <Nom>
    r"|_{3,}"  # ______
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?:https?://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]]"  # URL
)


def implicit_exclusions(text: str) -> list[tuple[int, int]]:
    """Ranges every engine ignores even if the caller did not exclude them."""
    return [(m.start(), m.end()) for m in _IMPLICIT_EXCLUSION_RE.finditer(text)]


def merge_ranges(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s, e) for s, e in ranges if e > s):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """True if [start, end) touches any range; an empty span counts if inside one."""
    for a, b in ranges:
        if start == end:
            if a <= start < b:
                return True
        elif start < b and a < end:
            return True
    return False


# --- findings ---------------------------------------------------------------

_SENTENCE_END = ".!?…"
_OPENERS = "«\"“‘'([-–—• \u00a0\u202f\t"


def looks_like_proper_noun(text: str, start: int, end: int) -> bool:
    """Capitalised word that does not open a sentence, or an acronym/CamelCase word.

    Such words are names (people, companies, products) far more often than
    typos, so spell checkers must not flag them.
    """
    word = text[start:end]
    if not word or not word[0].isupper():
        return False
    if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
        return True  # PDG, LinkedIn, RH2
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] in "\r\n" or text[i] in _SENTENCE_END:
        return False  # sentence start: capital says nothing
    return True


def build_finding(
    *,
    engine: str,
    rule: str,
    severity: Severity,
    message: str,
    text: str,
    start: int,
    end: int,
    suggestions: Sequence[str],
    spelling: bool,
    ambiguous: bool = False,
) -> Finding:
    """Finding with the project's fix policy.

    SAFE only for a grammar rule with a single suggestion that is not one of
    several competing corrections (`ambiguous`); spelling fixes always need review.
    """
    uniq: list[str] = []
    for s in suggestions:
        if s not in uniq and s != text[start:end]:
            uniq.append(s)
    uniq = uniq[:MAX_SUGGESTIONS]
    fix = None
    if uniq:
        safety = Safety.SAFE if (len(uniq) == 1 and not spelling and not ambiguous) else Safety.UNSAFE
        if spelling and _bare(uniq[0]) != _bare(text[start:end]):
            # A word the engine does not know replaced by another word ("d'aprem" -> "d'âpre") changes the
            # meaning: shown, never applied by a rewrite. Restoring accents ("tres" -> "très") is not.
            safety = Safety.SUGGESTION
        fix = Fix(
            edits=(Edit(start, end, uniq[0]),),
            safety=safety,
            description=f"Remplacer « {text[start:end]} » par « {uniq[0]} »",
        )
    return Finding(
        rule=f"grammaire/{engine}/{readable_rule_id(rule)}",
        severity=severity,
        message=message,
        start=start,
        end=end,
        suggestions=uniq,
        fix=fix,
    )


_ENGINE_ID = re.compile(r"^g\d+__(?P<name>.+?)(?:__b\d+(?:_a\d+)?(?:_\d+)*)?$")


def readable_rule_id(rule: str) -> str:
    """Grammalecte's internal ids ("g0__virg_virgules_manquantes__b2_a1_1") become what a user can read
    and type in --ignore ("virgules_manquantes"): graph and branch numbers go, and so does the short
    family prefix when a name remains."""
    m = _ENGINE_ID.match(rule)
    if not m:
        return rule
    name = m["name"]
    head, _, rest = name.partition("_")
    return rest if rest and len(head) <= 5 and len(rest) >= 4 else name


def prefer_common(findings: list[Finding], text: str, rank) -> None:
    """« qd meme » : the speller offers « mème » before « même », two ways to restore the accents of the same
    word. Among such suggestions the most common word comes first, and so does its fix: `rank(word)` is its
    rank in a frequency list (spaCy's vectors are stored most frequent first), None if unknown. Called in
    the main process (the grammar worker has no spaCy); other suggestions keep the engine's order."""
    for f in findings:
        if f.fix is None or len(f.suggestions) < 2 or f.fix.safety == Safety.SAFE:
            continue
        bare = _bare(text[f.start:f.end])
        same = [s for s in f.suggestions if _bare(s) == bare]
        if len(same) < 2:
            continue
        ordered = sorted(same, key=lambda s: (rank(s) is None, rank(s) or 0))  # stable: ties keep the engine's order
        if ordered[0] == f.suggestions[0]:
            continue
        f.suggestions = ordered + [s for s in f.suggestions if s not in same]
        f.fix = Fix(edits=(Edit(f.start, f.end, f.suggestions[0]),), safety=f.fix.safety,
                    description=f"Remplacer « {text[f.start:f.end]} » par « {f.suggestions[0]} »")


def _bare(word: str) -> str:
    """The word without accents (and its first letter in lower case): what an accent-only spelling fix
    leaves unchanged. Other case changes count ("ya" -> "YA" is no accent restored)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
    return bare[:1].lower() + bare[1:]
