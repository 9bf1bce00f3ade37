from ..analysis import Analysis, Match, conditional, hedged, if_clause, imperative, in_past, modal_imperfect, reflexive_use, restrictive, set_against_denied
from ..model import Severity
from ..positions import by_sentence
from .base import ME, THEIRS, Context, Rule, Verdict, left_to_writer, me_before, quote, rescued, set_aside
from ..analysis import doc_text

ID = "proposition_report"
# The words this rule reads are lists of lexicons/mots.yaml (named in RULE.words).
_BOUNDARY = {"conj", "parataxis", "advcl", "ccomp", "acl:relcl"}


def _from_candidate(m: Match, a: Analysis, thanked: set[int]) -> bool:
    """The candidate proposes: not "vous me proposez" / "me déplacer", not a participle, not thanked for
    (`thanked`: the root tokens of the thanks, computed once per message)."""
    root, words = m.span.root, a.lexicon.words
    # « j'aurais aimé connaître la rémunération avant de me déplacer » : a reflexive « me » with nothing else
    # moved is the writer travelling, even in a polite conditional (« pourriez-vous me déplacer l'entretien ? »
    # moves the meeting).
    if root.lemma_ in words["report.actes_recruteur"] and not any(c.dep_ == "obj" for c in root.children) \
            and reflexive_use(root):
        return False
    # "vous m'avez proposé une date" is the recruiter's proposal, "me déplacer" is travelling; but
    # "pourriez-vous me proposer une date ?" / "je vous serais reconnaissant de me proposer…" is a request.
    if any(c.lower_ in words["report.pronoms_objets"] for c in root.children) \
            and root.lemma_ in words["report.actes_recruteur"] and not _request(m, a):
        return False
    if root.pos_ in ("VERB", "AUX") and "Part" in root.morph.get("VerbForm") \
            and root.lower_ not in words["report.disponibilite"]:
        return False
    # « une opération du genou, fixée en urgence hier soir par mon chirurgien » : a participle describing a noun,
    # whatever the parser makes the span's root (here « hier »), sets nothing the writer offers.
    # (A past participle: « le mardi suivant » is a time.)
    if any(t.dep_ == "acl" and "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense")
           and t.lower_ not in words["report.disponibilite"] for t in m.span):
        return False
    # « le créneau fixé par vos soins n'est pas respecté » : a slot a participle describes is one already set
    # (not « une autre date, idéalement fixée avec plus d'anticipation », the one wished for).
    if root.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in root.children) \
            and not any(c.lemma_.lower() in ("autre", "nouveau", "prochain") for c in root.children) and any(c.dep_ == "acl" and c.i > root.i and "Part" in c.morph.get("VerbForm")
                                   and "Past" in c.morph.get("Tense") and c.lower_ not in words["report.disponibilite"]
                                   for c in root.children):
        return False
    # « l'entretien employé libre-service demain 9h » : an adjective glued to a hyphen is part of a compound
    # (not « week-end », which the tokenizer splits too).
    doc = m.span.doc
    if any(t.pos_ == "ADJ" and not t.whitespace_ and t.i + 2 < len(doc) and doc[t.i + 1].text == "-"
           and not doc[t.i + 1].whitespace_ and doc[t.i + 2].is_alpha for t in m.span[:1]):
        return False
    # « à 15 h précises, comme convenu » : the time agreed on, not a new one.
    if any(t.i and t.nbor(-1).lower_ == "comme" and "Part" in t.morph.get("VerbForm") for t in m.span):
        return False
    if _someone_else(root, {*a.lexicon.lists.get("jour", ()), *a.lexicon.lists.get("moment", ())},
                     a.lexicon.words["report.rendez_vous"]):
        return False
    # « compte tenu du nouvel horaire que vous me proposez » : a time someone else set or offered (a relative
    # clause with its own subject, not the candidate), not the candidate's proposal (« une autre date qui vous
    # conviendrait » : the relative pronoun is the time itself).
    after = [t.lower_ for t in doc[m.span.end : m.span.end + 2]]
    if root.pos_ in ("NOUN", "PROPN") and len(after) == 2 and after[0] in ("que", "qu'", "qu’") \
            and (after[1] in words["report.autres_sujets"] or doc[m.span.end + 1].pos_ == "DET"):
        return False
    # « ça va être compliqué », « je ne vais pas bloquer une matinée » : « aller » of the near future,
    # not « ça vous va » ; « le même créneau » is the one already set (not « moi-même », an adverb).
    if any(t.lemma_ in words["report.futur_proche"] and _before_infinitive(t) for t in m.span) \
            or any(c.lemma_.lower() in words["report.identique"] and c.dep_ != "advmod" for c in root.children):
        return False
    if _condition_of_something_else(root, a):
        return False
    node = root
    for _ in range(8):  # "merci pour votre disponibilité": the proposal word is what is thanked for
        if node.i in thanked:
            return False
        # Coordinated nouns stay thanked ("pour votre offre et pour votre disponibilité"); verbs do not.
        if (node.dep_ in _BOUNDARY and not (node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN"))) \
                or node.head.i == node.i:
            break
        node = node.head
    return True


def _times_and_meetings(a: Analysis) -> set[str]:
    """The words of times and meetings (listes.yaml @moment, @jour, @mois, @entretien)."""
    return {w for k in ("moment", "jour", "mois", "entretien") for w in a.lexicon.lists.get(k, ())}


def _condition_of_something_else(tok, a: Analysis) -> bool:
    """« si un nouveau rendez-vous se présente, une adresse plus précise serait la bienvenue » : the new meeting
    is only the condition of a remark on something else (a main clause whose subject is a noun), not a
    proposal (« si une autre session est prévue, je m'y présenterai volontiers », « si un créneau se libère,
    n'hésitez pas » are)."""
    times = _times_and_meetings(a)
    node = tok
    for _ in range(4):
        if if_clause(node) and node.dep_ == "advcl":
            main = node.head
            # (The parser may hang the clause on that noun itself, or read « précise » as a verb: the main
            # clause opening on a noun group after the comma says the same.)
            doc = node.doc
            comma = next((t.i for t in doc[node.i : node.sent.end] if t.text == ","), None)
            opening = doc[comma + 1 : comma + 3] if comma is not None else []
            return any(c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in ("NOUN", "PROPN")
                       and c.lemma_.lower() not in times for c in main.children) \
                or (main.pos_ == "NOUN" and main.i > node.i and main.lemma_.lower() not in times) \
                or (len(opening) == 2 and opening[0].pos_ == "DET" and opening[0].lower_ not in ("votre", "vos")
                    and opening[1].pos_ == "NOUN" and opening[1].lemma_.lower() not in times)
        if node.dep_ in ("ROOT", "root") or node.head.i == node.i or node.dep_ in ("conj", "parataxis", "ccomp"):
            return False
        node = node.head
    return False


def _doubted(m: Match, a: Analysis, doubt) -> bool:
    """Under a denied certainty (mots.yaml report.doute): « je ne suis pas certain de pouvoir… »."""
    h = hedged(m, a)
    return h is not None and h.span.root.lemma_ in doubt and h.negated


def _before_infinitive(tok) -> bool:
    """The verb is followed by an infinitive (« va être », « ne vais pas bloquer »), adverbs and pronouns aside."""
    for t in tok.doc[tok.i + 1 : tok.i + 6]:
        if t.pos_ in ("ADV", "PRON") or t.lower_ in ("pas", "plus", "jamais"):
            continue
        return "Inf" in t.morph.get("VerbForm")
    return False


def _someone_else(tok, times: set[str], meetings=frozenset()) -> bool:
    """« les médecins envisagent une opération dans les prochains jours », « mon université vient de fixer
    au même moment le rattrapage » : a third party's plans, not the candidate's proposal (« seriez-vous
    disponible mardi ? » asks the recipient, « mardi ou mercredi m'arrangeraient » offers days: proposals).
    `times`: the words of days and moments (listes.yaml)."""
    # « La compagnie vient d'ajouter deux dates à Clermont » : a time noun someone else's verb acts on.
    node = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "obj" else tok
    for _ in range(3):
        # A subject set off by a comma (« Le cas échéant, mardi ou mercredi m'arrangeraient ») or after its
        # verb (« Proposez-moi autre chose ») is a misparse.
        # Nor is a noun under a preposition (« je serais en revanche disponible » : « revanche » taken for one).
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < node.i
                and not any(t.text == "," for t in node.doc[c.i:node.i])
                and not any(g.dep_ == "case" for g in c.children)]
        # (« peut-être qu'il faudrait décaler ? » : the impersonal « il » of « falloir », « valoir mieux » is nobody.)
        # (Not reported — « mon propriétaire m'a dit qu'il faudrait décaler l'état des lieux » —, nor what is to be
        # avoided, « il vaudrait mieux éviter de décaler » : only the « falloir » right above the proposal.)
        # (Nor what is moved, if not the meeting: « il faudrait décaler ma séance de kiné », mots.yaml report.rendez_vous.)
        subj = [c for c in subj if not (c.lower_ == "il" and node.lemma_ in ("falloir", "valoir") and node.i == tok.head.i
                                        and not (node.dep_ in ("ccomp", "parataxis", "conj") and node.head.pos_ in ("VERB", "AUX"))
                                        and not any(o.dep_ == "obj" and o.pos_ == "NOUN" and o.lemma_.lower() not in meetings
                                                    for o in tok.children))]
        if subj:
            return all((c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() not in times)
                       or c.lower_ in ("il", "elle", "ils", "elles") for c in subj)
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
    return False


_WE = {"je", "j'", "j’", "on", "nous"}
_WISH = {"aimer", "vouloir", "souhaiter", "préférer"}
_CALLS = {"rappeler", "appeler", "joindre", "contacter", "recontacter", "téléphoner"}
_HEDGES = {"peut-être", "éventuellement", "plutôt", "idéalement", "pourquoi"}
# What « je peux » / « on pourrait » may do with a time and still offer it: come, meet, talk, call (none: « je peux
# en revanche le mardi 12 »).
_MEET = {"venir", "passer", "faire", "refaire", "rencontrer", "voir", "échanger", "parler", "discuter", "libérer",
         "rendre", "être", "caler", "fixer", "prévoir", "organiser", "reprendre", "reprogrammer", "décaler", "reporter"}


def _offered(t: Match, a: Analysis) -> bool:
    """A new time the writer offers without a proposal verb of the list: under their own « pouvoir » or a
    conditional (« je peux en revanche le mardi 12 », « on pourrait peut-être refaire ça en fin de semaine »),
    under the recipient's « pouvoir » in a « si » clause (« si vous pouvez me rappeler pour un autre jour ») or to
    call back (« vous pouvez rappeler après 14 h »), or
    alone in a fragment a hedge opens (« Peut-être mardi prochain le matin, mais je ne suis pas sûr »). Not
    what « je peux » does otherwise (« je pourrais perdre mon emploi dès lundi »), a cause (« car… »), a bare
    conditional (« je travaillerais de nuit lundi »), nor the writer's knowledge to come (« je devrais en savoir plus mercredi »), nor what they do not know (« je ne
    sais pas si je pourrai dégager une heure »), nor « un prochain recrutement », nor « prochainement »."""
    doc, root = t.span.doc, t.span.root
    times = _times_and_meetings(a)
    if root.pos_ == "ADJ" and root.head.lemma_.lower() not in times:
        return False
    # « j'espère que nous pourrons nous rencontrer prochainement » : an adverb of time names no slot.
    if root.pos_ == "ADV":
        return False
    sent = root.sent
    # The fragment: the words between two commas (or the sentence's edges) around the time, with no verb.
    lo = next((u.i + 1 for u in reversed(doc[sent.start : t.span.start]) if u.text in (",", ";", ":", "—")), sent.start)
    hi = next((u.i for u in doc[t.span.end : sent.end] if u.text in (",", ";", ":", "—", "?", ".")), sent.end)
    chunk = [u for u in doc[lo:hi] if not u.is_punct]
    # (« Peut etre vers 13h » : an unhyphenated « peut-être » is tagged as a verb.)
    verbs = [u for u in chunk if u.pos_ in ("VERB", "AUX") and u.lower_ not in ("peut", "etre", "être")]
    # (« Peut etre vers 13h » : the parser may end a sentence after « Peut ».)
    opened = chunk and (chunk[0].lower_ in _HEDGES | {"peut"} or (
        chunk[0].lower_ in ("etre", "être") and chunk[0].i and doc[chunk[0].i - 1].lower_ == "peut"))
    # (« je suis hospitalisé jusqu'à jeudi, peut-être vendredi » : the end of a stay, not a slot; « ce sera
    # peut-être jeudi, peut-être la semaine suivante » : the second of two hedged alternatives a clause gave
    # without offering the first.)
    if opened and not verbs \
            and not any(u.lower_ in ("jusqu'", "jusqu’", "jusque", "jusqu'à") for u in doc[sent.start:lo]):
        alternatives = [u for u in a.group("report.temps", valid=False) if sent.start < u.span.start
                        and u.span.end <= lo and doc[u.span.start - 1].lower_ in _HEDGES]
        return not alternatives or any(_offered(u, a) for u in alternatives)
    # « Mardi, peut-être. », « Vendredi éventuellement. » : a sentence with no verb at all, the time qualified by a
    # hedge after it, in a message that asks to move the meeting (report.demandes).
    if _hedged_fragment(root, a):
        return True
    node, contrast = root, False
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and node.head.i in range(sent.start, sent.end):
        # « je pourrai pas jeudi mais vendredi oui » : the time after « mais » is set against a denied one; the
        # negation bears on that one only (not « mais pas vendredi »).
        if set_against_denied(node):
            contrast = True
        node = node.head
    # « Lundi je peux » : the parser may make the fronted time the root and hang the verb after it on it.
    if node.pos_ not in ("VERB", "AUX"):
        node = next((c for c in node.children if c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX") and c.i > node.i),
                    node)
    chain = [node]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    glued = doc.user_data.get("ton_je_colle", {})  # « jpeux » : its « je » is glued (nlp.glued_je_lemmas)
    for v in chain:
        if v.pos_ not in ("VERB", "AUX") or in_past(v) or (not contrast and _denied(v)):
            return False
        if v.lemma_ in ("savoir", "devoir"):
            return False
        # « je peux encore parler avec mon chef demain matin » : a time with someone else, not with the recipient.
        if any(c.dep_.startswith("obl") and c.lower_ not in ("vous", "toi") and any(k.lower_ == "avec" for k in c.children)
               for c in v.children):
            return False
        subj = {c.lower_ for c in v.children if c.dep_ == "nsubj"} | ({"je"} if v.i in glued else set())
        if subj & _WE and if_clause(v):
            return False
        # (« car je pourrais commencer un CDD dès lundi » : a cause, not an offer.)
        if any(c.dep_ == "mark" and c.lower_ in ("car", "parce", "puisque", "comme") for c in v.children):
            return False
        doing = [x for x in chain if x is not v]
        if subj & _WE and v.lemma_ == "pouvoir" and all(x.lemma_ in _MEET | _CALLS | {"pouvoir"} for x in doing):
            return True
        # (« je me tiendrais à votre disposition le lundi 7 », « j'aimerais pouvoir vous rencontrer à ce
        # moment-là » : a conditional of coming or wishing to.)
        if subj & _WE and conditional(v) and (v.lemma_ in _MEET | _WISH | {"tenir"}) \
                and all(x.lemma_ in _MEET | _CALLS | {"pouvoir"} for x in doing):
            return True
        # (« Vous pouvez rappeler après 14 h n'importe quel jour », « si vous pouvez me rappeler pour un autre
        # jour » : the writer's availability, offered — not « si vous pouvez m'envoyer la fiche avant lundi ».)
        if "vous" in subj and v.lemma_ == "pouvoir" and doing and all(x.lemma_ in _MEET | _CALLS for x in doing):
            return True
    return False


def _denied(v) -> bool:
    """The verb is negated (« je ne peux pas lundi »), not by the lone « ne » of a restrictive « ne … que »
    (« je ne peux que le lundi matin » offers Monday morning)."""
    neg = [c for c in v.children if c.morph.get("Polarity") == ["Neg"] or c.lower_ in ("pas", "plus", "jamais")]
    return bool(neg) and not (all(c.lower_ in ("ne", "n'", "n’") for c in neg) and restrictive(v))


def _hedged_fragment(root, a: Analysis) -> bool:
    """« Mardi, peut-être. » : the sentence has no verb and a hedge hangs on the time (or on the word it
    completes, « Mardi matin éventuellement »), in a message that moves the meeting (report.demandes, not
    denied): a bare day with a hedge elsewhere may be anything (an answer to come, the end of a stay)."""
    sent = root.sent
    if any(u.pos_ in ("VERB", "AUX") and u.lower_ not in ("peut", "etre", "être") for u in sent):
        return False
    # « Retour à domicile jeudi éventuellement » : a fragment naming something else than the time is that
    # thing's date, not one offered.
    times = {*a.lexicon.lists.get("jour", ()), *a.lexicon.lists.get("moment", ())}
    if any(u.pos_ in ("NOUN", "PROPN") and u.lemma_.lower() not in times and u.lower_ not in times and not u.like_num
           for u in sent):
        return False
    near = [root, *(n for n in root.ancestors if n.i in range(sent.start, sent.end))][:3]
    if not any(c.dep_ == "advmod" and c.lower_ in _HEDGES for n in near for c in n.children):
        return False
    return bool(a.group("report.demandes"))


def _new_time(t: Match, a: Analysis) -> bool:
    """A time that is not the scheduled interview's ("l'entretien de lundi", "notre rendez-vous du 22") nor
    past ("depuis hier soir", "lundi dernier")."""
    interview, definite = a.lexicon.words["report.rendez_vous"], a.lexicon.words["report.determinants_definis"]
    doc, past = t.span.doc, a.lexicon.words["report.passe"]
    if any(tok.lower_ in past for tok in doc[max(0, t.span.start - 2) : t.span.end + 1]):
        return False
    if any(c.lemma_.lower() in a.lexicon.words["report.identique"] for c in t.span.root.children):
        return False  # « sur le même créneau », « à la même heure » : the time already set
    # « y a aucun bus à cette heure-là », « ce jour-là » : a time pointed back to, already named.
    nxt = doc[t.span.end] if t.span.end < len(doc) else None
    if any(c.lower_ in ("ce", "cet", "cette") for c in t.span.root.children) and (
            t.span.root.lower_.endswith("-là") or (nxt is not None and nxt.lower_ in ("là", "-là"))):
        return False
    # « Faut-il vraiment six semaines pour rappeler quelqu'un ? », « pendant trois jours » : a count of units is a
    # duration, no time to meet (« dans deux semaines », « d'ici trois jours », « sous huitaine » are times).
    root = t.span.root
    # (« Un délai de deux semaines serait-il acceptable ? » : the count a delay or a move measures is a time.)
    if root.lemma_.lower() in _UNITS and any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("un", "une")
                                             for c in root.children) \
            and not (root.dep_ == "nmod" and root.head.lemma_.lower() in ("délai", "report", "décalage", "sursis")) \
            and not any(c.dep_ == "case" and c.lower_ in ("dans", "ici", "sous", "après", "avant", "à") for c in root.children) \
            and not any(u.lower_ in ("dans", "ici", "sous", "après", "avant") for u in doc[max(0, t.span.start - 3) : t.span.start]) \
            and not any(u.lower_ in ("tard", "après", "plus") for u in doc[t.span.end : t.span.end + 2]):  # « trois jours plus tard »
        return False
    heads = [t.span.root, *t.span.root.ancestors][:3]
    # « notre entretien de lundi 10h » : an hour right after the interview's day is the interview's too,
    # wherever the parser hung it.
    prev = doc[t.span.start - 1] if t.span.start else None
    if prev is not None and prev.lemma_.lower() in a.lexicon.lists.get("jour", ()):
        heads += [prev, *prev.ancestors][:3]
    for anc in heads:
        # « notre échange technique prévu vendredi », « la visite fixée à jeudi » : the time a participle of
        # planning gives a noun with its article is the slot already set, whatever that noun is.
        if anc.dep_ == "acl" and anc.lemma_ in _PLANNED and "Part" in anc.morph.get("VerbForm") \
                and any(c.dep_ == "det" and c.lower_ in definite.words for c in anc.head.children):
            return False
        if anc.lemma_.lower() in interview:
            dets = {c.lower_ for c in anc.children if c.dep_ in ("det", "case")}
            return not dets & definite.words
    return True


_PLANNED = {"prévoir", "fixer", "programmer", "convenir", "planifier", "caler", "organiser"}
_UNITS = {"minute", "heure", "jour", "journée", "semaine", "mois", "an", "année"}


def _announced(m: Match, a: Analysis) -> bool:
    """A time of the candidate's own answer (« je vous confirme ça d'ici lundi, ça vous va ? »): it hangs on a
    verb of report.annonces whose subject is the candidate."""
    verbs, words = a.lexicon.words["report.annonces"], a.lexicon.words
    for tok in m.span:
        if tok.pos_ not in ("NOUN", "PROPN", "NUM", "ADV"):
            continue
        # Only a deadline (« d'ici lundi », « avant jeudi », « lundi au plus tard »): « je reviendrai mardi à
        # 10 h » is a slot.
        before = {t.lower_ for t in tok.doc[max(0, tok.i - 2) : tok.i]}
        after = " ".join(t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 5])
        if not before & words["report.echeances"].words and not words["report.echeances_apres"].in_text(after):
            continue
        # (Four levels: « je vous redis ça demain matin au plus tard », « demain » under « matin » under « ça ».)
        for anc in [tok, *tok.ancestors][:4]:
            # « je peux vous confirmer ma venue mercredi au plus tard » : the subject of « pouvoir ».
            holder = anc.head if anc.dep_ == "xcomp" else anc
            if anc.lemma_ in verbs and any(c.dep_ == "nsubj" and c.lower_ in ME for c in holder.children):
                return True
    return False


def _governed_by(t: Match, verb: Match) -> bool:
    """The time belongs to the verb's own clause ("reporter à mardi", not "…, car je suis absent toute la semaine")."""
    node = t.span.root
    targets = {tok.i for tok in verb.span}
    for _ in range(8):
        if node.i in targets:
            return True
        if node.dep_ in _BOUNDARY or node.head.i == node.i:
            return False
        node = node.head
    return False


def _follows(t: Match, verb: Match, a: Analysis) -> bool:
    """The time comes after the verb in its sentence, with no "car / parce que" clause in between."""
    if t.start <= verb.start:
        return False
    between = t.span.doc[verb.span.end : t.span.start]
    causes = a.lexicon.words["report.causes"]
    if any(tok.lower_ in causes for tok in between):
        return False
    # « Je vais devoir décaler, on m'a mise du matin toute la semaine » : the time belongs to another clause,
    # whose subject is someone else — what they did, not the writer's offer.
    node = t.span.root
    for _ in range(8):
        if node.i in {tok.i for tok in verb.span}:
            return True
        if node.pos_ in ("VERB", "AUX") and node.i > verb.span.end:
            subj = [c for c in node.children if c.dep_.startswith("nsubj")]
            # (« … en descendant d'un arbre samedi » : a gerund belongs to the clause above it.)
            if not subj and "Part" in node.morph.get("VerbForm") and node.head.i != node.i \
                    and node.head.i > verb.span.end:
                node = node.head
                continue
            # (Nor a clause of the writer's in the past, a story: « Je dois repousser ce rendez-vous : je me suis fait
            # une entorse samedi ».)
            return (not subj or any(c.lower_ in ME for c in subj)) and not in_past(node)
        if node.head.i == node.i:
            return True
        node = node.head
    return True


def _someone_elses_clause(t: Match, a: Analysis, verb: Match | None = None) -> bool:
    """« Peut-être que je pourrais quand même venir si l'opération se passe bien jeudi ? » : in a question too, a
    time in a clause of its own whose subject is a third party (a noun other than a time or a meeting, or « il /
    elle ») is that party's date, not one asked for."""
    times = _times_and_meetings(a)
    node = t.span.root
    for _ in range(6):
        if (verb is not None and node.i in {tok.i for tok in verb.span}) or node.head.i == node.i:
            return False
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_.startswith("nsubj")]
            # (Not the recipient's people meeting the writer: « est-ce que votre directeur me recevrait lundi ? »,
            # « est-ce que Mme Lopez m'appelle jeudi ? » — a « me » or a word of the second person in the clause.)
            if any(t.lower_ in _RECIPIENT_OR_ME for t in node.subtree):
                return False
            return bool(subj) and all((c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() not in times)
                                      or c.lower_ in ("il", "elle", "ils", "elles") for c in subj)
        node = node.head
    return False


_RECIPIENT_OR_ME = (ME - {"je", "j'", "j’"}) | {"vous", "te", "t'", "t’", "toi"} | THEIRS


def _fronted(t: Match, verb: Match) -> bool:
    """« mardi ou mercredi en fin de journée m'arrangeraient », « jeudi me conviendrait » : the days come
    first, the verb suits the writer (« me », « m' »), and no other verb stands between them (the parser
    may hang the days elsewhere)."""
    root = verb.span.root
    if t.end > verb.start or root.pos_ != "VERB" \
            or not me_before(root):
        return False
    return not any(tok.pos_ in ("VERB", "AUX") or tok.text in (".", ";", ":", "?", "!")
                   for tok in t.span.doc[t.span.end:verb.span.start])


def _topic(m: Match) -> bool:
    """« Entre nous, caler les entretiens le samedi matin, ce n'est pas l'idéal » : a bare infinitive at the head
    of its sentence, taken up after a comma by « ce / ça », is what is judged, not an offer. « Pour une nouvelle
    date, je ne sais vraiment pas quoi vous dire » : the proposal named as the topic, then a denied verb of the
    writer's — what they cannot say yet."""
    root = m.span.root
    sent, doc = m.span.sent, m.span.doc
    opening = [t for t in doc[sent.start : m.span.start] if not t.is_space]
    if opening and len(opening) <= 3 and opening[0].lower_ in ("pour", "concernant", "quant") \
            and m.span.end < sent.end and doc[m.span.end].text == ",":
        main = [t for t in doc[m.span.end : sent.end] if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"]
        if main and any(c.dep_ == "nsubj" and c.lower_ in ("je", "j'", "j’") for c in main[0].children) \
                and any(c.lower_ in ("pas", "plus", "jamais", "rien") for c in main[0].children):
            return True
    if "Inf" not in root.morph.get("VerbForm") or root.dep_ != "ROOT" \
            or any(c.dep_ in ("aux", "aux:tense", "nsubj", "mark") for c in root.children):
        return False
    return any(t.lower_ in ("ce", "c'", "c’", "ça", "cela") and t.dep_.startswith("nsubj") and t.i > root.i
               and t.nbor(-1).text == "," for t in root.sent)


def _question(m: Match) -> bool:
    """The sentence is a question (the parser sometimes leaves the final " ?" on its own)."""
    sent = m.span.sent
    if "?" in sent.text:
        return True
    rest = doc_text(sent.doc)[sent.end_char : sent.end_char + 3]
    return rest.strip().startswith("?")


def _past_or_noun(m: Match, a: Analysis) -> bool:
    """« depuis dimanche je fais les allers-retours » : a day the past marks (mots.yaml report.passe), or the verb
    of the motif read in a noun (« les allers »), proposes nothing."""
    past, days = a.lexicon.words["report.passe"], {*a.lexicon.lists.get("jour", ()), *a.lexicon.lists.get("moment", ())}
    doc = m.span.doc
    for t in m.span:
        if t.lemma_.lower() in days and any(u.lower_ in past for u in doc[max(0, t.i - 2) : t.i]):
            return True
    return any(t.lemma_ == "aller" and t.pos_ == "NOUN" for t in m.span)


def _impossible(m: Match, a: Analysis) -> bool:
    """« il m'est impossible, dans ces circonstances, de m'engager sur une nouvelle date », « il me serait difficile
    de vous proposer une autre date » : a date the writer says they cannot commit to (mots.yaml
    report.impossibilite, not denied) is ruled out, not offered."""
    words = a.lexicon.words["report.impossibilite"]

    def ruling(t) -> bool:
        return t.lemma_ in words and not any(c.lower_ in ("pas", "plus", "jamais") for c in t.children)
    node = m.span.root
    for _ in range(4):
        if ruling(node):
            return True
        # (Not past a clause of its own: « il me serait difficile de venir mardi, mais vendredi m'irait », « mardi
        # sera difficile pour moi, en revanche mercredi me conviendrait », however the parser hangs it.)
        if node.dep_ in ("conj", "parataxis") or (node.dep_ == "advcl" and "Fin" in node.morph.get("VerbForm")):
            return False
        # (The parser may hang the infinitive elsewhere: « impossible …, de m'engager » still depends on it.)
        if node.pos_ == "VERB" and "Inf" in node.morph.get("VerbForm") \
                and any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") for c in node.children):
            return any(ruling(t) for t in node.doc[node.sent.start : node.i])
        if node.head.i == node.i:
            return False
        node = node.head
    return ruling(node)


def _futile(m: Match, a: Analysis) -> bool:
    """« Reprogrammer ne servirait à rien », « reporter serait inutile » : the proposal, at the head of its sentence,
    then judged vain (mots.yaml report.futilite; « servir » only before « rien »), is ruled out."""
    words = a.lexicon.words["report.futilite"]
    sent, doc = m.span.sent, m.span.doc
    if any(not t.is_punct and not t.is_space for t in doc[sent.start : m.span.start]):
        return False
    after = [t for t in doc[m.span.end : min(sent.end, m.span.end + 6)]]
    for k, t in enumerate(after):
        if t.text in (",", ";", ":"):
            return False
        if t.lemma_ in words and (t.lemma_ != "servir" or any(u.lower_ == "rien" for u in after[k + 1 : k + 4])):
            return True
    return False


def _dismissed(m: Match, a: Analysis) -> bool:
    """Ruled out by the writer: a date they cannot commit to (_impossible) or judge vain (_futile)."""
    return _impossible(m, a) or _futile(m, a)


def _time_wished_next(m: Match, a: Analysis, times_in: dict) -> bool:
    """« Peut-être qu'il faudrait décaler ? Si c'est possible jeudi ça serait mieux, je vous redis demain » : the
    sentence right after the request gives a new time in the conditional — the request names it."""
    doc, end = m.span.doc, m.span.sent.end
    nxt = next((t for t in doc[end : end + 3] if not t.is_space), None)
    if nxt is None or not any(not _someone_elses_clause(t, a) for t in times_in.get(a._sent_start(nxt), ())):
        return False
    # (A conditional of liking, « ça serait mieux », « ça m'arrangerait » — not of expecting, « le chirurgien devrait
    # m'opérer jeudi », « je devrais avoir les résultats la semaine prochaine ».)
    return any(conditional(t) and t.lemma_ in ("être", "arranger", "convenir", "aller") for t in nxt.sent)


def _possibility_asked(m: Match) -> bool:
    """« Est ce que ce serait possible de voir plutot en fin de semaine. » : a question that lost its mark, asking
    whether something would be possible (a conditional) — not « est ce que je dois renvoyer mes documents avant
    vendredi », nor « est ce que le poste est encore disponible en septembre »."""
    sent = m.span.sent
    words = [t for t in sent if not t.is_space]
    opening = " ".join(t.lower_ for t in words[:4]).replace(" - ", "-").replace(" -", "-")
    return opening.startswith(("est-ce que", "est-ce qu", "est ce que", "est ce qu")) \
        and any(conditional(t) for t in sent)


def _request(m: Match, a: Analysis) -> bool:
    """A question, a polite conditional, or "à votre convenance" in the sentence."""
    sent = m.span.sent
    # (« dites-moi quand vous souhaitez reprogrammer » : an imperative asks the recipient too.)
    if _question(m) or any(conditional(t) or imperative(t) for t in sent):
        return True
    polite = a.lexicon.words["report.convenance"]
    return any(t.lemma_.lower() in polite for t in sent)


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    thanks = a.group("remerciement.expressions")
    thanked = {t.span.root.i for t in thanks}
    times = [t for t in a.group("report.temps") if _new_time(t, a) and not _announced(t, a)]
    times_in = by_sentence(a, times)  # each verb meets only the times of its sentence
    doubt = a.lexicon.words["report.doute"]
    # « je ne suis pas certaine de pouvoir me rendre disponible dans les semaines qui viennent » : whether the
    # writer can be available at all, not an availability offered.
    found = [m for m in a.group("report.expressions") if _from_candidate(m, a, thanked) and not _announced(m, a)
             and not _gets_better(m) and not _doubted(m, a, doubt) and not set_aside(m)
             and not _past_or_noun(m, a) and not _dismissed(m, a) and not _topic(m)]
    # « Je vous dis demain si c'est possible », « je vous tiens au courant » : the writer's own answer to come
    # (reglages.yaml hesitation.reponse_a_venir, mots.yaml report.annonces).
    deferring = set(ctx.config.get("hesitation", {}).get("reponse_a_venir", [])) | a.lexicon.words["report.annonces"].words
    answers = frozenset(t.sent.start_char for t in a.doc if t.lemma_ in deferring
                        and any(c.dep_ == "nsubj" and c.lower_ in ME for c in t.children))
    # « Il vaudrait peut-être mieux le décaler, je vous redis dès que j'y vois plus clair » : the writer
    # deliberating, with no new time, who will answer later, asks for nothing yet (« je me demande s'il ne
    # vaudrait pas mieux décaler, peut-être à jeudi ? » does, and so does a permission asked : « serait-il
    # éventuellement possible de décaler ? », report.permission).
    permission = a.lexicon.words["report.permission"]
    found += [m for m in a.group("report.demandes") if _from_candidate(m, a, thanked) and _request(m, a) and not _dismissed(m, a)
              and (not answers or hedged(m, a) is None or times_in.get(a._sent_start(m.span))
                   or _time_wished_next(m, a, times_in)
                   or any(t.lemma_.lower() in permission for t in m.span.sent))]
    if found:
        return Verdict(True, found)
    # A proposal verb with a new time in its clause ("je peux venir le jeudi suivant").
    meeting = a.lexicon.words["report.rencontre"]
    proposing = {t.i for m in a.group("report.verbes") + a.group("report.expressions") for t in m.span}
    days = {*a.lexicon.lists.get("jour", ()), *a.lexicon.lists.get("mois", ())}
    for verb in a.group("report.verbes"):
        if not _from_candidate(verb, a, thanked):
            continue
        # « je ne suis pas certain de pouvoir me libérer jeudi » : whether the writer can come at all.
        if _doubted(verb, a, doubt):
            continue
        # « le remplacement pourrait être prolongé » : « pouvoir être » of a passive says what may happen, not
        # when the writer can come (« je pourrais être là jeudi ») — unless what is done is itself a proposal
        # (« si un échange pouvait être envisagé la semaine suivante »).
        if any(t.dep_ == "aux:pass" and t.head.i not in proposing for t in verb.span):
            continue
        if _gets_better(verb) or _proposes_something_else(verb, a) or _the_planned_slot(verb) or _topic(verb) \
                or _dismissed(verb, a):
            continue
        # « une intervention prévue de longue date » : a noun with no determiner under « de » qualifies a
        # verb; no date is offered (« une nouvelle proposition de créneau » asks for one).
        root = verb.span.root
        if root.pos_ == "NOUN" and root.head.pos_ not in ("NOUN", "PROPN") and not any(c.dep_ == "det" for c in root.children) \
                and any(c.dep_ == "case" and c.lower_ in ("de", "d'", "d’") for c in root.children) and not _question(verb):
            continue
        # « créneau » is both a proposal word and a time: it does not meet itself (« laisser votre créneau
        # vide » proposes nothing).
        near = [t for t in times_in.get(a._sent_start(verb.span), ())  # a.same_sentence(verb, t)
                if not (t.start < verb.end and verb.start < t.end)
                and (_governed_by(t, verb) or _follows(t, verb, a) or _fronted(t, verb)
                     or (_question(verb) and not _someone_elses_clause(t, a, verb)))]
        if verb.span.root.lemma_ in meeting:
            # « j'ai été ravie de vous rencontrer mardi » : the verb, or the one it completes, is past.
            # (« Je devais vous rencontrer vendredi » : the modal's imperfect, which the tagger may read as a conditional.)
            past = any(in_past(n, copula=True) or modal_imperfect(n.lower_) for n in (verb.span.root, verb.span.root.head))
            near = [t for t in near if t.span.root.lemma_.lower() in days] if not past else []
        if near:
            return Verdict(True, [verb, *near])
    # A question about a new time is a proposal ("Mardi 14 h ?", "On pourrait voir pour la semaine d'après ?").
    thanks_in = by_sentence(a, thanks)
    # A new time offered in a suggestion (_offered), outside thanks (the time of the writer's own answer to
    # come is not among `times`: « Peut-être mardi matin, je vous redis bientôt » offers mardi) — unless the
    # writer rules a new date out (« je ne suis pas en mesure de vous proposer une autre date »).
    refused = [m for m in a.group("report.demandes", valid=False) + a.group("report.expressions", valid=False)
               if m.negated and m.expr.polarity == "affirmative"]
    refusing = a.lexicon.words["report.refus_du_candidat"]
    # (« je n'ai pas d'autre date à vous proposer » : the denied proposal verb may stand beside the time, outside
    # the expression's words.)
    ruled_out = [m for m in refused + [v for v in a.group("report.verbes", valid=False)
                                       if v.negated and v.expr.polarity == "affirmative" and _from_candidate(v, a, thanked)]
                 if any(t.lemma_ in refusing for t in m.span)]
    for t in times:
        if not ruled_out and _offered(t, a) and a._sent_start(t.span) not in thanks_in:
            return Verdict(True, [t])
    for t in times:
        # (« Je vous redis demain matin si ça s'arrange ? » : when the writer will answer, asked.)
        if (_question(t) or _possibility_asked(t)) and a._sent_start(t.span) not in thanks_in and t.span.sent.start_char not in answers \
                and not _someone_elses_clause(t, a):
            return Verdict(True, [t])
    if ruled_out:
        # « je ne suis pas en mesure de vous proposer un nouveau créneau » : the writer's own word on it; a
        # template asking for a date would contradict them (model.WRITERS_CALL: the finding stays, no fix).
        m = ruled_out[0]
        sent = m.span.sent
        f = left_to_writer(ID, Severity.AVERTISSEMENT,
                           f"Le message écarte un report ({quote(m)}) : ton ne propose pas de date à votre place. Si "
                           "vous restez intéressé(e), dites quand vous pourrez en proposer une.",
                           sent.start_char, sent.end_char)
        return Verdict(False, [], [f], f"Le message écarte un report ({quote(m)}) au lieu de proposer une autre date.")
    if refused:
        return Verdict(False, [], [], f"Le message écarte un report ({quote(refused[0])}) au lieu de proposer une autre date.")
    # A time word or a verb alone is no judgment of the lexicon (« je peux me reconnecter jeudi », where
    # « reconnecter » is no proposal verb of the list): the sentence layer may still read a proposal there.
    # The sentences of the writer's own answer to come say when they will answer, not a new date, whatever the
    # sentence layer reads there.
    # (Nor a date the writer says they cannot commit to: « il m'est impossible de m'engager sur une nouvelle date ».)
    ruled = frozenset(m.span.sent.start_char for m in a.group("report.expressions") + a.group("report.verbes")
                      if _dismissed(m, a))
    # (Nor a sentence whose times the lexicon all read as a third party's dates: « si l'opération se passe bien
    # jeudi » — not « je peux faire l'entretien n'importe quel jour cette semaine, maintenant la box est réparée ».)
    ruled |= {found[0].span.sent.start_char for found in times_in.values()
              if all(_someone_elses_clause(t, a) for t in found)}
    return rescued(ctx, Verdict(False, [], [], "Aucune autre date ni aucun créneau n'est proposé."), "report",
                   ("report.expressions", "report.demandes"), skip=answers | ruled)


_DEFINITE = {"le", "la", "l'", "l’", "notre", "votre", "ce", "cet", "cette"}


def _the_planned_slot(verb) -> bool:
    """« c Kevin, le candidat pour le créneau de demain 18h », « je vous écris concernant la date de jeudi » : the
    slot already planned, named to say which interview the message is about — no new one offered."""
    root = verb.span.root
    return root.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in root.children) \
        and any(c.dep_ == "case" and c.lower_ in ("pour", "concernant") for c in root.children) \
        and not any(t.text == "?" for t in root.sent)


def _proposes_something_else(verb: Match, a: Analysis) -> bool:
    """« peut-être je trouve un ami pour m'amener », « organiser son retour à domicile » : the verb's direct object
    is neither a time nor a meeting (listes.yaml @moment, @entretien, @jour, @mois) nor ours or the recipient's
    (« rencontrer votre équipe », « organiser notre point »)."""
    root = verb.span.root
    # (What « décaler », « reporter » move is the meeting, whatever it is called: « décaler notre session ».)
    if root.pos_ != "VERB" or root.lemma_ in a.lexicon.lists.get("decaler", ()):
        return False
    ok = _times_and_meetings(a)
    for obj in root.children:
        if obj.dep_ != "obj" or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        if obj.lemma_.lower() in ok \
                or any(c.lower_ in ("votre", "vos", "notre", "nos") for c in obj.children):
            return False
        return True
    return False


def _gets_better(m) -> bool:
    """« je vous redis demain matin si ça s'arrange », « ça ira mieux d'ici jeudi » : things getting better, not a
    time that suits (« si cela vous arrange », « mardi m'irait mieux »)."""
    # (« peut-être que ça ira mieux d'ici jeudi » : « ça ira mieux » is the writer's health or plight, not « mardi
    # m'irait mieux ».)
    # (« on verra demain matin comment elle va » : someone's health, not a time that suits « vous ».)
    # (Not the writer going, « jeudi, j'irai volontiers », « je vais pouvoir venir », nor « il vous va ».)
    if any(t.lemma_ == "aller" and any(c.lower_ == "comment" or ((c.dep_.startswith("nsubj") or c.dep_ == "expl:subj")
                                                                  and c.lower_ in ("il", "elle", "ils", "elles"))
                                       for c in t.children)
           and not any(c.lower_ in ("vous", "te", "t'", "t’", "me", "m'", "m’", "nous") for c in t.children) for t in m.span):
        return True
    return any(t.lemma_ == "arranger" and any(c.lower_ in ("s'", "s’", "se") for c in t.children) for t in m.span) \
        or any(t.lemma_ == "aller" and any(c.lower_ == "mieux" for c in t.children)
               and any(c.dep_.startswith("nsubj") and c.lower_ in ("ça", "cela", "ca", "tout") for c in t.children)
               for t in m.span)


RULE = Rule(
    id=ID, kind="critere", title="Proposer une autre date",
    explanation=(
        "Quand le candidat reste intéressé (annulation, report), le message propose ou demande une autre date ou "
        "un autre créneau : « je vous propose jeudi », « seriez-vous disponible la semaine prochaine ? », "
        "« pourrions-nous reprogrammer ? », « je peux venir le lundi 16 ». Une proposition niée (« je ne souhaite "
        "pas reporter ») ne compte pas ; « je dois reporter » sans nouvelle date ni demande non plus, pas plus que "
        "« je reste disponible pour toute question »."
    ),
    good="Bonjour,\nJe dois annuler notre entretien de jeudi. Seriez-vous disponible mardi ou mercredi prochain ?\nCordialement,\nLéa",
    bad="Bonjour,\nJe dois annuler notre entretien de jeudi. Je reste disponible pour toute question.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
    label="proposition de report", short="report",
    groups=("report.expressions", "report.demandes", "report.temps", "report.verbes", "remerciement.expressions"),
    words=("report.pronoms_objets", "report.refus_du_candidat", "report.actes_recruteur", "report.disponibilite", "report.rendez_vous",
           "report.determinants_definis", "report.passe", "report.doute", "report.rencontre",
           "report.futur_proche", "report.identique",
           "report.causes", "report.convenance", "report.annonces", "report.echeances", "report.echeances_apres",
           "report.permission", "report.autres_sujets", "report.impossibilite", "report.futilite"),
    where="fin", insert=True,
)
