from ..model import Finding, Severity
from .base import Context, Rule, finding

ID = "registre_familier"
_NEG_PARTS = {"pas", "jamais", "rien", "plus"}


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
    # Spoken negation without "ne" ("je peux pas venir").
    for tok in a.doc:
        if tok.lower_ in _NEG_PARTS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX") \
                and "Fin" in tok.head.morph.get("VerbForm") and tok.i > tok.head.i:
            # The parse may hang "ne" elsewhere ("ce n'est pas sans regret"): look at the words before too.
            near = list(tok.head.children) + list(a.doc[max(0, tok.head.i - 3) : tok.head.i])
            if not any(c.lower_ in ("ne", "n'", "n’") for c in near) and not a.structure.in_quote(tok.idx):
                out.append(finding(ID, Severity.ERREUR,
                                   f"Négation sans « ne » : « {tok.head.text} {tok.text} » relève de l'oral. "
                                   f"Écrivez « ne … {tok.text} ».",
                                   tok.head.idx, tok.idx + len(tok)))
    return sorted(out, key=lambda f: f.start)


RULE = Rule(
    id=ID, kind="regle", title="Langage SMS ou familier",
    explanation=(
        "Le message emploie un langage SMS ou familier (slt, dsl, mdr, jpeux, bcp, émojis, « je peux pas » sans "
        "« ne »…), déplacé dans un message à un recruteur. La liste est dans lexicons/expressions/familier.yaml "
        "et lexicons/regex/familier.yaml."
    ),
    good="Bonjour Madame,\nJe ne pourrai pas venir à l'entretien. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Slt,\ndsl jpeux pas venir demain 😅\nLéa",
    severity=Severity.ERREUR, check=check,
)
