"""What a rule is, and the context it reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..analysis import Analysis, Match
from ..model import Finding, Severity


@dataclass
class Context:
    analysis: Analysis  # rules decide whatever the message type; check.py applies the type afterwards
    config: dict  # thresholds (concision…), from lexicons/reglages.yaml, overridable

    @property
    def text(self) -> str:
        return self.analysis.structure.text


@dataclass
class Verdict:
    """A checklist criterion's decision: met or not, the words behind it, and any violation found."""

    met: bool
    evidence: list[Match | tuple[int, int]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # violations at precise spans
    message: str = ""  # why it is not met (French), used for the "missing" finding


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "critere" | "regle"
    title: str  # one line, French
    explanation: str  # French, for `ton expliquer` and the docs
    good: str  # a passing example
    bad: str  # a failing example
    severity: Severity
    check: Callable[[Context], object]  # critere -> Verdict ; regle -> list[Finding]


def finding(rule: str, severity: Severity, message: str, start: int, end: int, suggestions=()) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, start=start, end=end, suggestions=list(suggestions))


def quote(m: Match) -> str:
    return f"« {m.text.strip()} »"
