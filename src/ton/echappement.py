"""What a draft or a file name may contain must not act on the terminal, the CI log or a spreadsheet.

- terminal: control characters (escape sequences, carriage return…) and bidirectional
  controls (which reorder what is shown) are printed as visible escapes;
- the report text keeps its length (findings point into it by offset), so there each such
  character becomes one visible stand-in (␛ for ESC, ⸮ for a bidi control);
- GitHub: see emitters/github.py; CSV: see `csv_cell`.
"""
from __future__ import annotations

import dataclasses
import re

# Bidi embeddings, overrides, isolates and marks (the « Trojan Source » characters).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}\u2028\u2029]")
_UNSAFE_WITH_NEWLINES = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI}\u2028\u2029]")


def _escape(m: re.Match) -> str:
    c = m.group(0)
    return {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def terminal(s: str, *, newlines: bool = True) -> str:
    """`s` with every unsafe character written as an escape; `newlines=False` escapes \\n too
    (a file name or one line of a message on stderr)."""
    return (_UNSAFE if newlines else _UNSAFE_WITH_NEWLINES).sub(_escape, s)


def _stand_in(m: re.Match) -> str:
    c = m.group(0)
    if ord(c) < 0x20:
        return chr(0x2400 + ord(c))  # Unicode « control pictures »: ␛ ␇ ␈ …
    if c == "\x7f":
        return "\u2421"
    return "\u2e2e"  # ⸮ : a C1 or bidi control


def same_length(s: str) -> str:
    """`s` with each unsafe character (not tabs, line ends) replaced by one visible character."""
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) == "\r" else _stand_in(m), s)


def safe_report(report):
    """A copy of a FileReport fit for the terminal; the original is left as it is."""
    findings = [dataclasses.replace(f, message=terminal(f.message, newlines=False),
                                    suggestions=[terminal(s, newlines=False) for s in f.suggestions])
                for f in report.findings]
    return dataclasses.replace(report, path=terminal(report.path, newlines=False), text=same_length(report.text),
                               findings=findings, notices=[terminal(n, newlines=False) for n in report.notices])


def safe_error(error):
    from .errors import InputError

    return InputError(terminal(error.path, newlines=False), terminal(error.reason, newlines=False))


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    """A spreadsheet evaluates a cell starting with = + - @ (or a tab, a line end) as a formula:
    such a cell is prefixed with an apostrophe, the usual neutral mark."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
