"""GitHub Actions workflow commands (docs/formats.md): the most severe findings become annotations on
the draft, one notice gives the totals, and every finding is listed in the log.

GitHub shows at most 10 annotations of each kind per step and drops the rest silently; ton keeps
the 10 most severe of each kind itself and says how many there are in all."""
from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TextIO

from rich.console import Console

from ..check import FileReport
from ..errors import InputError
from ..model import Severity
from ..positions import LineIndex
from ..echappement import terminal
from ..rules import ALL_RULES
from .texte import class_view, display_column

COMMAND = {Severity.ERREUR: "error", Severity.AVERTISSEMENT: "warning", Severity.INFO: "notice"}
NAMES = {"error": "erreur", "warning": "avertissement", "notice": "info"}
# What GitHub displays per kind and per step.
MAX_PER_KIND = 10
# Within a kind: a missing point of the checklist first, then ton's other rules, then grammar.
_ORDER = {r.id: i for i, r in enumerate(ALL_RULES)}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def plain(s: str) -> str:
    """Text on a line of its own in the log (a file name): never read as a workflow command,
    which is any line starting with « :: » (possibly after spaces)."""
    s = terminal(escape_data(s), newlines=False)
    stripped = s.lstrip()
    if stripped.startswith("::"):
        s = s[: len(s) - len(stripped)] + "%3A" + stripped[1:]
    return s


def escape_property(s: str) -> str:
    return terminal(escape_data(s), newlines=False).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    args = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    message = terminal(escape_data(message), newlines=False)
    return f"::{kind} {args}::{message}" if args else f"::{kind}::{message}"


def _rank(f) -> int:
    return _ORDER.get(f.rule, len(_ORDER) + (1 if f.rule.startswith("grammaire/") else 0))


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    items = []  # (kind, rank, order, path, finding, index)
    for r in reports:
        idx = LineIndex(r.text)
        for f in r.findings:
            items.append((COMMAND[f.severity], _rank(f), len(items), r, f, idx))
    totals = Counter(kind for kind, *_ in items)
    shown = 0
    for kind in ("error", "warning", "notice"):
        chosen = sorted((it for it in items if it[0] == kind), key=lambda it: (it[1], it[2]))[:MAX_PER_KIND]
        for _kind, _rank_, _n, r, f, idx in sorted(chosen, key=lambda it: it[2]):
            line, col = idx.position(f.start)
            end_line, end_col = idx.position(f.end)
            message = f.message + "".join(f"\nSuggestion : {s}" for s in f.suggestions[:1])
            out.write(command(kind, message, file=r.path, line=line, col=col, endLine=end_line,
                              endColumn=end_col if end_line == line else None, title=f"ton : {f.rule}") + "\n")
            shown += 1
    for e in errors:
        out.write(command("error", e.reason, file=e.path, title="ton : fichier illisible") + "\n")
    passed = sum(1 for r in reports if r.passed)
    parts = [f"{totals[k]} {NAMES[k]}{'s' if totals[k] > 1 else ''}" for k in ("error", "warning", "notice") if totals[k]]
    summary = (f"{len(reports)} fichier(s) : {passed} réussi(s), {len(reports) - passed} à revoir ; "
               f"{', '.join(parts) or 'aucun constat'}.")
    if shown < len(items):
        summary += (f" Annotations : les {MAX_PER_KIND} plus graves de chaque sorte ({shown} sur {len(items)}) ;"
                    " la liste complète est dans le journal de l'étape.")
    out.write(command("notice", summary, title="ton : totaux") + "\n")
    # Plain lines: the log shows every finding, each verdict and the class view; a file name or a
    # message never becomes a workflow command there (plain()).
    for _kind, _r, _n, r, f, idx in items:
        line, col = idx.position(f.start)
        out.write(f"{plain(r.path)}:{line}:{display_column(idx.line_text(line), col)}: {f.rule} "
                  f"[{f.severity.value}] {plain(f.message)}\n")
    reports = [dataclasses.replace(r, path=plain(r.path)) for r in reports]
    for r in reports:
        out.write(f"{r.path} — type : {r.type} — score : {r.score}/100 — {'réussi' if r.passed else 'à revoir'}\n")
    if len(reports) > 1:
        console = Console(file=out, no_color=True, highlight=False, width=10_000, soft_wrap=True)
        for part in class_view(reports):
            console.print(part)
