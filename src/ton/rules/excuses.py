from ..model import Severity
from .base import Context, Rule, Verdict, rescued

ID = "excuses"


def check(ctx: Context) -> Verdict:
    found = ctx.analysis.group("excuses.expressions")
    if found:
        return Verdict(True, found)
    unfortunately = [t for t in ctx.analysis.doc if t.lower_ == "malheureusement"
                     and not ctx.analysis.structure.outside_body(t.idx)]
    why = "Le message ne présente pas d'excuses pour le désagrément."
    if unfortunately:
        why += " « Malheureusement » seul n'est pas une excuse."
    return rescued(ctx, Verdict(False, [], [], why), "excuses", ("excuses.expressions",))


def applies(ctx: Context, mtype: str) -> bool:
    """After a missed call, apologies are due only when the candidate missed it, not the recruiter."""
    if mtype != "appel_manque":
        return True
    a = ctx.analysis
    return bool(a.group("types.appel_manque")) or not a.group("types.appel_recruteur")


RULE = Rule(
    id=ID, kind="critere", title="S'excuser du désagrément",
    explanation=(
        "Le message présente des excuses ou exprime un regret : excuses, s'excuser, désolé, navré, pardon, regretter, "
        "j'ai le regret. « Malheureusement » seul n'est pas une excuse ; « dsl » en est une, mais relève du registre "
        "familier. Pour une déclinaison ou un refus d'offre, l'absence d'excuses n'est qu'un avertissement."
    ),
    good="Bonjour,\nJe dois annuler notre entretien de jeudi. Je vous prie de m'excuser pour ce contretemps.\nCordialement,\nLéa",
    bad="Bonjour,\nJe dois malheureusement annuler notre entretien de jeudi.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
    label="excuses", short="excuses", groups=("excuses.expressions", "types.appel_manque", "types.appel_recruteur"), where="apres_decision", insert=True, applies=applies,
)
