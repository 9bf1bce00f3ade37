"""GitHub Actions workflow commands (docs/formats.md): each finding becomes an annotation on the draft."""
from __future__ import annotations

import dataclasses
from typing import TextIO

from rich.console import Console

from ..check import FileReport
from ..errors import InputError
from ..model import Severity
from ..positions import LineIndex
from ..echappement import terminal
from .texte import summary_table

COMMAND = {Severity.ERREUR: "error", Severity.AVERTISSEMENT: "warning", Severity.INFO: "notice"}


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


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    for r in reports:
        idx = LineIndex(r.text)
        for f in r.findings:
            line, col = idx.position(f.start)
            end_line, end_col = idx.position(f.end)
            message = f.message + "".join(f"\nSuggestion : {s}" for s in f.suggestions[:1])
            out.write(command(COMMAND[f.severity], message, file=r.path, line=line, col=col, endLine=end_line,
                              endColumn=end_col if end_line == line else None, title=f"ton : {f.rule}") + "\n")
    for e in errors:
        out.write(command("error", e.reason, file=e.path, title="ton : fichier illisible") + "\n")
    # Plain lines: the log shows each verdict and the class table.
    reports = [dataclasses.replace(r, path=plain(r.path)) for r in reports]
    for r in reports:
        out.write(f"{r.path} — type : {r.type} — score : {r.score}/100 — {'réussi' if r.passed else 'à revoir'}\n")
    if len(reports) > 1:
        Console(file=out, no_color=True, highlight=False, width=10_000, soft_wrap=True).print(summary_table(reports))
