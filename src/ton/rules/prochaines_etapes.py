from ..model import Severity
from .base import Context, Rule, Verdict, presence

ID = "prochaines_etapes"


def check(ctx: Context) -> Verdict:
    return presence(ctx, "prochaines_etapes.expressions",
                    "Le message ne demande pas où en est le processus ni quelles sont les prochaines étapes.",
                    request=True, label="prochaines_etapes")


def applies(ctx: Context, mtype: str) -> bool:
    """In a "relance", only a follow-up after days without news asks for next steps, not the next-day thanks."""
    return mtype != "relance" or bool(ctx.analysis.group("types.relance_suivi"))


RULE = Rule(
    id=ID, kind="critere", title="Demander les prochaines étapes",
    explanation=(
        "Une relance envoyée après quelques jours sans nouvelles demande où en est le processus, les prochaines "
        "étapes ou la date de décision : « pourriez-vous m'indiquer les prochaines étapes ? », « savez-vous quand "
        "une décision sera prise ? ». Le mot de remerciement du lendemain n'en a pas besoin. La phrase doit être "
        "une demande (question, conditionnel, « je me permets de vous demander »)."
    ),
    good="Bonjour,\nSuite à notre entretien du 3 mai, pourriez-vous m'indiquer les prochaines étapes ?\nCordialement,\nLéa",
    bad="Bonjour,\nSuite à notre entretien du 3 mai, je reviens vers vous.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="prochaines étapes", short="étapes", groups=("prochaines_etapes.expressions", "types.relance_suivi"), where="fin", insert=True,
    applies=applies,
)
