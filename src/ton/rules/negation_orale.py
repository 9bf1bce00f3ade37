from ..fixes import VOWELS, FixContext, cap, cased
from ..model import Edit, Finding, Fix, Safety, Severity
from .base import Context, Rule, finding, glued

ID = "negation_orale"
_NEG_PARTS = {"pas", "jamais", "rien", "plus"}
# "plus" that compares, not negates: "plus tard", "plus tôt", "dès que j'en sais plus" (en savoir plus).
_MORE_AFTER = {"tard", "tôt", "que", "qu'", "qu’"}
_MORE_VERBS = {"savoir", "dire", "apprendre", "connaître"}


def _comparative(tok) -> bool:
    if tok.lower_ != "plus":
        return False
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    if nxt in _MORE_AFTER:
        return True
    head = tok.head
    before = [t.lower_ for t in tok.doc[max(0, head.i - 2):head.i]]
    return head.lemma_ in _MORE_VERBS and "en" in before and nxt not in ("rien", "personne", "jamais")


def check(ctx: Context) -> list[Finding]:
    """Spoken negation without "ne" ("je vais pas pouvoir venir"): informal, milder than SMS writing."""
    a = ctx.analysis
    out = []
    for tok in a.doc:
        if tok.lower_ not in _NEG_PARTS or tok.dep_ != "advmod" or _comparative(tok):
            continue
        verb = _negated_verb(tok)
        if verb is None or tok.i < verb.i:
            continue
        # The parse may hang "ne" elsewhere ("ce n'est pas sans regret"): look at the words before too.
        near = list(verb.children) + list(tok.head.children) + list(a.doc[max(0, verb.i - 3) : verb.i])
        if not any(c.lower_ in ("ne", "n'", "n’") for c in near) and not a.structure.in_quote(tok.idx):
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Négation sans « ne » : « {verb.text} {tok.text} » relève de l'oral. "
                               f"Écrivez « ne … {tok.text} ».",
                               verb.idx, tok.idx + len(tok)))
    return out


def _negated_verb(tok):
    """The finite verb a negation word bears on: its head, or the copula of the attribute the parse hangs it on
    ("c'est pas possible", "je suis pas dispo": "pas" depends on "possible", after "est")."""
    head = tok.head
    if head.pos_ in ("VERB", "AUX"):
        return head if "Fin" in head.morph.get("VerbForm") else None
    if tok.lower_ == "plus":
        return None  # before an attribute, "plus" compares: "c'est plus simple", "je suis plus motivé que jamais"
    return next((c for c in head.children if c.dep_ == "cop" and "Fin" in c.morph.get("VerbForm")
                 and c.i == tok.i - 1), None)


def _is_negation(ctx: FixContext, f: Finding) -> bool:
    words = ctx.text[f.start:f.end].split()
    return (len(words) >= 2 and words[-1].lower() in _NEG_PARTS
            and ctx.text[f.start:f.end].lower() not in ctx.rep.get("familier_formes", {}))






def _negation(ctx: FixContext, f: Finding) -> Fix | None:
    """"je peux pas" -> "je ne peux pas"; "jpeux pas" -> "je ne peux pas" (shared with the word's fix)."""
    text = ctx.text
    verb_end = f.start + len(text[f.start:f.end].split()[0])
    verb = text[f.start:verb_end]
    table = ctx.rep.get("familier_formes", {})
    # (« jviens pas » : the expansion the familiar-word finding on the verb carries, base.glued.)
    by = table.get(verb.lower()) or next((g for o in ctx.r.findings if (o.start, o.end) == (f.start, verb_end)
                                          and (g := glued(verb, o)) is not None), None)
    if by and by.lower().startswith("je "):
        rest = by[3:]
        new = cased(verb, "je " + ("n'" if rest[:1] in VOWELS else "ne ") + rest, ctx.at_sentence_start(f.start))
        fix = Fix((Edit(f.start, verb_end, new),), Safety.UNSAFE, f"Écrire « {new} »")
        for other in ctx.r.findings:  # the familiar word itself gets the same edit
            if other is not f and other.rule == "registre_familier" and (other.start, other.end) == (f.start, verb_end):
                other.fix = fix
        return fix
    if by is not None:
        return None
    ne = "n'" if verb[:1] in VOWELS else "ne "
    before = text[max(0, f.start - 2):f.start]
    if before.lower() == "y ":  # "il y a pas" -> "il n'y a pas"
        if any(o.rule == "registre_familier" and o.start <= f.start - 2 < o.end for o in ctx.r.findings):
            return None  # "y a pas" as a familiar form: its replacement ("il n'y a pas") has the "ne"
        return Fix((Edit(f.start - 2, f.start - 2, "n'"),), Safety.SAFE, "Ajouter « ne » à la négation")
    if before.lower() in ("c'", "j'"):  # elided subject: "c'est pas" -> "ce n'est pas"
        full = {"c'": "ce ", "j'": "je "}[before.lower()]
        new = (cap(full) if before[0].isupper() else full) + ne
        return Fix((Edit(f.start - 2, f.start, new),), Safety.SAFE, "Ajouter « ne » à la négation")
    return Fix((Edit(f.start, f.start, ne),), Safety.SAFE, "Ajouter « ne » à la négation")


def fix(ctx: FixContext, f: Finding) -> Fix | None:
    return _negation(ctx, f) if _is_negation(ctx, f) else None


RULE = Rule(
    id=ID, kind="regle", title="Négation sans « ne »",
    explanation=(
        "Le message omet le « ne » de la négation (« je peux pas venir », « c'est pas possible ») : c'est une "
        "tournure de l'oral, moins soignée qu'il ne faudrait dans un message à un recruteur. Avertissement "
        "seulement : écrivez « je ne peux pas venir »."
    ),
    good="Bonjour Madame,\nJe ne pourrai pas venir à l'entretien de jeudi. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Bonjour Madame,\nJe vais pas pouvoir venir à l'entretien de jeudi, désolé.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="négation sans « ne »", fix=fix, fix_priority=4, fix_first=True,
)
