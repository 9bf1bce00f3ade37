"""The rule registry: every rule, in report order. Add a rule here and nowhere else."""
from . import (
    concision,
    decision_claire,
    excuses,
    gabarit_non_rempli,
    negation_orale,
    porte_ouverte,
    proposition_report,
    registre_familier,
    remerciement,
    sans_critique,
    tutoiement,
)
from .base import Context, Rule, Verdict

CRITERIA_RULES: tuple[Rule, ...] = (
    remerciement.RULE,
    decision_claire.RULE,
    excuses.RULE,
    concision.RULE,
    proposition_report.RULE,
    sans_critique.RULE,
    porte_ouverte.RULE,
)
EXTRA_RULES: tuple[Rule, ...] = (
    gabarit_non_rempli.RULE,
    registre_familier.RULE,
    negation_orale.RULE,
    tutoiement.RULE,
)
ALL_RULES: tuple[Rule, ...] = CRITERIA_RULES + EXTRA_RULES
BY_ID = {r.id: r for r in ALL_RULES}

__all__ = ["ALL_RULES", "BY_ID", "CRITERIA_RULES", "EXTRA_RULES", "Context", "Rule", "Verdict"]
