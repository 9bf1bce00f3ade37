from ..model import Finding, Severity
from .base import Context, Rule, finding

ID = "negation_orale"
_NEG_PARTS = {"pas", "jamais", "rien", "plus"}


def check(ctx: Context) -> list[Finding]:
    """Spoken negation without "ne" ("je vais pas pouvoir venir"): informal, milder than SMS writing."""
    a = ctx.analysis
    out = []
    for tok in a.doc:
        if tok.lower_ in _NEG_PARTS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX") \
                and "Fin" in tok.head.morph.get("VerbForm") and tok.i > tok.head.i:
            # The parse may hang "ne" elsewhere ("ce n'est pas sans regret"): look at the words before too.
            near = list(tok.head.children) + list(a.doc[max(0, tok.head.i - 3) : tok.head.i])
            if not any(c.lower_ in ("ne", "n'", "n’") for c in near) and not a.structure.in_quote(tok.idx):
                out.append(finding(ID, Severity.AVERTISSEMENT,
                                   f"Négation sans « ne » : « {tok.head.text} {tok.text} » relève de l'oral. "
                                   f"Écrivez « ne … {tok.text} ».",
                                   tok.head.idx, tok.idx + len(tok)))
    return out


RULE = Rule(
    id=ID, kind="regle", title="Négation sans « ne »",
    explanation=(
        "Le message omet le « ne » de la négation (« je peux pas venir », « c'est pas possible ») : c'est une "
        "tournure de l'oral, moins soignée qu'il ne faudrait dans un message à un recruteur. Avertissement "
        "seulement : écrivez « je ne peux pas venir »."
    ),
    good="Bonjour Madame,\nJe ne pourrai pas venir à l'entretien de jeudi. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Bonjour Madame,\nJe vais pas pouvoir venir à l'entretien de jeudi, désolé.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
)
