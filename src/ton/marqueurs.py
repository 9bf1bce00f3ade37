"""Markers written in a draft to silence rules for that message only (README, « Faire taire une règle »):

    <!-- ton: ignorer registre_familier, tutoiement -->

The marker is blanked (same length, so positions hold) before the message is analysed: it is
an instruction to ton, not part of the message.
"""
from __future__ import annotations

import re

MARKER = re.compile(r"<!--\s*ton\s*:\s*ignorer\s+(?P<rules>[\w/ ,.-]+?)\s*-->", re.IGNORECASE)
EXAMPLE = "<!-- ton: ignorer registre_familier, tutoiement -->"


def extract(text: str) -> tuple[str, tuple[str, ...]]:
    """The text with markers blanked, and the rules they silence."""
    rules: list[str] = []
    for m in MARKER.finditer(text):
        rules.extend(r for r in re.split(r"[\s,]+", m["rules"]) if r)
    if not rules:
        return text, ()
    blanked = MARKER.sub(lambda m: " " * len(m[0]), text)
    return blanked, tuple(dict.fromkeys(rules))
