import re

from ..analysis import candidate_acts, hedged, if_clause, in_past, modal_imperfect, recipient_made_to
from ..fixes import FixContext, _CLAUSE_SEP, delete_span, pick_template
from ..model import WRITERS_CALL, Edit, Finding, Fix, Safety, Severity
from .base import Context, Rule, SpanMark, Verdict, finding, left_to_writer, quote, rescued, set_aside

ID = "decision_claire"
# The interview's day in the writer's words ("de mercredi", "du 14 mai", "prévu demain"), kept when the
# hedged sentence is replaced by a template that names no day.
_WHEN = re.compile(r"\b(?:de|du|prévue?(?: le| pour)?)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
                   r"(?: \d{1,2}(?: (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                   r"décembre))?)?|demain|\d{1,2} (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                   r"novembre|décembre))(?: (?:matin|midi|après-midi|soir))?\b", re.I)
_REASON_LINK = re.compile(r"(?:car|parce que|parce qu'|puisque|vu|étant donné|en raison)\b", re.I)


def _introduces(mark, words: set[str]) -> bool:
    """One of `words` opening a clause (« si je ne viens pas »), not an adverb's intensifier (« si tard »)."""
    doc = mark.doc
    # (« si jamais je déclinais », « si vraiment c'est impossible » : no degree, the clause is a hypothesis.)
    return mark.lower_ in words and mark.i + 1 < len(doc) and (
        doc[mark.i + 1].pos_ not in ("ADV", "ADJ") or doc[mark.i + 1].lower_ in _SENTENCE_ADVERBS)


# Adverbs after « si » that open a hypothesis (« si vraiment c'est impossible »), unlike degrees (« si tard »).
_SENTENCE_ADVERBS = {"jamais", "vraiment", "toutefois", "finalement", "malheureusement", "éventuellement",
                     "effectivement", "entre-temps", "réellement"}


def _introduced_by(tok, words: set[str], asking: set[str] = frozenset(), links=("mark",),
                   deferring: frozenset[str] = frozenset(), courtesy: frozenset[str] = frozenset({"plaire"})) -> bool:
    """Is the word's clause introduced by one of `words`? A hypothesis (« si d'autres postes s'ouvrent »,
    « quitte à annuler pour rien ») or a reason (« parce qu'on m'a fait une autre proposition »): not the
    announcement of the decision. Not « savoir s'il serait possible de décaler » (an indirect question,
    after a verb of `asking`) nor « vous aviser si tard »."""
    node = tok
    for _ in range(6):
        if node.lower_ in words:
            return True
        for c in node.children:
            if c.dep_ in links and _introduces(c, words) \
                    and not (node.dep_ == "ccomp" and node.head.lemma_ in asking and not _defers(node.head, deferring)
                             and not _wonders(node.head)):
                return True
        # « Si je ne vous redonne pas de nouvelles d'ici lundi, vous pouvez considérer que je ne viendrai
        # pas » : a condition set before the verb the decision depends on (not a courtesy, reglages
        # hesitation.courtoisie : « s'il vous plaît », « si vous le permettez »).
        for c in node.children:
            if c.dep_ == "advcl" and c.i < node.i and c.lemma_ not in courtesy and any(
                    k.dep_ == "mark" and _introduces(k, words) for k in c.children):
                return True
        if node.head.i == node.i or node.dep_ in ("parataxis", "conj"):
            return False  # the clause ends here
        node = node.head
    return False


_WRITING = {"écrire", "contacter", "adresser", "envoyer", "permettre", "revenir", "rapprocher"}


def _why_i_write(tok) -> bool:
    """« Je vous écris ce soir parce que je dois annuler l'entretien », « je me permets de vous contacter car je
    dois décliner » : the reason given for writing is the decision the message announces, not a reason behind it."""
    node = tok
    for _ in range(4):
        # (The parser may take the clause « parce que… » for a complement: « je vous écris parce que je ne serai pas
        # en mesure d'être présent ».)
        if node.dep_ == "advcl" or (node.dep_ in ("conj", "ccomp") and any(c.lower_ in ("car", "parce") for c in node.children)):
            head = node.head
            writer = head.head if head.dep_ == "xcomp" else head  # « je me permets de vous écrire »
            return head.lemma_ in _WRITING and head.i < node.i \
                and any(c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’") for c in (*head.children, *writer.children))
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _wonders(verb) -> bool:
    """« je me demande si… » : the writer wonders (a hesitation), not asks the recipient."""
    return any(c.i < verb.i and c.lower_ in ("me", "m'", "m’", "se", "s'", "s’") for c in verb.children)


def _until(tok) -> bool:
    """« d'ici vendredi » (not « je vous réponds ici », the place where the writer answers now)."""
    return tok.lower_ == "ici" and tok.i > 0 and tok.nbor(-1).lower_ in ("d'", "d’")


def _defers(verb, deferring: frozenset[str]) -> bool:
    """« Je vous dis demain si c'est vraiment impossible » : the writer's own answer to come (reglages
    hesitation.reponse_a_venir), not a question asked (« savoir s'il serait possible de décaler »)."""
    return verb.lemma_ in deferring and any(
        c.dep_ == "nsubj" and c.lower_ in ("je", "j'", "j’") for c in verb.children)


def _describes_a_noun(tok) -> bool:
    """« ma compagne travaille en horaires décalés » : a participle that qualifies a noun names a state of
    things, not the writer's decision."""
    return tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN") \
        and ("Part" in tok.morph.get("VerbForm") or tok.lower_.endswith(("é", "ée", "és", "ées"))) \
        and not any(c.dep_ in ("cop", "nsubj", "aux", "aux:pass") for c in tok.children)


def _fallback(tok, words: set[str]) -> bool:
    """« Sinon on pourrait décaler à mardi ? » : a decision offered as the other option, in case the first
    works out (reglages hesitation.alternative)."""
    # (« Dans le cas contraire, je ne pourrai pas donner suite », « À défaut, … » : the words that open it.)
    start = next((t.i for t in tok.sent if not t.is_punct and not t.is_space), None)
    if start is None:
        return False
    opening = " ".join(t.lower_ for t in tok.doc[start : min(start + 4, tok.sent.end)])
    return any(opening == w or opening.startswith(w + " ") for w in words)


def _in_that_case(tok, cases: set[str]) -> bool:
    """« Dans ce cas, je me retirerais de votre processus », « le cas échéant, je me désisterai » : the decision
    hangs on a case set before (reglages hesitation.cas); not « dans ce cas, je préfère annuler » (given that,
    said now, in the indicative)."""
    node = tok
    for _ in range(4):
        for c in node.children:
            if c.lemma_ in cases and c.dep_.startswith(("obl", "advmod", "nmod")):
                sure = any(k.lower_ in ("échéant", "auquel") for k in c.children) \
                    or (c.i + 1 < len(tok.doc) and tok.doc[c.i + 1].lower_ == "échéant")
                if sure or "Cnd" in node.morph.get("Mood"):
                    return True
        if node.head.i == node.i or node.dep_ in ("parataxis", "conj", "advcl", "ccomp"):
            return False
        node = node.head
    return False


def _else_as_planned(span, alternative: set[str], days: set[str], planned: set[str]) -> bool:
    """« Lundi ou mardi ce serait plus simple pour moi, mais sinon je m'arrangerai » : the other option
    (reglages hesitation.alternative) is a clause that names no other day, the appointment as planned; the
    date asked is a preference, not a request (« lundi serait mieux, sinon mardi matin » asks)."""
    if span is None:
        return False
    for t in span:
        if t.lower_ in alternative:
            rest = [w for w in span if w.i > t.i]
            # (« sinon je ne vois pas comment faire » says the date is impossible: only a verb of making do,
            # reglages hesitation.comme_prevu, not negated.)
            return any(w.lemma_ in planned and w.pos_ in ("VERB", "AUX") and not any(
                c.lower_ in ("ne", "n'", "n’", "pas") for c in w.children) for w in rest) and not any(
                w.lemma_ in days or w.lower_ in days or w.like_num for w in rest)
    return False


_PENDING = "en_suspens"  # the kind of finding of a message that says nothing is decided yet
_PENDING_HEDGED = "en_suspens_nuancee"  # … and whose decision is hedged too: left to the writer, no fix
_ALONE = {"ne", "n'", "n’", "pas", "encore", "vraiment", "trop", "plus", "toujours", "bien", "quoi", "faire", "du",
          "tout", "rien", "moi-même", "non",
          # « je sais pas encore à 100 % », « pas tout à fait », « pas complètement » : how unsure, not what of.
          "à", "100", "%", "cent", "pour", "complètement", "totalement", "fait"}


def _rest_of_clause(tok):
    """The words after `tok` up to the end of its clause (a comma, « mais », « et » or a stop)."""
    out = []
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.text in (",", ";", ":", ".", "!", "?", "…") or t.lower_ in ("mais", "et", "donc"):
            break
        out.append(t)
    return out


_OF_THAT = {"de", "d'", "d’", "du", "des", "que", "qu'", "qu’"}


def _undecided(a, words: set[str]):
    """« Je n'ai pas encore pris ma décision », « je n'arrive pas à m'y résoudre », « j'hésite encore », « je
    sais pas encore » : the writer says, now and in the first person, that nothing is decided
    (reglages hesitation.indecision), which hedges every decision of the message. Not a past hesitation
    (« j'ai longtemps hésité, mais… »), nor an unknown fact (« je ne sais pas encore quand je serai libre »),
    nor a choice between dates (« j'hésite entre mardi et jeudi »)."""
    decisions = a.group("decision.expressions", valid=False)
    for h in a.group("hesitation.expressions"):
        root = next((t for t in h.span if t.lemma_ in words), None)
        if root is None:
            continue
        verb = root.head if root.pos_ == "NOUN" else root  # « pris ma décision »
        still = any(c.lower_ == "encore" for c in verb.children)
        # (« une perspective à laquelle je ne pouvais me résoudre à renoncer » : the modal's tense is the clause's.)
        # (The tagger may read an imperfect modal, « pouvais », as a conditional: its ending tells them apart.)
        modal = verb.head if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") else None
        if (in_past(verb) or (modal is not None and (in_past(modal) or modal_imperfect(modal.lower_)))) and not still:
            continue
        # « je sais pas encore », « je ne sais pas trop quoi faire » : nothing else in its clause.
        rest = _rest_of_clause(root)
        # « je ne sais pas si je vais venir » : whether to do what the message is about is the decision itself.
        core = [t for t in rest if t.lower_ not in _ALONE]
        deciding = bool(core) and core[0].lower_ in ("si", "s'", "s’") and any(
            m.start >= core[0].idx and m.end <= core[-1].idx + len(core[-1]) for m in decisions)
        if root.lemma_ == "savoir" and not deciding and any(not (t.is_punct or t.lower_ in _ALONE) for t in rest):
            continue
        # « je ne suis pas encore sûr », « pas encore 100 % certaine » : unsure now, of nothing named (« pas sûre
        # de l'adresse » is an unknown fact); « encore » says it is the decision still pending.
        # « je n'en suis pas complètement sûre » : « en », the decision just announced, says it without « encore ».
        of_it = any(c.lower_ == "en" for c in [*root.children, *verb.children])
        if root.lemma_ in ("sûr", "certain") and (not (still or of_it)
                                                  or any(c.dep_.startswith(("obl", "ccomp", "xcomp")) and any(
                                                      k.dep_ in ("case", "mark") and k.lower_ in _OF_THAT for k in c.children)
                                                         for c in root.children)):
            continue
        # « je ne saurais, en conscience, laisser mon équipe » : « savoir » with an infinitive is « pouvoir ».
        if root.lemma_ == "savoir" and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in root.children):
            continue
        if any(c.dep_.startswith("obl") and any(k.lower_ == "entre" for k in c.children) for c in root.children):
            continue
        if candidate_acts(verb):
            return h
    return None


def _own_words(verb):
    """The words of `verb`'s clause, not those of a relative clause in it: « Je vous réponds pour l'offre que vous
    m'avez envoyée mardi » dates the offer, not the answer."""
    stack, out = [verb], []
    while stack:
        tok = stack.pop()
        out.append(tok)
        # (Nor a clause in the past, which the parser may take for a complement: « …l'offre que vous m'avez
        # transmise lundi ».)
        stack += [c for c in tok.children if c.dep_ not in ("acl", "acl:relcl")
                  and not (c.pos_ in ("VERB", "AUX") and in_past(c))]
    return out


def _decided_later(a, conf: dict):
    """« Je vous confirme ma décision définitive d'ici vendredi », « je vous donnerai ma réponse lundi » : the
    writer announces their decision for later (reglages hesitation.decision_a_venir, with a moment of
    moment_a_venir); « rien n'est encore arrêté » (rien_decide): it is not taken. Not « je vous confirme ma
    décision de ne pas donner suite » (its content is said), nor a past answer."""
    nouns, moments = set(conf.get("decision_a_venir", [])), set(conf.get("moment_a_venir", []))
    undecided, answering = set(conf.get("rien_decide", [])), set(conf.get("repondre_plus_tard", []))
    deferring = set(conf.get("reponse_a_venir", []))
    # (Only the days and moments: « je vous le confirme de façon définitive : je dois annuler » is said now.)
    dates = moments - {"définitif", "ferme", "ici"}
    awaiting = set(conf.get("evenement_a_venir", []))
    about_date = set(conf.get("objet_date", []))
    for sent in a.body_sentences:
        for t in sent:
            # « Je réponds avant vendredi, promis » : the writer's answer, dated, in the present or future.
            if t.lemma_ in answering and t.pos_ == "VERB" and _i_say_now(t) \
                    and not any(c.dep_ in ("obj", "ccomp", "xcomp") for c in t.children) \
                    and any(w.lemma_ in dates or w.lower_ in dates or _until(w) for w in _own_words(t)):
                return a.doc[t.i : t.i + 1]
            # « Je vous confirme cela d'ici vendredi », « je vous le dis demain » : the writer's word to come on what
            # was just said (a pronoun, no clause of its own), dated.
            # (« Je vous redis ça jeudi soir » : the parser may take « ça » for the subject of the day after it.)
            if t.lemma_ in deferring and t.pos_ == "VERB" and _i_say_now(t) \
                    and not any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "obj" and c.pos_ != "PRON") for c in t.children) \
                    and (any(c.dep_ == "obj" and c.lower_ in ("cela", "ça", "le", "l'", "l’") for c in t.children)
                         or (t.i + 1 < sent.end and a.doc[t.i + 1].lower_ in ("cela", "ça"))) \
                    and (any(w.lemma_ in dates or w.lower_ in dates for c in t.children if c.i > t.i
                             and c.dep_ not in ("parataxis", "advcl", "conj") for w in c.subtree)
                         # « je vous confirme tout ça dès que j'y vois plus clair » : when something happens.
                         or any(c.dep_ == "advcl" and c.i > t.i and any(k.dep_ == "mark" and k.lower_ in awaiting
                                                                        for k in c.children) for c in t.children)) \
                    and not any(w.lemma_ in about_date for w in sent):
                # (« Pour une nouvelle date, je vous redis ça dès que… » : what is to come is the date, not the decision.)
                return a.doc[t.i : t.i + 1]
            # (Not in a condition: « si rien n'est décidé d'ici là, je reprendrai contact » is the recipient's
            # choice to come.)
            if t.lower_ == "rien" and t.dep_.startswith("nsubj") and t.head.lemma_ in undecided \
                    and any(c.lower_ in ("ne", "n'", "n’") for c in t.head.children) \
                    and not if_clause(t.head):
                return a.doc[t.i : t.head.i + 1]
            # « ma décision », « une réponse ferme / définitive » : the writer's (not « votre réponse », « cette réponse »).
            if t.lemma_ not in nouns or t.pos_ != "NOUN":
                continue
            dets = [c for c in t.children if c.dep_ == "det"]
            mine = any(first_person_possessive(c) for c in dets)
            # (« une réponse définitive lundi » : the parser may hang the adjective on the day after it.)
            firm = any(c.lower_ in ("une", "un") for c in dets) and (any(
                c.dep_ == "amod" and c.lemma_ in moments for c in t.children)
                or (t.i + 1 < len(a.doc) and a.doc[t.i + 1].pos_ == "ADJ" and a.doc[t.i + 1].lemma_ in moments))
            verb = t.head
            if not (mine or firm) or t.dep_ not in ("obj", "obl:arg", "obl") or verb.pos_ != "VERB" or not _i_say_now(verb) \
                    or any(c.dep_ in ("acl", "xcomp", "ccomp") for c in t.children):
                continue
            if "Fut" in verb.morph.get("Tense") or any(w.lemma_ in moments or w.lower_ in moments for w in sent):
                return a.doc[min(verb.i, t.i) : max(verb.i, t.i) + 1]
    return None


class _Later(SpanMark):
    """The words by which the writer puts the answer off (« une réponse ferme d'ici vendredi »)."""


def _left_to_writer(why: str, start: int, end: int) -> Finding:
    """A decision the message says is still to come: the finding stays, without a fix (firming the decision
    up would decide in the writer's place)."""
    return left_to_writer(ID, Severity.ERREUR, f"{why} ton ne décide pas à votre place : une fois décidé, "
                          "annoncez-la clairement.", start, end)


def _asked(m) -> bool:
    """A decision in a question (« Est-ce possible de déplacer le rendez-vous ? »)."""
    return any(t.text == "?" for t in m.span.sent)


def _risk_of_a_thing(h) -> bool:
    """« Plutôt que de risquer un retard important, je préfère décaler » : risking a thing (a noun object, no
    infinitive) is a reason, not a hedge on the decision (« je risque de ne pas pouvoir venir » is one)."""
    root = h.span.root
    return root.lemma_ == "risquer" and any(c.dep_ == "obj" and c.pos_ == "NOUN" for c in root.children) \
        and not any(c.dep_ in ("xcomp", "ccomp") for c in root.children)


def _i_say_now(verb) -> bool:
    """A finite verb, present or future, not negated, whose own subject is « je » (« je vous confirme »,
    « je vous donnerai »), or an infinitive under « je vais »."""
    if in_past(verb) or any(c.lower_ in ("ne", "n'", "n’", "pas") for c in verb.children):
        return False
    me = ("je", "j'", "j’", "-je")
    if "Fin" in verb.morph.get("VerbForm"):
        return any(c.dep_ == "nsubj" and c.lower_ in me for c in verb.children)
    head = verb.head
    # « Pourrais-je vous donner une réponse définitive mercredi ? » asks to answer later.
    return "Inf" in verb.morph.get("VerbForm") and verb.dep_ == "xcomp" and head.lemma_ in ("aller", "pouvoir") \
        and any(c.dep_ == "nsubj" and c.lower_ in me for c in head.children)


def first_person_possessive(det) -> bool:
    return det.lower_ in ("mon", "ma", "mes", "notre", "nos")


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    clear, hedges = [], []
    conf = ctx.config.get("hesitation", {})
    hypothesis, asking = set(conf.get("hypothese", [])), set(conf.get("question_indirecte", []))
    causes, alternative = set(conf.get("cause", [])) | set(conf.get("moment", [])), set(conf.get("alternative", []))
    deferring = frozenset(conf.get("reponse_a_venir", []))
    courtesy = frozenset(conf.get("courtoisie", ["plaire"]))
    unchosen, struggling = set(conf.get("sans_choix", [])), set(conf.get("difficulte", []))
    every = a.group("decision.expressions", valid=False)
    refusing = a.lexicon.words["report.refus_du_candidat"]
    speaking = set(conf.get("futur_discours", []))
    for m in a.group("decision.expressions"):
        head = m.span.root.head
        # (What the writer struggles to do is its complement: « c'est difficile de dire non, mais je refuse » —
        # the refusal coordinated after it — is said.)
        if head.i < m.span.root.i and m.span.root.dep_ not in ("conj", "parataxis", "advcl") and (head.lemma_ in struggling or any(
                c.dep_ == "obj" and c.lemma_ in struggling and c.i < m.span.root.i for c in head.children)):
            continue
        # « plutôt que de ne pas venir au dernier moment » : the option set aside ; « ce que nous n'avions pas vu
        # venir » : a perception, no coming.
        if set_aside(m) or (m.span.root.lemma_ in a.lexicon.lists.get("venir", ()) and m.span.root.dep_ == "xcomp"
                            and m.span.root.head.lemma_ in ("voir", "entendre", "sentir")):
            continue
        # « Je ne vais pas vous proposer d'autre créneau » : « aller » before an infinitive is the near future,
        # no going; the decision, if any, is the infinitive's own match (« je ne vais pas pouvoir venir »).
        # Only where the infinitive is a decision the lexicon reads affirmed (« proposer un autre créneau »), which
        # the negation undoes: « je ne vais pas pouvoir », « je ne vais pas y répondre favorablement » still decide.
        # (Nor before a verb of what the writer says: « je ne vais pas vous mentir », hesitation.futur_discours.)
        if m.span.root.lemma_ == "aller" and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm")
                                                 and not m.start <= c.idx < m.end
                                                 and (c.lemma_ in speaking or any(
                                                     o.start <= c.idx < o.end and o.expr.polarity == "affirmative"
                                                     for o in every))
                                                 for c in m.span.root.children):
            continue
        if _in_that_case(m.span.root, set(conf.get("cas", []))):
            continue
        # « Impossible pour moi de vous donner une autre date » : what cannot be done is offering a date (mots.yaml
        # report.refus_du_candidat), not coming — no decision on the interview.
        if any(c.dep_ in ("acl", "xcomp", "advcl", "csubj") and c.lemma_ in refusing and "Inf" in c.morph.get("VerbForm")
               and any(k.dep_ == "mark" and k.lower_ in ("de", "d'", "d’") for k in c.children) for c in m.span.root.children):
            continue
        if (m.span.root.dep_ == "obj" and m.span.root.head.lemma_ in unchosen) or _introduced_by(m.span.root, hypothesis, asking, deferring=deferring, courtesy=courtesy) or (_introduced_by(m.span.root, causes, links=("mark", "cc"))
                                                                   and not _why_i_write(m.span.root)) \
                or _fallback(m.span.root, alternative) or _describes_a_noun(m.span.root) or recipient_made_to(m.span.root):
            continue
        h = hedged(m, a)
        if h is not None and _risk_of_a_thing(h):
            # « plutôt que de risquer un désistement de dernière minute » : the thing risked is no decision.
            if any(m.span.root.i in {t.i for t in c.subtree} for c in h.span.root.children if c.dep_ == "obj"):
                continue
            h = None
        if h is None:
            clear.append(m)
        else:
            hedges.append((m, h))
    # « Donc je pense que je vais être obligée de refuser » after « mon mari part avec la voiture, donc je ne peux
    # pas la prendre » : where the decision is hedged, a word of decision in a sentence that names nothing of what
    # is decided (reglages hesitation.objets_decision) is the story told, not the announcement.
    topics = set(conf.get("objets_decision", []))
    if hedges and clear and topics:
        def names_topic(sent) -> bool:
            return any(t.lemma_.lower() in topics for t in sent)

        # (« Je vous demande donc de bien vouloir le décaler » : « le », the interview named just before.)
        def resumes_topic(m) -> bool:
            sent = m.span.sent
            pronoun = any(c.dep_ in ("obj", "iobj") and c.lower_ in ("le", "la", "l'", "l’", "les")
                          for t in (m.span.root, m.span.root.head) for c in t.children)
            before = next((t for t in reversed(a.doc[: sent.start]) if not t.is_space), None)
            return pronoun and before is not None and names_topic(before.sent)

        clear = [m for m in clear if names_topic(m.span.sent) or resumes_topic(m)]
    # « Je me vois contrainte, je crois, de l'annuler » : two words of one decision in one clause; the hedge on
    # either weakens both.
    if clear and hedges:
        shared = [(m, next((h for hm, h in hedges if _same_clause(m, hm)), None)) for m in clear]
        hedges += [(m, h) for m, h in shared if h is not None]
        clear = [m for m, h in shared if h is None]
    undecided = _undecided(a, set(conf.get("indecision", []))) if clear or hedges else None
    if undecided is not None and clear:
        # After the hedged decisions: where there is one, its sentence is the finding (and its fix).
        hedges, clear = hedges + [(m, undecided) for m in clear], []
    later = _decided_later(a, conf) if clear or hedges else None
    if later is not None and clear:
        # « Je vous donne une réponse ferme d'ici vendredi » : whatever the message says, it is not the answer yet.
        hedges, clear = hedges + [(m, _Later(later)) for m in clear], []
    # « Je pense que peut-être je ne pourrai pas venir le 12. Est-ce possible de déplacer le rendez-vous ? » :
    # the decision announced first is hedged, and what follows only asks: the message hesitates.
    # (A word of hesitation, not a conditional that may be a spelling slip: « je ne pourrais pas me libérer ».)
    if clear and hedges and hedges[0][0].start < clear[0].start and all(_asked(m) for m in clear) \
            and getattr(getattr(hedges[0][1], "expr", None), "group", "") == "hesitation.expressions":
        hedges, clear = hedges + [(m, hedges[0][1]) for m in clear], []
    if clear:
        return Verdict(True, clear)
    findings = []
    for m, h in hedges:
        if h is undecided:  # elsewhere in the message: the finding is where the writer says it
            # From the negation on (« n'ai pas encore pris ma décision »), which the match leaves out.
            around = {*h.span, *(t.head for t in h.span)}
            first = min([h.span[0].i] + [c.i for t in around for c in t.children
                                         if c.lower_ in ("ne", "n'", "n’", "pas") and c.i < h.span[0].i])
            end = h.span.end
            if h.span.root.lemma_ == "savoir":  # « je ne sais pas si je vais venir » : what is not known, too
                end = max([end] + [t.i + 1 for t in _rest_of_clause(h.span.root)])
            said = a.doc[first:end]
            pending = finding(ID, Severity.ERREUR,
                              f"Décision en suspens : « {said.text} » dit que rien n'est encore décidé, alors que "
                              f"le message annonce {quote(m)}. Décidez avant d'écrire, puis annoncez-le clairement.",
                              said.start_char, said.end_char)
            # Where the decision itself is hedged as well (« je crois que je vais devoir annuler, même si je n'en suis
            # pas sûre »), the writer has not decided: no fix takes either word of doubt away (ton does not decide).
            hedged_too = any(h2 is not undecided and not isinstance(h2, _Later) for _, h2 in hedges)
            pending.kind = _PENDING_HEDGED if hedged_too else _PENDING
            findings.append(pending)
            continue
        if isinstance(h, _Later):  # the answer is announced for later: said where the decision is
            findings.append(_left_to_writer(f"Décision en suspens : {quote(m)}, mais le message annonce la réponse "
                                            f"pour plus tard (« {h.text} »).", m.start, m.end))
            continue
        s, e = min(m.start, h.start), max(m.end, h.end)
        pending = (undecided.span if undecided is not None else None) or later
        if pending is not None:
            findings.append(_left_to_writer(f"Décision hésitante : {quote(h)} affaiblit la décision, et le message "
                                            f"dit qu'elle n'est pas encore prise (« {pending.text} »).", s, e))
            continue
        findings.append(finding(ID, Severity.ERREUR,
                                f"Décision hésitante : {quote(h)} affaiblit la décision. Annoncez-la clairement.", s, e))
    if findings:
        # The first hedged decision, and the words of indecision if the message has some: two fixes.
        pending = [f for f in findings if f.kind in (_PENDING, _PENDING_HEDGED)][:1]
        kept = [f for f in findings if f.kind not in (_PENDING, _PENDING_HEDGED)][:1] + pending
        return Verdict(False, [], kept, "La décision est formulée avec hésitation.")
    # A decision worded as no lexicon lists it ("je vais devoir faire l'impasse sur mercredi"), in a
    # sentence the sentence layer reads as a decision and not as a hesitation.
    rescue = rescued(ctx, Verdict(False), "decision", ("decision.expressions", "hesitation.expressions"))
    # « Je pense qu'il serait plus honnête de me retirer, même si je n'en suis pas certaine. » : where a sentence
    # hesitates in the lexicon's words and the layer's, the decision it weighs is the message's: no other
    # sentence the layer reads as a decision makes it clear.
    hesitating = {m.span.sent.start_char for m in a.group("hesitation.expressions")}
    if rescue.met and any(s.start <= h < s.end for s in a.scored("hesitation", 0.8) for h in hesitating):
        rescue = Verdict(False)
    if rescue.met:
        s, e = rescue.evidence[0]
        if all(m["hesitation"] < 0.5 for m in a.moves if m.start == s):
            return rescue
    # Asking to move the interview is the decision of a request to reschedule ("Est-ce qu'on pourrait
    # mettre l'entretien plutôt jeudi ?"): a sentence the layer reads as a new date asked or offered,
    # without hesitation, and without a hedge of the lexicon in it.
    presence = float(ctx.config.get("gestes", {}).get("presence", 1.1))
    hedged_sents = {m.span.sent.start_char for m in a.group("hesitation.expressions", valid=False)}
    # A hesitation elsewhere ("je ne sais pas encore si je pourrai… Si c'est le cas, lundi ?") makes the
    # request conditional: no clear decision then.
    if not a.scored("hesitation", 0.5) and not a.group("hesitation.expressions"):
        days = set(a.lexicon.lists.get("jour", ())) | set(a.lexicon.lists.get("moment", ()))
        for s in a.scored("report", presence):
            if s["critique"] < 0.5 and not any(s.start <= h < s.end for h in hedged_sents) \
                    and not _else_as_planned(a.doc.char_span(s.start, s.end, alignment_mode="expand"), alternative, days,
                                             set(conf.get("comme_prevu", []))):
                return Verdict(True, [(s.start, s.end)])
    return Verdict(False, [], [], "Aucune décision explicite : dites clairement que vous annulez, déclinez, refusez ou demandez un report.")


def _same_clause(m, other) -> bool:
    """Do the two matches hang on one clause: the same word within two links up from each (« je me vois
    contrainte, je crois, de l'annuler » : both under « vois »)?"""
    def near(tok):
        # Up two links, not across a clause coordinated by « et », « mais »… (« j'annule jeudi, et je préférerais
        # peut-être reporter » : two decisions); a parenthetical « je crois » has no such link word.
        out, node = {tok.i}, tok
        for _ in range(2):
            if (node.dep_ == "conj" and any(c.dep_ == "cc" for c in node.children)) or node.head.i == node.i:
                break
            node = node.head
            out.add(node.i)
        return out
    return bool(near(m.span.root) & near(other.span.root))


def _drop_pending(ctx: FixContext, f: Finding) -> Fix | None:
    """The message announces a decision and says nothing is decided: like a hedge, the words of indecision
    go (their clause, or their sentence when it says nothing else); the decision the writer wrote stays,
    and nothing is decided in their place."""
    text = ctx.text
    s, e = ctx.sentence_at(f.start)
    if s == e:
        return None
    cut = max(text.rfind(c, s, f.start) for c in ",;:")
    start = cut if cut >= 0 else s
    # « …, mais je n'ai pas encore pris ma décision » : the conjunction goes with its clause.
    nxt = [i for i in (text.find(c, f.end, e) for c in ",;") if i >= 0]
    end = min(nxt) if nxt else e
    body = text[start:end].strip(" ,;:")
    rest = (text[s:start] + text[end:e]).strip(" ,;:.!?…")
    if not rest:
        return Fix((delete_span(text, s, e),), Safety.UNSAFE, "Retirer la phrase qui dit que rien n'est décidé")
    if start == s:  # the clause opens the sentence: what follows its comma starts the sentence
        tail = text[end:e].lstrip(" ,;:")
        return Fix((Edit(s, e, tail[:1].upper() + tail[1:]),), Safety.UNSAFE,
                   f"Retirer « {body} », qui dit que rien n'est décidé")
    if end == e:  # the clause closes the sentence: keep its final stop
        stop = text[e - 1] if text[e - 1] in ".!?…" else ""
        return Fix((Edit(start, e, stop),), Safety.UNSAFE, f"Retirer « {body} », qui dit que rien n'est décidé")
    return Fix((Edit(start, end, ""),), Safety.UNSAFE, f"Retirer « {body} », qui dit que rien n'est décidé")


def _hedges(ctx: FixContext) -> re.Pattern:
    words = sorted(ctx.rep.get("hesitations_supprimables", []), key=len, reverse=True)
    alts = [re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.I)


def fix(ctx: FixContext, f: Finding) -> Fix | None:
    if f.kind == _PENDING:
        return _drop_pending(ctx, f)
    if f.kind in (WRITERS_CALL, _PENDING_HEDGED):
        return None
    text = ctx.text
    s, e = ctx.sentence_at(f.start)
    if s == e:
        return None
    edits = []
    hedge = _hedges(ctx)
    # Hedges that follow one another (« je pense que peut-être je ne pourrai pas ») go as one: the sentence's
    # capital then falls on the first word after them all.
    runs: list[list[int]] = []
    for m in hedge.finditer(text, s, e):
        if runs and not text[runs[-1][1]:m.start()].strip(" ,"):
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    for hs, he in runs:
        end = he
        if end < e and text[end] == ",":
            end += 1
        while end < e and text[end] == " ":
            end += 1
        start = hs
        if end >= e or text[end] in ",;:.!?…":
            # The hedge closes its clause ("…, on verra."): drop it with the comma before it.
            end = he
            while start > s and text[start - 1] in " ,":
                start -= 1
        if start == s and end < e:
            edits.append(Edit(start, end + 1, text[end].upper()))
        else:
            edits.append(Edit(start, end, ""))
    if edits:
        # A sentence that is nothing but a hedge (« On verra. ») leaves with it, wherever it stands.
        for ss, se in ctx.sents:
            if (ss, se) != (s, e) and hedge.fullmatch(text[ss:se].strip(" \t.!?…,;")):
                edits.append(delete_span(text, ss, se))
        return Fix(tuple(sorted(edits, key=lambda d: d.start)), Safety.UNSAFE,
                   "Retirer l'hésitation pour que la décision soit claire")
    clear = pick_template(ctx.lex, ctx.r.type, ID)
    if not clear:
        return None
    # Only the hedged clause goes: what the writer says after it (": mon fils doit être opéré…",
    # ", parce que ma voiture est en panne") is the writer's own and stays.
    sep = _CLAUSE_SEP.search(text, max(f.start, s), e)
    # « Je pense donc que la réponse sera non » : « donc » inside the hedged words (a « que » follows) opens no
    # clause of the writer's own to keep.
    if sep is not None and re.match(r"\s*qu(?:e\b|['’])", text[sep.end():e], re.I):
        sep = None
    when = _WHEN.search(text, s, sep.start() if sep else e)
    if when and clear.endswith("notre entretien."):
        clear = clear[:-1] + " " + when.group(0) + "."
    rest = text[sep.start():e].rstrip() if sep else ""
    # A reason ("car…", ": mon fils…") or a clause after the hedged words; not an incise inside them
    # ("Je crains, hélas, de devoir annuler").
    link = sep is not None and (sep.group(0).strip(" ,") != "" or _REASON_LINK.match(text, sep.end()) is not None)
    if rest.strip(" .!?…,;:–—") and sep.start() > s and (link or sep.start() >= f.end):
        new = clear.rstrip(" .") + rest
        return Fix((Edit(s, e, new if new[-1] in ".!?…" else new + "."),), Safety.UNSAFE,
                   f"Remplacer la décision hésitante par « {clear} » (la suite de la phrase est gardée)")
    return Fix((Edit(s, e, clear),), Safety.UNSAFE, f"Remplacer la décision hésitante par « {clear} »")


RULE = Rule(
    id=ID, kind="critere", title="Énoncer une décision claire",
    explanation=(
        "Le message dit clairement ce qui est décidé : annuler, ne pas pouvoir venir ou être présent, décliner, "
        "ne pas donner suite, renoncer, refuser, demander à décaler. Une décision entourée d'hésitation (peut-être, "
        "il se peut, je ne suis pas sûr, on verra, je pense que…, « je devrais annuler ») n'est pas claire."
    ),
    good="Bonjour,\nJe ne pourrai pas être présente à notre entretien de jeudi et je dois l'annuler.\nCordialement,\nLéa",
    bad="Bonjour,\nJe pense que je vais peut-être annuler notre entretien, on verra.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
    label="décision claire", short="décision", groups=("decision.expressions", "hesitation.expressions"), words=("report.refus_du_candidat",),
    where="debut", insert=True, fix=fix, fix_priority=2,
)
