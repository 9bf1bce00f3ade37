"""The rule registry: every rule, in report order. Add a rule here and nowhere else.

Everything else (applicability by type, templates, docs, emitters' columns) is read from the
rules themselves and from lexicons/; `validate` checks at load that the data names only
rules and lexicon groups that exist.
"""
from ..analysis import FEELINGS
from .. import msgtype
from ..errors import LexiconError
from ..fixes import REGEXES_READ
from ..lexicon import Lexicon
from . import (
    concision,
    decision_claire,
    delai,
    demande_retour,
    excuses,
    gabarit_non_rempli,
    insistance,
    interet_reitere,
    negation_orale,
    porte_ouverte,
    prochaines_etapes,
    proposition_report,
    registre_familier,
    remerciement,
    sans_critique,
    tutoiement,
)
from .base import WHERE, Context, Rule, Verdict

CRITERIA_RULES: tuple[Rule, ...] = (
    remerciement.RULE,
    decision_claire.RULE,
    excuses.RULE,
    concision.RULE,
    proposition_report.RULE,
    sans_critique.RULE,
    porte_ouverte.RULE,
    interet_reitere.RULE,
    demande_retour.RULE,
    prochaines_etapes.RULE,
)
EXTRA_RULES: tuple[Rule, ...] = (
    gabarit_non_rempli.RULE,
    registre_familier.RULE,
    negation_orale.RULE,
    tutoiement.RULE,
    insistance.RULE,
    delai.RULE,
)
ALL_RULES: tuple[Rule, ...] = CRITERIA_RULES + EXTRA_RULES
BY_ID = {r.id: r for r in ALL_RULES}
CRITERIA: tuple[str, ...] = tuple(r.id for r in CRITERIA_RULES)
# Template sections that are not criteria.
_TEMPLATE_PARTS = ("salutation", "formule_finale", "corps", "disponibilite")


def validate(lex: Lexicon) -> None:
    """The data and the registry agree: every group a rule reads exists, and the type table and the
    templates name only known criteria. Errors name the file and the key."""
    groups = lex.groups
    for rule in ALL_RULES:
        for g in rule.groups:
            if g not in groups:
                stem, _, name = g.partition(".")
                raise LexiconError(f"expressions/{stem}.yaml", name,
                                   f"groupe lu par la règle « {rule.id} » introuvable")
        for w in rule.words:
            if w not in lex.words:
                raise LexiconError("mots.yaml", w, f"liste lue par la règle « {rule.id} » introuvable")
        if rule.where not in WHERE:
            raise LexiconError(f"rules/{rule.id}.py", "where", f"valeur « {rule.where} » inconnue")
    for w in msgtype.WORD_LISTS:
        if w not in lex.words:
            raise LexiconError("mots.yaml", w, "liste lue par le type de message (msgtype.py) introuvable")
    if FEELINGS not in lex.words:
        raise LexiconError("mots.yaml", FEELINGS, "liste lue par l'analyse (analysis.py) introuvable")
    for family, rid in REGEXES_READ:
        if not any(i == rid for i, _rx, _ex in lex.regexes.get(family, ())):
            raise LexiconError(f"regex/{family}.yaml", rid, "motif lu par les corrections (fixes.py) introuvable")
    for mtype, crits in lex.requirements.items():
        for cid in crits:
            if cid not in BY_ID or BY_ID[cid].kind != "critere":
                raise LexiconError("exigences.yaml", f"{mtype}.{cid}", "critère inconnu")
    for mtype, crits in lex.templates.items():
        for cid in crits:
            if cid not in CRITERIA and cid not in _TEMPLATE_PARTS:
                raise LexiconError("modeles.yaml", f"{mtype}.{cid}", "critère inconnu")


__all__ = ["ALL_RULES", "BY_ID", "CRITERIA", "CRITERIA_RULES", "EXTRA_RULES", "Context", "Rule", "Verdict",
           "validate"]
