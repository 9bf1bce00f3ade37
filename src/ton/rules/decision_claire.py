from ..analysis import hedged
from ..model import Severity
from .base import Context, Rule, Verdict, finding, quote

ID = "decision_claire"


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    clear, hedges = [], []
    for m in a.group("decision.expressions"):
        h = hedged(m, a)
        if h is None:
            clear.append(m)
        else:
            hedges.append((m, h))
    if clear:
        return Verdict(True, clear)
    findings = []
    for m, h in hedges:
        s, e = min(m.start, h.start), max(m.end, h.end)
        findings.append(finding(ID, Severity.ERREUR,
                                f"Décision hésitante : {quote(h)} affaiblit la décision. Annoncez-la clairement.", s, e))
    if findings:
        return Verdict(False, [], findings[:1], "La décision est formulée avec hésitation.")
    return Verdict(False, [], [], "Aucune décision explicite : dites clairement que vous annulez, déclinez, refusez ou demandez un report.")


RULE = Rule(
    id=ID, kind="critere", title="Énoncer une décision claire",
    explanation=(
        "Le message dit clairement ce qui est décidé : annuler, ne pas pouvoir venir ou être présent, décliner, "
        "ne pas donner suite, renoncer, refuser, demander à décaler. Une décision entourée d'hésitation (peut-être, "
        "il se peut, je ne suis pas sûr, on verra, je pense que…, « je devrais annuler ») n'est pas claire."
    ),
    good="Bonjour,\nJe ne pourrai pas être présente à notre entretien de jeudi et je dois l'annuler.\nCordialement,\nLéa",
    bad="Bonjour,\nJe pense que je vais peut-être annuler notre entretien, on verra.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
)
