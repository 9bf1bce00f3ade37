import re

from ..fixes import FixContext, cased
from ..model import Edit, Finding, Fix, Safety, Severity
from .base import Context, Rule, finding

ID = "tutoiement"


def check(ctx: Context) -> list[Finding]:
    a = ctx.analysis
    forms = set(a.lexicon.settings.get("tutoiement", {}).get("formes", []))
    # "tu", "te", "toi" are always the 2nd person (the tagger sometimes calls a sentence-initial "Tu" a noun);
    # "ton", "ta", "tes" only as determiners or pronouns ("le ton du message" is a noun).
    tu = [t for t in a.doc if t.lower_ in forms and not a.structure.in_quote(t.idx)
          and (t.lower_ in ("tu", "te", "t'", "t’", "toi") or t.pos_ in ("PRON", "DET"))]
    # « fais-moi signe », « dis-moi » : an imperative of the 2nd person singular with its hyphenated pronoun
    # (the tagger often reads these as nouns). The forms are those `ton reecrire` knows how to replace.
    imperatives = a.lexicon.replacements.get("tutoiement", {}).get("imperatifs", {})
    tu += [t for t in a.doc if t.lower_ in imperatives and t.i + 1 < len(a.doc) and a.doc[t.i + 1].text.startswith("-")
           and a.doc[t.i + 1].text[1:].lower() in ("moi", "nous", "le", "la", "les", "en", "y", "lui", "leur")
           and not a.structure.in_quote(t.idx)]
    tu.sort(key=lambda t: t.i)
    if not tu:
        return []
    vous = any(t.lower_ in ("vous", "votre", "vos") for t in a.doc if not a.structure.in_quote(t.idx))
    msg = ("Mélange du tutoiement et du vouvoiement : « {w} ». Vouvoyez le recruteur de bout en bout."
           if vous else "Tutoiement dans un message professionnel : « {w} ». Vouvoyez le recruteur.")
    return [finding(ID, Severity.ERREUR, msg.format(w=t.text), t.idx, t.idx + len(t)) for t in tu]


def fix(ctx: FixContext, f: Finding) -> Fix | None:
    text = ctx.text
    word = text[f.start:f.end]
    tu = ctx.rep.get("tutoiement", {})
    by = tu.get("pronoms", {}).get(word.lower()) or tu.get("imperatifs", {}).get(word.lower())
    if by is None:
        return None
    edits = [Edit(f.start, f.end, cased(word, by, False))]
    safety = Safety.UNSAFE
    if word.lower() == "tu":
        # The verb, past any object pronoun: "tu m'as consacré", "tu le sais".
        m = re.match(r"\s+(?:(?:m'|me |l'|le |la |les |lui |leur |y |en |ne |n')\s*)*([^\W\d_]+)", text[f.end:], re.I)
        conj = tu.get("verbes", {}).get(m.group(1).lower()) if m else None
        if conj:
            vs = f.end + m.start(1)
            edits.append(Edit(vs, vs + len(m.group(1)), conj))
        else:
            safety = Safety.SUGGESTION  # the verb must agree: left to the candidate
    return Fix(tuple(edits), safety, "Vouvoyer le destinataire")


RULE = Rule(
    id=ID, kind="regle", title="Tutoiement",
    explanation=(
        "Le message tutoie le destinataire, ou mélange tutoiement et vouvoiement. Dans un message à un recruteur, "
        "le vouvoiement est de règle du début à la fin."
    ),
    good="Bonjour Julie,\nJe ne pourrai pas venir jeudi. Pourriez-vous me proposer un autre créneau ?\nCordialement,\nLéa",
    bad="Bonjour Julie,\nJe ne pourrai pas venir jeudi, tu peux me proposer un autre créneau ? Merci à vous.\nLéa",
    severity=Severity.ERREUR, check=check,
    label="tutoiement", fix=fix, fix_priority=3,
)
