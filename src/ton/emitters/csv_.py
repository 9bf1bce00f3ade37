"""CSV report (docs/formats.md): one row per file, for a coach's spreadsheet."""
from __future__ import annotations

import csv
from typing import TextIO

from ..check import FileReport
from ..echappement import csv_cell
from ..errors import InputError
from ..rules import CRITERIA
from .texte import is_grammar

HEADER = ["fichier", "type", "score", "resultat", *CRITERIA, "grammaire", "constats", "erreur"]


def _cell(c) -> str:
    return "sans objet" if not c.applicable else ("oui" if c.met else "non")


class _Neutral:
    """Every cell neutralised against formulas (a file named « =HYPERLINK(…) »)."""

    def __init__(self, writer) -> None:
        self._w = writer

    def writerow(self, row) -> None:
        self._w.writerow([csv_cell(c) for c in row])


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    w = _Neutral(csv.writer(out, lineterminator="\n"))
    w.writerow(HEADER)
    for r in reports:
        by_id = {c.id: c for c in r.criteria}
        w.writerow([r.path, r.type, r.score, "réussi" if r.passed else "à revoir",
                    *(_cell(by_id[cid]) if cid in by_id else "" for cid in CRITERIA),
                    sum(is_grammar(f.rule) for f in r.findings), len(r.findings), ""])
    for e in errors:
        w.writerow([e.path, "", "", "illisible", *("" for _ in CRITERIA), "", "", e.reason])
