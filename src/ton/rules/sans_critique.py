import re
from bisect import bisect_left

from spacy.tokens import Token

from ..analysis import Match, candidate_acts, conditional, doc_text, if_clause, in_past, recipient_made_to, restrictive
from ..lexicon import Expression
from ..fixes import FixContext, delete_span, pick_template, replace_sentence
from ..model import Finding, Fix, Safety, Severity
from ..polarite import polarities, with_additions
from ..positions import Covering, Nearby
from ..positions import by_sentence as index_by_sentence
from .base import ME, MY, THEIRS, Context, Rule, SpanMark, Verdict, finding, in_writers_paragraph, in_writers_story, me_before, quote, substantive, thanks_pointed_at, \
    writers_own_noun

ID = "sans_critique"
# A judgment and its target must sit in the same clause: these links leave it.
_CLAUSAL = {"xcomp", "ccomp", "advcl", "acl:relcl", "conj", "parataxis", "csubj"}


def _attached(judgment, target, max_dist: int = 3) -> bool:
    """Is the target within a few dependency links of the judgment, without leaving its clause?"""
    if _classifies_complement(judgment.span.root, target):
        return False
    up: dict[int, int] = {}
    node: Token = judgment.span.root
    for d in range(max_dist + 1):
        up[node.i] = d
        # The judgment may be the predicate of "paraître / sembler / trouver" (xcomp): allow that one link.
        if node.head.i == node.i or (node.dep_ in _CLAUSAL and not (d == 0 and node.dep_ == "xcomp")):
            break
        node = node.head
    for t in target.span:
        node, d = t, 0
        while d <= max_dist:
            if node.i in up and up[node.i] + d <= max_dist:
                return True
            # (An act judged after the judgment, « c'est pas sérieux de laisser… », hangs on it by one clausal link.)
            if node.head.i == node.i or (node.dep_ in _CLAUSAL and not (d == 0 and target.expr is _ACT_TOPIC)):
                break
            node, d = node.head, d + 1
    return False


def _classifies_complement(adj: Token, target) -> bool:
    """« le centre de rééducation basse vision » : an adjective set before the noun it qualifies, where that
    noun is a complement of the target (not the target itself), names a kind of thing (a speciality, a
    trade), it does not judge the target (« un bas salaire », « votre mauvaise organisation » do)."""
    noun = adj.head
    if adj.pos_ != "ADJ" or noun.pos_ != "NOUN" or adj.i > noun.i or noun.i in range(target.span.start, target.span.end):
        return False
    node = noun
    for _ in range(3):  # up the chain of complements: « vision » < « rééducation » < « centre »
        if node.dep_ not in ("nmod", "compound", "flat", "appos") or node.head.i == node.i:
            return False
        node = node.head
        if target.span.start <= node.i < target.span.end:
            return True
    return False


def _demonstrative(judgment) -> bool:
    """"Trois entretiens plus un test, c'est excessif": "c'" stands for what came before in the sentence."""
    root = judgment.span.root
    doc = root.doc
    for node in (root, root.head):
        for c in node.children:
            if not c.dep_.startswith("nsubj"):
                continue
            if c.lower_ in ("c'", "c’", "ce", "ça", "cela"):
                return True
            if c.lower_ == "qui" and c.i > 0 and doc[c.i - 1].lower_ == "ce":  # "…, ce qui est regrettable"
                return True
    return False


class _Polar:
    """An evaluative adjective of textblob-fr's lexicon, shaped like a Match for _attached and quote()."""

    def __init__(self, tok: Token, polarity: float, why: str = "adjectif négatif, lexique textblob-fr") -> None:
        # « mal rédigée » : from « mal » on (its root is still the participle).
        first = next((c for c in tok.children if c.lower_ == "mal" and c.i < tok.i), tok) if why != _Polar.WHY else tok
        self.span = tok.doc[first.i : tok.i + 1]
        self.polarity, self.why = polarity, why
        self.start, self.end, self.text = first.idx, tok.idx + len(tok.text), self.span.text

    WHY = "adjectif négatif, lexique textblob-fr"


_NEGATORS = {"pas", "jamais", "guère", "peu", "nullement"}
_OWN_SIDE = {"mon", "ma", "mes", "notre", "nos", "actuel", "actuelle", "ancien", "ancienne", "précédent", "précédente"}


def _own_side(target: Match, ctx: Context, *, ours: bool = True) -> bool:
    """« mon employeur actuel », « ma situation », « le service où je travaille », « la société qui
    m'emploie »: the candidate's own side. `ours`: « notre, nos » count too (« notre organisation
    familiale »); not for the lexicon's judgments, where « notre entretien » is the recipient's process."""
    from ..analysis import first_person

    root = target.span.root
    own = _OWN_SIDE if ours else _OWN_SIDE - {"notre", "nos"}
    if any(c.lower_ in own for c in root.children):
        return True
    # (« notre équipe a pris du retard » : « notre » on a noun of the writer's side — his team, his family —
    # is his own, not the meeting both share.)
    conf = ctx.config.get("critique", {})
    if any(c.dep_ == "det" and c.lower_ in ("notre", "nos") for c in root.children) \
            and root.lemma_ in set(conf.get("sujets_cote_candidat", [])):
        return True
    verbs = set(conf.get("cote_candidat", []))
    # (« l'équipe dans laquelle je travaillerais » : the recipient's, which the writer would join.)
    return any(c.dep_ == "acl:relcl" and c.lemma_ in verbs and not _would(c) and any(
        (first_person(g.lower_) or g.lower_ in ME) and g.lower_ not in ("nous", "on") for g in c.children)
        for c in root.children)


_WOULD = re.compile(r"(?:er|vr)(?:ais|ait|ions|iez|aient|ai|as|a|ons|ez|ont)$")


def _would(verb: Token) -> bool:
    """Conditional or future (« travaillerais », « vivrai ») — the form says it where the tagger errs."""
    return "Cnd" in verb.morph.get("Mood") or "Fut" in verb.morph.get("Tense") or bool(_WOULD.search(verb.lower_))


def _wrong_one_chosen(j) -> bool:
    """« j'ai postulé à la mauvaise annonce », « je me suis trompé, j'ai ouvert le mauvais lien » : « le / la / les
    mauvais » before the noun is the wrong one, chosen by the writer (the subject of the verb above it) — no
    judgment of its quality."""
    adj = j.span.root
    noun = adj.head
    if adj.lemma_ != "mauvais" or adj.dep_ != "amod" or adj.i > noun.i \
            or not any(d.dep_ == "det" and d.lower_ in ("le", "la", "les", "l'", "l’") for d in noun.children):
        return False
    verb = noun.head
    # (A verb of choosing or sending — not « je garde le mauvais souvenir de… », « j'ai eu la mauvaise idée de… ».)
    return verb.lemma_ in _CHOOSING and any(c.dep_ == "nsubj" and c.lower_ in ME for c in verb.children) \
        and not any(c.dep_ == "acl" for c in noun.children)


_CHOOSING = {"postuler", "répondre", "envoyer", "joindre", "ouvrir", "prendre", "cliquer", "sélectionner", "choisir",
             "télécharger", "remplir", "utiliser", "composer", "appeler", "écrire", "transmettre", "déposer"}


def _writers_own_lack(j) -> bool:
    """« Je ne serais pas en mesure de préparer notre échange avec le sérieux qu'il mérite » : the manner (« avec »)
    denied in a clause whose subject is the writer is the writer's own (the first subject up the tree says whose;
    « je ne garde pas un bon souvenir de notre échange » still judges the exchange)."""
    node = j.span.root
    if j.expr.polarity != "negative" or node.pos_ not in ("NOUN", "PROPN") \
            or not any(c.dep_ == "case" and c.lower_ == "avec" for c in node.children):
        return False
    for _ in range(6):
        # (The parser may hang the subject on the copula: « Je ne serais pas en mesure ».)
        near = [*node.children, *(g for c in node.children if c.dep_ == "cop" for g in c.children)]
        subjects = [c for c in near if c.dep_.startswith("nsubj")]
        if subjects:  # (not a passive « je n'ai pas été accueillie avec sérieux »)
            return all(c.lower_ in ME and c.dep_ == "nsubj" for c in subjects) \
                and not any(c.dep_ == "aux:pass" for c in near)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _subject_is_writers(tok: Token) -> bool:
    """The subject of the clause `tok` stands in (up to its verb) is a noun of the writer's (« mon employeur »)."""
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            # (« mon TER » : the tagger may take an unknown noun for a pronoun; its « mon » says it.)
            return any(c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PROPN", "PRON")
                       and any(d.dep_ == "det" and d.lower_ in MY for d in c.children)
                       for c in node.children)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _idiom(target: Match, ctx: Context) -> bool:
    """« le décès a tout remis en question », « laisser quelque chose en plan » : a bare noun after « en »
    (reglages critique.locutions_en) belongs to a set phrase and names nothing of the recipient's."""
    root = target.span.root
    return root.pos_ == "NOUN" and root.lemma_ in set(ctx.config.get("critique", {}).get("locutions_en", [])) \
        and any(c.dep_ == "case" and c.lower_ == "en" for c in root.children) \
        and not any(c.dep_ == "det" for c in root.children)


def _predicate_adjective(tok: Token) -> bool:
    """« la raison est purement personnelle » : an adjective said of something (its copula) is no « personnel » of
    the recipient's (not « 1 950 € brut », the pay)."""
    return tok.pos_ == "ADJ" and any(c.dep_ == "cop" for c in tok.children)


def _others(target: Match, ctx: Context) -> bool:
    """« plusieurs cabinets ne m'ont jamais répondu », « d'autres recruteurs », « la plupart des entreprises »:
    other employers, named to compare; not the recipient (reglages.yaml critique.autres)."""
    words = set(ctx.config.get("critique", {}).get("autres", []))
    root = target.span.root
    if any(c.lower_ in words for c in root.children):
        return True
    # « la plupart des entreprises », « beaucoup de recruteurs »: the quantifier heads the noun.
    head = root.head
    # (« beaucoup d'entreprises ne répondent même pas » : the parser may hang the noun as an argument.)
    return root.dep_ in ("nmod", "obl:arg") and head.lower_ in words and head.i < root.i


def _split_writers_places(a, own: list, targets: list, ctx: Context) -> tuple[list, list]:
    """« Mon patron vient de m'assigner une livraison urgente et c'est le chaos au bureau »: in a sentence
    that names the writer's own workplace (`own`: « mon patron », « ma boîte ») and nothing of the
    recipient's (no « vous », « votre »), a bare workplace noun (reglages critique.lieu_de_travail) is the
    writer's too. Returns (targets kept, the writer's places)."""
    conf = ctx.config.get("critique", {})
    second, places = set(conf.get("destinataire", [])), set(conf.get("lieu_de_travail", []))
    own_in = {a._sent_start(t.span) for t in own if t.span.root.lower_ not in second}
    # « Mon employeur actuel m'a affecté sur un site visé par des plaintes » : the subject is the writer's.
    own_in |= {a._sent_start(t.span) for t in targets
               if not t.span.root.dep_.startswith("nsubj") and _subject_is_writers(t.span.root)}
    # « la situation chez mon employeur actuel est devenue pénible : plannings modifiés… » : a noun of the writer's
    # side (reglages critique.sujets_cote_candidat) after « mon, ma, mes » names the writer's workplace too.
    subjects = set(conf.get("sujets_cote_candidat", []))
    # (Its subject, or where things happen, « chez mon employeur » — not « un rythme qui convenait mieux à ma situation ».)
    sentences = {t.span.sent.start: t.span.sent for t in targets}.values()  # each sentence once, however many targets
    mine = [tok for sent in sentences for tok in sent
            if tok.lemma_.lower() in subjects and any(d.dep_ == "det" and d.lower_ in MY for d in tok.children)]
    own_in |= {a._sent_start(tok) for tok in mine
               if tok.dep_.startswith("nsubj") or any(c.dep_ == "case" and c.lower_ == "chez" for c in tok.children)}
    # (Its bare nouns only where the writer's workplace is named: not « ma situation m'oblige à être honnête :
    # rémunération trop basse », « mes enfants m'ont attendu : entretien commencé avec 50 minutes de retard ».)
    workplace_in = {a._sent_start(tok) for tok in mine
                    if any(c.dep_ == "case" and c.lower_ == "chez" for c in tok.children)
                    or (tok.dep_.startswith("nsubj") and tok.lemma_.lower() in places)}
    if not own_in:
        return targets, []
    kept, writers = [], []
    for t in targets:
        root = t.span.root
        # (A bare noun, as in a list after a colon, is what the writer's workplace has: « plannings modifiés ».)
        if a._sent_start(t.span) in own_in and (root.lemma_.lower() in places or any(
                c.dep_ == "det" and c.lower_ in ("un", "une", "des") for c in root.children)
                or (a._sent_start(t.span) in workplace_in and not any(c.dep_ in ("det", "nummod") for c in root.children))) \
                and not any(tok.lower_ in second for tok in root.sent):
            writers.append(t)
        else:
            kept.append(t)
    return kept, writers


def _judge_not_judged(target: Match, ctx: Context) -> bool:
    """« un point de mon parcours qui vous a semblé insuffisant »: « vous » is who judges (the experiencer
    of « sembler », « paraître »), or whom the writer speaks to (« je ne vous le cache pas »), not what is
    judged."""
    conf = ctx.config.get("critique", {})
    root = target.span.root
    if root.dep_ in ("iobj", "obl", "obl:arg") and root.head.lemma_ in set(conf.get("experienceur", [])):
        return True
    # « avec la grève, venir chez vous en transports, c'est la galère » : where the writer's trip leads, not what is
    # judged (the trip is the writer's).
    # (« pour être chez vous à 8 h » : the parser may hang « vous » anywhere; the verb right before « chez » tells.)
    if root.lower_ == "vous" and root.i > 1 and root.nbor(-1).lower_ == "chez" \
            and (root.head.lemma_ in _GOING or root.nbor(-2).lemma_ in _GOING
                 or (root.nbor(-2).lemma_ == "être" and "Inf" in root.nbor(-2).morph.get("VerbForm"))):
        return True
    return _addressee(root, ctx)


_GOING = {"venir", "aller", "rendre", "rejoindre", "arriver", "revenir"}


def _addressee(tok: Token, ctx: Context) -> bool:
    """« une vraie déception, je ne vous le cache pas », « autant vous dire que… » : « vous », object of a
    verb of saying (reglages critique.interlocuteur), is whom the writer speaks to, not what is spoken of."""
    if tok.pos_ == "PRON" and tok.dep_ in ("iobj", "obj", "obl:arg") \
            and tok.head.lemma_ in set(ctx.config.get("critique", {}).get("interlocuteur", [])):
        return True
    # « c'est un peu grâce à lui que je postule chez vous » : where the writer applies, not what is spoken of.
    return tok.lower_ == "vous" and any(c.dep_ == "case" and c.lower_ == "chez" for c in tok.children) \
        and tok.head.lemma_ in ("postuler", "candidater") \
        and any(c.dep_ == "nsubj" and c.lower_ in ME for c in tok.head.children)


def _outcome(judgment, ctx: Context) -> bool:
    """« votre réponse, même si elle n'est pas positive », « une issue qui n'est pas favorable » : how the
    answer turned out for the candidate (reglages critique.issue), not a judgment of its quality."""
    conf = ctx.config.get("critique", {}).get("issue", {})
    root = judgment.span.root
    nouns = set(conf.get("noms", []))
    # « Merci pour votre message, même si la nouvelle me déçoit un peu » : the writer's own feeling about the
    # answer (a verb of which « me » is the object, the answer its subject). « Votre décision me déçoit » holds
    # the recipient to it (unless accepted: critique.acceptation).
    if root.pos_ == "VERB" and me_before(root):
        # (« la nouvelle » may be tagged as the adjective « nouveau ».)
        # (« Merci pour votre réponse, même si elle me déçoit » : conceded, the answer named before — the feeling
        # is given way to, not held against the recipient.)
        conceded = any(c.dep_ == "mark" and (c.lower_ in ("quoique", "bien") or (c.lower_ == "même" and c.i + 1 < len(c.doc)
                                                                              and c.nbor().lower_ in ("si", "s'")))
                       for c in root.children)
        return any(c.dep_.startswith("nsubj") and (((c.lemma_ in nouns or c.lower_ in nouns)
                                                    and not any(d.lower_ in ("votre", "vos") for d in c.children))
                                                   or (conceded and c.pos_ == "PRON"
                                                       and any(t.lemma_ in nouns for t in root.doc[root.sent.start : c.i])))
                   for c in root.children)
    if root.lemma_ not in set(conf.get("adjectifs", [])):
        return False
    subjects = [c for c in root.children if c.dep_.startswith("nsubj")]
    if root.dep_ == "amod":
        subjects.append(root.head)
    for subj in subjects:
        if subj.lemma_ in nouns:
            return True
        # « elle » : the answer named before it in the sentence.
        if subj.pos_ == "PRON" and any(t.lemma_ in nouns for t in root.doc[root.sent.start : subj.i]):
            return True
    # (The parser may leave the adjective without its subject: « même si elle est pas positive ».)
    return not subjects and any(t.pos_ == "PRON" for t in root.doc[max(root.sent.start, root.i - 4) : root.i]) \
        and any(t.lemma_ in nouns for t in root.doc[root.sent.start : root.i])


def _towards_recipient(root: Token, ctx: Context) -> bool:
    """« honnête vis-à-vis de vous », « correct envers vous », « à votre égard » on the judgment word."""
    conf = ctx.config.get("critique", {})
    towards, second = set(conf.get("envers", [])), set(conf.get("destinataire", []))
    for c in root.children:
        words = [c, *c.children, *(k for d in c.children for k in d.children)]
        if any(w.lower_ in towards for w in words) and any(w.lower_ in second for w in words):
            return True
    return False


def _candidate_judged(judgment, ctx: Context) -> bool:
    """« mon expérience a été jugée insuffisante », « mon anglais n'était pas au niveau »: what is judged
    (the subject of the judgment's copula, passive or « sembler ») is the candidate's own."""
    root = judgment.span.root
    verbs = set(ctx.config.get("critique", {}).get("experienceur", []))
    if writers_own_noun(root):
        return True
    # « ce qui l'inquiétait chez moi », « ce qui vous a inquiété dans mon parcours »: what the judgment is
    # about is the candidate's.
    # (« ce n'est pas positif pour moi », « trop loin pour ma famille » : the outcome measured for the writer,
    # the neutral reason the seeds advise.)
    # « ce qui, dans mon profil, vous a semblé le plus faible »: on the verb of the one who judges too.
    around = list(root.children) + (list(root.head.children) if root.head.lemma_ in verbs else [])
    for c in around:
        if c.dep_.startswith("obl") and any(k.dep_ == "case" and k.lower_ in ("chez", "dans", "sur", "pour")
                                            for k in c.children) \
                and (c.lower_ in ("moi", "nous") or any(d.dep_ == "det" and d.lower_ in MY for d in c.children)):
            return True
    if _infinitive_manner(root):
        return True
    # « il ne serait pas honnête de ma part de poursuivre » : the writer's own conduct.
    if any(c.lemma_ == "part" and any(d.lower_ in MY for d in c.children) for c in root.children):
        return True
    # « ce ne serait pas honnête vis-à-vis de vous de venir » : the recipient is the one who would be wronged
    # (reglages critique.envers), so what is judged is the writer's conduct towards them.
    if _towards_recipient(root, ctx):
        return True
    # « je n'étais pas sûr d'avoir été à la hauteur » : up through « être » to its subject, the writer
    # (not through « trouver » : « je n'ai pas trouvé votre équipe à la hauteur » judges the team).
    node = root
    for _ in range(3):
        if node.head.i == node.i or node.head.lemma_ != "être" or node.dep_ not in ("obl:arg", "xcomp", "ccomp"):
            break
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects:
            if all(c.lower_ in ME for c in subjects):
                return True
            break
    # « Je ne serai en revanche pas disponible » : the parser may hang the copula on the adverbial phrase;
    # a first-person « être » just before the adjective (across adverbs and such a phrase) says who it is.
    if root.pos_ == "ADJ" and _first_person_copula(root):
        return True
    if any(c.dep_ == "cop" for c in root.children):
        holder = root
    elif (root.dep_ == "xcomp" and (root.head.lemma_ in verbs or any(c.dep_ == "nsubj:pass" for c in root.head.children))) \
            or (root.dep_ in ("obj", "advmod", "amod") and root.pos_ == "ADJ" and root.head.lemma_ in verbs):
        holder = root.head
    else:
        return False
    # « Je ne serai en revanche pas disponible » : a phrase with a preposition (« en revanche ») is no subject,
    # however the parser hangs it.
    subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubj:pass")
                and not any(k.dep_ == "case" for k in c.children)]
    # « l'open space m'a semblé bien trop bruyant » : the parser may take the clitic of the one it seems to
    # (« m' ») for the subject; a clitic « me » is never one.
    if holder.lemma_ in verbs:
        subjects = [c for c in subjects if c.lower_ not in ("me", "m'", "m’")]
    # « si mon niveau vous a semblé insuffisant » : the parser may take the one who judges (« vous ») for a
    # second subject of « sembler »; what is judged is the noun.
    if holder.lemma_ in verbs and len(subjects) > 1:
        subjects = [c for c in subjects if not (c.pos_ == "PRON" and c.lower_ in _JUDGES)] or subjects
    # « mon expérience … vous a-t-elle semblé insuffisante ? » : the inverted clitic repeats the subject.
    subjects = [c for c in subjects if not c.text.startswith("-")] or subjects
    # « mon expérience des mycotoxines vous a-t-elle paru insuffisante ? » : with « vous » as the one who
    # judges, what is judged is the writer's thing named before, however the parser hangs it.
    if holder.lemma_ in verbs and any(c.lower_ in _JUDGES for c in holder.children) \
            and not any(c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PROPN") for c in holder.children):
        # (The nearest possessive before it: « Merci pour votre retour. Mon expérience… » is about the writer's.)
        before = [t for t in holder.sent if t.i < holder.i and t.dep_ == "det" and t.head.pos_ == "NOUN"
                  and (t.lower_ in MY or t.lower_ in THEIRS)]
        if before and before[-1].lower_ in MY:
            return True
    return bool(subjects) and all(c.lower_ in ME or any(d.lower_ in _OWN_SIDE - {"notre", "nos"} for d in c.children)
                                  for c in subjects)


_JUDGES = {"vous", "te", "t'", "t’", "lui", "leur"}


def _first_person_copula(adj: Token) -> bool:
    """A first-person « être » just before the adjective (« je ne serai en revanche pas disponible », « je n'ai pas
    été bon » : the person of a compound tense is on its « avoir »)."""
    compound = False
    for k in range(adj.i - 1, max(adj.sent.start, adj.i - 7) - 1, -1):
        t = adj.doc[k]
        if t.lemma_ == "être" and t.pos_ == "AUX" and "Part" in t.morph.get("VerbForm") and not compound:
            compound = True
            continue
        if (t.lemma_ == "être" and t.pos_ == "AUX") or (compound and t.lemma_ == "avoir" and t.pos_ == "AUX"):
            return "1" in t.morph.get("Person")
        # Adverbs, negation and a short adverbial phrase (« en revanche », « pour ma part ») may stand between.
        if not (t.pos_ in ("ADV", "ADP", "DET", "NOUN") and t.dep_ not in ("obj", "nsubj:pass")):
            return False
    return False


def _infinitive_manner(root: Token) -> bool:
    """« plutôt que d'arriver avec deux heures de retard » : a noun of manner (after « avec », « en », « sans »)
    of an infinitive whose subject, unsaid, is the writer's (« je préfère… ») — how the writer would do it."""
    node, manner = root, False
    for _ in range(4):
        manner = manner or any(c.dep_ == "case" and c.lower_ in ("avec", "en", "sans") for c in node.children)
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i or node.dep_ not in ("nmod", "obl", "obl:mod", "obl:arg"):
            break
        node = node.head
    if not manner or node.pos_ != "VERB" or "Inf" not in node.morph.get("VerbForm") \
            or any(c.dep_.startswith("nsubj") for c in node.children):
        return False
    for _ in range(4):  # up to the finite verb whose subject the infinitive shares
        if node.head.i == node.i:
            return False
        node = node.head
        if "Fin" in node.morph.get("VerbForm"):
            subjects = [c for c in node.children if c.dep_.startswith("nsubj")]
            return bool(subjects) and all(c.lower_ in ME for c in subjects)
    return False


def _nothing_of(tok: Token) -> bool:
    """« rien de mauvais à dire », « personne de désagréable » : an adjective after « rien de » is denied."""
    return tok.i >= 2 and tok.nbor(-1).lower_ in ("de", "d'", "d’") and tok.nbor(-2).lower_ in ("rien", "personne")


def _epithet_elsewhere(tok: Token, target: Match) -> bool:
    """« une mauvaise chute », « ce contretemps, d'autant plus regrettable » : an epithet judges its own noun;
    unless that noun is the target (or holds it), the judgment is not of the target, however near."""
    if tok.pos_ != "ADJ" or tok.dep_ not in ("amod", "acl") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return not _said_of(tok, target)


def _bare_praise(sent, ctx: Context):
    """« j'admire l'efficacité », « je salue la performance », « je salue la cohérence d'un système qui… » :
    the writer praises a quality (reglages critique.eloge_nu) with a definite article and names no owner of
    the recipient's (« votre », « vos », « vous ») in it: praise of nobody, the antiphrasis of irony.
    « j'admire votre réactivité », « je salue la rigueur de votre équipe » are sincere."""
    conf = ctx.config.get("critique", {}).get("eloge_nu", {})
    verbs, qualities = set(conf.get("verbes", [])), set(conf.get("qualites", []))
    for tok in sent:
        if tok.lemma_ not in qualities or tok.dep_ != "obj" or tok.head.lemma_ not in verbs:
            continue
        if _negated(tok.head) or not any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in tok.head.children):
            continue
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("le", "la", "l'", "l’", "les"):
            continue
        if any(t.lower_ in THEIRS or t.lower_ == "vous" for t in tok.subtree):  # « la souplesse dont vous avez fait preuve »
            continue
        return SpanMark(sent.doc[tok.head.i : tok.i + 1] if tok.head.i < tok.i else sent.doc[tok.i : tok.i + 1])
    return None


def _conceded_flaw(sent, targets: list[Match]):
    """« malgré un atelier qui m'a semblé à l'étroit », « malgré une salle de réunion qui tient du couloir » :
    a concession granting something of the recipient's side (a target of the sentence), described by a
    relative clause or an adjective, is a remark slipped into a compliment. Not when the recipient is the
    subject of what is conceded to (« malgré un planning chargé, vous avez pris le temps » is praise), nor
    a bare concession (« malgré votre refus »)."""
    for tok in sent:
        if tok.lower_ != "malgré" or tok.dep_ != "case" or tok.head.pos_ != "NOUN":
            continue
        head = tok.head
        clause = head.head
        if any(c.dep_.startswith("nsubj") and c.lower_ in ("vous", "tu") for c in clause.children):
            continue
        for noun in [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN")]:
            if any(c.dep_ == "det" and c.lower_ in MY for c in noun.children):
                continue
            described = any(c.dep_ in ("acl:relcl", "acl") or (c.dep_ == "amod" and c.pos_ == "ADJ")
                            for c in noun.children)
            theirs = any(t.span.start <= noun.i < t.span.end for t in targets)
            if described and theirs:
                return SpanMark(sent.doc[tok.i : noun.right_edge.i + 1])
    return None


def _for_recipient(judgment) -> bool:
    """« si c'est trop compliqué pour vous », « je sais que c'est difficile pour vous », « de votre côté » : a
    difficulty measured for the recipient is concern for their convenience, not a judgment of them."""
    root = judgment.span.root
    # (« si c'est trop compliqué de votre côté » : the same concern, as a supposition; « trois changements
    # de date de votre côté » says who made them.)
    supposed = if_clause(root)
    return any(c.dep_.startswith(("obl", "nmod"))
               and ((c.lower_ in ("vous", "toi") and any(k.dep_ == "case" and k.lower_ == "pour" for k in c.children))
                    or (supposed and c.lemma_ == "côté" and any(k.lower_ in ("votre", "ton") for k in c.children)))
               for c in root.children)


def _denied(tok: Token, deny, inside: range = range(0)) -> bool:
    """Praise by denial: « un recrutement aussi peu pénible », « aucune attente interminable », « pas la
    moindre mauvaise surprise », « pas de mauvaise surprise », « sans doute » — the negative word is denied
    within its own noun phrase (mots.yaml critique.deni), which the clause's negation does not see."""
    def denies(t: Token) -> bool:
        # « un peu décevant » is mildly negative, not denied.
        # (A word of the judgment itself is no denial: « peu respectueux » is the judgment.)
        return t.lower_ in deny and t.i not in inside \
            and not (t.lower_ == "peu" and t.i and t.nbor(-1).lower_ in ("un", "quelque"))

    if tok.pos_ == "ADJ" and any(c.dep_ == "advmod" and denies(c) for c in tok.children):
        return True
    if tok.pos_ in ("NOUN", "PROPN"):
        noun = tok
    elif tok.dep_ in ("amod", "case") and tok.head.pos_ == "NOUN" and abs(tok.head.i - tok.i) <= 3:
        noun = tok.head  # an adjective inside the noun phrase, not a clause about it (« ce qui est décevant »)
    else:
        return False
    doc = tok.doc
    ahead = [t for t in doc[max(0, noun.left_edge.i - 2) : noun.i] if t.i != tok.i]
    if any(denies(t) for t in ahead):
        return True
    return any(t.lower_ == "pas" and n.lower_ in ("de", "d'", "d’") for t, n in zip(ahead, ahead[1:]))


def _under_denial(tok: Token) -> bool:
    """« Ce n'est pas que le projet ne soit pas convaincant, bien au contraire », « non que l'équipe soit
    désagréable » : what « ce n'est pas que » or « non (pas) que » introduces is denied as a whole (its own
    « ne … pas » included); not past a « mais » that turns to the reason."""
    sent = tok.sent
    # (« …, c'est que le salaire est indécent » : where the sentence turns, the parser's negation scope is
    # unreliable past the turn; the denied judgment is left to stand for the sentence.)
    if any(u.lower_ == "mais" or (u.lower_ in ("que", "qu'", "qu’") and u.i >= 2 and u.nbor(-1).lower_ in ("est", "était")
                                   and u.i > tok.i) for u in tok.doc[tok.i : sent.end]):
        return False
    before = [t.lower_ for t in tok.doc[sent.start : tok.i]]
    for k in range(len(before) - 1, 0, -1):
        if before[k] == "mais":
            return False
        if before[k] not in ("que", "qu'", "qu’"):
            continue
        # (The nearest « que » only: « ce n'est pas que le poste ne soit pas intéressant, c'est que le salaire est
        # indécent » — the second clause is asserted.)
        lead = before[max(0, k - 4) : k]
        return lead[-1:] == ["non"] or lead[-2:] == ["non", "pas"] or (
            len(lead) == 4 and lead[0] in ("ce", "c'", "c’") and lead[1] in ("n'", "n’", "ne")
            and lead[2] in ("est", "était") and lead[3] == "pas")
    return False


def _double_denial(sent) -> bool:
    """« Ce n'est pas que X ne soit pas Y », « non que l'équipe ne m'ait pas plu » : a negation inside what « ce
    n'est pas que » denies, before a « mais » or a colon that gives the reason."""
    for t in sent:
        if t.lower_ in ("pas", "jamais", "guère") and _under_denial(t):
            between = sent.doc[sent.start : t.i]
            que = max((u.i for u in between if u.lower_ in ("que", "qu'", "qu’")), default=None)
            # (A « mais » or « c'est que » after it is already ruled out by _under_denial: « …, mais le salaire est
            # trop bas pour moi » is for the layer to read.)
            return que is not None and not any(u.text in (":", ";") for u in sent.doc[que : t.i])
    return False


def _writers_manner(noun: Token, speech) -> bool:
    """« J'ajoute, sans mauvaise humeur, que… », « je vous le dis sans rancune » : a phrase on a verb of saying
    (reglages critique.interlocuteur) whose subject is the writer tells the writer's manner of saying what
    follows — a disclaimer before a remark, not the praise of anything of the recipient's."""
    if noun.pos_ == "ADJ" and noun.head.pos_ == "NOUN":
        noun = noun.head
    # (« je vous écris avec un peu de retard » : the quantity heads the noun; the lateness is the writer's.)
    if noun.dep_ == "nmod" and noun.head.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ in ("de", "d'", "d’")
                                                                        for c in noun.children):
        noun = noun.head
    return noun.dep_.startswith("obl") and noun.head.lemma_ in speech and candidate_acts(noun.head)


_DENIERS = {"aucun", "aucune", "rien", "jamais", "sans", "pas", "nul", "nulle", "moindre"}
_FILLERS = {"de", "d'", "d’", "un", "une", "le", "la", "moindre", "seul", "seule", "du"}


def _denials(a, troubles, judging: set[str], speech: frozenset[str] = frozenset(), hollow=frozenset()) -> set[int]:
    """Sentences that praise by denying a trouble: « aucun temps mort », « rien de superflu », « pas un bruit de
    trop », « jamais de mauvaise surprise » — a denying word followed (articles aside) by a trouble (mots.yaml
    critique.maux), a judgment word of the lexicon or an adjective textblob-fr rates negative. The sentence layer
    reads the negative word; the denial makes it praise. (« aucune excuse pour ce retard » is not one: the
    word after the denial is no trouble.)"""
    pols = None
    out = set()
    for sent in a.body_sentences:
        toks = list(sent)
        for k, t in enumerate(toks):
            if t.lower_ not in _DENIERS:
                continue
            # « rien de superflu », « rien à redire », not « il n'en dit rien : difficile… »
            if t.lower_ == "rien" and not (k + 1 < len(toks) and toks[k + 1].lower_ in ("de", "d'", "d’", "à")):
                continue
            # « au moindre retard, on vous sanctionne » : a threat, not a denial.
            if t.lower_ == "moindre" and k and toks[k - 1].lower_ in ("au", "à"):
                continue
            # « on n'y sacrifie jamais le temps du patient », « les bilans ne sont pas bâclés » : the
            # clause's own verb is the trouble denied.
            if t.lower_ in ("pas", "jamais", "plus") and t.head.lemma_.lower() in troubles \
                    and any(c.lower_ in ("ne", "n'", "n’") for c in t.head.children):
                out.add(sent.start_char)
                continue
            words = [u for u in toks[k + 1 : k + 6] if u.lower_ not in _FILLERS and u.lower_ != "à"
                     and not (u.lemma_ == "simple" and u.dep_ == "amod")][:2]
            if not words or words[0].is_punct or (t.lower_ == "sans" and words[0].lower_ == "doute"):
                continue  # (« sans doute » : probably)
            # « la chaleur n'est pas la seule chose difficile dans vos ateliers » : « pas le seul » adds others
            # (not « pas un seul retard », none at all).
            if _not_the_only(toks[k : words[0].i - toks[0].i + 1]):
                continue
            # « J'ajoute, sans mauvaise humeur, que… », « je vous le dis sans rancune » : the writer's own manner
            # of saying what follows (a verb of critique.interlocuteur, the writer its subject) — a disclaimer
            # before a remark, not the praise of anything of the recipient's.
            if t.lower_ == "sans" and _writers_manner(t.head, speech):
                continue
            # « ce ne sont pas de simples slogans chez vous », « n'a rien d'un effet d'annonce » : hollow talk
            # denied (reglages critique.eloge_creux) is praise, a litotes.
            # (Only diminished — « de simples », « rien d'un » — : « pas un mot sur le salaire » is the reproach.)
            between = toks[k + 1 : words[0].i - toks[0].i]
            # (Nor when the sentence goes on to correct it: « pas un simple effet d'annonce, c'était un mensonge ».)
            rest = toks[words[0].i - toks[0].i + 1 :]
            if words[0].lemma_.lower() in hollow and words[0].pos_ == "NOUN" and (
                    any(u.lemma_ in ("simple", "seul", "juste", "seulement") for u in between)
                    or (t.lower_ == "rien" and between[:1] and between[0].lower_ in ("d'", "d’", "de"))) \
                    and not any(u.text in (":", ";") or u.lower_ in ("mais", "c'", "c’", "plutôt") for u in rest):
                out.add(sent.start_char)
                break
            # « n'a rien à envier aux plus grands » : a litotes only against a high standard (not « à une
            # administration soviétique »).
            if words[0].lemma_ == "envier":
                pols = polarities() if pols is None else pols
                if any(u.lower_ in ("plus", "meilleur", "meilleure", "meilleurs", "meilleures", "mieux")
                       or (u.pos_ == "ADJ" and (pols or {}).get(u.lower_, 0.0) >= 0.3) for u in rest[:8]):
                    out.add(sent.start_char)
                    break
                continue
            # The word denied, or the adjective right after it (« aucun temps mort »).
            for u in words[:1] + [w for w in words[1:] if w.pos_ == "ADJ" and w.i == words[0].i + 1]:
                if u.lemma_.lower() in troubles or u.lemma_ in judging:
                    out.add(sent.start_char)
                elif u.pos_ == "ADJ":
                    pols = polarities() if pols is None else pols
                    if (pols or {}).get(u.lower_, 0.0) <= -0.3:
                        out.add(sent.start_char)
        if sent.start_char in out:
            continue
        for t in toks:
            if t.pos_ != "ADJ":
                continue
            # Litotes: « l'équipe ne m'a pas laissé indifférent », « le trajet n'a rien de pénible ».
            pols = polarities() if pols is None else pols
            if (pols or {}).get(t.lower_, 0.0) <= -0.3 and _negated(t) and not _not_the_only(toks) \
                    and not any(c.lower_ in ("peu", "trop") for c in t.children):
                out.add(sent.start_char)
                break
        else:
            if _rare_praise(toks, pols):
                out.add(sent.start_char)
    return out


class _Implied(SpanMark):
    """« pas le seul problème de votre offre » : a trouble said to be one among others of the recipient's."""
    why = "« pas le seul » en sous-entend d'autres"

    def __init__(self, span, target) -> None:
        super().__init__(span)
        self.target = target


def _others_implied(toks, troubles, targets) -> _Implied | None:
    """« pas le / la seul(e) » + a trouble (mots.yaml critique.maux), with a recipient-side target in the sentence."""
    if not targets or not _not_the_only(toks):
        return None
    for k, u in enumerate(toks[:-3]):
        if u.lower_ in ("pas", "plus") and toks[k + 2].lemma_ == "seul":
            noun = toks[k + 3]
            # (A target of the same clause, before any « : » — not « ma santé n'est pas le seul problème : mon train
            # pour votre entretien est supprimé ».)
            clause = noun if noun.dep_ == "ROOT" or any(c.dep_ == "cop" for c in noun.children) else noun.head
            stop = next((t.i for t in toks if t.i > noun.i and t.text in (":", ";")), len(noun.doc))
            near = [t for t in targets if t.span.root.i < stop and t.span.root in clause.subtree]
            if noun.lemma_.lower() in troubles and near:
                return _Implied(noun.doc[u.i : noun.i + 1], near[0])
    return None


def _not_the_only(toks) -> bool:
    """« pas la seule chose difficile », « pas le seul souci » : the denial adds others (not « pas un seul »)."""
    return any(u.lower_ in ("pas", "plus") and k + 2 < len(toks) and toks[k + 1].lower_ in ("le", "la", "les", "l'", "l’")
               and toks[k + 2].lemma_ == "seul" for k, u in enumerate(toks))


_RARE = {"jamais", "rarement", "rare"}


def _rare_praise(toks: list[Token], pols) -> bool:
    """« Il est rare de sortir d'un recrutement avec le sentiment d'avoir été aussi bien considérée »,
    « j'ai rarement vu une équipe si accueillante » : rarity and a degree word on a positive word make a
    superlative, praise."""
    if not any(t.lower_ in _RARE for t in toks):
        return False
    if pols is None:
        pols = polarities() or {}
    for k, t in enumerate(toks):
        if t.lower_ in _DEGREE:
            for u in toks[k + 1 : k + 3]:
                if u.lower_ == "bien" or (u.pos_ in ("ADJ", "ADV", "VERB") and pols.get(u.lower_, 0.0) >= 0.3):
                    return True
    return False


_DEGREE = {"autant", "aussi", "si", "tant", "tellement", "pareil", "pareille", "pareils", "pareilles"}


def _degree_praise(toks: list[Token], ctx: Context, targets=()):
    """« l'entretien fut l'un des plus stimulants de ma carrière », « une visite aussi vivante » : a superlative
    on a word no lexicon rates negative, or a degree word on a word textblob-fr rates positive (not a
    comparison « aussi … que »), in a sentence without a negative adjective: praise, which the sentence
    layer, reading the intensity, may take for a reproach."""
    pols = polarities() or {}
    conf = ctx.config.get("polarite", {})
    neg = float(conf.get("seuil_negatif", -1.1))
    excluded = {w.lower() for w in conf.get("exclusions", [])}
    hollow = set(ctx.config.get("critique", {}).get("eloge_creux", []))
    def negative(t) -> bool:
        return t.pos_ == "ADJ" and t.lower_ not in excluded and pols.get(t.lower_, 0.0) <= neg and not _negated(t)

    # « je n'ai jamais rencontré une équipe aussi disponible et transparente que la vôtre » : a quality with the
    # recipient as its standard is praise of the recipient (in a parsed sentence without a negative adjective).
    for k, t in enumerate(toks):
        word = toks[k + 1] if k + 1 < len(toks) else None
        # (A quality textblob-fr rates positive at all, or its conjoined one: « aussi disponible et transparente ».)
        if t.lower_ not in _DEGREE or word is None or word.pos_ != "ADJ" \
                or not any(pols.get(w.lower_, 0.0) > 0 for w in (word, *(c for c in word.children if c.dep_ == "conj"))) \
                or _negated(word) or any(u.lower_ in ("pas", "moins") for u in toks[max(0, k - 2) : k]) \
                or any(negative(u) for u in word.sent) \
                or any(u.lemma_ in ("devoir", "gagner", "pouvoir") and conditional(u) for u in word.sent):
            # (« Une équipe aussi sympathique que la vôtre devrait peut-être apprendre à répondre » : advice, no praise.)
            continue
        wider = toks[k + 2 : k + 9]
        que = next((j for j, u in enumerate(wider) if u.lower_ in ("que", "qu'", "qu’")), None)
        if que is not None and any(u.lower_ in _YOURS for u in wider[que + 1 : que + 3]):
            return SpanMark(word.doc[word.i : word.i + 1])
    if any(negative(t) for t in toks):
        return None
    # « des salaires aussi… modestes » : the suspension points set up the sarcasm.
    if any("…" in t.text or t.text == "..." for t in toks):
        return None

    def praises(word) -> bool:
        # Of something of the recipient's (« l'entretien … fut l'un des plus stimulants »), and not denied
        # (« ne m'a pas paru des plus sereines » is the litotes of a reproach).
        return not _negated(word) and not _negated(word.head) and any(_attached(_Polar(word, 1.0), t) for t in targets)

    for k, t in enumerate(toks):
        after = [u for u in toks[k + 1 : k + 3] if u.pos_ in ("ADJ", "ADV", "VERB")]
        if not after:
            continue
        word = after[0]
        # « votre offre, que je n'ai pu trouver que généreuse », « qui ne m'a laissé que d'excellents souvenirs » :
        # « ne … que » before a word textblob-fr rates positive restricts to praise.
        # (Not « que de belles promesses », « que de beaux discours » : words only, critique.eloge_creux — the sarcasm.)
        if t.lower_ in ("que", "qu'", "qu’") and targets and word.pos_ == "ADJ" and pols.get(word.lower_, 0.0) >= 0.3 \
                and not (word.dep_ == "amod" and word.head.lemma_ in hollow) \
                and any(u.lower_ in ("ne", "n'", "n’") for u in toks[max(0, k - 6) : k]) and restrictive(
                    next((u.head for u in toks[max(0, k - 6) : k] if u.lower_ in ("ne", "n'", "n’")), t)):
            return SpanMark(word.doc[word.i : word.i + 1])
        if t.lower_ in ("plus", "mieux") and k and toks[k - 1].lower_ in ("le", "la", "les", "l'", "l’", "des"):
            if pols.get(word.lower_, 0.0) > neg and word.lower_ not in excluded and praises(word):
                return SpanMark(word.doc[word.i : word.i + 1])
        elif t.lower_ in _DEGREE and pols.get(word.lower_, 0.0) >= 0.3:
            rest = toks[word.i - toks[0].i + 1 : word.i - toks[0].i + 5]
            # « cette offre si généreuse » : praise of a thing pointed at is the antiphrasis of sarcasm.
            pointed = any(c.dep_ == "det" and c.lower_ in ("ce", "cet", "cette", "ces") for c in word.head.children)
            if not pointed and not any(u.lower_ in ("que", "qu'", "qu’") for u in rest) and praises(word):
                return SpanMark(word.doc[word.i : word.i + 1])
    return None


_YOURS = {"vôtre", "vôtres", "vous", "votre", "vos"}


def _writers_litotes(toks: list[Token], ctx: Context):
    """« la perspective de rejoindre votre équipe ne me laisse pas indifférent », « ne m'a pas laissée insensible » :
    a negative adjective denied, said of the writer (« me » the verb's object) — the writer's interest, a litotes."""
    pols = polarities() or {}
    neg = float(ctx.config.get("polarite", {}).get("seuil_negatif", -1.1))
    for t in toks:
        # (The tagger may call « indifférent » after « laisser » an adverb.)
        if t.pos_ in ("ADJ", "ADV") and t.dep_ in ("xcomp", "advmod") and pols.get(t.lower_, 0.0) <= neg \
                and any(c.lower_ in ("pas", "jamais", "guère") for c in t.head.children) \
                and any(c.lower_ in ("me", "m'", "m’", "nous") and c.dep_ in ("obj", "iobj") for c in t.head.children):
            return SpanMark(t.doc[t.i : t.i + 1])
    return None


def _superlative(j: Match) -> bool:
    """« Jamais un entretien ne m'avait donné autant envie », « je n'ai jamais vu une équipe aussi
    accueillante » : a praise denied with « jamais » and a degree word is a superlative, not its negation."""
    if not j.negated:
        return False
    sent = j.span.sent
    return any(t.lower_ == "jamais" for t in sent) and any(t.lower_ in _DEGREE for t in (*j.span, *j.span.root.children))


def _accepted_feeling(tok: Token, accepting) -> bool:
    """« Votre décision me déçoit, je ne vous le cache pas, mais je la comprends » : the writer's own
    feeling (a verb of which « me » is the object), then accepted in the same sentence (« mais » and a verb
    of mots.yaml critique.acceptation, in the first person): no remark on the recipient."""
    if tok.pos_ != "VERB" or not me_before(tok):
        return False
    after = list(tok.doc[tok.i + 1 : tok.sent.end])
    for k, t in enumerate(after):
        if t.lower_ == "mais":
            return any(v.lemma_ in accepting
                       and any(c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’") for c in v.children)
                       for v in after[k + 1 : k + 6])
    return False


def _writers_own_quality(tok: Token) -> bool:
    """« mes points faibles », « mon niveau insuffisant » : an adjective on a noun of the writer's own."""
    return tok.pos_ == "ADJ" and tok.dep_ in ("amod", "acl") and tok.head.pos_ == "NOUN" and writers_own_noun(tok.head)


def _no_trouble(m: Match, troubles) -> bool:
    """« sans la moindre lourdeur administrative » : the absence of a trouble (mots.yaml critique.maux) is
    praise; « sans la moindre nouvelle » is the reproach."""
    last = m.span[-1]
    if last.lower_ != "moindre":
        return False
    after = next((t for t in last.doc[last.i + 1 : last.i + 3] if t.pos_ in ("NOUN", "ADJ")), None)
    return after is not None and after.lemma_.lower() in troubles


def _somewhat_or_mine(m: Match) -> bool:
    """« une question un peu pratique » (somewhat practical, not « peu pratique »), « mon peu de pratique des
    logiciels » (the writer's own lack): a remark that starts with « peu » after « un » or a possessive of
    the writer's."""
    first = m.span[0]
    return first.lower_ == "peu" and first.i > 0 and (first.nbor(-1).lower_ in ("un", "quelque") or first.nbor(-1).lower_ in MY)


_IMPRESSION = {"effet", "impression", "image"}
_THIS = {"cela", "ça", "ce", "c'", "c’", "ceci"}


def _impression_given(tok: Token) -> bool:
    """« je comprends que cela fasse mauvais effet » : the impression the writer's own mishap makes (« faire »,
    « donner », a demonstrative as its subject), not a judgment of the recipient's side (« votre silence fait mauvais
    effet » is)."""
    if tok.dep_ != "amod" or tok.head.lemma_ not in _IMPRESSION:
        return False
    noun = tok.head
    # (Not the writer's impression of something — « j'ai eu une mauvaise impression de l'accueil », « cela m'a laissé
    # une mauvaise impression » —, nor one said to be of the recipient's side: « une mauvaise image de votre agence ».)
    if any(c.dep_ == "nmod" and any(k.dep_ == "case" and k.lower_ in ("de", "d'", "d’", "du", "des") for k in c.children)
           for c in noun.children):
        return False
    made = any(c.dep_ == "cop" and c.lemma_ == "faire" for c in noun.children)  # « que cela fasse mauvais effet »
    if not (made or noun.head.lemma_ in ("faire", "donner")):
        return False
    subjects = [c for c in (noun if made else noun.head).children if c.dep_.startswith("nsubj")]
    return bool(subjects) and all(s.lower_ in _THIS for s in subjects)


def _said_of_mine(tok: Token, ctx: Context) -> bool:
    """« ma maison est sans chauffage », « mon bureau sans fenêtre », « je travaille dans un sous-sol sans
    fenêtre » : said of a thing of the writer's (its subject, or the noun it qualifies, under « mon, ma,
    mes », or the place where the writer works or lives, reglages critique.cote_candidat)."""
    holders = [c for c in tok.children if c.dep_.startswith("nsubj")]
    if tok.dep_ in ("nmod", "amod", "acl") and tok.head.pos_ == "NOUN":
        holders.append(tok.head)
    places = set(ctx.config.get("critique", {}).get("cote_candidat", []))
    return any(any(d.dep_ == "det" and d.lower_ in MY for d in h.children)
               or (h.dep_.startswith("obl") and h.head.lemma_ in places
                   and any(c.dep_ == "nsubj" and c.lower_ in ME for c in h.head.children))
               for h in holders)


def _self_blame(remark, ctx: Context) -> bool:
    """« désolée de vous avoir fait attendre pour rien », « quitte à annuler pour rien »: the remark lies
    inside the writer's apology or own hypothesis (reglages.yaml critique.portee_du_candidat), not beside
    it (« je suis désolé, mais votre processus est interminable » stays a remark)."""
    conf = ctx.config.get("critique", {})
    heads, fears = set(conf.get("portee_du_candidat", [])), set(conf.get("crainte", []))
    node = remark.span.root
    # « c'est la deuxième fois que je dois décaler », « deuxième fois que ma nounou me lâche » : the clause that says
    # what is repeated is the writer's (or a noun of the writer's side).
    doc, end = remark.span.doc, remark.span.end
    if any(c.dep_ in ("ccomp", "acl", "acl:relcl") and any(k.dep_.startswith("nsubj") and k.lower_ in ME
                                                           for k in c.children) for c in node.children) \
            or (end + 1 < len(doc) and doc[end].lower_ in ("que", "qu'", "qu’") and (doc[end + 1].lower_ in ME
                                                                                   or doc[end + 1].lower_ in MY)):
        return True
    # « c'est la deuxième fois seulement que ça m'arrive » : what is repeated happens to the writer.
    que = next((t.i for t in doc[end : end + 2] if t.lower_ in ("que", "qu'", "qu’")), None)
    if que is not None and any(t.lemma_ == "arriver" and any(c.lower_ in ("me", "m'", "m’") for c in t.children)
                               for t in doc[que + 1 : que + 5]):
        return True
    for _ in range(5):
        if node.lemma_.lower() in heads or node.lower_ in heads:
            return True
        # « je ne voudrais pas que vous y voyiez un manque de sérieux » : what the writer fears the
        # recipient might think of him (not « je ne veux pas perdre mon temps avec ce processus »).
        verb = node.head
        if node.dep_ == "ccomp" and verb.lemma_ in fears and any(c.lower_ in ("ne", "n'", "n’", "pas") for c in verb.children) \
                and any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in verb.children) \
                and any(c.dep_.startswith("nsubj") and c.lower_ in ("vous", "tu") for c in node.children):
            return True
        # « plutôt que de vous faire attendre pour rien » : what the writer would make the recipient do.
        if recipient_made_to(node):
            return True
        # « plutôt que de venir à l'entretien pour rien » : what the writer avoids doing.
        if any(c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’") and c.i and c.nbor(-1).lower_ == "plutôt"
               for c in node.children):
            return True
        # (« plutôt que de venir pour rien » : the parser may hang « que » elsewhere and keep only « de ».)
        left = node.left_edge.i
        if node.pos_ == "VERB" and left >= 2 and doc[left].lower_ in ("de", "d'", "d’") \
                and doc[left - 1].lower_ in ("que", "qu'", "qu’") and doc[left - 2].lower_ == "plutôt":
            return True
        # « m'excuser pour cette incertitude, que je sais peu commode » : « N, que… » is a relative clause on N
        # (the parser may hang it on the verb), whose judgment is of what the writer apologises for.
        antecedent = _misparsed_relative(node)
        if antecedent is not None:
            node = antecedent
            continue
        # « je regrette que votre processus soit désorganisé »: a clause of its own is what is regretted,
        # not the writer's fault.
        if node.dep_ in ("conj", "parataxis", "ccomp", "csubj") or node.head.i == node.i:
            return False
        node = node.head
    return False


_MESSAGES = {"message", "mail", "e-mail", "email", "courriel", "relance", "appel", "sms", "texto", "messages", "mails"}


def _in_recipients_eyes(tok) -> bool:
    """« ce qui, dans mon parcours, a pu vous paraître insuffisant », « les points sur lesquels mon dossier vous a
    semblé faible » : a judgment the recipient made (« vous » sembler / paraître), asked about — of the writer's
    side, not on the recipient's (not « votre processus vous semble normal »)."""
    doc = tok.doc
    before = doc[max(tok.sent.start, tok.i - 4) : tok.i]
    # « je ne voudrais pas que vous pensiez à un manque de sérieux » : what the writer does not want the recipient
    # to think of the writer.
    # (The wish right before the « que » of the thinking — the parser may hang it elsewhere —: not « je ne voudrais
    # pas vous vexer, mais vous pensez vraiment que… ».)
    thinking = next((t for t in doc[max(tok.sent.start, tok.i - 6) : tok.i] if t.lemma_ in _READING), None)
    que = next((c for c in thinking.children if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")), None) \
        if thinking is not None else None
    if que is not None and any(t.lower_ == "vous" for t in doc[que.i : thinking.i]) and any(
            t.lemma_ in ("vouloir", "aimer", "souhaiter") and _negated(t) for t in doc[max(tok.sent.start, que.i - 3) : que.i]):
        return True
    # « pour que vous ne pensiez pas à un manque de sérieux » : what the writer explains himself against.
    if que is not None and que.i and doc[que.i - 1].lower_ in ("pour", "afin") and _negated(thinking) \
            and any(c.dep_.startswith("nsubj") and c.lower_ == "vous" for c in thinking.children):
        return True
    seeming = next((t for t in before if t.lemma_ in ("sembler", "paraître", "apparaître")), None)
    if seeming is None or not any(t.lower_ == "vous" for t in doc[max(tok.sent.start, seeming.i - 3) : seeming.i]):
        return False
    return not any(t.lower_ in ("votre", "vos") for t in doc[max(tok.sent.start, seeming.i - 8) : seeming.i])


# (What the recipient might make of the writer: « que vous y voyiez un manque d'intérêt ».)
_READING = {"penser", "croire", "imaginer", "voir", "interpréter"}


def _denied_degree(j) -> bool:
    """« je n'ai jamais été reçu avec autant de sérieux », « jamais une équipe ne m'a paru aussi disponible » :
    « jamais » denies the degree, not the quality — a superlative, praise (not « pas aussi sérieux que… », a
    comparison, nor « aussi peu sérieux »)."""
    if j.expr.polarity != "negative":
        return False
    doc, sent = j.span.doc, j.span.sent
    before = doc[max(sent.start, j.span.start - 3) : j.span.start]
    if not any(t.lower_ in _DEGREE for t in before) or any(t.lower_ == "peu" for t in before):
        return False
    if not any(t.lower_ in ("jamais", "rarement") for t in doc[sent.start : j.span.start]):
        return False
    return not any(t.lower_ in ("que", "qu'", "qu’") for t in doc[j.span.end : min(sent.end, j.span.end + 6)])


def _own_performance(toks: list[Token], qualities=frozenset()) -> bool:
    """« Lors de l'entretien, j'ai peut-être trop insisté sur la gestion de crise et pas assez sur la prévention » :
    the writer weighing what they did (« trop », « pas assez » on their own verb, or on their own quality: « mon
    français était pas assez bon »), in a unit that names nothing of the recipient (not « j'ai trop attendu votre
    réponse »)."""
    if any(t.lower_ in _YOURS or t.lower_ in ("tu", "ton", "ta", "tes", "te", "t'", "t’", "toi") for t in toks):
        return False
    def mine(t) -> bool:
        # (The parser may hang « j' » on the auxiliary.)
        near = [*t.children, *(g for c in t.children if c.dep_.startswith("aux") for g in c.children)]
        return any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in near)

    def degree(t) -> bool:
        return any(c.lower_ == "trop" or (c.lower_ == "assez" and c.i and c.nbor(-1).lower_ == "pas") for c in t.children)

    # « mon français technique était pas assez bon », « j'étais trop stressé » : the writer's own quality, measured
    # (a quality of the writer's, mots.yaml critique.qualites_du_candidat — not « mon temps d'attente était trop long »).
    def own_quality(t) -> bool:
        return t.pos_ == "ADJ" and any(c.dep_ == "cop" for c in t.children) and in_past(t, copula=True) and any(
            c.dep_.startswith("nsubj") and (c.lower_ in ME or (c.lemma_.lower() in qualities and any(
                d.dep_ == "det" and d.lower_ in MY for d in c.children)))
            for c in t.children)

    # (Not denied: « je n'ai pas trop pu poser mes questions, la responsable a répondu au téléphone ».)
    return any((t.pos_ == "VERB" and in_past(t) and mine(t) and not _negated(t) or own_quality(t)) and degree(t)
               for t in toks)


_EXPECTING = {"imaginer", "penser", "croire", "attendre", "soupçonner"}


def _surprised_praise(toks: list[Token]) -> bool:
    """« Je n'imaginais pas qu'un atelier … puisse être aussi calme et ordonné », « je ne m'attendais pas à un
    échange aussi concret » : the writer's expectation, denied in the past, of a degree of a quality textblob-fr
    does not rate negative — surprise, praise (not « je ne pensais pas que ce serait aussi long », nor « je ne m'attendais
    pas à ce que tout devienne si urgent d'un coup, mais soit ! »)."""
    pols = polarities() or {}

    def quality(w) -> bool:
        # (An adjective textblob-fr does not rate, « instructive », counts; an adverb must be rated positive: not
        # « aussi longtemps ».)
        return (w.pos_ == "ADJ" and pols.get(w.lower_, 0.0) > -0.05) or (w.pos_ == "ADV" and pols.get(w.lower_, 0.0) > 0)

    for k, t in enumerate(toks):
        if t.lemma_ not in _EXPECTING or not in_past(t) or not _negated(t) \
                or not any(c.lower_ in ME and c.dep_.startswith("nsubj") for c in t.children):
            continue
        rest = toks[k + 1 :]
        if any(u.lower_ in ("mais", "pourtant") for u in rest):
            return False
        if any(u.lower_ in _DEGREE and i + 1 < len(rest) and rest[i + 1].lower_ != "peu" and quality(rest[i + 1])
               for i, u in enumerate(rest)):
            return True
    return False


def _writers_cause(j) -> bool:
    """« Notre entretien a été écourté par une coupure de ma connexion » : the harm done by something of the
    writer's (the agent of the passive, or « à cause de ma… ») is no remark on the recipient."""
    root = j.span.root
    for c in root.children:
        if c.dep_ in ("obl:agent", "obl:mod", "obl") and any(k.dep_ == "case" and k.lower_ in ("par", "à") for k in c.children) \
                and any(t.lower_ in MY or t.lower_ in ME for t in c.subtree) \
                and (c.dep_ == "obl:agent" or any(k.lower_ == "cause" for k in c.subtree) or any(k.lower_ == "par" for k in c.children)):
            return True
    return False


def _unanswered(m: Match) -> bool:
    """« mes deux mails sont restés sans réponse » : the writer's messages (to the recipient: no one else named,
    « mon mail à France Travail », « auprès de mon employeur », « de ma part ») left without an answer — the
    recipient's silence."""
    if not any(t.lower_ == "sans" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ in ("réponse", "suite", "retour")
               for t in m.span):
        return False
    verb = m.span.root if m.span.root.pos_ in ("VERB", "AUX") else m.span.root.head
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if not subjects and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":  # « après mes messages restés sans réponse »
        subjects = [verb.head]
    if not subjects or not all(c.lemma_.lower() in _MESSAGES or c.lower_ in _MESSAGES for c in subjects):
        return False
    sent = m.span.sent
    # Anyone else the messages went to or the answer was awaited from.
    return not any(t.lower_ in ("auprès", "part", "chez") or (t.lower_ == "à" and t.head.pos_ in ("PROPN", "NOUN")
                                                              and t.head.i > t.i and t.head.head.i in {c.i for c in subjects})
                   for t in sent)


def _misparsed_relative(node: Token) -> Token | None:
    """The noun a « , que je… » clause parsed as a complement clause of the verb really qualifies (« cette
    incertitude, que je sais peu commode »): the noun just before the comma, the writer the clause's subject."""
    if node.dep_ != "ccomp" or not any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in node.children):
        return None
    que = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")), None)
    if que is None or que.i < 2 or que.nbor(-1).text != "," or que.nbor(-2).pos_ != "NOUN":
        return None
    return que.nbor(-2)


def _clears(remark) -> bool:
    """« votre processus n'y est pour rien » : « n'y être pour rien » clears whom it is said of — praise, which the
    sentence layer, reading « rien », may take for a reproach."""
    doc, start = remark.span.doc, remark.span.start
    return remark.span.root.lower_ == "rien" and start >= 2 and doc[start - 1].lemma_ == "être" \
        and doc[start - 2].lower_ == "y" and any(t.lower_ in ("n'", "n’", "ne") for t in doc[max(0, start - 4) : start - 2])


def _set_phrase(remark) -> bool:
    """« Bravo à la personne retenue » congratulates someone (« bravo pour l'organisation » is the irony);
    « dans le doute » is the writer's own uncertainty, not a doubt about the recipient."""
    root, doc = remark.span.root, remark.span.doc
    end = remark.span.end
    nxt = doc[end] if end < len(doc) else None
    # (Not « bravo à vous », « bravo à votre service pour sa réactivité » : the recipient congratulated, ironically.)
    if root.lower_ in ("bravo", "chapeau") and nxt is not None and nxt.lower_ in ("à", "au", "aux"):
        after = {t.lower_ for t in doc[end + 1 : end + 3]}
        return not after & {"vous", "votre", "vos", "toi", "ton", "ta", "tes", "l'équipe", "équipe", "service"} \
            and not any(t.lower_ == "pour" for t in doc[end : root.sent.end])
    # (Only the set phrase alone: not « dans le doute quant à votre sérieux ».)
    return root.lemma_ == "doute" and remark.span.start >= 2 and doc[remark.span.start - 2].lower_ == "dans" \
        and doc[remark.span.start - 1].lower_ == "le" and (nxt is None or nxt.is_punct)


def _writers_own_futility(remark) -> bool:
    """« je m'inquiète peut-être pour rien », « plutôt que de venir à l'entretien pour rien » : « pour rien » on
    what the writer does now or would do is their own worry or the trip they spare themselves; « je me suis
    déplacé pour rien », « m'avoir fait patienter un mois pour rien » (past) stay reproaches."""
    root = remark.span.root
    if root.lower_ != "rien" or not any(c.lower_ == "pour" for c in root.children):
        return False
    node = root.head
    for _ in range(4):
        # « être honnête plutôt que de venir… » : up through an adjective and its infinitive copula (the tagger
        # may call that adjective a participle). Otherwise « je me suis déplacé » : a participle is a past,
        # whatever its auxiliary.
        through = any(c.dep_ in ("cop", "aux:pass") and "Inf" in c.morph.get("VerbForm") for c in node.children)
        if not through and (node.pos_ not in ("VERB", "AUX") or in_past(node) or "Part" in node.morph.get("VerbForm")):
            return False
        if not through and "Fin" in node.morph.get("VerbForm"):
            # The writer's own verb, reached from an infinitive (« je préfère… plutôt que de venir pour rien »),
            # or itself hedged or conditional (« je m'inquiète peut-être pour rien ») — not « je relance votre
            # service pour rien depuis trois semaines », « je vous remercie pour rien ».
            own = any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in node.children)
            hedged_here = node.i != root.head.i or any(
                c.lower_ in ("peut-être", "sûrement", "probablement") or (c.lower_ == "doute" and c.i and c.nbor(-1).lower_ == "sans")
                for c in node.subtree) or node.lower_.endswith(("rais", "rait"))
            return own and hedged_here and node.lemma_ != "remercier"
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _work_object(judgment, ctx: Context) -> bool:
    """« le traitement des réserves », « l'analyse des défaillances »: a negative noun that is the object
    of an activity names the work itself (job vocabulary), not a judgment."""
    root = judgment.span.root
    activities = set(ctx.config.get("critique", {}).get("activites", []))
    if root.pos_ == "ADJ" and root.dep_ == "amod":  # « le suivi des créances douteuses »
        root = root.head
    if root.pos_ == "NOUN" and root.dep_ == "nmod" and root.head.lemma_ in activities:
        return True
    # « préparateur de commandes en froid négatif », « travail en milieu hostile » : a noun after « en » that
    # completes a noun names a field of the work (the adjective « froid » would judge).
    # So does a bare noun after « à » (« la saponification à froid », « le soudage à chaud »).
    return root.pos_ == "NOUN" and root.dep_ == "nmod" and root.head.pos_ == "NOUN" \
        and any(c.dep_ == "case" and (c.lower_ == "en" or (c.lower_ == "à" and not any(
            d.dep_ == "det" for d in root.children))) for c in root.children)


def _negated(tok: Token) -> bool:
    around = list(tok.children)
    # (« l'équipe ne m'a pas laissé indifférent » : the adjective hangs on its verb as advmod.)
    if tok.dep_ in ("xcomp", "amod", "acl") or tok.head.pos_ == "AUX" or (tok.pos_ == "ADJ" and tok.dep_ == "advmod"):
        around += list(tok.head.children)
    # "plus" negates only with "ne" ("n'est plus clair"); alone it compares ("plus important"). « Ni l'équipe ni
    # les rayonnages ne m'ont laissée indifférente » : « ne » with « ni » before it, wherever the parser hangs it.
    ne = any(c.lower_ in ("ne", "n'", "n’") for c in around)
    return any(c.lower_ in _NEGATORS for c in around) or (ne and any(c.lower_ == "plus" for c in around)) or (
        ne and any(t.lower_ == "ni" for t in tok.sent if t.i < tok.i))


def _in_counterfactual(tok: Token) -> bool:
    """Does the word hang under a conditional past (« il aurait été appréciable de… », « j'aurais apprécié
    d'être averti de… »): what should have happened?"""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return False
        node = node.head
        if any(c.dep_ == "aux:tense" and "Cnd" in c.morph.get("Mood") for c in node.children):
            return True
    return False


def _others_praised(sent) -> bool:
    """A subject « les autres X », « d'autres X » : the sentence speaks of other employers."""
    return any(t.lower_ in ("autre", "autres") and t.head.pos_ == "NOUN" and t.head.dep_.startswith("nsubj")
               for t in sent)


def _badly_done(tok: Token) -> bool:
    """A participle or adjective under « mal » (« mal payé », « mal entretenus »), not « pas mal »."""
    if tok.pos_ not in ("ADJ", "VERB") or (tok.pos_ == "VERB" and "Part" not in tok.morph.get("VerbForm")):
        return False
    bad = next((c for c in tok.children if c.lower_ == "mal" and c.i < tok.i), None)
    return bad is not None and not (bad.i and bad.nbor(-1).lower_ == "pas")


def _polar_judgments(ctx: Context, targets_in: dict, known: list[Match], deny=frozenset()) -> list:
    """Adjectives the broad lexicon rates negative (or positive and negated: « pas très clair ») about a
    recipient-side target in the same clause, in a sentence the sentence layer also leans towards reading
    as a reproach (two independent cues agree: the adjective alone is often about the candidate's day) — or,
    without that lean, said of what the sentence gives the recipient (« votre parc est paumé »)."""
    conf = ctx.config.get("polarite", {})
    a = ctx.analysis
    need = float(conf.get("geste_min", 0.0))
    # (A lean the second opinion rejects outright, below gestes.second_avis_rejet_nomme, is no second cue: « Je
    # me vois mal me présenter le bras en écharpe, incapable de vous serrer la main ».)
    rejected = float(ctx.config.get("gestes", {}).get("second_avis_rejet_nomme", 0.0))
    leaning = sorted({s.start for s in a.scored("critique", need)
                      if s.second_critique is None or s.second_critique >= rejected})
    if not targets_in:
        return []
    pols = with_additions(conf.get("ajouts"))  # read (~60 ms) only for a message with a target, not on every cold check
    if not pols:
        return []
    neg, pos_neg = float(conf.get("seuil_negatif", -1.1)), float(conf.get("seuil_positif_nie", 1.1))
    excluded = {w.lower() for w in conf.get("exclusions", [])}
    added = {w.lower() for forms in (conf.get("ajouts") or {}).values() for w in forms}
    st = a.structure
    known_near = Nearby(known)  # neighbours only: linear in length
    out = []
    for sent in a.body_sentences:
        k = bisect_left(leaning, sent.start_char)
        # Without the layer's lean, only a judgment on what the sentence says is the recipient's
        # (« votre parc est paumé ») counts: two cues again, the possessive being the second.
        lean = k < len(leaning) and leaning[k] < sent.end_char
        if not lean and not any(_theirs(t) for t in targets_in.get(a._sent_start(sent), ())):
            continue
        for tok in sent:
            badly = _badly_done(tok)
            # The tagger reads « paumé », « bâclée » as participles, « floue » as an adverb, « discourtois » as a noun: the added forms
            # count as adjectives.
            if (tok.pos_ != "ADJ" and not badly and not (tok.lower_ in added and ("Part" in tok.morph.get("VerbForm")
                                                                                   or tok.pos_ in ("ADV", "NOUN")))) \
                    or st.outside_body(tok.idx):
                continue
            form = tok.lower_
            # « mal payé », « mal rédigée », « mal ventilé » : done badly, whatever the participle.
            p = float(conf.get("mal_fait", -0.5)) if badly else pols.get(form)
            if p is None or form in excluded or any(k.start <= tok.idx < k.end for k in known_near.around(tok.idx, tok.idx)):
                continue
            if not ((p <= neg and not _negated(tok) and not _denied(tok, deny)) or (p >= pos_neg and _negated(tok))):
                continue
            j = _Polar(tok, p, "« mal » et un participe" if badly else
                       "adjectif négatif, reglages.yaml polarite.ajouts" if form in added else _Polar.WHY)
            if _candidate_judged(j, ctx) or _conduct_towards(j, ctx) or _in_recipients_eyes(tok) or _impression_given(tok) \
                    or _wrong_one_chosen(j):
                continue
            # « j'avais mal prononcé le nom de votre directrice » : what the writer, its subject, did badly.
            # (Not the passive, « j'ai été mal informée », nor what the writer lived, « j'ai mal vécu la manière dont… ».)
            if badly and any(c.dep_ == "nsubj" and c.lower_ in ME for c in tok.children) \
                    and not any(c.dep_ == "aux:pass" for c in tok.children) and tok.lemma_ not in ("vivre", "ressentir", "percevoir"):
                continue
            for t in targets_in.get(a._sent_start(j.span), ()):  # a.same_sentence(j.span, t)
                if t.start <= j.start < t.end:
                    continue
                if _own_side(t, ctx) or _judge_not_judged(t, ctx):
                    continue
                if _attached(j, t) and (lean or (_theirs(t) and _said_of(tok, t))):
                    j.target = t
                    out.append(j)
                    break
    return out


def _said_of(adj: Token, target: Match) -> bool:
    """Is the adjective said of the target itself: its epithet (« votre parc paumé »), or its attribute
    (« votre parc est paumé », « vos locaux m'ont semblé exigus ») — not of a word near it (« mes points
    faibles » beside « vos questions », « incertaine ma venue à vos bureaux »)?"""
    root = target.span.root
    if root.dep_ == "det" and root.lower_ in THEIRS:  # the target is « votre »: what it determines
        root = root.head
    # The noun judged, up through its complements (« le plan joint à votre convocation »), not a possessor's.
    judged = {root.i}
    node = root
    for _ in range(3):
        if node.dep_ not in ("nmod", "acl", "obl:arg", "obl:mod") or node.head.i == node.i:
            break
        node = node.head
        if any(c.dep_ == "det" and c.lower_ in MY for c in node.children):
            break
        if node.pos_ in ("NOUN", "PROPN"):
            judged.add(node.i)
    if adj.head.i in judged and adj.dep_ in ("amod", "acl"):
        return True
    pred = adj.head if adj.dep_ == "xcomp" else adj
    return any(c.i in judged and c.dep_.startswith("nsubj") for c in pred.children)


def _theirs(target: Match) -> bool:
    """A target the sentence gives the recipient (« votre parc », « vos locaux »)."""
    root = target.span.root
    return any(t.lower_ in THEIRS for t in target.span) or any(
        c.dep_ == "det" and c.lower_ in THEIRS for c in root.children)


def _names_recipient(toks: list[Token], targets: list[Match], ctx: Context, *, specific: bool = True) -> bool:
    """A « vous », or a target of the recipient's side; `specific`: one that is theirs (« signer un
    contrat », « passer un entretien »: a target with an indefinite article is anyone's)."""
    second = set(ctx.config.get("critique", {}).get("destinataire", []))
    return any(t.lower_ in second and not _addressee(t, ctx) for t in toks) or any(
        not (specific and any(c.dep_ == "det" and c.lower_ in ("un", "une", "des") for c in t.span.root.children))
        for t in targets)


def _contrasted(toks: list[Token], ctx: Context, skip=lambda t: False) -> bool:
    """A word that turns what is said into a reproach (reglages critique.contraste: « même si », « déjà »)."""
    contrast = ctx.config.get("critique", {}).get("contraste", [])
    low = " ".join(t.lower_ for t in toks if not skip(t))
    return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", low) for c in contrast)


def _without_writers_concessions(toks: list[Token]) -> list[Token]:
    """The tokens, less the subordinate clauses (« même si j'ai pleuré… ») whose subject is the writer."""
    out = set()
    for v in toks:
        if v.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.lower_ in ME for c in v.children) \
                and any(c.dep_ == "mark" for c in v.children):
            out |= {w.i for w in v.subtree}
    return [t for t in toks if t.i not in out]


def _new_topic_after_colon(toks: list[Token], after: int, targets) -> bool:
    """A recipient-side noun, subject of a clause, after a « : » or « ; » that follows character `after`."""
    colon = next((t.idx for t in toks if t.idx >= after and t.text in (":", ";")), None)
    return colon is not None and any(t.start > colon and t.span.root.pos_ == "NOUN" and t.span.root.dep_.startswith("nsubj")
                                     for t in targets)


def _writers_scruple(toks: list[Token], targets, ctx: Context) -> bool:
    """« je ne voudrais pas vous faire perdre de temps ni donner l'impression de manquer de sérieux », « je me vois
    mal leur imposer… » : what the writer does not want to do or seem, or cannot see himself doing (a denied wish of reglages critique.crainte, « je » its subject, an
    infinitive after it) is his own conduct — unless it turns (« …, mais votre processus… ») or names something
    of the recipient's beyond « vous »."""
    fears = set(ctx.config.get("critique", {}).get("crainte", []))
    root = next((t for t in toks if t.dep_ == "ROOT"), None)
    # (« je me vois mal leur imposer une séparation » : what the writer cannot see himself doing, too.)
    seeing = [t for t in toks if t.lemma_ == "voir" and any(c.lower_ in ("me", "m'", "m’") for c in t.children)
              and any(c.lower_ == "mal" and c.dep_ == "advmod" for c in t.children)]
    writer = [*seeing, *([root] if root is not None and root.lemma_ in fears and _negated(root) else [])]
    if not any(any(c.dep_ == "nsubj" and c.lower_ in ME for c in v.children)
               and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in v.children) for v in writer):
        return False
    # (« surtout si la saison a déjà commencé » : « déjà », « encore » date, they turn nothing here.)
    return not _contrasted(toks, ctx, skip=lambda t: t.lower_ in ("déjà", "encore")) \
        and all(t.span.root.pos_ == "PRON" for t in targets)


def _own_side_only(toks: list[Token], targets: list[Match], ctx: Context, own_named: bool = False) -> bool:
    """The sentence names the candidate's side (« mes parents », « mon patron », « chez nous », or
    `own_named`: a target of the candidate's own, « l'entreprise qui m'emploie ») and nothing of the
    recipient's (no « vous », no target): who would be criticised? A likely reading is not enough."""
    if _names_recipient(toks, targets, ctx):
        return False
    own = set(ctx.config.get("critique", {}).get("cote_candidat_mots", []))
    return own_named or any((t.lower_ in own and not _when(t.head, ctx))
                            or (t.lower_ == "nous" and t.i and t.nbor(-1).lower_ == "chez") for t in toks)


def _when(noun: Token, ctx: Context) -> bool:
    """« depuis ma première visite », « lors de mon entretien » : a moment of the writer's, which dates what
    is said without being what it is about."""
    when = set(ctx.config.get("critique", {}).get("moment_du_candidat", []))
    return noun.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ in when for c in noun.children)


def _writers_conduct(toks: list[Token], ctx: Context) -> bool:
    """« Il m'a semblé plus honnête de vous prévenir », « le plus honnête serait de décliner », « il serait plus
    raisonnable que je me retire » : an adjective of conduct (mots.yaml critique.conduite) on what the writer
    does — « que je… », or telling the recipient (« vous » object of
    a verb of critique.interlocuteur). Not « il aurait été correct de (me, nous) prévenir », « il serait
    juste de dire que… » (the recipient's conduct, or a judgment), nor « de votre part »."""
    conf = ctx.config.get("critique", {})
    words = ctx.analysis.lexicon.words
    conduct = words["critique.conduite"]
    telling, second = set(conf.get("interlocuteur", [])), set(conf.get("destinataire", []))
    if any(t.lower_ == "part" and t.i and t.nbor(-1).lower_ in second for t in toks):
        return False
    for k, adj in enumerate(toks):
        if adj.lemma_ not in conduct or adj.pos_ != "ADJ":
            continue
        # (« plus honnête de », « raisonnable que » ; not « toute simple, parce que je… ».)
        link = next((j for j in range(k + 1, min(len(toks), k + 3)) if toks[j].lower_ in _LINKS), None)
        if link is None or toks[link - 1].lower_ in _CAUSES:
            continue
        verb = next((j for j in range(link + 1, min(len(toks), link + 5)) if toks[j].pos_ in ("VERB", "AUX")), None)
        if verb is None:
            continue
        between = {t.lower_ for t in toks[link + 1 : verb]}
        if between & ME - {"me", "m'", "m’"} \
                or (between & second and toks[verb].lemma_ in telling):
            return True
    return False


def _conduct_towards(j, ctx: Context) -> bool:
    """« ce ne serait honnête ni envers vous ni envers ma famille », « ce ne serait pas correct vis-à-vis de
    vous » : an adjective of conduct (mots.yaml critique.conduite) with whom it is owed to is how the writer
    would behave, not a judgment of the recipient."""
    conduct = ctx.analysis.lexicon.words["critique.conduite"]
    # (« pas correct » : the span's root may be « pas », both hanging on the verb.)
    root = next((t for t in j.span if t.lemma_ in conduct), None)
    if root is None:
        return False
    # (« votre façon de faire n'est pas honnête envers les candidats » : a noun subject is judged.)
    if any(c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PROPN") for c in root.children):
        return False
    after = root.doc[root.i + 1 : root.i + 5]
    if any(t.lower_ in ("envers", "vis-à-vis", "égard") for t in after):
        return True
    # « ce ne serait correct ni pour vous ni pour moi » : « pour » a person, in the conditional — what the writer
    # would do, weighed for both (not « ce n'est pas correct pour les candidats »).
    holder = root.head if root.dep_ == "xcomp" else root  # « il ne me semblerait pas correct de… »
    verbs = [root, *root.children, holder, *holder.children]
    conditional = any("Cnd" in t.morph.get("Mood") for t in verbs)
    if not conditional:
        return False
    if any(t.lower_ == "pour" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ in ("vous", "moi", "nous", "toi") for t in after):
        return True
    # « il ne me semblerait pas correct de poursuivre un processus pour un poste que je ne pourrais pas occuper » :
    # in the present conditional, what would be done (« de » and an infinitive with no « me », « nous » object) is
    # the writer's own conduct; not « il aurait été correct de me prévenir » (the past: the recipient's).
    past = any(t.lemma_ == "avoir" and t.dep_.startswith("aux") for t in verbs)
    link = next((t for t in after[:2] if t.lower_ in ("de", "d'", "d’")), None)
    verb = link.nbor(1) if link is not None and link.i + 1 < len(link.doc) else None
    while verb is not None and verb.pos_ == "PRON" and verb.i + 1 < len(verb.doc):
        if verb.lower_ in ("me", "m'", "m’", "nous"):
            return False
        verb = verb.nbor(1)
    return not past and verb is not None and "Inf" in verb.morph.get("VerbForm")


_LINKS = {"de", "d'", "d’", "que", "qu'", "qu’"}
_CAUSES = {"parce", "pour", "ce", "sans", "afin"}


def _writers_preference(toks: list[Token], targets=()) -> bool:
    """« Je préfère vous le dire tout de suite plutôt que de venir pour rien » : the writer weighs their own
    options (« préférer » in the first person); a borderline reading of it is no reproach. (Not what follows a
    colon, naming the recipient's side: « je préfère ne pas poursuivre : lors de la visite, l'état de l'atelier… »
    gives the reason.)"""
    for t in toks:
        if t.lemma_ == "préférer" and any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in t.children):
            colon = next((u.idx for u in toks if u.i > t.i and u.text in (":", ";")), None)
            if colon is None or not any(m.start > colon for m in targets):
                return True
    return False


def _writers_group_account(toks: list[Token]) -> bool:
    """« À Senlis, nous avions d'abord testé une colle… », « En six mois on est passé sous les 2 %, et on a évité deux
    rappels de lots » : every main clause has the writer's group (« nous », « on ») for subject, and nobody acts on
    the writer (no « me ») — what the writer's team did or has, not a remark (« on m'a parlé sèchement » is one; so is
    « on en est à trois semaines », time counted)."""
    mains = [t for t in toks if t.pos_ in ("VERB", "AUX") and (t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT"))]
    if not mains or any(t.lower_ in ("me", "m'", "m’") or (t.lower_ == "en" and t.pos_ == "PRON") for t in toks):
        return False
    return all(any(c.dep_.startswith("nsubj") and c.lower_ in ("nous", "on") for c in v.children) for v in mains)


def _own_regret(toks: list[Token]) -> bool:
    """« ma femme m'a dit que j'aurais dû vous faire prévenir, et elle a raison » : what the writer should
    have done (« devoir » in the conditional, first person) is self-reproach, not a remark on the recipient
    (« vous auriez dû me prévenir » is one)."""
    for t in toks:
        if t.lemma_ != "devoir":
            continue
        # (The tagger often reads « aurais » as an indicative: the form says it.)
        if any(c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’") for c in t.children) and (
                t.lower_ == "devrais" or any(c.dep_.startswith("aux") and c.lower_ == "aurais" for c in t.children)):
            return True
    return False


def _indulgent(a, sent_start: int, toks: list[Token], ctx: Context) -> bool:
    """« J'imagine qu'un imprévu vous a retenu, cela arrive »: a charitable explanation, not a reproach,
    unless a contrast turns it (« même si c'est tout de même la deuxième fois »)."""
    found = a.group_in_sentence("critique.indulgence", sent_start)
    # « J'imagine que, pour une ONG qui fait de la rapidité sa marque de fabrique, il s'agit d'un simple
    # contretemps » : measured against what the recipient claims (critique.etalon), the excuse is irony.
    # The irony is in the minimising of the excuse (« un simple oubli », « juste un petit contretemps ») within the
    # frame's own clause: « Pour une association qui accompagne des familles, les imprévus sont sûrement
    # nombreux » explains, sincerely.
    def minimised(m) -> bool:
        root = m.span.root
        return any(c.lower_ in _MINIMISING for c in root.children) \
            or any(t.lower_ in ("juste", "qu'un", "qu'une", "qu’un", "qu’une") for t in a.doc[max(0, root.i - 3) : root.i])
    if any(e.span.sent.start == m.span.sent.start and minimised(m) and not any(
            t.text in (";", ":", ".") for t in a.doc[min(e.span.end, m.span.end) : max(e.span.start, m.span.start)])
           for e in a.group_in_sentence("critique.etalon", sent_start) for m in found):
        return False
    # « J'avais compris que votre festival cherchait surtout quelqu'un de corvéable » : understanding told in
    # the past is a realisation, not the writer's acceptance now.
    found = [m for m in found if not (m.span[0].lemma_ == "comprendre" and in_past(m.span[0]))]
    # « a rabroué un apprenti pour une simple erreur » : the small fault as the cause of someone's harshness
    # measures the disproportion, it excuses nothing.
    found = [m for m in found if not (m.span.root.dep_.startswith("obl")
                                      and any(c.dep_ == "case" and c.lower_ == "pour" for c in m.span.root.children))]
    # « Il aurait été appréciable d'être prévenue d'un empêchement » : the contretemps inside what should have
    # happened (conditional past) is the reproach's matter; « j'imagine qu'un petit décalage ne bouleversera pas
    # votre calendrier » : a contretemps said to harm nothing minimises the writer's own request, ironically
    # after a grievance. Neither excuses the recipient.
    # « un oubli un peu gênant » : a contretemps judged negative is the reproach itself.
    pols = polarities() or {}
    neg = float(ctx.config.get("polarite", {}).get("seuil_negatif", -1.1))
    found = [m for m in found if not (_in_counterfactual(m.span.root)
                                      or (m.span.root.dep_.startswith("nsubj") and _negated(m.span.root.head))
                                      or any(c.dep_ in ("amod", "acl") and pols.get(c.lower_, 0.0) <= neg
                                             for c in m.span.root.children))]
    if not found:
        return False
    # « quelqu'un qui connaissait déjà l'équipe » : a word of a relative clause that describes the one
    # chosen does not turn the acceptance (« le rendez-vous qui avait déjà sauté » does).
    chosen = set(ctx.config.get("critique", {}).get("autre_candidat", []))
    # « je suis un peu déçu, mais je comprends que vous cherchez… » : the understanding, opened by « mais »,
    # has the last word; what it turns (before it) is the writer's own feeling, not a contrast turning it.
    first = min(m.span.start for m in found)
    before = next((t for t in reversed(toks) if t.i < first and not t.is_punct and t.lower_ not in ME), None)
    turned_at = before.i if before is not None and before.lower_ == "mais" else -1
    return not _contrasted(toks, ctx, lambda t: t.i <= turned_at or _describes(t, chosen))


_MINIMISING = {"simple", "petit", "petite", "léger", "légère", "banal", "banale", "malheureux", "malheureuse"}


def _describes(tok, antecedents: set[str]) -> bool:
    """Is the word inside a relative clause on one of `antecedents`?"""
    node = tok
    for _ in range(8):
        if node.dep_ == "acl:relcl":
            # « quelqu' » + « un » (fixed): the antecedent is both tokens, whichever the clause hangs on.
            ante = node.head.head if node.head.dep_ == "fixed" else node.head
            name = "".join(t.text for t in [ante, *(c for c in ante.children if c.dep_ == "fixed")])
            return name.lower() in antecedents
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _writers_object(tok) -> bool:
    """« j'ai retourné la question dans tous les sens », « j'ai passé le week-end à tourner la question »:
    a noun (or the « vous » given to) the writer acts on (through an infinitive too) is not the recipient's. (« je me pose pas mal de
    questions » : an object after a quantity, which the parser may take for « de » + complement.)"""
    quantity = tok.dep_ == "obl:arg" and tok.i > 1 and tok.nbor(-1).lower_ == "de" \
        and tok.nbor(-2).lower_ in ("mal", "beaucoup", "plein", "énormément", "tant", "tellement")
    # « je dois vous donner une réponse » : « vous », to whom the writer gives a thing, is no topic either
    # (not « je vous en veux », nothing given).
    given = tok.dep_ == "iobj" and tok.pos_ == "PRON" and any(c.dep_ == "obj" and c.pos_ == "NOUN" for c in tok.head.children)
    if tok.dep_ != "obj" and not quantity and not given:
        return False
    node = tok.head
    # « j'ai trouvé l'atelier mal ventilé » : an object given an attribute is what the writer judges.
    if any(c.dep_ == "xcomp" and c.pos_ in ("ADJ", "VERB") and c.i > tok.i for c in node.children):
        return False
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return any(c.lower_ in ME for c in subjects)
        # Up through an infinitive (« à tourner ») and the noun it hangs on (« la nuit à retourner »).
        infinitive = node.pos_ == "VERB" and "Inf" in node.morph.get("VerbForm")
        if not (infinitive or node.pos_ == "NOUN") or node.head.i == node.i:
            return False
        node = node.head
    return False


class _Compared(SpanMark):
    """« bien plus sérieux que ce que j'ai perçu chez vous », « mieux équipé que le vôtre »: the recipient is
    the standard another is measured against, and found better."""


_SUBJECT_CLITICS = {"je", "j'", "j’", "il", "elle", "on", "nous", "tu", "ils", "elles"}
_BETTER = {"plus", "mieux", "meilleur", "meilleure", "meilleurs", "meilleures", "davantage"}


def _implied_standard(mark) -> bool:
    """A comparative (« plus cohérent », « mieux », « meilleur ») after the other employer's mark, in its sentence,
    with no « que » giving the standard (« plus que », « mieux que chez moi » say it) and not « de plus », « plus de »."""
    after = [t for t in mark.span.sent if t.i >= mark.span.end]
    for k, t in enumerate(after):
        if t.lower_ not in _BETTER or (t.i and t.nbor(-1).lower_ in ("de", "ne", "n'", "n’", "non", "au")):
            continue
        nxt = after[k + 1 : k + 4]
        if t.lower_ == "plus" and (not nxt or nxt[0].pos_ not in ("ADJ", "ADV") or nxt[0].lower_ in ("de", "d'", "d’")):
            continue
        if any(u.lower_ in ("que", "qu'", "qu’") for u in after[k + 1 : k + 6]):
            continue
        return True
    return False


_BEFORE_STANDARD = {"chez", "le", "la", "les", "l'", "l’", "celui", "celle", "ceux", "celles", "de", "du", "des", "à", "au", "aux"}


_THINKING = {"penser", "croire", "imaginer", "supposer", "craindre", "redouter", "prévoir", "espérer", "attendre"}
_SAYING = {"dire", "indiquer", "écrire", "annoncer", "préciser", "expliquer", "affirmer"}
_SEEN = {"voir", "constater", "observer", "remarquer", "découvrir", "trouver"}


def _contrary_to_recipient(toks: list[Token], second: set[str]):
    """« contrairement à votre atelier », « contrairement à vous », « une imprimerie qui, contrairement à ce que j'ai
    vu dans votre atelier, travaille sur des presses récentes » : the recipient, or what the writer saw of theirs, is
    the standard another employer departs from. Not « contrairement à ce que je vous avais indiqué » (what the
    writer said), nor « ce que vous pourriez penser »."""
    for k, t in enumerate(toks):
        if t.lower_ != "contrairement" or k + 2 >= len(toks) or toks[k + 1].lower_ not in ("à", "au", "aux"):
            continue
        nxt = toks[k + 2]
        if nxt.lower_ in second or (nxt.lower_ == "chez" and k + 3 < len(toks) and toks[k + 3].lower_ in second):
            return _Compared(nxt.doc[t.i : nxt.i + 1])
        if nxt.lower_ != "ce":
            continue
        clause = []
        for u in toks[k + 3 : k + 16]:
            if u.is_punct and u.text in ".;:!?,":
                break
            clause.append(u)
        if any(u.lemma_ in _SEEN and any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in u.children) for u in clause):
            own = next((u for u in clause if u.lower_ in second and u.dep_ == "det"), None)
            if own is not None:
                return _Compared(own.doc[t.i : own.i + 1])
    return _set_against_recipient(toks)


class _Rhetorical(SpanMark):
    """A question that answers itself: « Est-ce ainsi que vous traitez vos candidats ? »."""


_CLAUSE_BREAKS = {":", ";", ".", "!", "…"}


def _rhetorical_question(toks: list[Token], ctx: Context, targets=()):
    """« Est-ce ainsi que vous traitez tous vos candidats ? », « Est-ce vraiment l'usage de demander aux candidats
    de fournir leur matériel ? » : a question put with the inverted verb, opened by an adverb that doubts it is worth
    asking (reglages critique.question_rhetorique) about what the recipient does to candidates — or by « ainsi / comme
    ça que vous » —, answers itself: a reproach, whatever the layer reads in a question. Not the writer's own
    question (« Faut-il vraiment apporter l'original de mon diplôme ? », « Peut-on vraiment décaler ? », « Est-ce
    ainsi que je dois procéder ? »): a word of the writer's, or neither the recipient nor candidates named. Or a
    question to the recipient with a mocking emoji right after it (reglages critique.emoji_moqueur, emoji_rire)."""
    words = set(ctx.config.get("critique", {}).get("question_rhetorique", []))
    ends = [k for k, t in enumerate(toks) if t.text == "?"]
    if not words or not ends:
        return None
    end = ends[-1]
    start = max((k + 1 for k, t in enumerate(toks[:end]) if t.text in _CLAUSE_BREAKS), default=0)
    clause = [t for t in toks[start:end] if not t.is_space]
    # (« Sincèrement, faut-il vraiment… ? » : an adverb set off by a comma opens the question, it is not its verb.)
    while len(clause) > 2 and clause[0].pos_ == "ADV" and clause[1].text == ",":
        clause = clause[2:]
    # « Vous appelez toujours les candidats à 7 h un dimanche ? 🙄 » : a question to the recipient the writer rolls
    # their eyes at; « 1350 net pour du 5h-13h, vous cherchez un employé ou un bénévole ? 😂 » : an alternative
    # the writer laughs at, about the recipient's pay or hours (not « Vous avez un dress code ? 😂 »).
    doc = toks[end].doc
    nxt = next((t for t in doc[toks[end].i + 1 : toks[end].i + 3] if not t.is_space), None)
    conf = ctx.config.get("critique", {})
    if nxt is not None and clause and any(t.lower_ in ("vous", "votre", "vos") for t in clause) \
            and not any(t.lower_ in ME or t.lower_ in MY for t in toks[: end]):
        laughed = nxt.text in set(conf.get("emoji_rire", [])) and any(t.lower_ == "ou" for t in clause) \
            and any(m.text.lower() not in ("vous", "votre", "vos")
                    for m in ctx.analysis.group_in_sentence("critique.cibles", ctx.analysis._sent_start(toks[0])))
        if nxt.text in set(conf.get("emoji_moqueur", [])) or laughed:
            return _Rhetorical(doc[clause[0].i : clause[-1].i + 1])
    low = [t.lower_ for t in clause]
    # (The tokenizer may keep « Est-il » whole.)
    glued = re.fullmatch(r"(\w+?)((?:-t)?-(?:il|elle|on|ce|ils|elles|vous))", low[0]) if low else None
    if glued:
        low[:1] = [glued.group(1), glued.group(2)]
    if len(low) < 4 or not low[1].startswith("-") or low[1] in ("-je", "-nous"):
        return None
    span = clause[0].doc[clause[0].i : clause[-1].i + 1]
    # « Est-ce ainsi que vous traitez… », « est-ce comme ça que vous… » : the recipient's way of doing.
    k = 3 if low[2] == "ainsi" else 4 if low[2:4] in (["comme", "ça"], ["comme", "cela"]) else 0
    # (« Est-ce ainsi que l'on traite les candidats chez vous ? » : « l'on » as well.)
    if k and (low[k : k + 2] in (["que", "vous"], ["qu'", "on"], ["qu’", "on"])
              or low[k : k + 3] in (["que", "l'", "on"], ["que", "l’", "on"])):
        return _Rhetorical(span)
    # « Est-il vraiment si compliqué d'envoyer un courriel… ? », « Est-il raisonnable d'exiger des soignants… ? »
    if not any(w in ME or w in MY for w in low) and _doubted_ease_or_merit(clause, low, ctx):
        return _Rhetorical(span)
    if low[2] not in words:
        return None
    # « Fallait-il vraiment me faire passer trois entretiens pour en arriver là ? » : doubting, in the past, what was
    # done — no practical question, whatever the writer's words in it.
    # (Done to the writer, « me »: not « Fallait-il vraiment remplir le formulaire avant ? », the writer's own doubt.)
    past = (clause[0].morph.get("Tense") in (["Imp"], ["Past"]) and clause[0].pos_ in ("VERB", "AUX")) \
        or (glued and low[0].endswith(("ait", "aient")) and not low[0].endswith(("rait", "raient")))
    if past and any(w in ("me", "m'", "m’") for w in low):
        return _Rhetorical(span)
    if any(w in ME or w in MY for w in low):
        return None
    # (« Est-il vraiment nécessaire de passer par un questionnaire de 120 questions pour un poste de deux mois ? » :
    # what the recipient does to candidates, named by a target of their side.)
    # (Only a step counted, « 120 questions », « trois entretiens », whose need is doubted: not « Est-il vraiment
    # possible de décaler l'entretien ? », a request, nor « … nécessaire d'apporter une copie du contrat ? ».)
    inside = range(clause[0].i, clause[-1].i + 1)
    counted = any(t.like_num and t.lower_ not in ("un", "une") for t in clause) and low[3] in set(ctx.config.get("critique", {}).get("question_besoin", []))
    if any(w in ("vous", "votre", "vos") for w in low) or any(t.lemma_ == "candidat" for t in clause) \
            or (counted and any(t.span.root.i in inside for t in targets)):
        return _Rhetorical(span)
    # « faut-il vraiment cinq rendez-vous pour recruter quelqu'un… ? » : so many steps doubted for what the recipient
    # does (mots.yaml critique.actes_du_recruteur) — not « faut-il vraiment deux copies pour m'inscrire ? ».
    acts = ctx.analysis.lexicon.words["critique.actes_du_recruteur"]
    # (The steps counted are what « falloir » asks for — its object —, not « prévenir 48 heures à l'avance ».)
    if clause[0].lemma_ == "falloir" and any(o.dep_ == "obj" and any(n.dep_ == "nummod" and n.like_num and n.lower_ not in ("un", "une")
                                                                    for n in o.children) for o in clause[0].children) \
            and any(t.dep_ == "advcl" and t.lemma_ in acts and any(c.dep_ == "mark" and c.lower_ == "pour" for c in t.children)
                    for t in clause):
        return _Rhetorical(span)
    return None


def _doubted_ease_or_merit(clause, low: list[str], ctx: Context) -> bool:
    """« Est-il (vraiment) si compliqué de + infinitive ? » (reglages critique.question_difficulte after a degree
    word) or « Est-il raisonnable de + an act of the recruiter's ? » (question_besoin, mots.yaml
    critique.actes_du_recruteur): `low` is the question's words, the verb and its glued subject first."""
    if low[0] not in ("est", "était", "serait", "c'est") or low[1] not in ("-il", "-ce"):
        return False
    conf = ctx.config.get("critique", {})
    k = 3 if low[2] in set(conf.get("question_rhetorique", [])) else 2
    acts = ctx.analysis.lexicon.words["critique.actes_du_recruteur"]
    degree = low[k] in ("si", "aussi", "tellement", "trop") and len(low) > k + 3 \
        and low[k + 1] in set(conf.get("question_difficulte", [])) and low[k + 2] in ("de", "d'", "d’")
    merit = len(low) > k + 2 and low[k] in set(conf.get("question_besoin", [])) and low[k + 1] in ("de", "d'", "d’")
    if not (degree or merit):
        return False
    verb = clause[min(len(clause) - 1, (k + 3 if degree else k + 2) - (len(low) - len(clause)))]
    return "Inf" in verb.morph.get("VerbForm") and (degree or verb.lemma_ in acts)


class _MatchMark(SpanMark):
    """A mark made of a lexicon match's span, kept apart from the match by its kind (isinstance)."""

    def __init__(self, m: Match) -> None:
        super().__init__(m.span)


class _Others(_MatchMark):
    """Praise of what another employer did (a comparison left implicit)."""


def _done_by_another(tok: Token) -> bool:
    """Is the subject of the word's verb « un autre X », « d'autres X » (another employer, another recruiter)?"""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    # « d'autres établissements auprès desquels j'ai postulé prennent le temps… » : the parser may hang the
    # subject on the relative clause's verb, the one above a verb that has no subject of its own.
    def other(n: Token) -> bool:
        return any(k.dep_ == "amod" and k.lower_ in ("autre", "autres") for k in n.children)

    node = verb
    for _ in range(3):
        if any(c.dep_.startswith("nsubj") and other(c) for c in node.children):
            return True
        if node.pos_ == "NOUN":  # up to the antecedent of the relative clause: « d'autres cabinets auprès desquels… »
            return other(node)
        if node.dep_ not in ("xcomp", "ccomp", "acl:relcl") or any(c.dep_.startswith("nsubj") and c.lower_ not in ME
                                                                 for c in node.children if node is verb):
            return False
        node = node.head
    return False


def _other_set_apart(toks: list[Token]):
    """« une autre offre, dans un camping qui, lui, loge ses saisonniers », « un autre réseau, lui, m'a répondu en
    quarante-huit heures » : another employer named, then set apart by « , lui, » — what it does, the recipient
    does not. (« Mon compagnon, lui, m'encourage » names no other employer.) « Chez Meunier ils me prennent à
    1 950 net, et leur laboratoire, au moins, est aux normes » : « leur » names the other employer too."""
    # « car mon conjoint, lui, vient d'être muté », « mes parents … leur maison, elle, … » : the writer's own people.
    if any(u.lower_ in MY for u in toks):
        return None
    for j in range(1, len(toks) - 2):
        # « leur laboratoire, au moins, » : the other employer's own noun, set apart.
        apart = [u.lower_ for u in toks[j + 1 : j + 4]]
        end = j + 3 if apart == ["au", "moins", ","] else j + 2 if apart[:1] in (["lui"], ["elle"], ["eux"], ["elles"]) \
            and apart[1:2] == [","] else None
        if toks[j].text == "," and end is not None \
                and any(c.dep_ == "det" and c.lower_ in ("leur", "leurs") for c in toks[j - 1].children):
            return _Compared(toks[j].doc[toks[j - 1].i : toks[end].i + 1])
    for k, t in enumerate(toks):
        if t.lower_ not in ("autre", "autres") or t.dep_ != "amod":
            continue
        for j in range(k + 1, min(len(toks) - 2, k + 16)):
            if toks[j].text in ".;:!?":
                break
            if toks[j].text == "," and toks[j + 1].lower_ in ("lui", "elle", "eux", "elles") and toks[j + 2].text == ",":
                return _Compared(t.doc[t.i : toks[j + 2].i + 1])
    return None


# (Not « alors que chez vous chaque étape a été expliquée », which praises.)
_CONTRASTS = (("là", "où"), ("contre",))


def _set_against_recipient(toks: list[Token]):
    """« 12 résidents par soignante, contre 18 chez vous », « un recrutement bouclé en dix jours là où le vôtre en est
    à sa septième semaine » : the recipient's side set against another's. Only « chez vous » or « le vôtre »
    (« là où votre offre me plaisait » compares nothing)."""
    low = [t.lower_ for t in toks]
    for k in range(len(toks)):
        for c in _CONTRASTS:
            if tuple(low[k : k + len(c)]) != c:
                continue
            rest = toks[k + len(c) : k + len(c) + 5]
            # (« contre » of a figure: « 12 … contre 18 chez vous » ; not « rien contre vous ».)
            if c == ("contre",) and not (rest and rest[0].like_num):
                continue
            for j, u in enumerate(rest):
                if u.is_punct:
                    break
                if u.lower_ in ("vôtre", "vôtres") or (
                        u.lower_ == "chez" and j + 1 < len(rest) and rest[j + 1].lower_ == "vous"):
                    return _Compared(u.doc[toks[k].i : u.i + (2 if u.lower_ == "chez" else 1)])
            # « Là où il vous a fallu trois semaines pour me répondre, eux ont su se décider vite » : what the
            # recipient did, set against what others named right after the comma did (not what they failed to do:
            # « là où vous avez pris le temps de me répondre, eux ne l'ont jamais fait » praises the recipient).
            if c == ("là", "où") and any(u.lower_ == "vous" for u in rest):
                comma = next((m for m in range(k + 2, len(toks)) if toks[m].text in (",", ";", ":", ".", "!", "?")), None)
                after = toks[comma + 1 :] if comma is not None else []
                if comma is not None and toks[comma].text == "," \
                        and any(u.lower_ in ("eux", "elles", "ils", "autre", "autres") for u in after[:3]) \
                        and not any(u.lower_ in ("ne", "n'", "n’", "pas", "jamais", "rien", "aucun", "aucune") for u in after):
                    return _Compared(toks[k].doc[toks[k].i : toks[comma].i])
    return None


def _corrected_belief(toks: list[Token], second: set[str]) -> bool:
    """« Contrairement à ce que vous pourriez penser », « à ce que je redoutais », « à ce que je vous avais indiqué » :
    an expectation (anyone's) or what the writer said, corrected — not the recipient's side as a standard (« à ce que
    votre annonce indiquait » is)."""
    for k, t in enumerate(toks):
        if t.lower_ != "contrairement":
            continue
        for u in toks[k + 1 : k + 9]:
            if u.is_punct:
                break
            if u.pos_ not in ("VERB", "AUX"):
                continue
            if u.lemma_ in _THINKING or any(c.dep_ == "xcomp" and c.lemma_ in _THINKING for c in u.children):
                return True
            if u.lemma_ in _SAYING and any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in u.children):
                return True
    return False


def _recipient_words(ctx: Context) -> set[str]:
    """The words of the recipient (reglages critique.destinataire), « le vôtre » included."""
    return set(ctx.config.get("critique", {}).get("destinataire", [])) | {"vôtre", "vôtres"}


def _recipient_as_standard(toks: list[Token], ctx: Context, strict: bool = False):
    """A comparative (« plus », « mieux », « meilleur ») whose « que » names the recipient's side: someone
    else does better than the recipient. « plus compliqué que chez vous » (a negative adjective) is no
    reproach; neither is a comparison the recipient wins (« moins », « pire »)."""
    second = _recipient_words(ctx)
    contrary = _contrary_to_recipient(toks, second)
    if contrary is not None:
        return contrary
    pols = None
    for i, que in enumerate(toks):
        if que.lower_ not in ("que", "qu'", "qu’"):
            continue
        better = next((t for t in reversed(toks[max(0, i - 6):i]) if t.lower_ in _BETTER), None)
        # « plus raisonnable d'annuler plutôt que de vous faire attendre » : « plutôt que » sets aside an option.
        if better is None or (i and toks[i - 1].lower_ == "plutôt" and i + 1 < len(toks)
                              and toks[i + 1].lower_ in ("de", "d'", "d’")):
            continue
        # « d'autant plus touchée que votre projet… » : a cause, not a comparison.
        if better.i and better.nbor(-1).lower_ == "autant":
            continue
        # « il vaut mieux attendre que vous reveniez vers moi » : advice (« valoir mieux »), not a comparison.
        if better.i and better.nbor(-1).lemma_ == "valoir":
            continue
        # « c'est pour un entrepôt plus automatisé que j'avais postulé chez vous »: a cleft, not a comparison.
        if i + 1 < len(toks) and toks[i + 1].lower_ in _SUBJECT_CLITICS:
            continue
        # « quelqu'un qui correspondra mieux que moi à vos attentes » : the writer is the standard, not the recipient.
        if i + 1 < len(toks) and toks[i + 1].lower_ in ("moi", "moi-même"):
            continue
        compared = toks[better.i - toks[0].i + 1:i]
        if any(t.is_punct or t.lower_ in ("que", "qu'", "qu’") for t in compared):
            continue
        # « en savoir plus sur le travail que votre équipe réalise » : a relative clause, not a standard.
        if strict and (que.pos_ == "PRON" or que.head.dep_ == "acl:relcl" or any(t.pos_ == "DET" for t in compared)):
            continue
        if pols is None:
            pols = polarities() or {}
        if any(pols.get(t.lower_, 0.0) <= -0.3 for t in compared if t.pos_ == "ADJ"):
            continue
        for t in toks[i + 1:i + 10]:
            if t.is_punct and t.text in ".;:!?":
                break
            if t.lower_ in second:
                # `strict` (a remark on its own): the recipient is the standard itself (« mieux que chez
                # vous », « plus récent que le vôtre »), not the subject of a clause (« l'offre que vous
                # m'avez faite », « mieux que vous donnez le créneau à un autre »).
                if strict and (any(u.lower_ not in _BEFORE_STANDARD for u in toks[i + 1:t.i - toks[0].i])
                               or (t.i + 1 < len(t.doc) and (t.nbor(1).pos_ in ("VERB", "AUX", "PRON")))):
                    break
                return _Compared(t.doc[better.i:t.i + 1])
            if strict and t.lower_ not in _BEFORE_STANDARD:
                break
    return None


def _announced_remark(a, starts: set[int], targets_in: dict, ctx: Context):
    """The marker of critique.marques or critique.comparaisons in the sentence (the layer's unit may join
    several parsed sentences cut at « : » or « ; »), when a recipient-side target stands outside it (« je
    vous avoue » names the recipient only as the one told)."""
    targets = [t for st in starts for t in targets_in.get(st, ())]
    # « P.S. : » alone before the sentence (a heading ending with a colon, parsed apart) announces it.
    first = min(starts)
    heading = a.doc[first - 1].sent if first > 0 else None
    # (« P.S. » alone, without a colon, too: a sentence that is nothing but a marker of critique.marques.)
    # (Not an emoji cut off as a sentence: it marks the sentence before it, below.)
    alone = heading is not None and any(m.start <= heading.start_char and heading.text.rstrip() == m.text.rstrip()
                                        and any(ch.isalpha() for ch in m.text)
                                        for m in a.group_in_sentence("critique.marques", heading.start))
    marked = [*starts, heading.start] if heading is not None and (heading.text.rstrip().endswith(":") or alone) else [*starts]
    # « vous cherchez un employé ou un bénévole ? 😂 » : an emoji the parser cut off as a sentence of its own
    # marks the sentence before it.
    last = a.doc[max(starts)].sent
    if last.end < len(a.doc):
        after = a.doc[last.end].sent
        if not any(ch.isalpha() for ch in after.text):
            marked.append(after.start)
    accepting = a.lexicon.words["critique.acceptation"]
    for mark in (m for st in marked for g in ("critique.marques", "critique.etalon", "critique.comparaisons")
                 for m in a.group_in_sentence(g, st)):
        if _thanks_despite_own_refusal(a, mark) or _practical_question(mark, ctx) or _discloses_own(mark, ctx) \
                or _confessed_outcome(a, mark, ctx) \
                or _explains_question(a, list(mark.span), ctx):
            continue
        # « Si t'as un poste pour la saison d'été, pense à moi 😉 » : a wink on a point of the checklist (a door left
        # open, thanks, a date asked for) is friendliness, not irony.
        # (The point in the wink's own clause: « Merci pour l'offre 🙏 mais je vais dire non : 5 semaines sans
        # nouvelles… 😅 » winks at the remark.)
        if not any(ch.isalpha() for ch in mark.text) and any(
                p.end <= mark.start and not any(u.text in (":", ";") or u.lower_ == "mais"
                                                for u in a.doc[p.span.end : mark.span.start])
                for g in _FRIENDLY for p in a.group_in_sentence(g, a._sent_start(mark.span))):
            continue
        # « un autre centre, qui offre un fixe nettement plus cohérent » : the other employer does better, with no
        # standard said — the recipient is the one implied.
        if mark.expr.group == "critique.comparaisons" and _implied_standard(mark):
            return mark
        inside = {tok.i for tok in mark.span}
        # (« Pour être honnête avec vous » : whom the writer is frank with belongs to the marker, however parsed.)
        doc = mark.span.doc
        if mark.span.end + 1 < len(doc) and doc[mark.span.end].lower_ in ("avec", "envers"):
            inside.add(mark.span.end + 1)
        # (« Pour être transparente, … je vais sans doute me retirer de votre processus » : what the writer's decision
        # bears on is decided about, not judged.)
        deciding = {m.span.root.i for m in a.group_in_sentence("decision.expressions", a._sent_start(mark.span))}
        # (« j'avoue que je n'imaginais pas devoir vous écrire ce message » : « vous », told, is no target.)
        addressing = set(ctx.config.get("critique", {}).get("adresse_au_destinataire", []))
        def counts(t) -> bool:
            return not (t.span.root.pos_ == "PRON" and not t.span.root.dep_.startswith("nsubj")
                        and t.span.root.head.lemma_ in addressing) \
                and not (t.span.root.head.i in inside and not t.span.root.dep_.startswith("nsubj")) \
                and not _writers_object(t.span.root) and not _valued_by_writer(t.span.root) \
                and not _decided_on(t.span.root, deciding) and not _accepted_by_writer(t.span.root, accepting)
        if any(not (mark.start <= t.start < mark.end) and t.span.root.i not in inside and counts(t) for t in targets):
            return mark
        # « l'annonce ne mentionnait aucune fourchette » : a target that is the subject inside the marker is what it
        # speaks of — weaker evidence, which the second opinion may still doubt (_Inner).
        if any(mark.start <= t.start < mark.end and t.span.root.dep_.startswith("nsubj") and counts(t) for t in targets):
            return _Inner(mark)
    return None


def _decided_on(target: Token, deciding: set[int]) -> bool:
    """The target (or the noun its « votre » determines) completes the verb of one of the writer's decisions."""
    noun = target.head if target.dep_ == "det" else target
    return noun.head.i in deciding and not noun.dep_.startswith("nsubj") and noun.head.i != noun.i


def _discloses_own(mark: Match, ctx: Context) -> bool:
    """« Je ne vous cache pas ma déception », « j'avoue mon impatience » : what the marker discloses is the writer's own
    feeling (its object under « mon, ma, mes »), not a remark about the recipient's side. So is a clause of its that
    says how the writer is (« j'avoue que je suis un peu dégoûtée ») or what affects him, of no recipient's thing
    (« je ne vous cacherai pas que cette nouvelle m'attriste »)."""
    root = mark.span.root
    if any(c.dep_ == "obj" and any(d.dep_ == "det" and d.lower_ in MY for d in c.children) for c in root.children):
        return True
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    # (The parser may hang « que je suis… » elsewhere: the clause its « que », right after the marker, opens.)
    doc = root.doc
    if root.i + 1 < len(doc) and doc[root.i + 1].lower_ in ("que", "qu'", "qu’") and doc[root.i + 1].head.i != root.i:
        clauses.append(doc[root.i + 1].head)
    for clause in clauses:
        subjects = [k for k in clause.children if k.dep_.startswith("nsubj")]
        if any(k.lower_ in ME for k in subjects) and any(k.dep_ == "cop" for k in clause.children):
            return True
        # (Only the answer itself, critique.issue — not « le processus m'a épuisée », « l'accueil m'a déplu ».)
        outcome = set(ctx.config.get("critique", {}).get("issue", {}).get("noms", []))
        # (Read on the words before the verb: the parser may take « m' » for the subject, « nouvelle » for an adjective.)
        before = [t for t in doc[clause.left_edge.i : clause.i] if t.lower_ not in ("que", "qu'", "qu’")]
        if me_before(clause) and any(t.lemma_ in outcome or t.lower_ in outcome for t in before) \
                and not any(t.lower_ in THEIRS or t.lower_ in ("vous", "tu") for t in before):
            return True
    return False


def _confessed_outcome(a, mark: Match, ctx: Context) -> bool:
    """« Merci pour votre réponse, même si elle me déçoit un peu, je l'avoue » : « le » of the marker takes up the
    writer's feeling about the answer (_outcome), not a remark about the recipient's side."""
    if not any(c.dep_ == "obj" and c.lower_ in ("le", "l'", "l’") for c in mark.span.root.children):
        return False
    return any(_outcome(j, ctx) for j in a.group_in_sentence("critique.jugements", a._sent_start(mark.span)))


class _Inner(_MatchMark):
    """A marker whose only recipient-side target is its own subject (« l'annonce ne mentionnait… »)."""


# Points a wink may soften (not thanks: « merci pour votre réponse ultra rapide 😉 » is the sarcasm).
_FRIENDLY = ("porte_ouverte.expressions", "interet.expressions", "report.expressions", "report.demandes")


def _accepted_by_writer(tok, accepting) -> bool:
    """« Je comprends votre choix, même si j'avoue être déçue » : the recipient's own (« votre ») that the writer, the
    subject, accepts (mots.yaml critique.acceptation, not denied) is no target of the remark a marker announces —
    not « j'ai accepté un poste dans une autre société »."""
    if tok.dep_ == "det":  # the target may be « votre » itself
        tok = tok.head
    verb = tok.head
    return tok.dep_ == "obj" and verb.lemma_ in accepting and any(d.dep_ == "det" and d.lower_ in THEIRS for d in tok.children) \
        and any(c.dep_ == "nsubj" and c.lower_ in ME for c in verb.children) \
        and not any(c.lower_ in ("pas", "plus", "jamais", "mal") or c.morph.get("Polarity") == ["Neg"] for c in verb.children)


def _valued_by_writer(tok) -> bool:
    """« ce poste représentait beaucoup pour moi », « ce poste me tenait à cœur » : what the recipient's side meant
    to the writer, said to tell the disappointment — no remark on it."""
    if not tok.dep_.startswith("nsubj"):
        return False
    verb = tok.head
    for c in verb.children:
        if c.lower_ == "moi" and verb.lemma_ in ("représenter", "compter", "signifier", "valoir") \
                and any(k.dep_ == "case" and k.lower_ == "pour" for k in c.children):
            return True
        if c.lower_ in ("cœur", "coeur") and any(k.lower_ in ("me", "m'", "m’") for k in verb.children):
            return True
    return False


def _pointed_thanks(a, starts: set[int], scored, ctx: Context):
    """« Merci pour ce refus en deux lignes, après trois entretiens… » : thanks for a thing pointed at with a
    demonstrative, in a sentence the layer leans towards reading as a reproach and not as thanks
    (reglages remerciement.ironie_critique) — sarcasm, a remark on the recipient."""
    conf = ctx.config.get("remerciement", {})
    if scored["critique"] < float(conf.get("ironie_critique", 1.1)) or scored["remerciement"] >= 0.5:
        return None
    demonstratives = set(conf.get("demonstratifs", []))
    return next((m for st in starts for m in a.group_in_sentence("remerciement.expressions", st)
                 if thanks_pointed_at(m, demonstratives)), None)


class _Quoted(SpanMark):
    """Words of the recipient's put between quotation marks."""


def _scare_quoted(toks: list[Token], targets) -> _Quoted | None:
    """« le salaire « aligné sur la passion du métier » », « des horaires « souples » » : a thing of the
    recipient's followed by words in quotation marks, in lower case — the writer's distance from the
    recipient's own wording, the mark of irony. Not a job title (« poste de « Chargé de… » », capitalised)."""
    heads = {t.span.root.i for t in targets}
    for k, t in enumerate(toks):
        if t.text != "«" or k + 1 >= len(toks) or not toks[k + 1].text[:1].islower():
            continue
        before = [u for u in toks[max(0, k - 3) : k] if u.pos_ != "DET"]
        close = next((j for j in range(k + 1, min(len(toks), k + 15)) if toks[j].text == "»"), None)
        if close is not None and before and before[-1].i in heads and before[-1].lower_ not in ("poste", "intitulé", "objet", "mission"):
            return _Quoted(t.doc[t.i : toks[close].i + 1])
    return None


_TITLES = {"poste", "métier", "fonction", "intitulé", "titre", "statut", "profil", "rôle", "mission"}


def _quoted_word(toks: list[Token]):
    """A few words in quotation marks, in lower case (« confortable », « souple ») — someone's wording, not a
    quoted sentence nor a job title (« un poste de « manager » », « le poste d'« agent d'accueil » »)."""
    for k, t in enumerate(toks):
        if t.text != "«" or k + 1 >= len(toks) or not toks[k + 1].text[:1].islower():
            continue
        # (« d'« agent » » may be cut « d », « ' », « « ».)
        prev = [u for u in toks[max(0, k - 4) : k] if u.text not in ("'", "’")]
        if len(prev) >= 2 and prev[-1].lower_ in ("de", "d", "d'", "d’") and prev[-2].lemma_ in _TITLES:
            continue
        close = next((j for j in range(k + 1, min(len(toks), k + 6)) if toks[j].text == "»"), None)
        if close is not None:
            return t.doc[t.i : toks[close].i + 1]
    return None


def _practical_question(mark, ctx: Context) -> bool:
    """« Petite question pratique : … » (reglages critique.question_pratique) asks about logistics; so does « une
    petite question pratique au passage : … », the mark after the word."""
    words = set(ctx.config.get("critique", {}).get("question_pratique", []))
    doc, start, end = mark.span.doc, mark.span.start, mark.span.end
    return (end < len(doc) and doc[end].lower_ in words) \
        or (start >= 2 and doc[start - 1].lower_ in words and doc[start - 2].lemma_ == "question")


def _explains_question(a, toks: list[Token], ctx: Context) -> bool:
    """« Dois-je apporter mes chaussures de sécurité… ? Je demande parce qu'on m'a parlé de projections près des
    fours » : right after a question on what the writer is to do or bring (a first-person word in it), the writer
    says why they ask (reglages critique.question_expliquee, then a cause) — not after a question on the
    recipient's doings (« Avez-vous une idée du calendrier ? Je vous pose la question car… l'on m'a donné une
    réponse sous 48 heures »)."""
    verbs = set(ctx.config.get("critique", {}).get("question_expliquee", []))
    if not toks:
        return False
    sent = toks[0].sent
    asking = next((t for t in sent if t.lemma_ in verbs and any(
        c.dep_ == "nsubj" and c.lower_ in ME for c in t.children)), None)
    cause = next((t for t in sent if t.lower_ in ("parce", "car", "puisque") and t.i > asking.i), None) \
        if asking is not None else None
    # (Nor a cause that tells what went wrong: « Je demande parce que la dernière fois, rien n'était prêt ».)
    if cause is None or any(t.lower_ in _DENIERS or t.lower_ in ("ne", "n'", "n’") for t in sent[cause.i - sent.start:]):
        return False
    k = bisect_left(a.body_sentence_starts, sent.start_char) - 1
    if k < 0 or not a.body_sentences[k].text.rstrip().endswith("?"):
        return False
    return any(t.lower_.lstrip("-") in ME or t.lower_ in MY for t in a.body_sentences[k])


def _thanks_despite_own_refusal(a, mark) -> bool:
    """« j'ai signé ailleurs… Merci quand même pour le contact » : « quand même » concedes the writer's own
    refusal, announced before (a decision of the writer's), not a reproach (« tout était joué d'avance…
    merci quand même pour le café » answers the recipient's refusal: no decision of the writer's)."""
    if not any(t.lemma_ in ("merci", "remercier") for t in mark.span):
        return False
    return any(d.end <= mark.start and d.by_candidate and not d.negated for d in a.group("decision.expressions"))


def _model_findings(ctx: Context, lexicon_sentences: set[int], targets_in: dict, own_in: dict) -> list:
    """Sentences the sentence layer reads as a reproach, beyond those the lexicon explains: an `erreur`
    when it is sure, an `avertissement` when it is only likely (reglages.yaml gestes). Not reported: a
    neutral reason measured against the writer's own expectations (« le salaire ne correspond pas à mes
    attentes », the one the seeds advise), a charitable explanation, and a likely reading of a sentence
    about the candidate's own side only or praising the recipient (« peu de recruteurs prennent la peine… »). `targets_in`: the recipient-side targets, by sentence;
    `own_in`: the candidate's own (« mon employeur actuel »), by sentence."""
    conf = ctx.config.get("gestes", {})
    sure, likely = float(conf.get("critique_certaine", 1.1)), float(conf.get("critique_probable", 1.1))
    marked = float(conf.get("critique_marquee", 1.1))
    doubt = float(conf.get("second_avis_doute", 0.0))
    # Two readings that agree: a first reading a little below the likely one that the second opinion is
    # sure of counts as likely (gestes.critique_accord, gestes.second_avis_accord).
    agree_first, agree_second = float(conf.get("critique_accord", 1.1)), float(conf.get("second_avis_accord", 1.1))
    agree_mean = float(conf.get("accord_moyen", 1.1))
    reject = float(conf.get("second_avis_rejet", 0.0))
    reject_named = float(conf.get("second_avis_rejet_nomme", 0.0))
    practical = set(ctx.config.get("critique", {}).get("question_pratique", []))
    own_troubles = ctx.analysis.lexicon.words["critique.ennuis_du_candidat"]
    own_subjects = set(ctx.config.get("critique", {}).get("sujets_cote_candidat", []))
    recipient_words = set(ctx.config.get("critique", {}).get("destinataire", []))
    a = ctx.analysis
    out = []
    for s in a.scored("critique", min(likely, marked)):
        if s.start in lexicon_sentences:
            continue
        score = s["critique"]
        span = a.doc.char_span(s.start, s.end, alignment_mode="expand")
        toks = list(span) if span is not None else []
        first = a._sent_start(span) if toks else None
        starts = {a._sent_start(t) for t in toks}  # the parsed sentences of the layer's unit
        unit_targets = [t for st in starts for t in targets_in.get(st, ())]
        # Names something of the recipient's side (not even « un plateau sans lumière du jour »)?
        names = bool(toks) and _names_recipient(toks, unit_targets, ctx, specific=False)
        # The writer's own story: a unit naming nothing of the recipient's and turning nothing (« même si »).
        story = bool(toks) and not names and not _contrasted(toks, ctx)
        praise = [m for st in starts for m in a.group_in_sentence("critique.eloge", st)]
        # (A certain reading the second opinion does not confirm, below gestes.second_avis_rejet, may be praise,
        # too: « votre offre, que je n'ai pu trouver que généreuse ».)
        doubted = s.second_critique is not None and s.second_critique < reject
        if not praise and toks and (score < sure or doubted):
            praise = [p for p in (_degree_praise(toks, ctx, unit_targets) or _writers_litotes(toks, ctx),)
                      if p is not None]
        # Only where it decides something: a reading below the likely one, or praise to set aside.
        compared = _recipient_as_standard(toks, ctx) if toks and (score < likely or praise) else None
        mark = None
        # (Only about the recipient's side: the second opinion, too, reads family stories as grievances.)
        agreed = s.second_critique is not None and (
            (score >= agree_first and s.second_critique >= agree_second)
            or (score + s.second_critique) / 2 >= agree_mean) and names and not _writers_preference(toks, unit_targets)
        # « un autre fabricant avait pris la peine de m'appeler », « d'autres établissements prennent le temps de
        # motiver leurs refus » : what another employer did, praised, is what the recipient did not.
        by_another = [p for p in praise if isinstance(p, Match) and _done_by_another(p.span.root)]
        if by_another and len(by_another) == len(praise):
            praise = []
            story = False  # the other employer is set against the recipient: no story of the writer's
        if score < likely and not agreed:
            # Below the likely reading, a sentence counts only when the writer announces a remark or
            # irony (« j'avoue », « visiblement », « sans vouloir vous offenser ») about the recipient's side,
            # or praises what another employer did.
            mark = (_announced_remark(a, starts, targets_in, ctx) or compared or _pointed_thanks(a, starts, s, ctx)
                    or _scare_quoted(toks, unit_targets) or (_Others(by_another[0]) if by_another and not praise
                                                             else None)) if toks else None
            if mark is None:
                continue
        # (A neutral reason or an excuse with a word in quotation marks is neither: « ne correspondent pas à l'idée
        # que je me faisais d'un poste « confortable », comme c'était écrit dans l'annonce », « ce n'est pas grave,
        # j'ai l'habitude des entreprises « réactives » » quote the recipient, ironically.)
        # (Not the excuse's own words: « ce genre de « petit imprévu » arrive à tout le monde ».)
        quoted = _quoted_word(toks) if toks else None
        if toks and (quoted is None or any(quoted.start <= m.span.start < quoted.end
                                           for m in a.group_in_sentence("critique.indulgence", first))) \
                and ((quoted is None and a.group_in_sentence("critique.neutre", first)) or _indulgent(a, first, toks, ctx)):
            continue
        # Praise of another employer set against the recipient (« le centre de santé, lui, a pris la
        # peine… ») is no praise of the recipient.
        if praise and (compared or any(a.group_in_sentence("critique.comparaisons", st) for st in starts)):
            praise = []
        # « Je garde un bon souvenir de l'échange, même si, chez mon ancien employeur, on faisait visiter… » :
        # praise turned by a contrast after it (reglages critique.contraste) is no praise.
        # (Not a concession about the writer himself: « j'avais adoré le test, même si j'ai pleuré après le piment ».)
        if praise and _contrasted(_without_writers_concessions([t for t in toks if t.idx >= min(p.end for p in praise)]), ctx):
            praise = []
        # « J'ai beaucoup apprécié votre présentation : elle m'a permis de comprendre ce que l'annonce avait su garder
        # secret » : past a colon, a thing of the recipient's that is the subject of its own clause is another topic,
        # which the praise does not cover.
        if praise and _new_topic_after_colon(toks, min(p.end for p in praise), unit_targets):
            praise = []
        if mark is None and toks and (_writers_conduct(toks, ctx) or _surprised_praise(toks) or _writers_scruple(toks, unit_targets, ctx)
                                   or _own_performance(toks, a.lexicon.words["critique.qualites_du_candidat"])):
            continue
        if score >= sure and doubted and praise and mark is None:
            continue
        if score < sure and toks and (_own_side_only(toks, targets_in.get(first, ()), ctx,
                                                     any(not _when(t.span.root, ctx) for st in starts for t in own_in.get(st, ()))) or praise
                                      or _own_regret(toks) or in_writers_paragraph(a, toks, own_subjects, recipient_words)
                                      or (story and _writers_group_account(toks))
                                      or _explains_question(a, toks, ctx)):
            continue
        # A likely reading the second opinion doubts (below gestes.second_avis_doute): not a remark, whether the
        # writer's own story (« depuis trois semaines j'ai une tendinite… ») or a neutral account naming the
        # recipient's side (« J'ai cru comprendre qu'un second entretien était prévu avec votre associée »).
        # (Unless the writer announces it: « Pour être tout à fait honnête, la rémunération de votre annonce
        # progressait à la vitesse de vos pensionnaires » — irony the second opinion does not read.)
        if (mark is None or isinstance(mark, _Inner)) and score < sure and s.second_critique is not None \
                and s.second_critique < doubt:
            announced = _announced_remark(a, starts, targets_in, ctx) if mark is None and names else None
            if announced is None or isinstance(announced, _Inner):
                continue
            mark = announced
        # « une chute ce week-end m'a valu une entorse », « le médecin m'a interdit le port de charges » : the
        # writer's own trouble (critique.ennuis_du_candidat), told without a word of the recipient's side and
        # turning nothing, is a story, however grim the layer finds it.
        # (A contrast there turns the story, not on the recipient: « plâtre pour trois semaines, mais il va bien ».)
        # (« l'équipe de l'hôpital m'a prévenue » : a target completed by a place of the trouble is that place's.)
        if mark is None and toks and any(t.lemma_ in own_troubles for t in toks) and (
                not names or (unit_targets and all(_completed_by_trouble(t, own_troubles) for t in unit_targets)
                              and not _names_recipient(toks, [], ctx))):
            continue
        # « …mon médecin m'a mis en garde contre un retour trop rapide. Les premières semaines de reprise ont été
        # très difficiles » : the next sentence of the paragraph, naming nothing of the recipient's and turning
        # nothing, goes on with that story.
        if mark is None and story and _after_own_trouble(a, toks[0], own_troubles):
            continue
        # « Mon compagnon attend une réponse à sa demande de mutation. Nous pensions l'avoir en octobre, puis en
        # novembre… » : however sure the layer, a sentence naming nothing of the recipient's and turning nothing, in a
        # paragraph the writer opened on his own side, goes on with his story.
        # (« J'étais connecté à 14 h comme convenu. J'imagine que, pour une ONG qui fait de la rapidité sa marque de
        # fabrique, il s'agit d'un simple contretemps » : a mark of a remark, critique.marques or etalon, ends the story.)
        if mark is None and story and (in_writers_paragraph(a, toks, own_subjects, recipient_words)
                                       or (in_writers_story(a, toks, recipient_words)
                                           and not any(a.group_in_sentence(g, st) for st in starts
                                                       for g in ("critique.marques", "critique.etalon", "critique.comparaisons")))):
            continue
        # A certain reading the second opinion rejects outright, of a sentence naming nothing of the
        # recipient's side and turning nothing: the writer's own story (« nous avons perdu presque tout le
        # terrain gagné »), read as a grievance by the first model alone (gestes.second_avis_rejet).
        if mark is None and score >= sure and s.second_critique is not None and s.second_critique < reject and story:
            continue
        # … and, even naming the recipient's side, one it reads as no reproach at all (gestes.second_avis_rejet_nomme):
        # two readers that disagree that much make no certain remark (« Vous avez été d'une grande humanité… »).
        if mark is None and score >= sure and s.second_critique is not None and s.second_critique < reject_named:
            continue
        # « Une question pratique : l'annonce mentionne une habilitation… » : a likely reading of a sentence
        # the writer opens as a practical question (reglages critique.question_pratique) asks, it does not blame.
        if mark is None and score < sure and any(t.lemma_ == "question" and t.i + 1 < len(t.doc)
                                                 and t.nbor(1).lower_ in practical for t in toks):
            continue
        # « ah mince », « bien compris. » : too few words for the layer to read a reproach in them.
        if sum(t.is_alpha for t in toks) < int(conf.get("mots_min", 0)):
            continue
        if mark is not None and isinstance(mark, Match) and mark.expr.group == "remerciement.expressions":
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Cette phrase peut être lue comme un reproche : {quote(mark)}, pour ce que vous montrez "
                               f"du doigt (« ce… »), se lit comme un remerciement ironique (couche statistique : "
                               f"{score:.2f}). Relisez-la ; une raison factuelle suffit.", s.start, s.end))
        elif isinstance(mark, _Others):
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Cette phrase peut être lue comme un reproche : {quote(mark)}, dit d'un autre employeur, "
                               f"souligne ce que le destinataire n'a pas fait (couche statistique : {score:.2f}). "
                               "Relisez-la ; une raison factuelle suffit.", s.start, s.end))
        elif isinstance(mark, _Quoted):
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Cette phrase peut être lue comme un reproche : les guillemets de {mark.text} mettent à "
                               f"distance les mots du destinataire, une ironie (couche statistique : {score:.2f}). "
                               "Relisez-la ; une raison factuelle suffit.", s.start, s.end))
        elif mark is not None:
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Cette phrase peut être lue comme un reproche : {quote(mark)} annonce une remarque "
                               f"sur le destinataire (couche statistique : {score:.2f}). Relisez-la ; une raison "
                               "factuelle suffit.", s.start, s.end))
        elif score >= sure:
            out.append(finding(ID, Severity.ERREUR,
                               f"Cette phrase se lit comme un reproche (couche statistique : {score:.2f}), "
                               "même sans mot négatif. Restez neutre : une raison factuelle suffit.", s.start, s.end))
        else:
            second = f" ; second avis : {s.second_critique:.2f}" if score < likely and s.second_critique is not None else ""
            out.append(finding(ID, Severity.AVERTISSEMENT,
                               f"Cette phrase peut être lue comme un reproche (couche statistique : {score:.2f}{second}). "
                               "Relisez-la : ironie, comparaison ou remarque sur l'entreprise ?", s.start, s.end))
    return out


# What an act of the recipient's put first as a topic stands for (« prévenir la veille à 22 h, c'est… »).
_ACT_TOPIC = Expression(key="critique.acte_en_sujet", group="critique.cibles", motif="", tokens=())
_RESUMING = {"c'", "c’", "c", "ce", "ça", "cela"}
_GOVERNING = {"de", "d'", "d’", "à", "pour", "sans", "afin", "avant", "après", "en"}


# The writer, or the one the story is about (« mon père… Il est resté des heures au sol »).
_TELLING = {"il", "elle", "ils", "elles", "nous", "on"}


def _after_own_trouble(a, tok: Token, troubles) -> bool:
    """The body sentence just before `tok`'s, in the same paragraph, tells a trouble of the writer's."""
    k = bisect_left(a.body_sentence_starts, tok.sent.start_char) - 1
    if k < 0:
        return False
    prev = a.body_sentences[k]
    if "\n\n" in doc_text(a.doc)[prev.end_char : tok.idx]:
        return False
    # The writer still telling (« je commence à peine à… »), not an implied reproach in the conditional
    # (« un simple message aurait été apprécié »).
    sent = tok.sent
    if not any((t.lower_ in ME or t.lower_ in _TELLING) and t.dep_.startswith("nsubj") for t in sent) \
            or any("Cnd" in t.morph.get("Mood") for t in sent):
        return False
    return any(t.lemma_ in troubles for t in prev)


def _completed_by_trouble(target: Match, troubles) -> bool:
    """« l'équipe de l'hôpital », « le personnel de la clinique du docteur » : the target belongs to a place of the
    writer's trouble (critique.ennuis_du_candidat), named in its complement."""
    return any(c.dep_ == "nmod" and c.lemma_.lower() in troubles for c in target.span.root.children)


def _acts_as_topics(a) -> list[Match]:
    """« Franchement, prévenir la veille à 22 h, c'est un peu limite », « Par contre convoquer un cuistot à 11 h 30,
    faut avouer que c pas très pensé » : a bare infinitive of the recipient's process (mots.yaml
    critique.actes_du_recruteur) opening the sentence, taken up by « c'est / ça », is what is judged — the
    recipient's doing, though no one of theirs is named."""
    acts = a.lexicon.words["critique.actes_du_recruteur"]
    out = []
    for sent in a.body_sentences:
        for t in sent[:6]:
            if t.lemma_ not in acts or "Inf" not in t.morph.get("VerbForm") \
                    or any(c.dep_ in ("aux", "aux:tense", "nsubj") or (c.dep_ == "mark" and c.lower_ in _GOVERNING)
                           for c in t.children):
                continue
            if t.i > sent.start and t.nbor(-1).lower_ in ("de", "d'", "d’", "à", "pour", "sans", "me", "m'", "m’", "vous", "se", "s'"):
                continue
            # (Not the complement of a verb before it: « Ensuite il a fallu appeler l'assurance, ce qui… ».)
            if t.dep_ in ("xcomp", "ccomp", "obj") and t.head.i < t.i and t.head.pos_ in ("VERB", "AUX"):
                continue
            if any(u.lower_ in _RESUMING for u in a.doc[t.i + 1 : sent.end]):
                out.append(Match(_ACT_TOPIC, a.doc[t.i : t.i + 1], frozenset(), False, True, False))
            break
        # « c pas très correct de laisser les gens sans nouvelles », « il est un peu léger de convoquer la veille » :
        # the act put after the judgment (« c'est / il est » + adjective + « de »), not the writer's (« de ma part »).
        opening = [u for u in sent[:3] if u.lower_ in _RESUMING or u.lower_ == "il"]
        if not opening or any(u.lower_ == "part" for u in sent):
            continue
        for t in sent[opening[0].i - sent.start + 1 : opening[0].i - sent.start + 8]:
            # (Done to people or to the writer — « laisser les gens », « me convoquer » —: not « c'est désagréable
            # d'annuler si tard », the writer's own act.)
            done_to = any(c.dep_ == "obj" and c.lemma_ in ("gens", "candidat", "personne", "monde") for c in t.children) \
                or t.nbor(-1).lower_ in ("me", "m'", "m’")
            if t.lemma_ in acts and "Inf" in t.morph.get("VerbForm") and done_to \
                    and any(u.lower_ in ("de", "d'", "d’") for u in a.doc[t.i - 2 : t.i]) \
                    and any(u.pos_ == "ADJ" for u in a.doc[opening[0].i + 1 : t.i - 1]):
                out.append(Match(_ACT_TOPIC, a.doc[t.i : t.i + 1], frozenset(), False, True, False))
                break
    return out


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    own, targets = [], []
    for t in a.group("critique.cibles", valid=False):
        if _own_side(t, ctx, ours=False):
            own.append(t)
        elif not _judge_not_judged(t, ctx) and not _others(t, ctx) and not _idiom(t, ctx) \
                and not _predicate_adjective(t.span.root):
            targets.append(t)
    targets += _acts_as_topics(a)
    targets, writers_places = _split_writers_places(a, own, targets, ctx)
    targets_in = index_by_sentence(a, targets)  # each judgment meets only the targets of its sentence
    # Irony ("merci pour rien", "merci du peu") is a reproach too.
    deny, troubles = a.lexicon.words["critique.deni"], a.lexicon.words["critique.maux"]
    accepting = a.lexicon.words["critique.acceptation"]
    # Sentences whose negative words are denied (« sans la moindre lourdeur », « aucune attente
    # interminable »): praise, which the sentence layer, reading the words, takes for a reproach.
    praised: set[int] = set()
    remarks = []
    speech = frozenset(ctx.config.get("critique", {}).get("interlocuteur", []))
    for m in a.group("critique.directes"):
        # « mon TER est resté immobilisé une heure, sans le moindre réseau » : the clause is about the writer's.
        # (« mes deux mails sont restés sans réponse » : the writer's messages, the recipient's silence.)
        if _somewhat_or_mine(m) or _for_recipient(m) or (
                (_subject_is_writers(m.span.root) or _said_of_mine(m.span.root, ctx)) and not _unanswered(m)):
            continue
        # « je m'inquiète peut-être pour rien » : the writer's own worry; « bravo à la personne retenue ».
        # « je ne voudrais pas que vous pensiez à un manque de sérieux » : what the recipient might think of the writer.
        if _writers_own_futility(m) or _set_phrase(m) or _in_recipients_eyes(m.span.root):
            continue
        if _no_trouble(m, troubles) or _clears(m):
            praised.add(m.span.sent.start_char)
        elif not _self_blame(m, ctx):
            remarks.append(m)
    remarks += a.group("remerciement.exclusions", valid=False)
    # (Only the negative words of the lexicon: « pas sérieux », « pas correcte » deny a quality — a reproach.)
    second_words = _recipient_words(ctx)
    praised |= _denials(a, troubles, {m.span.root.lemma_ for m in a.group("critique.jugements", valid=False)
                                      if m.expr.polarity == "affirmative"
                                      and not any(t.lower_ in _DENIERS or t.lower_ == "peu" for t in m.span)},
                        speech, frozenset(ctx.config.get("critique", {}).get("eloge_creux", [])))
    # « les deux autres fonderies ont mené ce premier tour en visio sans la moindre difficulté » : the praise is
    # of other employers, set against the recipient — a comparison, not praise of the recipient.
    # « … fonctionnera mieux que votre formulaire, ce qui ne devrait pas être bien difficile » : a litotes in a
    # sentence that measures something against the recipient's is the sting of the comparison, not praise.
    # « Je ne veux pas être injuste, mais… » : a quality the writer denies of himself to announce a remark
    # (critique.marques) is no praise of the recipient either.
    # « Ce n'est pas que votre poste ne soit pas attirant, bien au contraire » : a denial denied is praise, which
    # the sentence layer, reading « ne soit pas attirant », takes for a reproach.
    praised |= {sent.start_char for sent in a.body_sentences if _double_denial(sent)}
    praised -= {sent.start_char for sent in a.body_sentences if sent.start_char in praised and (
        _others_praised(sent) or a.group_in_sentence("critique.comparaisons", sent.start)
        or any(any(t.lower_ == "pas" for t in m.span) and any(t.pos_ == "ADJ" for t in m.span)
               for m in a.group_in_sentence("critique.marques", sent.start))
        or _recipient_as_standard(list(sent), ctx) is not None
        # « … sans escale longue ne correspondent pas à l'idée que je me faisais d'un poste « confortable » » : words
        # put in quotation marks make the sentence ironic, whatever it denies.
        or _quoted_word(list(sent)) is not None
        # « Était-il vraiment indispensable de faire venir les candidats…, quand le premier tour s'est tenu en visio
        # sans le moindre souci ? » : a rhetorical question answers itself, whatever it praises to make its point.
        or _rhetorical_question(list(sent), ctx, targets_in.get(a._sent_start(sent), ())) is not None)}
    for j in a.group("critique.jugements"):
        if _somewhat_or_mine(j) or _impression_given(j.span.root) or _candidate_judged(j, ctx) or _work_object(j, ctx) or _self_blame(j, ctx) or _for_recipient(j) \
                or _writers_own_lack(j) or _set_phrase(j) or _wrong_one_chosen(j) \
                or _outcome(j, ctx) or _conduct_towards(j, ctx) or _writers_cause(j) or _in_recipients_eyes(j.span.root) \
                or (j.span.root.pos_ == "NOUN" and _writers_manner(j.span.root, speech)):  # « je vous écris avec retard »
            continue
        # « Contrairement à ce que vous pourriez penser, … » : what the recipient may think, corrected — no standard.
        if j.span.root.lower_ == "contrairement" and _corrected_belief(list(j.span.sent), second_words):
            continue
        if (_denied(j.span.root, deny, range(j.span.start, j.span.end)) or _under_denial(j.span.root)) \
                and not _not_the_only(list(j.span.sent)):  # « n'est pas le seul problème de votre offre »
            if not _writers_manner(j.span.root, speech):
                praised.add(j.span.sent.start_char)
            continue
        if _writers_own_quality(j.span.root) or _accepted_feeling(j.span.root, accepting):
            continue
        if _superlative(j) or _denied_degree(j):
            praised.add(j.span.sent.start_char)
            continue
        if any(_attached(j, p) for p in writers_places):  # « c'est le chaos au bureau » (the writer's)
            continue
        if _nothing_of(j.span.root):  # the judgment only (« rien de mauvais à dire, mais votre recruteur… »)
            continue
        if substantive(j.span.root):  # « la chaîne du froid » names a thing, judges nothing
            continue
        if any(not (t.start < j.end and j.start < t.end) and not _epithet_elsewhere(j.span.root, t)
               and (_attached(j, t) or (_demonstrative(j) and t.start < j.start)) for t in targets_in.get(a._sent_start(j.span), ())):
            remarks.append(j)
    remarks += _polar_judgments(ctx, targets_in, remarks, deny)
    # An unfavourable comparison with the recipient as the standard (« ils payent mieux que chez vous ») is
    # a remark in itself, whatever the sentence layer reads.
    # « Le salaire n'est pas le seul problème de votre offre » : « pas le seul » + a trouble implies others.
    remarks += [m for sent in a.body_sentences if (m := _others_implied(list(sent), troubles, targets_in.get(a._sent_start(sent), ())))]
    said = {m.span.sent.start_char for m in remarks}
    rhetorical: list[_Rhetorical] = []
    for sent in a.body_sentences:
        if sent.start_char not in said and sent.start_char not in praised \
                and not a.group_in_sentence("critique.eloge", sent.start) and not a.group_in_sentence("critique.neutre", sent.start):
            compared = _recipient_as_standard(list(sent), ctx, strict=True) or _other_set_apart(list(sent))
            if compared is not None:
                remarks.append(compared)
            elif (question := _rhetorical_question(list(sent), ctx, targets_in.get(a._sent_start(sent), ()))) is not None:
                rhetorical.append(question)
    reported = {m.span.sent.start_char for m in remarks}
    asked = {q.span.sent.start_char for q in rhetorical}
    findings = _model_findings(ctx, reported | praised | asked, targets_in, index_by_sentence(a, own))
    findings += [finding(ID, Severity.AVERTISSEMENT,
                         f"Cette phrase peut être lue comme un reproche : {quote(q)} est une question rhétorique, qui "
                         "répond d'elle-même. Relisez-la ; une raison factuelle suffit.",
                         q.span.sent.start_char, q.span.sent.end_char) for q in rhetorical]
    flagged = Covering(sorted((f.start, f.end) for f in findings))
    for sent in a.body_sentences:
        if sent.start_char in reported or sent.start_char in flagged:
            continue
        conceded = _conceded_flaw(sent, targets_in.get(a._sent_start(sent), []))
        if conceded is not None:
            findings.append(finding(ID, Severity.AVERTISSEMENT,
                                    f"Cette phrase peut être lue comme un reproche : {quote(conceded)} concède un défaut "
                                    "du destinataire au détour d'un compliment. Relisez-la ; une raison factuelle suffit.",
                                    sent.start_char, sent.end_char))
            continue
        irony = _bare_praise(sent, ctx)
        if irony is not None:
            findings.append(finding(ID, Severity.AVERTISSEMENT,
                                    f"Cette phrase peut être lue comme un éloge ironique : {quote(irony)} ne dit pas "
                                    "de qui. Relisez-la ; une raison factuelle suffit.",
                                    sent.start_char, sent.end_char))
    if not remarks:
        if findings:
            evidence = [(f.start, f.end) for f in findings]
            return Verdict(False, evidence, findings + _announcements(ctx, findings), "Le message contient une critique.")
        return Verdict(True, [])
    # One finding per sentence, quoting every remark in it ("merci pour rien" is one remark, not two).
    by_sentence = {}
    for m in sorted(remarks, key=lambda m: (m.start, -(m.end - m.start))):
        sent = m.span.sent
        quoted = by_sentence.setdefault(sent.start, (sent, []))[1]
        if not any(q.start <= m.start and m.end <= q.end for q in quoted):
            quoted.append(m)
    for sent, quoted in by_sentence.values():
        words = ", ".join(quote(m) if isinstance(m, Match) else
                          f"{quote(m)} (comparaison défavorable au destinataire)" if isinstance(m, _Compared) else
                          f"{quote(m)} ({m.why}, sur {quote(m.target)})" for m in quoted)
        findings.append(finding(
            ID, Severity.ERREUR,
            f"Remarque négative sur l'entreprise, le poste ou le processus : {words}. "
            "Restez neutre : une raison factuelle suffit.",
            sent.start_char, sent.end_char))
    findings += _announcements(ctx, findings)
    evidence = [m if isinstance(m, Match) else (m.start, m.end) for m in remarks]
    return Verdict(False, evidence, findings, "Le message contient une critique.")


_ANNOUNCEMENT = "annonce"  # a sentence that only announces the remark after it
# The points of the checklist: a sentence holding one of them says more than an announcement.
_POINTS = ("remerciement.expressions", "decision.expressions", "excuses.expressions", "report.expressions",
           "report.demandes", "porte_ouverte.expressions", "interet.expressions")


def _announcements(ctx: Context, findings: list) -> list:
    """« Je vais être franc avec vous, parce que ça peut vous servir. » just before a remark: the sentence
    announces it (reglages critique.annonce, or a mark of critique.marques) and says nothing else of the
    checklist; without the remark it has no reason to be, and a rewrite that drops one drops both."""
    a = ctx.analysis
    words = set(ctx.config.get("critique", {}).get("annonce", []))
    flagged = {f.start for f in findings}
    sents = a.body_sentences
    out = []
    for prev, sent in zip(sents, sents[1:]):
        if sent.start_char not in flagged or prev.start_char in flagged:
            continue
        said = next((t for t in prev if t.lower_ in words and t.pos_ in ("ADJ", "ADV", "NOUN")), None)
        mark = said is None and next(iter(a.group_in_sentence("critique.marques", prev.start)), None)
        # (« J'imagine qu'un imprévu vous a retenu. » : a charitable explanation, critique.indulgence, stands on
        # its own.)
        if (said is None and not mark) or a.group_in_sentence("critique.indulgence", prev.start):
            continue
        # An announcement is short (« Je vais être franc avec vous. »); a long sentence says something of its own.
        if any(a.group_in_sentence(g, prev.start) for g in _POINTS) or any(t.text == "?" for t in prev) \
                or sum(t.is_alpha for t in prev) > 20:
            continue
        shown = quote(mark) if mark else f"« {said.text} »"
        f = finding(ID, Severity.INFO,
                    f"Cette phrase annonce la remarque qui suit ({shown}) : sans elle, elle n'a plus lieu d'être.",
                    prev.start_char, prev.end_char)
        f.kind = _ANNOUNCEMENT
        out.append(f)
    return out


_CAUSAL = re.compile(r"\b(?:car|parce que|parce qu'|puisque|en raison|à cause|vu|étant donné|suite à)\b", re.I)


def fix(ctx: FixContext, f: Finding) -> Fix:
    if f.kind == _ANNOUNCEMENT:
        s, e = ctx.sentence_at(f.start)
        return Fix((delete_span(ctx.text, s, e),), Safety.UNSAFE, "Retirer l'annonce de la remarque")
    remarks = [ev.start for ev in ctx.evidence_near(ID, f.start, f.end)] or [f.start]
    s, e = ctx.sentence_at(remarks[0])
    # Never put a reason in the candidate's mouth: the remark goes, the neutral part of the sentence
    # stays; a neutral reason is only suggested, for the candidate to adapt.
    what = "Supprimer la remarque négative"
    if _CAUSAL.search(ctx.text, s, e) or any(s <= d.start < e for d in ctx.evidence("decision_claire")):
        reason = pick_template(ctx.lex, ctx.r.type, ID)
        if reason:
            what += f" (si une raison vous semble utile, une raison neutre, par exemple : « {reason} »)"
    return replace_sentence(ctx, f, remarks, None, what)


RULE = Rule(
    id=ID, kind="critere", title="Ne rien dire de négatif",
    explanation=(
        "Le message ne dit rien de négatif ou de désobligeant sur l'entreprise, le poste, le salaire ou les "
        "conditions, ses employés, le recruteur, le processus, ni sur les avis à leur sujet. Un jugement négatif "
        "ne compte que s'il porte sur l'une de ces cibles dans la même proposition ; un jugement nié (« je n'ai rien "
        "à reprocher à votre équipe ») n'est pas une critique. Une raison neutre (« le poste ne correspond plus à "
        "mes objectifs ») est la bonne manière de s'expliquer."
    ),
    good="Bonjour,\nAprès réflexion, je décline votre offre : le poste ne correspond plus à mes objectifs.\nCordialement,\nLéa",
    bad="Bonjour,\nJe décline votre offre : le salaire proposé est ridicule et votre processus interminable.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
    label="sans critique", short="critique", groups=("critique.cibles", "critique.directes", "decision.expressions", "critique.jugements", "critique.indulgence", "critique.neutre", "critique.eloge", "critique.marques", "critique.etalon", "critique.comparaisons", "remerciement.exclusions", "remerciement.expressions"),
    words=("critique.deni", "critique.actes_du_recruteur", "critique.maux", "critique.acceptation", "critique.ennuis_du_candidat", "critique.conduite"),
    fix=fix, fix_priority=1,
)
