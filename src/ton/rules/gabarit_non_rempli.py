from ..model import Finding, Severity
from .base import Context, Rule, finding

ID = "gabarit_non_rempli"


def check(ctx: Context) -> list[Finding]:
    a = ctx.analysis
    text = a.structure.text  # the doc's text has placeholders masked for the parser
    out, seen = [], set()
    for _id, rx, _ex in a.lexicon.regexes.get("gabarits", []):
        for m in rx.finditer(text):
            if a.structure.in_quote(m.start()) or any(s < m.end() and m.start() < e for s, e in seen):
                continue
            seen.add((m.start(), m.end()))
            out.append(finding(ID, Severity.ERREUR,
                               f"Espace réservé non rempli : « {m.group(0)} ». Complétez-le avant d'envoyer.",
                               m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


RULE = Rule(
    id=ID, kind="regle", title="Espace réservé laissé d'un modèle",
    explanation=(
        "Le message contient un espace réservé d'un modèle qui n'a pas été rempli : [Nom], [Date et heure], "
        "____, XXX, <prénom>. Envoyé tel quel, il montre que le message est un copier-coller. "
        "Les motifs sont dans lexicons/regex/gabarits.yaml."
    ),
    good="Bonjour Madame Durand,\nJe dois annuler notre entretien du 12 mai.\nCordialement,\nLéa Martin",
    bad="Bonjour [Nom du responsable du recrutement],\nJe dois annuler notre entretien du [Date et heure].\nCordialement,\n[Votre nom]",
    severity=Severity.ERREUR, check=check,
)
