from ..model import Severity
from .base import Context, Rule, Verdict, presence

ID = "demande_retour"


def check(ctx: Context) -> Verdict:
    return presence(ctx, "demande_retour.expressions",
                    "Le message ne demande pas de retour sur votre candidature : c'est l'occasion d'apprendre "
                    "ce qui a manqué.", request=True, label="demande_retour")


RULE = Rule(
    id=ID, kind="critere", title="Demander un retour sur sa candidature",
    explanation=(
        "En réponse à un refus, le message demande un retour sur la candidature ou l'entretien : « pourriez-vous "
        "me dire ce qui a manqué ? », « vos remarques m'aideraient à progresser ». Le document sur les refus le "
        "conseille (« cela ne peut pas faire de mal de demander ») ; son absence n'est qu'une information. "
        "La phrase doit être une demande (question, conditionnel, « je me permets de vous demander »)."
    ),
    good="Bonjour,\nMerci pour votre réponse. Pourriez-vous me dire ce qui a manqué à ma candidature ?\nCordialement,\nLéa",
    bad="Bonjour,\nMerci pour votre réponse.\nCordialement,\nLéa",
    severity=Severity.INFO, check=check,
    label="demande de retour", short="retour", groups=("demande_retour.expressions",), where="fin", insert=True,
)
