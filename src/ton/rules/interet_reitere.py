from ..model import Severity
from .base import Context, Rule, Verdict, presence

ID = "interet_reitere"


def check(ctx: Context) -> Verdict:
    return presence(ctx, "interet.expressions",
                    "Le message ne redit pas votre intérêt pour le poste ou l'entreprise.", label="interet")


RULE = Rule(
    id=ID, kind="critere", title="Redire son intérêt pour le poste",
    explanation=(
        "Après un appel manqué ou un entretien, le message redit l'intérêt du candidat pour le poste ou "
        "l'entreprise : « le poste m'intéresse toujours », « je reste très motivé », « j'ai hâte de rejoindre "
        "votre équipe ». Une formule niée (« le poste ne m'intéresse plus ») ne compte pas. Exigé pour un appel "
        "manqué et une relance, facultatif ailleurs (voir le tableau des exigences)."
    ),
    good="Bonjour Madame Roux,\nMerci pour l'entretien d'hier. Le poste m'intéresse toujours beaucoup.\nCordialement,\nLéa",
    bad="Bonjour Madame Roux,\nMerci pour l'entretien d'hier.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="intérêt redit", short="intérêt", groups=("interet.expressions",), where="fin", insert=True,
)
