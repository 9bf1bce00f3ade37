"""Markdown class summary: for $GITHUB_STEP_SUMMARY and « -o resume.md » (docs/formats.md)."""
from __future__ import annotations

from typing import TextIO

from .. import classe
from ..check import FileReport
from ..errors import InputError


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    students = [classe.student(r) for r in reports]
    cols = classe.columns(students)
    passed = sum(1 for r in reports if r.passed)
    out.write("## ton : vue de la classe\n\n")
    out.write(f"{len(reports)} fichier(s) : {passed} réussi(s), {len(reports) - passed} à revoir"
              + (f", {len(errors)} illisible(s)" if errors else "") + ".\n\n")
    sign = {"ok": "✓", "ko": "✗", "na": "–"}
    out.write("| élève | type | score | résultat | " + " | ".join(classe.SHORT[p] for p in cols) + " |\n")
    out.write("|---|---|--:|---|" + "".join(":-:|" for _ in cols) + "\n")
    for s in students:
        r = s.report
        cells = [str(s.grammar) if p == classe.GRAMMAR else sign[s.marks.get(p, "na")] for p in cols]
        out.write(f"| {_cell(classe.short_name(r.path, 40))} | {r.type} | {r.score} | "
                  f"{'réussi' if r.passed else 'à revoir'} | " + " | ".join(cells) + " |\n")
    out.write("| **en échec** | | | | " + " | ".join(str(classe.failing_count(students, p)) for p in cols) + " |\n\n")
    common = classe.most_common(students)
    if common:
        out.write("### Problèmes les plus fréquents\n\n")
        for p, n in common:
            out.write(f"- {classe.MISSING.get(p, p)} : {n} élève{'s' if n > 1 else ''}\n")
        out.write("\n")
    for e in errors:
        out.write(f"- `{_cell(e.path)}` : {_cell(e.reason)}\n")
