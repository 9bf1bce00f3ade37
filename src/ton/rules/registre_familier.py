import re

from ..fixes import FixContext, cap, cased, delete_word
from ..model import Edit, Finding, Fix, Safety, Severity
from .base import Context, Rule, finding, glued
from ..analysis import doc_text

ID = "registre_familier"
_CLAUSE_START = re.compile(r" (?:je|j'|j’|jvais|jpeux|jsuis|jvous|jdois|jai|g|on|nous|il|elle|mais|c|ya|y a)\b", re.I)


def check(ctx: Context) -> list[Finding]:
    a = ctx.analysis
    out = []
    plain, determiners = a.lexicon.words["familier.noms_ordinaires"], a.lexicon.words["familier.determinants"]
    for m in a.group("familier.expressions", own=False):
        tok = m.span[0]
        # « ce genre de chose » is plain French; « c'était genre trois heures » is not.
        if len(m.span) == 1 and tok.lower_ in plain and tok.i and tok.nbor(-1).lower_ in determiners:
            continue
        out.append(finding(ID, Severity.ERREUR,
                           f"Registre familier : « {m.text} ». Préférez une formulation professionnelle.",
                           m.start, m.end))
    # « jviens », « jdois » : « je » glued to any verb the lemmatizer knows, beyond the listed forms.
    listed = {(f.start, f.end) for f in out}
    for i, full in a.doc.user_data.get("ton_je_colle", {}).items():  # found by nlp.glued_je_lemmas
        tok = a.doc[i]
        if not a.structure.outside_body(tok.idx) and (tok.idx, tok.idx + len(tok)) not in listed:
            f = finding(ID, Severity.ERREUR, f"Registre familier : « {tok.text} ». Écrivez « {full} ».",
                        tok.idx, tok.idx + len(tok))
            f.suggestions = [full]
            out.append(f)
    for _id, rx, _ex in a.lexicon.regexes.get("familier", []):
        for m in rx.finditer(doc_text(a.doc)):
            out.append(finding(ID, Severity.ERREUR,
                               f"Registre familier : « {m.group(0)} » n'a pas sa place dans un message professionnel.",
                               m.start(), m.end()))
    agreeing = a.lexicon.replacements.get("familier_accords", {})
    for f in out:
        forms = agreeing.get(doc_text(a.doc)[f.start:f.end].lower())
        if forms:
            by = forms.get(_next_word_agreement(a.doc, f.end))
            f.suggestions = [by] if by else []
    return sorted(out, key=lambda f: f.start)


def _next_word_agreement(doc, end: int) -> str | None:
    """Gender and number of the words that follow `end` ("g 1 urgence": "fs"; "tt les semaines": "fp"), read
    on the determiner or noun right after and the noun it introduces; None when a verb or anything else follows
    (the replacement's default form then fits: "tt est réglé")."""
    nxt = next((t for t in doc if t.idx >= end and not t.is_space), None)
    if nxt is None or nxt.pos_ not in ("DET", "NOUN", "ADJ"):
        return None
    words = [nxt] + [t for t in doc[nxt.i + 1:nxt.i + 3] if t.pos_ in ("NOUN", "ADJ")][:1]
    gender = next((g for t in words for g in t.morph.get("Gender")), None)
    number = next((n for t in words for n in t.morph.get("Number")), "Sing")
    if gender is None:
        return None
    return ("f" if gender == "Fem" else "m") + ("p" if number == "Plur" else "s")


def fix(ctx: FixContext, f: Finding) -> Fix | None:
    text = ctx.text
    word = text[f.start:f.end]
    if re.fullmatch(r"[!?]{3,}", word):
        return Fix((Edit(f.start, f.end, word[0]),), Safety.SAFE, "Une seule ponctuation suffit")
    if not any(c.isalnum() for c in word):  # emoji, emoticon
        # A run of emoji (« trop plu 🌱😊 Je suis… ») is removed by the fix of its first one, with the
        # modifiers that follow (« ❤️ »: the variation selector, skin tones, joiners); the others have none.
        if f.start > 0 and not text[f.start - 1].isspace() and not text[f.start - 1].isalnum():
            return None
        end = f.end
        while end < len(text) and not text[end].isspace() and not text[end].isalnum():
            end += 1
        run = text[f.start:end]
        if re.match(r" [A-ZÉÈÀÇ]", text[end:end + 2]) and f.start > 0 and text[f.start - 1] == " " \
                and text[f.start - 2:f.start - 1].isalnum():
            # "l'entretien 😬 Vraiment navré": the emoji was ending a sentence.
            return Fix((Edit(f.start - 1, end, "."),), Safety.SAFE, f"Remplacer « {run} » par un point")
        nxt = re.match(r" ([a-zà-ÿ])", text[end:end + 2])
        if nxt and f.start > 1 and text[f.start - 1] == " " and text[f.start - 2].isalnum():
            # "39 de fièvre 😕 vraiment désolé": between two sentences, the emoji was the full stop.
            return Fix((Edit(f.start - 1, end + 2, ". " + nxt.group(1).upper()),), Safety.UNSAFE,
                       f"Remplacer « {run} » par un point")
        return Fix((delete_word(text, f.start, end),), Safety.SAFE, f"Supprimer « {run} »")
    by = ctx.rep.get("familier_formes", {}).get(word.lower())
    if by is None:  # (an empty « par » deletes the word: not None)
        by = glued(word, f)
    if by is None:
        return None
    if f.suggestions and word.lower() in ctx.rep.get("familier_accords", {}):
        by = f.suggestions[0]  # agreed with the word that follows ("g 1 urgence": "j'ai une urgence")
    if not by:
        return Fix((delete_word(text, f.start, f.end),), Safety.UNSAFE, f"Supprimer « {word} »")
    new = cased(word, by, ctx.at_sentence_start(f.start))
    if by == "excusez-moi" and _CLAUSE_START.match(text, f.end):
        new += ","  # "dsl je vais devoir annuler": "Excusez-moi, je vais…"
    prev = text[:f.start].rstrip(" \t")
    if by.startswith("à bientôt") and prev[-1:].isalnum() and not prev.endswith("\n"):
        # "merci bcp a+": a closing formula of its own, not glued to the previous words.
        return Fix((Edit(len(prev), f.end, ". " + cap(by)),), Safety.UNSAFE, f"Remplacer « {word} » par « {cap(by)} »")
    return Fix((Edit(f.start, f.end, new),), Safety.UNSAFE, f"Remplacer « {word} » par « {new} »")


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
    label="registre familier", groups=("familier.expressions",),
    words=("familier.noms_ordinaires", "familier.determinants"), fix=fix, fix_priority=4,
)
