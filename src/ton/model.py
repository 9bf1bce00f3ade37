"""Data model shared by rules, grammar engines and emitters.

Offsets are character offsets into the decoded text of the file
(start inclusive, end exclusive). Lines and columns are 1-based.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# The message types ton can recognise (msgtype.py); what each requires is data
# (lexicons/exigences.yaml), and the criteria are the rules of rules/__init__.py.
MESSAGE_TYPES = ("annulation", "report", "declinaison", "refus_offre", "appel_manque", "reponse_refus", "relance", "autre")


class Severity(str, Enum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFO = "info"


class Safety(str, Enum):
    """How safe a fix is to apply without review (like ruff's applicability)."""

    SAFE = "sure"
    UNSAFE = "risquee"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    safety: Safety
    description: str = ""


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    # The rule's own name for this kind of finding (« en_suspens »): its fix tells its findings apart by it,
    # not by reading the message. Not part of the outputs.
    kind: str = ""


# The kind of a finding ton leaves to the writer on purpose (no fix: fixing it would decide in their place,
# e.g. a decision the message says is still to come). A rewrite cannot complete such a message.
WRITERS_CALL = "au_redacteur"


@dataclass
class CriterionResult:
    id: str
    met: bool
    applicable: bool = True
    evidence: list[Evidence] = field(default_factory=list)
    message: str = ""
    suggestions: list[str] = field(default_factory=list)
