"""Output formats. Each emitter turns reports into text on a stream; none decides the exit code."""
from __future__ import annotations

from typing import Callable, TextIO

from ..check import FileReport
from ..errors import InputError
from . import csv_, github, json_, junit, sarif, texte

Emitter = Callable[[list[FileReport], list[InputError], TextIO, bool], None]

FORMATS: dict[str, Emitter] = {
    "texte": texte.emit,
    "json": json_.emit,
    "sarif": sarif.emit,
    "junit": junit.emit,
    "github": github.emit,
    "csv": csv_.emit,
}
