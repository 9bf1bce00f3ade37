"""Human-readable report, in the manner of ruff: file:line:col, rule, message, excerpt, suggestion."""
from __future__ import annotations

from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..check import FileReport
from ..errors import InputError
from ..model import Severity
from ..positions import LineIndex
from ..rules import ALL_RULES

_STYLE = {Severity.ERREUR: "bold red", Severity.AVERTISSEMENT: "yellow", Severity.INFO: "cyan"}
# The checklist's names and the class table's column headings come from the rules themselves.
TITLES = {r.id: r.label or r.id for r in ALL_RULES}
SHORT = {r.id: r.short or r.id for r in ALL_RULES}


def is_grammar(rule: str) -> bool:
    return rule.startswith("grammaire/")


def mark(c) -> str:
    return ("✓" if c.met else "✗") if c.applicable else "–"


def summary_table(reports: list[FileReport]) -> Table:
    """One row per file (type, score, ✓/✗ per criterion, grammar count), then met/applicable per criterion."""
    table = Table(box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False, show_edge=False)
    table.add_column("fichier", footer="total")
    table.add_column("type")
    table.add_column("score", justify="right")
    table.add_column("résultat")
    # A column per criterion that at least one file's type requires.
    ids = [c.id for c in reports[0].criteria if any(x.id == c.id and x.applicable for r in reports for x in r.criteria)]
    for cid in ids:
        met = sum(1 for r in reports for c in r.criteria if c.id == cid and c.applicable and c.met)
        app = sum(1 for r in reports for c in r.criteria if c.id == cid and c.applicable)
        table.add_column(SHORT.get(cid, cid), justify="center", footer=f"{met}/{app}")
    table.add_column("grammaire", justify="right", footer=str(sum(sum(is_grammar(f.rule) for f in r.findings) for r in reports)))
    for r in reports:
        by_id = {c.id: c for c in r.criteria}
        table.add_row(r.path, r.type, str(r.score), "réussi" if r.passed else "à revoir",
                      *(mark(by_id[cid]) for cid in ids), str(sum(is_grammar(f.rule) for f in r.findings)))
    return table


def _file_lines(r: FileReport, console: Console) -> None:
    idx = LineIndex(r.text)
    for f in r.findings:
        line, col = idx.position(f.start)
        head = Text()
        head.append(f"{r.path}:{line}:{col}: ", style="bold")
        head.append(f.rule, style=_STYLE[f.severity])
        head.append(f" [{f.severity.value}] {f.message}")
        console.print(head)
        src = idx.line_text(line)
        if src.strip():
            end_line, end_col = idx.position(f.end)
            end = (end_col - 1) if end_line == line else len(src)
            # Measure in terminal cells, so tabs and wide characters (emoji) keep the caret aligned.
            pad = cell_len(src[: col - 1].expandtabs(4))
            width = cell_len(src[: max(end, col - 1)].expandtabs(4)) - pad
            gutter = " " * len(str(line))
            console.print(Text(f"{gutter} |"), style="dim")
            console.print(Text(f"{line} | {src.expandtabs(4)}"))
            console.print(Text(f"{gutter} | " + " " * pad + "^" * max(1, width), style=_STYLE[f.severity]))
        for s in f.suggestions[:3]:
            console.print(Text(f"  = suggestion : {s}", style="green"))
        console.print()
    summary = Text()
    summary.append(f"{r.path}", style="bold")
    summary.append(f" — type : {r.type} — score : {r.score}/100 — ")
    summary.append("réussi" if r.passed else "à revoir", style="green" if r.passed else "bold red")
    console.print(summary)
    # Only the points this type of message requires (the JSON lists them all, with `applicable`).
    for c in r.criteria:
        if c.applicable:
            console.print(Text(f"  {mark(c)} {TITLES[c.id]}", style="green" if c.met else "red"))
    for n in r.notices:
        console.print(Text(f"  note : {n}", style="dim"))


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    console = Console(file=out, highlight=False, no_color=not color, force_terminal=color, width=10_000, soft_wrap=True)
    for i, r in enumerate(reports):
        if i:
            console.print()
        _file_lines(r, console)
    if len(reports) > 1:
        passed = sum(1 for r in reports if r.passed)
        console.print()
        console.print(Text("Récapitulatif (✓ respecté, ✗ manquant, – sans objet ; total : respectés / exigés)", style="bold"))
        console.print(summary_table(reports))
        console.print(Text(f"{len(reports)} fichiers : {passed} réussi(s), {len(reports) - passed} à revoir."))
