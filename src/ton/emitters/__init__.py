"""Output formats. Each emitter turns reports into text on a stream; none decides the exit code."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TextIO

from ..check import FileReport
from ..errors import InputError
from . import csv_, github, html, json_, junit, markdown, sarif, texte

Emitter = Callable[[list[FileReport], list[InputError], TextIO, bool], None]

FORMATS: dict[str, Emitter] = {
    "texte": texte.emit,
    "concis": texte.emit_concis,
    "json": json_.emit,
    "sarif": sarif.emit,
    "junit": junit.emit,
    "github": github.emit,
    "csv": csv_.emit,
    "markdown": markdown.emit,
    "html": html.emit,
}

# « -o rapport.sarif -o resume.md »: the format of each output file follows its extension.
BY_EXTENSION = {
    ".txt": "texte", ".json": "json", ".sarif": "sarif", ".xml": "junit", ".csv": "csv",
    ".md": "markdown", ".html": "html", ".htm": "html",
}


def format_for(path: str | Path) -> str | None:
    return BY_EXTENSION.get(Path(path).suffix.lower())
