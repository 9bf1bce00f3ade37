"""Adapter around Grammalecte's Python API (local, no network).

Grammalecte checks one paragraph at a time; we cut the text into paragraphs,
mask excluded ranges, and map the paragraph offsets back onto the text.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
import threading
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence

from ton.grammar import (
    GrammarUnavailable,
    build_finding,
    implicit_exclusions,
    looks_like_proper_noun,
    merge_ranges,
    overlaps,
)
from ton.model import Finding, Severity

ENV_PATH = "TON_GRAMMALECTE_CHEMIN"
DEBIAN_DIR = "/usr/lib/python3/dist-packages"

_INSTALL_HINT = (
    "Installez-le avec « sudo apt-get install python3-grammalecte » "
    f"(ou indiquez le dossier contenant le paquet « grammalecte » dans {ENV_PATH}), "
    "ou choisissez un autre moteur avec « --grammaire languagetool » ou « --grammaire aucune »."
)

# Grammalecte options that only concern typography (spaces, apostrophes,
# quotes, dashes, ellipsis, number/unit spacing, ligatures). Plain-text
# e-mails almost never use non-breaking spaces or curly apostrophes, so these
# would drown real errors; they are enabled only with typographie=True.
TYPO_OPTIONS = frozenset(
    {"typo", "apos", "eepi", "esp", "tab", "nbsp", "unit", "num", "nf", "chim", "liga"}
)

# Severity by Grammalecte option (the error's "sType"):
# - ERREUR: agreement, conjugation, verb forms, homophone confusions; the
#   rules are precise and the text is wrong (also: unknown lowercase words).
# - AVERTISSEMENT: hyphenation, capitals, elision, fixed expressions, colloquial
#   usage, date validity and option-less rules; usually right, sometimes debatable.
# - INFO: pleonasms, missing commas, repetitions and typography: style only.
_SEVERITY_BY_OPTION = {
    "gn": Severity.ERREUR,
    "conj": Severity.ERREUR,
    "infi": Severity.ERREUR,
    "ppas": Severity.ERREUR,
    "imp": Severity.ERREUR,
    "inte": Severity.ERREUR,
    "vmode": Severity.ERREUR,
    "conf": Severity.ERREUR,
    "loc": Severity.AVERTISSEMENT,
    "tu": Severity.AVERTISSEMENT,
    "maj": Severity.AVERTISSEMENT,
    "minis": Severity.AVERTISSEMENT,
    "eleu": Severity.AVERTISSEMENT,
    "bs": Severity.AVERTISSEMENT,
    "date": Severity.AVERTISSEMENT,
    "mc": Severity.AVERTISSEMENT,
    "neg": Severity.AVERTISSEMENT,
    "ocr": Severity.AVERTISSEMENT,
    "mapos": Severity.AVERTISSEMENT,
    "notype": Severity.AVERTISSEMENT,
    "pleo": Severity.INFO,
    "virg": Severity.INFO,
    "poncfin": Severity.INFO,
    "redon1": Severity.INFO,
    "redon2": Severity.INFO,
}

# Rule families whose error is real far less often than the rest of their
# option, demoted to AVERTISSEMENT (measured on the seed templates):
# - gn "_2m", "_3m"…: a trailing adjective checked against the nearest noun,
#   while it often qualifies an earlier one ("la satisfaction au travail actuelle");
# - ppas with "avoir"/"COD": past-participle agreement with a preceding
#   direct object, whose antecedent Grammalecte often guesses wrong
#   ("les efforts que vous avez investis").
_DOUBTFUL_RULE_RE = re.compile(r"__gn_.*_[2-9]m__|__ppas_.*(avoir|COD)")

SPELLING_RULE = "orthographe"

# Words current dictionaries (Le Robert) accept but Grammalecte's does not,
# and that e-mails use all the time.
_ACCEPTED_WORDS = frozenset({"email", "emails", "visio", "visios"})

_lock = threading.Lock()
_checker: Any = None  # grammalecte.GrammarChecker, loaded once per process


def _load_from_dir(parent: Path) -> ModuleType:
    """Import the package found in `parent`/grammalecte without touching sys.path."""
    pkg_dir = parent / "grammalecte"
    init = pkg_dir / "__init__.py"
    if not init.is_file() or not (pkg_dir / "fr" / "gc_engine.py").is_file():
        raise ImportError(f"pas de paquet Grammalecte dans {parent}")
    spec = importlib.util.spec_from_file_location(
        "grammalecte", init, submodule_search_locations=[str(pkg_dir)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"paquet Grammalecte illisible dans {parent}")
    module = importlib.util.module_from_spec(spec)
    # Registered before execution so its relative imports resolve.
    sys.modules["grammalecte"] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        for key in [k for k in sys.modules if k == "grammalecte" or k.startswith("grammalecte.")]:
            del sys.modules[key]
        raise
    return module


def _candidate_dirs() -> list[Path]:
    dirs = []
    env = os.environ.get(ENV_PATH)
    if env:
        p = Path(env).expanduser()
        # Accept the package dir itself as well as its parent.
        dirs.append(p.parent if p.name == "grammalecte" and (p / "__init__.py").is_file() else p)
    dirs.append(Path(DEBIAN_DIR))
    return dirs


def _import_grammalecte() -> ModuleType:
    try:
        import grammalecte  # type: ignore[import-not-found]

        return grammalecte
    except ImportError:
        pass
    errors = []
    for parent in _candidate_dirs():
        try:
            return _load_from_dir(parent)
        except ImportError as exc:
            errors.append(str(exc))
        except Exception as exc:  # broken or incompatible copy
            errors.append(f"{parent} : {type(exc).__name__} : {exc}")
    raise GrammarUnavailable(
        "Grammalecte est introuvable (" + " ; ".join(errors) + "). " + _INSTALL_HINT
    )


def load_checker() -> Any:
    """Return the process-wide GrammarChecker, loading it on first use."""
    global _checker
    with _lock:
        if _checker is None:
            module = _import_grammalecte()
            try:
                checker = module.GrammarChecker("fr")
            except Exception as exc:
                raise GrammarUnavailable(
                    f"Grammalecte n'a pas pu être chargé ({type(exc).__name__} : {exc}). "
                    + _INSTALL_HINT
                ) from exc
            # gc_engine.load() swallows its own errors; check what it produced.
            if checker.getSpellChecker() is None:
                raise GrammarUnavailable(
                    "Grammalecte s'est chargé sans son dictionnaire. " + _INSTALL_HINT
                )
            _checker = checker
            # Grammalecte's rules call re.search with about 1,000 distinct patterns, more than the 512
            # compiled patterns `re` keeps: it compiled the same ones again and again (measured: 4 % of a
            # batch's grammar time). Room for all of them: the same patterns, each compiled once.
            re._MAXCACHE = max(re._MAXCACHE, 4096)
        return _checker


# --- paragraphs -------------------------------------------------------------

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, line break excluded."""
    out = []
    pos = 0
    for m in _NEWLINE_RE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _paragraphs(text: str) -> list[tuple[str, list[int]]]:
    """Cut `text` into Grammalecte paragraphs.

    Each line is a paragraph, as in Grammalecte itself, except that a line
    starting with a lowercase letter continues the previous one (hard-wrapped
    e-mail). Returns (paragraph, index map): map[i] is the offset in `text`
    of paragraph[i], plus one extra entry for the end.
    """
    blocks: list[tuple[list[str], list[int]]] = []
    prev_end = 0
    for start, end in _lines(text):
        line = text[start:end]
        if blocks and line.lstrip()[:1].islower() and "".join(blocks[-1][0]).strip():
            # The line break becomes one space, whatever its length (\r\n).
            blocks[-1][0].append(" ")
            blocks[-1][1].append(prev_end)
        else:
            blocks.append(([], []))
        blocks[-1][0].append(line)
        blocks[-1][1].extend(range(start, end))
        prev_end = end
    result = []
    for parts, pos in blocks:
        para = "".join(parts)
        if para.strip():
            result.append((para, pos + [pos[-1] + 1]))
    return result


def _mask(paragraph: str, pmap: list[int], excluded: list[tuple[int, int]]) -> str:
    """Replace each excluded run by one capitalised dummy word ("Xxxx…").

    Same length, so offsets hold. Grammalecte then reads a placeholder or a
    masked name like a proper noun, which keeps the sentence grammatical;
    blanking it out ("de [Titre] » établit" -> "de » établit") made it
    report verbs after prepositions that were not there.
    """
    if not excluded:
        return paragraph
    chars = list(paragraph)
    inside = False
    for i, off in enumerate(pmap[: len(paragraph)]):
        if overlaps(off, off + 1, excluded):
            chars[i] = "x" if inside else "X"
            inside = True
        else:
            inside = False
    return "".join(chars)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (words are short)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _rule_group(rule_id: str) -> str:
    # "g3__gn_ma_ta_sa_1m__b1_a2_1" -> "g3__gn_ma_ta_sa_1m__b1": actions of one
    # rule branch that underline several words offer alternative corrections.
    return re.sub(r"_a\d+_\d+$", "", rule_id)


class GrammalecteEngine:
    name = "grammalecte"

    def __init__(self, *, typographie: bool = False) -> None:
        self.typographie = typographie
        self._checker = load_checker()
        self._gce = self._checker.getGCEngine()
        self._speller = self._checker.getSpellChecker()
        options = dict(self._gce.getDefaultOptions())
        for opt in TYPO_OPTIONS:
            if opt in options:
                options[opt] = typographie and opt != "tab"
        self._options = options
        self._suggested: dict[str, list[list[str]]] = {}

    def check(self, text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        excluded = merge_ranges([*exclude, *implicit_exclusions(text)])
        findings: list[Finding] = []
        for paragraph, pmap in _paragraphs(text):
            p_start, p_end = pmap[0], pmap[-1]
            local_excl = [(a, b) for a, b in excluded if a < p_end and b > p_start]
            if local_excl and all(overlaps(o, o + 1, local_excl) for o in pmap[:-1] if not text[o].isspace()):
                continue  # entirely excluded (quoted reply, signature...)
            masked = _mask(paragraph, pmap, local_excl)
            findings.extend(self._check_paragraph(text, masked, pmap, local_excl))
        findings.sort(key=lambda f: (f.start, f.end))
        return findings

    def _check_paragraph(
        self, text: str, para: str, pmap: list[int], excluded: list[tuple[int, int]]
    ) -> list[Finding]:
        grammar = []
        for err in self._gce.parse(para, "FR", dOptions=self._options):
            option = err.get("sType") or "notype"
            if option in TYPO_OPTIONS and not self.typographie:
                continue  # safety net in case a rule ignores its option
            ps, pe = err["nStart"], err["nEnd"]
            start, end = pmap[ps], (pmap[pe - 1] + 1 if pe > ps else pmap[ps])
            if overlaps(start, end, excluded):
                continue
            grammar.append((err, option, start, end))

        groups: dict[str, int] = {}
        for err, *_ in grammar:
            g = _rule_group(err["sRuleId"])
            groups[g] = groups.get(g, 0) + 1

        findings = []
        spans: list[tuple[int, int]] = []
        for err, option, start, end in grammar:
            if option in TYPO_OPTIONS:
                severity = Severity.INFO
            else:
                severity = _SEVERITY_BY_OPTION.get(option, Severity.AVERTISSEMENT)
                if severity is Severity.ERREUR and _DOUBTFUL_RULE_RE.search(err["sRuleId"]):
                    severity = Severity.AVERTISSEMENT
            ambiguous = groups[_rule_group(err["sRuleId"])] > 1 or overlaps(start, end, spans)
            findings.append(
                build_finding(
                    engine=self.name,
                    rule=err["sRuleId"],
                    severity=severity,
                    message=err["sMessage"],
                    text=text,
                    start=start,
                    end=end,
                    suggestions=self._plain(err.get("aSuggestions") or []),
                    spelling=False,
                    ambiguous=ambiguous,
                )
            )
            spans.append((start, end))

        for tok in self._speller.parseParagraph(para):
            ps, pe = tok["nStart"], tok["nEnd"]
            start, end = pmap[ps], pmap[pe - 1] + 1
            word = text[start:end]
            if overlaps(start, end, excluded) or overlaps(start, end, spans):
                continue
            if any(c.isdigit() for c in word) or len(word) < 2 or word.lower() in _ACCEPTED_WORDS:
                continue
            if looks_like_proper_noun(text, start, end):
                continue
            suggestions: list[str] = []
            for group in self._suggest(tok["sValue"]):
                # Within a group the speller's order depends on set iteration (hash seed): make it stable.
                suggestions.extend(sorted(group, key=lambda s: (_distance(word.lower(), s.lower()), s)))
            if word[0].isupper() and not self._near_common_word(word, suggestions):
                # Sentence-initial capital: may well be a name; don't call it an error.
                severity = Severity.AVERTISSEMENT
                message = f"Mot inconnu du dictionnaire : « {word} » (nom propre ?)."
            else:
                severity = Severity.ERREUR
                message = f"Mot inconnu du dictionnaire : « {word} »."
            findings.append(
                build_finding(
                    engine=self.name,
                    rule=SPELLING_RULE,
                    severity=severity,
                    message=message,
                    text=text,
                    start=start,
                    end=end,
                    suggestions=suggestions,
                    spelling=True,
                )
            )
        return findings

    # Unknown words recur from message to message ("dsl", "jpeux", "bcp"): a bounded memory of the answers.
    MAX_SUGGESTED = 4096

    def _suggest(self, word: str) -> list[list[str]]:
        """The speller's groups of suggestions for `word` (about 35 ms each), computed once per word and
        process: the speller's answer depends on the word alone, so a second call would give the same."""
        groups = self._suggested.get(word)
        if groups is None:
            if len(self._suggested) >= self.MAX_SUGGESTED:
                self._suggested.clear()
            groups = self._suggested[word] = [list(g) for g in self._speller.suggest(word)]
        return groups

    def _plain(self, suggestions: list[str]) -> list[str]:
        # Non-breaking spaces are typography; don't smuggle them in through
        # another rule's suggestion when typography is off.
        if self.typographie:
            return suggestions
        return [s.replace("\u00a0", " ").replace("\u202f", " ") for s in suggestions]

    def _near_common_word(self, word: str, suggestions: list[str]) -> bool:
        """A capitalised unknown word whose best suggestion is a close common word is a typo.

        Names get far-fetched suggestions ("Jhon" -> "Rho"); "Malheuresement"
        gets "Malheureusement". Short words are left alone: too many names fit.
        """
        if not suggestions:
            return False
        best = suggestions[0]
        if not self._speller.isValid(best.lower()):
            return False
        if _strip_accents(best.lower()) == _strip_accents(word.lower()):
            return True
        return len(word) >= 7 and _distance(word.lower(), best.lower()) <= 2
