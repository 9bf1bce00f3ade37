"""Adapter for LanguageTool through language_tool_python (opt-in).

Either a server the user points us to (`languagetool_url` / TON_LANGUAGETOOL_URL,
which may be self-hosted or, if the user says so, the public API), or a
LanguageTool already installed in language_tool_python's cache. We never
download LanguageTool and never contact the public API on our own.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
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

ENV_URL = "TON_LANGUAGETOOL_URL"
# language_tool_python's own settings: download dir and a ready jar dir.
ENV_LTP_PATH = "LTP_PATH"
ENV_LTP_JAR_DIR = "LTP_JAR_DIR_PATH"

REQUEST_TIMEOUT = 30  # seconds; the library's default (300) would freeze the CLI

_HINT = (
    "Indiquez l'adresse d'un serveur LanguageTool avec « --languagetool-url » "
    f"ou la variable {ENV_URL} (par exemple http://localhost:8081), "
    "ou utilisez « --grammaire grammalecte »."
)

# Typography = spaces (incl. non-breaking), apostrophes, quotes, dashes,
# ellipsis. Off unless typographie=True, as for Grammalecte.
_TYPO_CATEGORIES = frozenset({"TYPOGRAPHY"})
_TYPO_ISSUES = frozenset({"typographical", "whitespace"})
_TYPO_RULE_RE = re.compile(
    r"WHITESPACE|SPACE|ESPACE|NBSP|INSECABLE|APOS|GUILLEMET|QUOTE|TIRET|DASH|ELLIPSIS|POINTS_SUSPENSION"
)

# Severity from LanguageTool's issueType (a standard ITS 2.0 vocabulary, so it
# does not depend on the French rule set's category names):
# - ERREUR: misspelling, grammar, duplication (a repeated word);
# - INFO: style, typography, whitespace, formatting, and STYLE/REDUNDANCY categories;
# - AVERTISSEMENT: the rest (register, inconsistency, locale, uncategorized...).
_ERROR_ISSUES = frozenset({"misspelling", "grammar", "duplication"})
_INFO_ISSUES = frozenset({"style", "typographical", "whitespace", "formatting"})
_INFO_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "PLAIN_ENGLISH"})
_SPELLING_CATEGORIES = frozenset({"TYPOS"})


def _find_local_install() -> str | None:
    """Version name of an already-installed LanguageTool, without creating anything."""
    jar_dir = os.environ.get(ENV_LTP_JAR_DIR)
    if jar_dir and Path(jar_dir).is_dir():
        return ""  # library uses that dir whatever the version name
    base = Path(os.environ.get(ENV_LTP_PATH) or Path.home() / ".cache" / "language_tool_python")
    if not base.is_dir():
        return None
    found = []
    for d in base.glob("LanguageTool-*"):
        version = d.name.removeprefix("LanguageTool-")
        if d.is_dir() and re.fullmatch(r"\d+\.\d+|\d{8}", version) and any(d.glob("languagetool*.jar")):
            found.append(version)
    if not found:
        return None
    # Both "6.8" and snapshot dates "20240101" compare as int tuples; snapshots win.
    return max(found, key=lambda v: tuple(int(x) for x in v.split(".")))


def _tool_class() -> Any:
    try:
        import language_tool_python
    except ImportError as exc:
        raise GrammarUnavailable(
            "Le module Python « language_tool_python » n'est pas installé "
            "(pip install language-tool-python). " + _HINT
        ) from exc

    class _LanguageTool(language_tool_python.LanguageTool):
        _TIMEOUT = REQUEST_TIMEOUT

    return _LanguageTool


def _utf16_end(text: str, start: int, utf16_len: int) -> int:
    """Python end index of a span `utf16_len` Java chars long starting at `start`."""
    i = start
    units = 0
    while i < len(text) and units < utf16_len:
        units += 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i


def _mask(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """Excluded runs become one capitalised dummy word per line (same length).

    A placeholder or a name then reads as a proper noun, so the server does
    not judge it nor build errors around its words.
    """
    if not ranges:
        return text
    chars = list(text)
    for a, b in ranges:
        inside = False
        for i in range(a, min(b, len(chars))):
            if chars[i] in "\r\n":
                inside = False
                continue
            chars[i] = "x" if inside else "X"
            inside = True
    return "".join(chars)


class LanguageToolEngine:
    name = "languagetool"

    def __init__(self, *, typographie: bool = False, url: str | None = None) -> None:
        self.typographie = typographie
        self.url = url or os.environ.get(ENV_URL) or None
        tool_cls = _tool_class()
        if self.url:
            self._tool = self._connect(tool_cls, self.url)
        else:
            self._tool = self._start_local(tool_cls)
        if not typographie:
            # Also filtered below; this just spares the server the work.
            self._tool.disabled_categories = set(_TYPO_CATEGORIES)

    @staticmethod
    def _connect(tool_cls: Any, url: str) -> Any:
        try:
            # host= avoids the library resolving "localhost" for a server it won't start.
            return tool_cls("fr", remote_server=url, host="127.0.0.1")
        except ValueError as exc:
            raise GrammarUnavailable(
                f"Le serveur LanguageTool ({url}) ne prend pas en charge le français ({exc})."
            ) from exc
        except Exception as exc:
            raise GrammarUnavailable(
                f"Le serveur LanguageTool est injoignable à l'adresse {url} ({_short(exc)}). "
                "Vérifiez l'adresse et que le serveur est démarré. " + _HINT
            ) from exc

    @staticmethod
    def _start_local(tool_cls: Any) -> Any:
        version = _find_local_install()
        if version is None:
            raise GrammarUnavailable(
                "Aucun serveur LanguageTool n'est configuré et aucune installation locale "
                "n'a été trouvée (ton ne télécharge jamais LanguageTool). " + _HINT
            )
        if shutil.which("java") is None:
            raise GrammarUnavailable(
                "LanguageTool est installé localement mais Java est introuvable "
                "(sudo apt-get install default-jre). " + _HINT
            )
        try:
            if version:
                return tool_cls("fr", language_tool_download_version=version)
            return tool_cls("fr")
        except Exception as exc:
            raise GrammarUnavailable(
                f"Le serveur LanguageTool local n'a pas pu démarrer ({_short(exc)}). " + _HINT
            ) from exc

    def close(self) -> None:
        self._tool.close()

    def check(self, text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        excluded = merge_ranges([*exclude, *implicit_exclusions(text)])
        try:
            matches = self._tool.check(_mask(text, excluded))
        except Exception as exc:
            raise GrammarUnavailable(
                f"Échec de la vérification par LanguageTool ({self.url or 'serveur local'}) : "
                f"{_short(exc)}. " + _HINT
            ) from exc

        kept = []
        for m in matches:
            category = (getattr(m, "category", "") or "").upper()
            issue = (getattr(m, "rule_issue_type", "") or "").lower()
            rule_id = m.rule_id
            typo = category in _TYPO_CATEGORIES or issue in _TYPO_ISSUES or bool(_TYPO_RULE_RE.search(rule_id))
            if typo and not self.typographie:
                continue
            start = m.offset
            end = _utf16_end(text, start, m.error_length)
            if overlaps(start, end, excluded):
                continue
            spelling = issue == "misspelling" or category in _SPELLING_CATEGORIES
            if spelling and looks_like_proper_noun(text, start, end):
                continue
            if typo:
                severity = Severity.INFO
            elif issue in _ERROR_ISSUES or category in _SPELLING_CATEGORIES:
                severity = Severity.ERREUR
            elif issue in _INFO_ISSUES or category in _INFO_CATEGORIES:
                severity = Severity.INFO
            else:
                severity = Severity.AVERTISSEMENT
            kept.append((m, rule_id, start, end, severity, spelling))

        findings = []
        for i, (m, rule_id, start, end, severity, spelling) in enumerate(kept):
            others = [(s, e) for j, (_, _, s, e, _, _) in enumerate(kept) if j != i]
            findings.append(
                build_finding(
                    engine=self.name,
                    rule=rule_id,
                    severity=severity,
                    message=m.message,
                    text=text,
                    start=start,
                    end=end,
                    suggestions=list(m.replacements or []),
                    spelling=spelling,
                    ambiguous=overlaps(start, end, others),
                )
            )
        findings.sort(key=lambda f: (f.start, f.end))
        return findings


def _short(exc: BaseException) -> str:
    """The reason in French, whole: the library's English text is cut nowhere and shown nowhere."""
    chain, e = [], exc
    while e is not None and len(chain) < 6:
        chain.append(e)
        e = e.__cause__ or e.__context__
    text = " ".join(f"{type(x).__name__} {x}" for x in chain).lower()
    for needles, reason in (
        (("refused", "refusée", "errno 111"), "connexion refusée"),
        (("timed out", "timeout"), "délai d'attente dépassé"),
        (("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution"), "adresse inconnue"),
        (("ssl", "certificate"), "erreur de connexion sécurisée (SSL)"),
        (("unreachable", "no route"), "réseau injoignable"),
        (("401", "403"), "accès refusé par le serveur"),
        (("404",), "adresse introuvable sur le serveur"),
        (("500", "502", "503", "504"), "erreur du serveur"),
    ):
        if any(n in text for n in needles):
            return reason
    if any(w in text for w in ("connection", "connexion", "connect")):
        return "erreur de connexion"
    return "erreur inattendue"
