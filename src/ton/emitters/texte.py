"""Human-readable report, in the manner of ruff: file:line:col, rule, message, excerpt, suggestion.

Excerpts are cropped around the span to the terminal width (… on a cut side), and columns count
displayed characters (a wide emoji counts 2, an accent never splits a letter; a tab counts 1), as
Vim's « %v » and most editors' « go to column » expect (docs/formats.md).
"""
from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import classe
from ..check import FileReport
from ..errors import InputError
from ..model import Severity
from ..positions import LineIndex
from ..rules import ALL_RULES

_STYLE = {Severity.ERREUR: "bold red", Severity.AVERTISSEMENT: "yellow", Severity.INFO: "cyan"}
# The checklist's names come from the rules themselves.
TITLES = {r.id: r.label or r.id for r in ALL_RULES}
SHORT = {r.id: r.short or r.id for r in ALL_RULES}
# The class table never gets wider than this, whatever the number of points failed.
TABLE_WIDTH = 100
ELLIPSIS = "…"


def is_grammar(rule: str) -> bool:
    return rule.startswith("grammaire/")


def mark(c) -> str:
    return ("✓" if c.met else "✗") if c.applicable else "–"


def width() -> int:
    """The terminal's width (COLUMNS first, as the warm server passes it on), 80 in a pipe or a file
    (the same fallback as the server's client, so both give the same report)."""
    return max(40, shutil.get_terminal_size().columns)


def display_column(line: str, col: int) -> int:
    """1-based column counted in displayed characters (terminal cells; a tab counts 1)."""
    return cell_len(line[: col - 1].replace("\t", " ")) + 1


def crop(line: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """The part of `line` around [start, end) that fits in `room` cells, with … where it is cut,
    and the caret's offset and width in cells. `start`/`end` are 0-based character indexes."""
    line = line.replace("\t", " ")
    end = max(end, start)
    if cell_len(line) <= room:
        return line, cell_len(line[:start]), max(1, cell_len(line[start:end]))
    budget = room - 2  # one … on each side at most
    # A span wider than the room is shown from its start, with a little context before it.
    lo = max(0, start - 8) if cell_len(line[start:end]) > budget - 8 else start
    hi = lo
    while hi < len(line) and cell_len(line[lo:hi + 1]) <= budget:
        if hi >= end and lo > 0 and cell_len(line[lo - 1:hi + 1]) <= budget and (start - lo) < (hi - end):
            lo -= 1  # keep the span centred while there is room on both sides
            continue
        hi += 1
    while lo > 0 and cell_len(line[lo - 1:hi]) <= budget:
        lo -= 1
    left = ELLIPSIS if lo > 0 else ""
    right = ELLIPSIS if hi < len(line) else ""
    shown = left + line[lo:hi] + right
    pad = cell_len(left) + cell_len(line[lo:max(lo, start)])
    caret = max(1, min(cell_len(line[max(lo, start):min(hi, end)]), cell_len(shown) - pad))
    return shown, pad, caret


def finding_head(r: FileReport, f, idx: LineIndex) -> tuple[int, int]:
    line, col = idx.position(f.start)
    return line, display_column(idx.line_text(line), col)


def _file_lines(r: FileReport, console: Console, room: int, quiet: bool = False) -> None:
    idx = LineIndex(r.text)
    for f in r.findings:
        line, col = idx.position(f.start)
        head = Text()
        head.append(f"{r.path}:{line}:{display_column(idx.line_text(line), col)}: ", style="bold")
        head.append(f.rule, style=_STYLE[f.severity])
        head.append(f" [{f.severity.value}] {f.message}")
        console.print(head)
        src = idx.line_text(line)
        if src.strip():
            end_line, end_col = idx.position(f.end)
            end = (end_col - 1) if end_line == line else len(src)
            gutter = " " * len(str(line))
            shown, pad, caret = crop(src, col - 1, end, room - len(gutter) - 3)
            console.print(Text(f"{gutter} |"), style="dim")
            console.print(Text(f"{line} | {shown}"))
            console.print(Text(f"{gutter} | " + " " * pad + "^" * caret, style=_STYLE[f.severity]))
        for s in f.suggestions[:3]:
            # (Wrapped at the terminal's width, under its own text: an 80-column terminal cuts nothing.)
            console.print(Text(textwrap.fill(s, max(room, 40), initial_indent=_SUGGESTION, subsequent_indent=" " * len(_SUGGESTION),
                                             break_on_hyphens=False), style="green"))
        console.print()
    summary = Text()
    summary.append(f"{r.path}", style="bold")
    summary.append(f" — type : {r.type} — score : {r.score}/100 — ")
    summary.append("réussi" if r.passed else "à revoir", style="green" if r.passed else "bold red")
    console.print(summary)
    if quiet:
        return
    # Only the points this type of message requires (the JSON lists them all, with `applicable`).
    for c in r.criteria:
        if c.applicable:
            console.print(Text(f"  {mark(c)} {TITLES[c.id]}", style="green" if c.met else "red"))
    for n in r.notices:
        console.print(Text(f"  note : {n}", style="dim"))


_SUGGESTION = "  = suggestion : "

# Short type names for the compact table.
_TYPE_ABBR = {"annulation": "annul.", "declinaison": "déclin.", "refus_offre": "refus", "appel_manque": "appel",
              "reponse_refus": "rép.refus"}


def _table(students, cols, headings, compact: bool = False, name_width: int = 12, type_width: int = 9,
           verdict: bool = True, tight: bool = False) -> Table:
    # (`tight`: no padding, the columns kept apart by the box's separator alone — four-digit totals of a whole
    # platform.)
    table = Table(box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False, show_edge=False,
                  padding=(0, 0, 0, 0) if tight else (0, 1, 0, 0) if compact else (0, 1))
    # « en échec » would set the width of the names' column once names are cut below 8 characters.
    footer = "en échec" if name_width >= 8 else "échecs" if name_width >= 6 else "éch."
    table.add_column("élève", footer=footer, no_wrap=True)
    table.add_column("type", no_wrap=True)
    # (Below six characters of names, a class of thousands: the score, out of 100, headed « % ».)
    table.add_column("score" if name_width >= 6 else "%", justify="right")
    if verdict:
        table.add_column("ok" if compact else "résultat", no_wrap=True)
    for p, h in zip(cols, headings):
        table.add_column(h, justify="center", footer=str(classe.failing_count(students, p)), no_wrap=True)
    sign = {"ok": "✓", "ko": "✗", "na": "–"}
    for s in students:
        r = s.report
        cells = [str(s.grammar) if p == classe.GRAMMAR else sign[s.marks.get(p, "na")] for p in cols]
        if compact:
            head = (classe.short_name(r.path, name_width), _TYPE_ABBR.get(r.type, r.type)[:type_width], str(r.score),
                    *(("✓" if r.passed else "✗",) if verdict else ()))
        else:
            head = (classe.short_name(r.path), r.type[:13], str(r.score), "réussi" if r.passed else "à revoir")
        table.add_row(*head, *cells)
    return table


def _measure(table: Table) -> int:
    console = Console(width=1000, no_color=True, record=True, file=open("/dev/null", "w", encoding="utf-8"))
    with console.capture() as cap:
        console.print(table)
    return max((cell_len(line) for line in cap.get().splitlines()), default=0)


def class_view(reports: list[FileReport], limit: int = TABLE_WIDTH) -> list:
    """The renderables of the class view: legend, table (≤ `limit` columns: 100, or the terminal's width when
    narrower), totals, frequent problems."""
    students = [classe.student(r) for r in reports]
    cols = classe.columns(students)
    table = _table(students, cols, [classe.SHORT[p] for p in cols])
    legend = None
    if _measure(table) > limit:
        # Too many points failed for names: numbered columns and a legend.
        # Shorter names until it fits: every point a student fails keeps its column. A class of
        # hundreds (or a whole platform, 1,500 messages) has three-digit totals: the type is cut before names
        # get unreadable; with four-digit totals (2,000 messages and more), the names last.
        # Beyond 2,800 students, the pass / fail column goes last (the score says it, and the closing line
        # counts who passed); beyond 5,000, the padding of the columns.
        for name_width, type_width, verdict, tight in (
                (12, 9, True, False), (10, 9, True, False), (8, 9, True, False), (8, 6, True, False),
                (6, 6, True, False), (6, 5, True, False), (6, 4, True, False), (6, 3, True, False),
                (5, 3, True, False), (4, 3, True, False), (4, 3, False, False), (4, 3, False, True)):
            table = _table(students, cols, [str(i) for i in range(1, len(cols) + 1)], compact=True,
                           name_width=name_width, type_width=type_width, verdict=verdict, tight=tight)
            if _measure(table) <= limit:
                break
        legend = textwrap.fill("colonnes : " + " · ".join(f"{i} {classe.SHORT[p]}" for i, p in enumerate(cols, 1)),
                               limit, break_on_hyphens=False)
    # (No break before a French « : » or « ; », which a space precedes: a no-break space holds them.)
    out: list = [Text(textwrap.fill("Récapitulatif (✓ respecté, ✗ manquant, – sans objet ; gram. : fautes ; "
                                    "en échec : nombre d'élèves)".replace(" :", "\u00a0:").replace(" ;", "\u00a0;"),
                                    limit), style="bold")]
    if legend:
        out.append(Text(legend))
    out.append(table)
    ok = classe.all_met(students)
    if ok:
        out.append(Text(textwrap.fill("Respecté par tous : " + ", ".join(TITLES.get(p, p) for p in ok) + ".", limit)))
    common = classe.most_common(students)
    if common:
        out.append(Text("Problèmes les plus fréquents :", style="bold"))
        for p, n in common:
            out.append(Text(f"  {n:>3} élève{'s' if n > 1 else ' '}  {classe.MISSING.get(p, p)}"))
    passed = sum(1 for r in reports if r.passed)
    out.append(Text(f"{len(reports)} fichiers : {passed} réussi(s), {len(reports) - passed} à revoir."))
    return out


def summary_table(reports: list[FileReport]) -> Table:
    students = [classe.student(r) for r in reports]
    cols = classe.columns(students)
    return _table(students, cols, [classe.SHORT[p] for p in cols])


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False,
         quiet: bool = False) -> None:
    room = width()
    console = Console(file=out, highlight=False, no_color=not color, force_terminal=color, width=10_000, soft_wrap=True)
    for i, r in enumerate(reports):
        if quiet and not r.findings:
            continue
        if i:
            console.print()
        _file_lines(r, console, room, quiet)
    if len(reports) > 1 and not quiet:
        console.print()
        for part in class_view(reports, min(TABLE_WIDTH, room)):
            console.print(part)


def emit_concis(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    """One line per finding: file:line:col: rule [severity] message (for editors and grep)."""
    for r in reports:
        idx = LineIndex(r.text)
        for f in r.findings:
            line, col = finding_head(r, f, idx)
            out.write(f"{r.path}:{line}:{col}: {f.rule} [{f.severity.value}] {f.message}\n")
