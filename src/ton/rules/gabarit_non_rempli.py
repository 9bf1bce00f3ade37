from ..model import Finding, Severity
from .base import Context, Rule, finding

ID = "gabarit_non_rempli"


def check(ctx: Context) -> list[Finding]:
    st = ctx.analysis.structure
    return [finding(ID, Severity.ERREUR,
                    f"Espace réservé non rempli : « {st.text[s:e]} ». Complétez-le avant d'envoyer.", s, e)
            for s, e in st.holes if not st.in_quote(s)]


RULE = Rule(
    id=ID, kind="regle", title="Espace réservé laissé d'un modèle",
    explanation=(
        "Le message contient un espace réservé d'un modèle qui n'a pas été rempli : [Nom], [Date et heure], "
        "____, XXX, <prénom>. Envoyé tel quel, il montre que le message est un copier-coller. "
        "Les motifs sont dans lexicons/regex/gabarits.yaml."
    ),
    good="Bonjour Madame Durand,\nJe dois annuler notre entretien du 12 mai.\nCordialement,\nLéa Martin",
    bad="Bonjour [Nom du responsable du recrutement],\nJe dois annuler notre entretien du [Date et heure].\nCordialement,\n[Votre nom]",
    severity=Severity.ERREUR, check=check,
    label="espace réservé",
)
