import re

from ..analysis import clause_root, doc_text
from ..fixes import FixContext, pick_template, replace_sentence
from ..model import Finding, Fix, Severity
from ..polarite import polarities
from ..positions import Nearby, by_sentence
from .base import THEIRS, Context, Rule, Verdict, finding, me_before, quote, rescued, substantive, thanks_pointed_at, writers_own_noun

ID = "remerciement"


def _request(m) -> bool:
    """"Merci de ne plus me solliciter": a request not to do something is no thanks.
    ("Merci de me tenir informé" stays a polite thanks in advance, like "merci d'avance".)"""
    doc = m.span.doc
    i = m.span.end
    if i >= len(doc) or doc[i].lower_ not in ("de", "d'", "d’"):
        return False
    return any(t.lower_ in ("ne", "n'", "n’") for t in doc[i + 1 : i + 4])


def _refusal(m, words) -> bool:
    """« Non merci », « non, merci » : a refusal (mots.yaml remerciement.refus), not thanks."""
    doc, i = m.span.doc, m.span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].lower_ in words


def _governed(tok) -> set[int]:
    """What the thanks is about: its subtree, without the clauses merely coordinated to it ("…, mais …")."""
    out, todo = set(), [tok]
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo.extend(c for c in t.children if c.dep_ not in ("conj", "parataxis", "cc"))
    return out


def _read_as_reproach(a, m, threshold: float, moves: Nearby | None = None):
    """The sentence layer's scores for the thanks' sentence, when they read it as a reproach (at the
    threshold of a likely reproach, reglages.yaml gestes.critique_probable) and not as thanks.
    `moves`: a.moves indexed by position (the same first sentence, without scanning them all)."""
    sent = m.span.sent
    # « …surtout pour l'appel : il n'est pas si fréquent qu'un recruteur prenne le temps d'expliquer sa
    # décision » : praise of the recipient in a clause of its own (critique.eloge) makes the thanks sincere;
    # not the thing thanked for (« merci d'avoir finalement pris le temps de me répondre, six semaines
    # après », which the irony turns).
    # (Apart: after a colon or semicolon, which the parser may still hang under the thanks.)
    root, doc = clause_root(m.span.root).i, a.doc
    if any(clause_root(e.span.root).i != root or any(t.text in (":", ";") for t in doc[m.span.end:e.span.start])
           for e in a.group_in_sentence("critique.eloge", a._sent_start(m.span)) if e.start >= m.end):
        return None
    candidates = a.moves if moves is None else moves.around(min(m.start, sent.start_char), max(m.start, sent.end_char))
    for s in candidates:
        if s.start <= m.start < s.end or sent.start_char <= s.start < sent.end_char:
            return s if s["critique"] >= threshold and s["remerciement"] < 0.3 else None
    return None


def _pointed_at(a, m, conf: dict, moves: Nearby):
    """« Merci pour ce mail de quatre lignes », « merci pour ce courriel si chaleureux » : thanks for a thing
    pointed at with a demonstrative, in a sentence the sentence layer leans towards reading as a reproach
    (below the likely threshold). Sincere thanks name their object plainly (« merci pour votre retour »)."""
    need = float(conf.get("ironie_critique", 1.1))
    if not thanks_pointed_at(m, set(conf.get("demonstratifs", []))):
        return None
    s = next((s for s in moves.around(m.start, m.end) if s.start <= m.start < s.end), None)
    return s if s is not None and s["critique"] >= need and s["remerciement"] < 0.5 else None


def _overpraised(a, m, conf: dict, likely: float, moves: Nearby):
    """« Merci pour cette offre si généreuse. Un CDD de trois mois, des astreintes… » : the thing thanked for is
    praised with an exclamative degree word (reglages.yaml remerciement.intensifs) and the very next sentence
    reads as a likely reproach (gestes.critique_probable) — antiphrasis. The reproach's sentence, if so."""
    demonstratives, degree = set(conf.get("demonstratifs", [])), set(conf.get("intensifs", []))
    objects = [c for t in m.span for c in t.children if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "obj")]
    if not any(d.dep_ == "det" and d.lower_ in demonstratives for o in objects for d in o.children):
        return None
    # (The tagger may take the participle for a noun: « ce message si personnalisé », nmod.)
    if not any((adj.pos_ == "ADJ" or adj.dep_ == "nmod") and any(c.lower_ in degree for c in adj.children)
               for o in objects for adj in o.children if adj.dep_ in ("amod", "acl", "nmod")):
        return None
    end = m.span.sent.end_char
    following = sorted((s for s in moves.around(end, end + 400) if s.start >= end), key=lambda s: s.start)
    s = following[0] if following else None
    return s if s is not None and s["critique"] >= likely and s["remerciement"] < 0.3 else None


def _praise_after_reproach(a, m, conf: dict, likely: float, moves: Nearby):
    """« …à mes frais, et j'ai droit à trois lignes copiées-collées. Merci infiniment pour cette délicate attention. »,
    « Merci, vraiment, c'est touchant. », « Merci pour cette marque de considération » : thanks that praise what
    they thank for — a courtesy (reglages.yaml remerciement.egards) not given as the recipient's (no « votre »), a
    thing pointed at with a demonstrative and an adjective textblob-fr rates positive, or « c'est » and such an
    adjective after the thanks — right after a passage the layer reads as a likely reproach and not as thanks
    (gestes.critique_probable; one of the two units before, in the same paragraph): antiphrasis. Not thanks
    conceded (« merci quand même pour cette belle rencontre »). That passage, if so."""
    sent, doc = m.span.sent, m.span.doc
    if any(t.lower_ in _CONCEDING for t in sent):
        return None
    courtesies, demonstratives = set(conf.get("egards", [])), set(conf.get("demonstratifs", []))
    pols = polarities()
    def positive(t) -> bool:  # (« c'est touchant » : the tagger may read the adjective as a participle)
        return (t.pos_ == "ADJ" or "Part" in t.morph.get("VerbForm")) and pols.get(t.lower_, 0.0) >= 0.2
    objects = [c for t in m.span for c in t.children if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "obj")]
    # (« cette marque de considération » : the courtesy completes the noun thanked for.)
    nouns = [n for o in objects for n in (o, *(c for c in o.children if c.dep_ == "nmod"))]
    # (Not the recipient's courtesy, « votre », nor their people's: « le professionnalisme de toute l'équipe ».)
    courteous = any(n.lemma_.lower() in courtesies and not any(d.dep_ == "det" and d.lower_ in THEIRS for d in n.children)
                    and not any(d.dep_ == "nmod" for d in n.children) for n in nouns)
    pointed = any(any(d.dep_ == "det" and d.lower_ in demonstratives for d in o.children)
                  and any(positive(c) for c in o.children if c.dep_ == "amod") for o in objects)
    after = [t for t in doc[m.span.end : sent.end]]
    called = any(t.lower_ in ("c'est", "c'", "c’") for t in after) and any(positive(t) for t in after)
    if not (courteous or pointed or called):
        return None
    start = sent.start_char
    text = doc_text(doc)
    before = sorted((s for s in moves.around(max(0, start - 600), start) if s.end <= start and s.start < start),
                    key=lambda s: s.start)[-2:]
    for s in reversed(before):
        if "\n\n" in text[s.end:start]:
            break
        if s["critique"] >= likely and s["remerciement"] < 0.3:
            return s
    return None


def _turned_after(a, m, conf: dict, likely: float, moves: Nearby):
    """« Merci de m'avoir fait venir deux fois. Tout ça pour apprendre… que le poste revient au fils d'une amie » : the
    next sentence of the paragraph opens on a turn (reglages remerciement.retournement) and the layer reads it as a
    likely reproach (gestes.critique_probable) — it makes the thanks a grievance. That sentence, if so."""
    turns = tuple(w.lower() + " " for w in conf.get("retournement", []))
    sent, doc = m.span.sent, m.span.doc
    nxt = next((t for t in doc[sent.end : sent.end + 3] if not t.is_space), None)
    if not turns or nxt is None or "\n\n" in doc_text(doc)[sent.end_char : nxt.idx]:
        return None
    low = nxt.sent.text.lower()
    turn = next((w for w in turns if low.startswith(w)), None)
    if turn is None:
        return None
    # (What it all led to: an infinitive, « tout ça pour apprendre que… », or « tout ça pour ça / rien » — not « tout ça
    # pour une candidate que vous ne connaissiez pas la veille : j'ai été sensible à cette attention ».)
    after = next((t for t in nxt.sent if t.idx >= nxt.sent.start_char + len(turn) and not t.is_space), None)
    if after is None or not ("Inf" in after.morph.get("VerbForm") or after.lower_ in ("ça", "cela", "rien")
                             or (after.lower_ in ("vous", "me", "m'", "m’") and after.head.pos_ == "VERB")):
        return None
    # (« Tout ça pour dire que je suis très motivé », « Tout ça pour un poste de saisonnier, c'est rare, et ça m'a
    # touchée » : a summing-up, or wonder — the turn only where the layer reads that sentence as a reproach.)
    move = next((s for s in moves.around(nxt.idx, nxt.idx + 1) if s.start <= nxt.idx < s.end), None)
    return nxt.sent if move is not None and move["critique"] >= likely and move["remerciement"] < 0.3 else None


def _doubted_thanks(m, conf: dict):
    """« Merci quand même pour le temps passé, j'imagine. » : thanks the writer closes on a bare « j'imagine », « je
    suppose » (reglages.yaml remerciement.supposition), a supposition with nothing after it — doubting its own
    thanks (not « merci, je suppose que vous avez reçu beaucoup de candidatures »)."""
    verbs = set(conf.get("supposition", []))
    sent = m.span.sent
    words = [t for t in sent if not t.is_space and not (t.is_punct and t.text != ",")]
    for k, t in enumerate(words):
        if t.lemma_ in verbs and t.i > m.span.end and k and words[k - 1].lower_ in ("je", "j'", "j’") \
                and k >= 2 and words[k - 2].text == "," and all(u.text == "," for u in words[k + 1:]):
            # (Not a supposition on a clause of its own between them: « merci pour votre retour, vous devez être
            # très sollicités, j'imagine ».)
            if any("Fin" in u.morph.get("VerbForm") for u in m.span.doc[m.span.end : words[k - 1].i]):
                return None
            return t
    return None


# « Merci quand même / néanmoins / malgré tout… » : thanks conceded after a reproach stay sincere.
_CONCEDING = {"même", "malgré", "néanmoins", "toutefois", "cependant", "pourtant"}
_QUANTITIES = {"un", "une", "deux", "trois", "quatre", "cinq", "six", "dix", "quelques", "le", "la", "les", "l'", "l’"}


def _backhanded(m):
    """« Je vous remercie pour cette offre, qui m'aura au moins beaucoup appris », « merci pour ce mail, il aura au
    moins eu le mérite d'être rapide » : « au moins » after the thanks, in its sentence and before any « mais »,
    leaves the thing thanked for a merit by default — sarcasm. (Not a quantity: « au moins 48 heures avant ».)"""
    doc = m.span.doc
    for t in doc[m.span.end : m.span.sent.end]:
        if t.lower_ == "mais" or t.text in (";", ":"):
            return None
        if t.lower_ == "au" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "moins":
            nxt = doc[t.i + 2] if t.i + 2 < len(doc) else None
            if nxt is not None and (nxt.like_num or nxt.lower_ in _QUANTITIES):
                return None
            return doc[t.i : t.i + 2]
    return None


def _conceded_feeling(tok) -> bool:
    """« Merci pour votre message, même si la nouvelle me déçoit forcément » : the writer's own feeling (« me »
    its object) conceded after « même si » leaves the thanks sincere."""
    if not me_before(tok):
        return False
    return any(c.dep_ == "mark" and ((c.lower_ in ("si", "s'", "s’") and c.i and c.nbor(-1).lower_ == "même")
                                     or (c.lower_ == "même" and any(k.lower_ in ("si", "s'", "s’") for k in c.children)))
               for c in tok.children)


def _spared_form_letter(m, words) -> bool:
    """« Merci de me l'annoncer vous-même plutôt que par un mail automatique » : the form letter the recipient did
    not send (after « plutôt que », « au lieu de », « et non ») praises what they did instead; the sentence layer,
    reading the form letter, takes it for sarcasm."""
    toks = list(m.span.sent)
    for k, t in enumerate(toks):
        if (t.lower_ == "plutôt" and k + 1 < len(toks) and toks[k + 1].lower_ in ("que", "qu'", "qu’")) \
                or (t.lower_ == "lieu" and k and toks[k - 1].lower_ == "au") \
                or (t.lower_ == "non" and k and toks[k - 1].lower_ == "et"):
            if any(u.lower_ in words for u in toks[k + 1 : k + 7]):
                return True
    return False


_FEW = {"un", "une", "deux", "trois", "quatre", "cinq", "1", "2", "3", "4", "5"}


def _measured_message(m, measure, objects, messages) -> bool:
    """« Merci pour ce refus en trois lignes », « ce mail de quatre lignes » : the measure bears on a message thanked
    for (mots.yaml remerciement.messages), with no kind word on it (not « votre petit mot de deux lignes », nor
    « merci, en deux mots, pour… », nor « merci d'avoir résumé en trois phrases »)."""
    doc = measure.doc
    if any(t.text == "," for t in doc[m.span.end : measure.i]):
        return False
    nouns = [o for o in objects if o.lemma_.lower() in messages and not any(
        c.dep_ in ("amod", "det") and (c.lower_ in THEIRS or c.lower_ in ("petit", "gentil", "joli", "beau", "charmant"))
        for c in o.children)]
    return measure.head in nouns or (measure.head.i in {t.i for t in m.span} and bool(nouns))


def _form_letter(m, words, short, messages):
    """« Merci pour ce mail type », « merci pour le mail automatique », « votre retour sous forme de courriel
    type » : what is thanked for is belittled as a form letter (mots.yaml remerciement.objets_deprecies), or
    measured in a few lines (« ce refus en trois lignes », remerciement.mesures_courtes) — sarcasm. The word that
    belittles it (a span), if any."""
    objects = [c for t in m.span for c in t.children if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "obj")]
    todo = [*objects, *(g for o in objects for g in o.children)]
    while todo:
        t = todo.pop()
        if t.dep_ in ("acl", "acl:relcl", "conj", "advcl", "parataxis"):
            continue  # « … qui n'est pas un mail type » : a clause of its own
        if t.lower_ in words and t.dep_ in ("amod", "nmod", "compound", "appos", "flat", "fixed") and t not in objects:
            return t.doc[t.i : t.i + 1]
        if t.lemma_.lower() in short and any(c.dep_ == "nummod" and c.lower_ in _FEW for c in t.children) \
                and any(c.dep_ == "case" and c.lower_ in ("en", "de", "d'", "d’") for c in t.children) \
                and _measured_message(m, t, objects, messages):
            return t.doc[t.left_edge.i : t.i + 1]  # « en trois lignes »
        if t not in objects:
            todo.extend(t.children)
    return None


# « Merci pour cette offre « très compétitive » », « merci pour ce « retour » » : what is thanked for is put
# between quotation marks, the writer's distance from it.
# A job title or a subject line between quotation marks is no irony: the quoted words start in lower case
# and do not follow « poste », « intitulé », « objet ».
_SCARE_QUOTED = re.compile(r"(?![^«]*\b(?:poste|intitulé|intitulée|objet|mission)\s*«)[^.!?\n«]{0,40}?«\s*[a-zà-ÿ][^»\n]{0,39}?\s*»")


def _conceded_after(a, m, concession: list[list[str]]) -> int | None:
    """Where a concession (reglages remerciement.concession: « même si », « bien que ») opens after the thanks,
    in its sentence; None without one."""
    doc = a.doc
    words = [t.lower_.replace("’", "'") for t in doc[m.span.end : m.span.sent.end]]
    for k in range(len(words)):
        for c in concession:
            if words[k : k + len(c)] == c:
                return doc[m.span.end + k].idx
    return None


def _scare_quoted(a, m) -> bool:
    text = doc_text(a.doc)
    sent = m.span.sent
    return _SCARE_QUOTED.match(text, m.end, sent.end_char) is not None


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    ironic = a.group("remerciement.exclusions", valid=False)
    critiques = [c for c in a.group("critique.jugements")
                 if not writers_own_noun(c.span.root) and not _conceded_feeling(c.span.root)
                 and not substantive(c.span.root)] \
        + a.group("critique.directes") + a.group("insistance.expressions")  # « …, après trois semaines de silence »
    kept, findings = [], []
    likely = float(ctx.config.get("gestes", {}).get("critique_probable", 1.1))
    ironic_conf = ctx.config.get("remerciement", {})
    # Each thanks meets only its neighbours: the ironic words around it, the reproaches of its sentence.
    ironic_near, critiques_in, moves = Nearby(ironic), by_sentence(a, critiques), Nearby(a.moves)
    refusal = a.lexicon.words["remerciement.refus"]
    concession = [c.split() for c in ironic_conf.get("concession", [])]
    deprecated = a.lexicon.words["remerciement.objets_deprecies"]
    short = a.lexicon.words["remerciement.mesures_courtes"]
    messages = a.lexicon.words["remerciement.messages"]
    for m in a.group("remerciement.expressions"):
        if _request(m) or _refusal(m, refusal):
            continue
        irony = next((x for x in ironic_near.around(m.start, m.end)
                      if x.start <= m.start < x.end or m.start <= x.start < m.end), None)
        # Thanks whose own clause carries a reproach reads as sarcasm ("merci de m'avoir fait attendre");
        # a reproach after "mais" or in another clause leaves the thanks sincere.
        if irony is None:
            root = clause_root(m.span.root).i
            governed = _governed(m.span.root)  # "merci pour cette invitation qui arrive 3 semaines après…"
            irony = next((c for c in critiques_in.get(a._sent_start(m.span), ())  # a.same_sentence(m, c)
                          if clause_root(c.span.root).i == root or c.span.root.i in governed), None)
        # « Merci pour votre réponse, même si elle n'est pas positive » : a reproach conceded after the thanks.
        conceded = _conceded_after(a, m, concession)
        if irony is not None and conceded is not None and irony.start >= conceded:
            irony = None
        if irony is None and (belittled := _form_letter(m, deprecated, short, messages)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    f"Remerciement ironique : remercier pour un message « {belittled.text} » en "
                                    "fait un reproche.", m.start, belittled.end_char))
        elif irony is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    f"Remerciement ironique : {quote(irony)} en fait un reproche.",
                                    min(m.start, irony.start), max(m.end, irony.end)))
        elif _scare_quoted(a, m):
            findings.append(finding(ID, Severity.ERREUR,
                                    "Remerciement ironique : ce dont vous remerciez est mis entre guillemets, "
                                    "ce qui en fait un reproche.", m.start, m.span.sent.end_char))
        elif conceded is None and (least := _backhanded(m)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    f"Remerciement ironique : {quote(least)} ne laisse à ce dont vous remerciez qu'un "
                                    "mérite par défaut, ce qui en fait un reproche.", m.start, least.end_char))
        elif (turned := _turned_after(a, m, ironic_conf, likely, moves)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    f"Remerciement ironique : « {turned[:3].text}… », juste après, le retourne en "
                                    "reproche.", m.start, turned.end_char))
        elif (doubt := _doubted_thanks(m, ironic_conf)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    f"Remerciement ironique : « {doubt.text} » ajouté au remerciement le met en doute, "
                                    "ce qui en fait un reproche.", m.start, doubt.idx + len(doubt.text)))
        elif conceded is None and (before := _praise_after_reproach(a, m, ironic_conf, likely, moves)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    "Remerciement ironique : un éloge de ce dont vous remerciez juste après un reproche (couche "
                                    f"statistique : {before['critique']:.2f}) se lit comme une antiphrase.",
                                    m.start, m.span.sent.end_char))
        elif (after := _overpraised(a, m, ironic_conf, likely, moves)) is not None:
            findings.append(finding(ID, Severity.ERREUR,
                                    "Remerciement ironique : un éloge appuyé aussitôt suivi d'un reproche (couche "
                                    f"statistique : {after['critique']:.2f}) se lit comme une antiphrase.",
                                    m.start, m.span.sent.end_char))
        elif (move := (None if conceded is not None or _spared_form_letter(m, deprecated)
                       else _read_as_reproach(a, m, likely, moves))
              or _pointed_at(a, m, ironic_conf, moves)) is not None:
            # No reproachful word, but the sentence layer reads the whole sentence as a reproach and
            # not as thanks ("Merci pour ce joli mail type, reçu deux mois après…"): sarcasm.
            s = move
            findings.append(finding(ID, Severity.ERREUR,
                                    "Remerciement ironique : la phrase se lit comme un reproche (couche statistique : "
                                    f"reproche {s['critique']:.2f}, remerciement {s['remerciement']:.2f}).",
                                    s.start, s.end))
        else:
            kept.append(m)
    if kept:
        return Verdict(True, kept)
    if not findings:
        rescue = rescued(ctx, Verdict(False), "remerciement", ("remerciement.expressions", "remerciement.exclusions"))
        if rescue.met:
            return rescue
    return Verdict(False, [], findings, "Le message ne remercie pas le destinataire (pour son temps, sa compréhension, l'opportunité).")


def fix(ctx: FixContext, f: Finding) -> Fix:
    """An ironic thanks is replaced by a sincere one from the templates."""
    return replace_sentence(ctx, f, [f.start], pick_template(ctx.lex, ctx.r.type, ID, ctx.gender),
                            "Remplacer le remerciement ironique par un remerciement sincère")


RULE = Rule(
    id=ID, kind="critere", title="Remercier le destinataire",
    explanation=(
        "Le message remercie le destinataire ou lui exprime sa reconnaissance : merci, je vous remercie, "
        "j'apprécie votre compréhension, reconnaissant, gratitude. Un remerciement nié (« je ne vous remercie pas ») "
        "ou ironique (« merci pour rien », « merci de m'avoir fait attendre ») ne compte pas et il est signalé."
    ),
    good="Bonjour Madame Durand,\nJe dois annuler notre entretien de jeudi. Merci pour votre compréhension.\nCordialement,\nLéa",
    bad="Bonjour Madame Durand,\nJe dois annuler notre entretien de jeudi. Merci pour rien.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
    label="remerciement", short="merci", groups=("remerciement.expressions", "remerciement.exclusions", "critique.jugements", "critique.directes", "critique.eloge", "insistance.expressions"),
    words=("remerciement.refus", "remerciement.objets_deprecies", "remerciement.mesures_courtes", "remerciement.messages"),
    where="debut", insert=True, fix=fix, fix_priority=0,
)
