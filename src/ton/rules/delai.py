from ..model import Finding, Severity
from .base import Context, Rule, finding, quote

ID = "delai"
_LATE_NOTICE = ("annulation", "report", "declinaison")


def check(ctx: Context) -> list[Finding]:
    """When the message is sent relative to the interview, as the text tells it (lexicons/expressions/delai.yaml):
    a cancellation the day before or the same day, a thank-you note days later, a follow-up the next day."""
    a, mtype = ctx.analysis, ctx.meta.get("type")
    if mtype in _LATE_NOTICE:
        for m in a.group("delai.proche"):
            return [finding(ID, Severity.INFO,
                            f"Vous prévenez moins de 24 heures avant l'entretien ({quote(m)}). Les guides conseillent "
                            "un préavis d'au moins 24 à 48 heures : si c'est possible, appelez aussi.", m.start, m.end)]
    if mtype == "relance":
        follow_up = a.group("types.relance_forte") or a.group("types.relance_suivi")
        if follow_up:
            for m in a.group("delai.recent"):
                return [finding(ID, Severity.INFO,
                                f"Relance envoyée tôt ({quote(m)}) : les guides conseillent d'attendre une semaine sans "
                                "nouvelles avant de relancer ; le lendemain, un simple remerciement suffit.", m.start, m.end)]
        else:
            for m in a.group("delai.ancien"):
                return [finding(ID, Severity.INFO,
                                f"Remerciement tardif ({quote(m)}) : les guides conseillent de remercier le jour suivant "
                                "l'entretien.", m.start, m.end)]
    return []


RULE = Rule(
    id=ID, kind="regle", title="Moment de l'envoi",
    explanation=(
        "D'après ce que le texte dit du moment de l'entretien : une annulation, un report ou une déclinaison pour "
        "un entretien du jour même ou du lendemain (les guides conseillent un préavis d'au moins 24 à 48 heures), "
        "un mot de remerciement envoyé des jours après l'entretien (il s'envoie le jour suivant), une relance "
        "envoyée dès le lendemain (on relance après une semaine sans nouvelles). Information seulement : le "
        "texte ne dit pas toujours quand il est envoyé."
    ),
    good="Bonjour,\nJe dois annuler notre entretien de jeudi prochain. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Bonjour,\nJe dois annuler notre entretien de demain matin. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    severity=Severity.INFO, check=check,
    label="moment de l'envoi", groups=("delai.proche", "delai.ancien", "delai.recent", "types.relance_forte",
                                      "types.relance_suivi"),
)
