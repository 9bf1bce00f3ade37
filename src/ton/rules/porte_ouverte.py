from ..analysis import if_clause, in_past
from ..model import Severity
from . import sans_critique
from .base import ME, Context, Rule, Verdict, left_to_writer, quote, rescued

ID = "porte_ouverte"


def _past_event(tok, auxiliaries) -> bool:
    """A past infinitive ("de m'avoir recontactée") or a compound past (« ça me touche que vous ayez pensé à
    moi ») : thanks for what happened, not a wish. Not the passive infinitive ("heureuse d'être recontactée"),
    which is one."""
    # (The compound past of what the recipient did: « j'ai hâte de vous rencontrer » may be parsed as one.)
    subjects = [c.lower_ for c in tok.children if c.dep_ == "nsubj"]
    by_other = bool(subjects) and not any(w in ME for w in subjects)
    return tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm") and any(
        c.dep_.startswith("aux") and c.dep_ != "aux:pass" and c.lemma_ in auxiliaries
        and ("Inf" in c.morph.get("VerbForm") or (c.dep_ == "aux:tense" and by_other)) for c in tok.children)


def _to_reschedule(tok, purposes) -> bool:
    """« je vous recontacterai pour convenir d'un nouveau rendez-vous » : the writer comes back to set the date
    put off (mots.yaml porte_ouverte.pour_reporter), which is the report, not a door left open."""
    holder = tok.head if tok.dep_ == "xcomp" else tok  # « je me permettrai de vous recontacter »
    # (Its own subject first: the parser may hang « je vous recontacterai » as an xcomp of the clause before.)
    if not any(c.dep_.startswith("nsubj") and c.lower_ in ME for h in (tok, holder) for c in h.children):
        return False
    return any(c.dep_ in ("advcl", "xcomp", "obl", "obl:mod") and c.lemma_ in purposes
               and any(k.dep_ in ("mark", "case") and k.lower_ == "pour" for k in c.children) for c in tok.children)


def _in_hypothesis(m) -> bool:
    """« plus tard » (not « au / pas plus tard ») in a clause opened by « si »."""
    doc = m.span.doc
    if m.span.start and doc[m.span.start - 1].lower_ in ("au", "pas", "ou"):
        return False
    # « si c'est pour lui envoyer un refus dix jours plus tard » : after a duration, a moment counted from
    # another, no future.
    if m.span.start and (doc[m.span.start - 1].lemma_ in _DURATIONS or doc[m.span.start - 1].like_num):
        return False
    return any(if_clause(node) for node in [m.span.root, *m.span.root.ancestors][:4])


_DURATIONS = {"minute", "heure", "jour", "journée", "semaine", "mois", "an", "année", "temps"}
_MEETING = {"recevoir", "rencontrer", "revoir", "voir", "convoquer", "reconvoquer", "entendre"}


def _meeting_me(tok) -> bool:
    """« si vous acceptez de me recevoir plus tard / à une autre occasion » : the interview put off, asked for (the
    report), not a later vacancy — a verb of meeting the writer (« me ») over the words."""
    return any(h.lemma_ in _MEETING and any(c.lower_ in ("me", "m'", "m’") and c.i < h.i for c in h.children)
               for h in [tok, *tok.ancestors][:3])


def _turned(a, start: int, end: int) -> bool:
    """« Votre processus a été désorganisé, mais j'espère travailler avec vous à l'avenir » : after « mais », the
    wish is the writer's own, not part of the remark."""
    span = a.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.lower_ == "mais" for t in span)


_WHEN = ("si", "s'", "s’", "quand", "lorsque", "lorsqu'", "lorsqu’")


def _hypothesis(tok):
    """The head of the clause that makes `tok` a hypothesis (« si … », « quand … », « au cas où … »), or None.
    Climbs to the word's own clause only (an infinitive to its verb: « si vous souhaitez recruter »), not
    across a coordination (« si vous voyez d'autres candidats, mais le poste m'intéresse »)."""
    node = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _WHEN for c in node.children) \
                or (node.dep_ == "acl:relcl" and node.head.lemma_ == "cas"):
            return node
        head_of_clause = node.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in node.children)
        if (head_of_clause and node.dep_ != "xcomp") or node.dep_ == "conj" or node.head.i == node.i:
            return None
        node = node.head
    return None


def _later_vacancy(a, words) -> list[tuple[int, int]]:
    """« Si l'association cherche un jour des bras, je suis partante », « au cas où le cabinet s'agrandirait un
    jour », « s'il y a un autre poste », « si vous avez besoin de monde au printemps », « si un poste se
    libère » : in a hypothesis, the recipient's side hiring later (mots.yaml porte_ouverte.vacance_*) — the
    writer offers themself for it. Not the writer's own plan (« si je trouve un autre poste »), nor someone
    else freeing themself (« si ma sœur peut se libérer »), nor a need that is no one to hire (« si vous avez
    besoin d'un document »), nor a near date (« si le poste est encore ouvert d'ici la fin du mois prochain »:
    the mark must qualify the place or the clause itself)."""
    verbs, nouns = words["porte_ouverte.vacance_verbes"], words["porte_ouverte.vacance_noms"]
    marks, people = words["porte_ouverte.vacance_marques"].words, words["porte_ouverte.vacance_personnes"].words
    out, seen = [], set()
    for sent in a.body_sentences:
        if not a.structure.own_sentence(sent.start_char) or sent.start in seen:
            continue
        for tok in sent:
            lem = tok.lemma_.lower()
            if not (lem in verbs and tok.pos_ == "VERB") and not (lem in nouns and tok.pos_ == "NOUN") or _meeting_me(tok):
                continue
            verb = _hypothesis(tok)
            # Not a past « quand » (« quand vous m'avez présenté le poste »), nor a concession (« même si »), nor a
            # condition for refusing (« si la mission commence au printemps, je ne serai pas disponible »), nor a
            # place filled (« si le poste est pourvu un jour »).
            # (« si » with the imperfect is the hypothesis itself: « si une autre session devait être organisée ».)
            when = verb is not None and any(c.dep_ == "mark" and c.lower_.startswith(("quand", "lorsqu")) for c in verb.children)
            if verb is None or (when and in_past(verb)) or verb.lemma_ == "pourvoir" \
                    or any(c.dep_ == "mark" and c.i and c.nbor(-1).lower_ == "même" for c in verb.children) \
                    or (any(c.lower_ in ("ne", "n'", "n’", "pas", "plus", "jamais") for c in verb.head.children)
                        and not any(h.lemma_ in ("hésiter", "manquer", "oublier") for h in [verb.head, *verb.head.ancestors][:3])):
                continue
            subjects = [c for v in {verb.i: verb, tok.i: tok}.values() for c in v.children if c.dep_.startswith("nsubj")]
            if any(c.lower_ in ME for c in subjects):
                continue
            # « se libérer », « se présenter », « s'ouvrir » : only a place does that for the writer.
            reflexive = lem in verbs and any(c.lemma_ == "se" for c in tok.children)
            if reflexive and not any(c.lemma_.lower() in nouns for c in subjects):
                continue
            near = [*tok.children, *verb.children]
            # (People only as those sought: « si vous cherchez quelqu'un », « besoin de monde ».)
            seeking = lem in ("besoin", "chercher", "rechercher", "recruter", "embaucher")
            if reflexive or any(t.lemma_.lower() in marks for t in near) \
                    or (seeking and any(t.lemma_.lower() in people for t in [*tok.subtree, *verb.children] if t.i != tok.i)):
                out.append((sent.start_char, sent.end_char))
                seen.add(sent.start)
                break
    return out


def _reply_promised(tok, words, places=frozenset(), marks=frozenset()) -> bool:
    """« Je vous recontacte au plus tard mercredi » : the writer, in the present, promises an answer soon
    (mots.yaml porte_ouverte.reponse_promise) — not a wish to stay in touch (« je vous recontacterai si un
    poste s'ouvre »)."""
    # (The tagger calls the future « recontacterai » a present: the ending tells.)
    # (Not for a place to come: « je te recontacte dès que je l'ai, pour la saison prochaine », porte_ouverte.vacance_noms
    # with a mark of vacance_marques — not « je vous recontacte lundi pour le poste ».)
    return tok.lemma_ in words and "Pres" in tok.morph.get("Tense") and "Ind" in tok.morph.get("Mood") \
        and not tok.lower_.endswith(("rai", "ras", "ra", "rons", "rez", "ront")) and any(c.dep_.startswith("nsubj") and c.lower_ in ME for c in tok.children) \
        and not any(c.dep_.startswith("obl") and c.lemma_ in places and any(k.lower_ == "pour" for k in c.children)
                    and any(k.lemma_ in marks for k in c.children) for c in tok.children)


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    words = a.lexicon.words
    # "merci de m'avoir recontactée" tells the past, it is no wish for the future.
    # « une piste à revoir pour vos prochains recrutements » : words of the future inside a remark are advice
    # on the recipient's practice, not a wish to stay in touch.
    remarks = ctx.verdict(sans_critique.RULE).findings
    found = [m for m in a.group("porte_ouverte.expressions")
             if not _past_event(m.span.root, words["porte_ouverte.auxiliaires"])
             and not _to_reschedule(m.span.root, words["porte_ouverte.pour_reporter"])
             and not _reply_promised(m.span.root, words["porte_ouverte.reponse_promise"], words["porte_ouverte.vacance_noms"],
                                     words["porte_ouverte.vacance_marques"])
             and not any(f.start <= m.start and m.end <= f.end and not _turned(a, f.start, m.start) for f in remarks)]
    # « Si vous avez un autre poste plus tard… » : a later time in a hypothesis the writer makes.
    found += [m for m in a.group("porte_ouverte.plus_tard") if _in_hypothesis(m) and not _meeting_me(m.span.root)]
    found += [(s, e) for s, e in _later_vacancy(a, words)
              if not any(f.start <= s < f.end and not _turned(a, f.start, s) for f in remarks)]
    if found:
        return Verdict(True, found)
    why = "Le message ne laisse pas la porte ouverte (rester en contact, futures opportunités)."
    refused = [m for m in a.group("porte_ouverte.expressions", valid=False) if m.negated]
    # « Je ne postulerai plus chez vous » : the writer shuts the door; reopening it would put words in their
    # mouth. The finding stays, without a template (model.WRITERS_CALL).
    closed = a.group("porte_ouverte.fermeture")
    if closed:
        sent = closed[0].span.sent
        f = left_to_writer(ID, Severity.AVERTISSEMENT,
                           f"Le message ferme la porte ({quote(closed[0])}) : ton ne la rouvre pas à votre place. Si "
                           "vous souhaitez rester en contact, dites-le ; sinon, une formule de politesse neutre suffit.",
                           sent.start_char, sent.end_char)
        return Verdict(False, [], [f], "Le message ferme la porte : il n'invite pas à rester en contact.")
    if not refused:
        rescue = rescued(ctx, Verdict(False, [], [], why), "porte_ouverte", ("porte_ouverte.expressions",))
        if rescue.met:
            return rescue
    if refused:
        why = f"Le message ferme la porte (« {refused[0].text.strip()} ») : il n'invite pas à rester en contact."
    elif any(words["porte_ouverte.formules_vides"].in_text(m.text) for m in a.group("courtoisie.expressions")):
        why += " Souhaiter « bonne continuation » ou « le meilleur » ne suffit pas."
    return Verdict(False, [], [], why)


RULE = Rule(
    id=ID, kind="critere", title="Laisser la porte ouverte",
    explanation=(
        "Le message exprime le souhait de rester en contact, d'opportunités futures ou d'une rencontre future : "
        "rester en contact, futures opportunités, au plaisir de…, nos chemins se croiseront, LinkedIn. Une formule "
        "niée (« je ne souhaite pas être recontacté ») ne compte pas ; « bonne continuation » seul non plus."
    ),
    good="Bonjour,\nJe décline votre invitation. J'espère que nos chemins se croiseront à l'avenir.\nCordialement,\nLéa",
    bad="Bonjour,\nJe décline votre invitation. Bonne continuation.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="porte ouverte", short="porte", groups=("porte_ouverte.expressions", "porte_ouverte.fermeture", "porte_ouverte.plus_tard", "courtoisie.expressions"),
    words=("porte_ouverte.auxiliaires", "porte_ouverte.formules_vides", "porte_ouverte.pour_reporter",
           "porte_ouverte.vacance_verbes", "porte_ouverte.vacance_noms", "porte_ouverte.vacance_marques",
           "porte_ouverte.vacance_personnes", "porte_ouverte.reponse_promise"),
    where="fin", insert=True,
)
