from ..model import Finding, Severity
from .base import Context, Rule, finding

ID = "registre_familier"


def check(ctx: Context) -> list[Finding]:
    a = ctx.analysis
    out = []
    for m in a.group("familier.expressions", own=False):
        out.append(finding(ID, Severity.ERREUR,
                           f"Registre familier : « {m.text} ». Préférez une formulation professionnelle.",
                           m.start, m.end))
    for _id, rx, _ex in a.lexicon.regexes.get("familier", []):
        for m in rx.finditer(a.doc.text):
            out.append(finding(ID, Severity.ERREUR,
                               f"Registre familier : « {m.group(0)} » n'a pas sa place dans un message professionnel.",
                               m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


RULE = Rule(
    id=ID, kind="regle", title="Langage SMS ou familier",
    explanation=(
        "Le message emploie un langage SMS ou familier (slt, dsl, mdr, jpeux, bcp, émojis…), déplacé dans un "
        "message à un recruteur. La négation sans « ne » relève de la règle negation_orale. La liste est dans lexicons/expressions/familier.yaml "
        "et lexicons/regex/familier.yaml."
    ),
    good="Bonjour Madame,\nJe ne pourrai pas venir à l'entretien. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Slt,\ndsl jpeux pas venir demain 😅\nLéa",
    severity=Severity.ERREUR, check=check,
)
