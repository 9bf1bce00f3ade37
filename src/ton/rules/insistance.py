from ..analysis import candidate_acts
from ..model import Finding, Severity
from .base import Context, Rule, finding, quote

ID = "insistance"


def check(ctx: Context) -> list[Finding]:
    """Pushiness: an ultimatum, repeated follow-ups recalled, a reproach for the silence. One per sentence."""
    out, seen = [], set()
    giving = ctx.analysis.lexicon.words["insistance.don"]
    hoping = ctx.analysis.lexicon.words["insistance.souhait"]
    for m in ctx.analysis.group("insistance.expressions"):
        if _own_answer(m.span[0], giving) or _hoped(m, hoping):
            continue
        sent = m.span.sent
        if sent.start in seen:
            continue
        seen.add(sent.start)
        out.append(finding(ID, Severity.AVERTISSEMENT,
                           f"Insistance : {quote(m)} peut braquer le recruteur. Une relance courte et patiente "
                           "suffit ; ne rappelez ni vos relances ni son silence.", sent.start_char, sent.end_char))
    return out


def _own_answer(tok, giving) -> bool:
    """« je vous donnerai ma réponse d'ici lundi »: the answer the writer gives, not one demanded."""
    return tok.dep_ == "obj" and tok.head.lemma_ in giving and candidate_acts(tok.head)


_THREAT = ("faute de quoi", "sans quoi", "sinon", "à défaut")


def _hoped(m, hoping) -> bool:
    """« j'espère avoir de vos nouvelles d'ici là »: a deadline the writer hopes for, not one he demands;
    not when a threat follows (« …, faute de quoi je retirerai ma candidature »), and not for the count
    of his follow-ups (« j'espère que c'est la dernière fois que je dois vous relancer »)."""
    sent = m.span.sent.text.lower()
    if not any(w in m.text.lower() for w in ("d'ici", "d’ici", "avant", "sous")) or any(t in sent for t in _THREAT):
        return False
    return any(anc.lemma_ in hoping and candidate_acts(anc) for anc in list(m.span[0].ancestors)[:3])


RULE = Rule(
    id=ID, kind="regle", title="Insistance déplacée",
    explanation=(
        "Une relance reste patiente : pas d'ultimatum (« j'attends une réponse d'ici vendredi », « faute de "
        "réponse… »), pas de rappel des relances précédentes (« c'est ma troisième relance »), pas de reproche du "
        "silence. Le document sur le suivi conseille de ne pas relancer trop souvent. Avertissement."
    ),
    good="Bonjour,\nJe me permets de revenir vers vous : pourriez-vous m'indiquer les prochaines étapes ?\nCordialement,\nLéa",
    bad="Bonjour,\nC'est ma troisième relance : j'attends une réponse d'ici vendredi.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="insistance", groups=("insistance.expressions",), words=("insistance.don", "insistance.souhait"),
)
