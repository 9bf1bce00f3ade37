from ..model import Severity
from .base import Context, Rule, Verdict, finding, quote

ID = "proposition_report"


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    found = a.group("report.expressions")
    if found:
        return Verdict(True, found)
    refused = [m for m in a.group("report.expressions", valid=False) if m.negated and m.expr.polarity == "affirmative"]
    if refused:
        m = refused[0]
        return Verdict(False, [], [], f"Le message écarte un report ({quote(m)}) au lieu de proposer une autre date.")
    return Verdict(False, [], [], "Aucune autre date ni aucun créneau n'est proposé.")


RULE = Rule(
    id=ID, kind="critere", title="Proposer une autre date",
    explanation=(
        "Quand le candidat reste intéressé (annulation, report), le message propose ou demande une autre date ou "
        "un autre créneau : « je vous propose jeudi », « seriez-vous disponible la semaine prochaine ? », "
        "« pourrions-nous reprogrammer ? ». Une proposition niée (« je ne souhaite pas reporter ») ne compte pas. "
        "« Je reste disponible pour toute question » n'est pas une proposition de date."
    ),
    good="Bonjour,\nJe dois annuler notre entretien de jeudi. Seriez-vous disponible mardi ou mercredi prochain ?\nCordialement,\nLéa",
    bad="Bonjour,\nJe dois annuler notre entretien de jeudi. Je reste disponible pour toute question.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
)
