import re
from bisect import bisect_left

from ..analysis import candidate_acts, doc_text, in_past
from ..fixes import _CLAUSE_SEP, FixContext, cap, delete_span, withdraws
from ..model import WRITERS_CALL, Edit, Finding, Fix, Safety, Severity
from . import decision_claire, sans_critique
from .base import Context, Rule, Verdict, finding, in_writers_paragraph, opens_on_writers_noun

ID = "concision"
# Lexicon files whose expressions make a sentence part of the checklist, not of the story.
_CHECKLIST_GROUPS = {"remerciement.expressions", "decision.expressions", "excuses.expressions", "report.expressions",
                     "report.demandes", "porte_ouverte.expressions", "critique.jugements",
                     "critique.directes", "courtoisie.expressions"}
# Remark groups: a match in a sentence about the writer's own side is the story.
_REMARK_GROUPS = {"critique.jugements", "critique.directes"}


def _hesitates_now(tok) -> bool:
    """« je ne suis pas sûr que ce soit le bon moment », « j'hésite encore » : the writer hesitating over
    the decision is part of the decision, not of the story; « j'ai longtemps hésité à vous écrire », « ce
    qui risque de me prendre plusieurs jours » (past, or someone else's) are the story."""
    if tok.dep_ == "fixed":  # « rien n'est sûr »: « sûr » hangs on « est », which has the subject
        tok = tok.head
    # « avant que je pense à le récupérer » : thinking of doing something is no hedge.
    if tok.lemma_ == "penser" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "à":
        return False
    # « je ne sais pas encore combien de temps je devrai rester » : not knowing a fact of the story.
    return not in_past(tok) and tok.lemma_ != "savoir" and candidate_acts(tok)


def story_sentences(a, conf: dict, remark_min: float, b0: int, b1: int, own_subjects: frozenset[str] = frozenset(),
                    remarks: tuple = (), decisions: list | None = None) -> list:
    """The sentences that tell the story behind the message: declarative, about the writer's side, carrying
    no point of the checklist. Not counted: a question or a sentence addressed to the recipient (« vous »,
    « votre » : logistics, availability, requests), a remark about the recipient's side (sans_critique's
    business), a line without a verb (a list item, a job title under the name), and a sentence the
    sentence layer reads as one of the points of the checklist in wording no lexicon lists."""
    second = set(conf.get("adresse", ()))
    checklist = [m for m in a.matches if m.own and m.valid and (m.expr.group in _CHECKLIST_GROUPS or (
        m.expr.group == "hesitation.expressions" and _hesitates_now(m.span.root)))
        and not (m.expr.group in _REMARK_GROUPS and _about_writers_side(m.span.sent, second))
        and not (m.expr.group not in _WRITERS_OWN_ACTS and _done_by_writers_people(m.span.root, own_subjects)
                 and not any(t.lower_ in second for t in m.span.sent))
        # A decision word the decision rule set aside (a cause, a hypothesis, someone else's act: « sans titre
        # de séjour, je ne peux pas signer un contrat ») is part of the story, not the announcement.
        and not (decisions is not None and m.expr.group == "decision.expressions"
                 and not _overlaps(m.start, m.end, decisions))]
    # The decision is announced once: a later sentence whose only point is a decision word in the past
    # (« j'ai choisi de l'accompagner ») tells the story that led to it.
    decided = [m for m in checklist if m.expr.group == "decision.expressions"]
    announced = None  # where the decision is announced (the first sentence holding one)
    if decided:
        first = a._sent_start(decided[0].span)
        announced = decided[0].span.sent.start_char
        checklist = [m for m in checklist if m.expr.group != "decision.expressions" or a._sent_start(m.span) == first
                     or not any(in_past(n) for n in (m.span.root, m.span.root.head))]
    # Sentences holding a checklist match, found once (not one scan of the matches per sentence).
    starts = sorted(m.start for m in checklist)
    address = set(conf.get("adresse", ()))
    tellers = set(conf.get("annonce_recit", ()))
    point_min = float(conf.get("geste_point", 0.5))
    story_address_min = int(conf.get("recit_adresse_min_mots", 10**6))
    moves = {m.start: m for m in a.moves}
    out = []
    for sent in a.body_sentences:
        words = [t for t in sent if not t.is_punct and not t.is_space and b0 <= t.idx < b1]
        if len(words) < 4:
            continue
        k = bisect_left(starts, sent.start_char)
        if k < len(starts) and starts[k] < sent.end_char:
            continue
        # « Dites-moi si c'est envisageable » asks the recipient (« Rassurez-vous, rien de grave » does not).
        if any(t.text == "?" or t.lower_ in ("-moi", "-nous") for t in sent) \
                or any(t.lower_ in address and not _told_to(t, tellers)
                       and not (len(words) >= story_address_min and _recipients_thing_in_story(t)) for t in words):
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in words) or _introduces_self(words) or _logistics(words, a):
            continue
        mv = moves.get(sent.start_char)
        # After the announced decision, the layer's « decision » reading of a sentence is its justification.
        skip = ("critique", "hesitation", "decision") if announced is not None and sent.start_char > announced \
            else ("critique", "hesitation")
        # A remark: one sans_critique reports, or a probable one (the broad reading) about the recipient's
        # side. A hardship of the writer's the layer leans to read as a remark (« on m'a diagnostiqué une
        # hernie discale », « j'avais très mal au dos »), naming nothing of the recipient's, is the story.
        remark = _overlaps(sent.start_char, sent.end_char, remarks) or (
            mv is not None and mv.broad_critique >= remark_min and _mentions_recipient(a, sent, second)
            and not (own_subjects and in_writers_paragraph(a, words, own_subjects, address)))
        if mv is not None and (remark or max(
                (v for k, v in mv.scores.items() if k not in skip), default=0.0) >= point_min):
            # A point of the checklist, or a probable remark: not the writer's story either way. (Below
            # « probable », the layer also scores the writer's own troubles: a broken-down car, doctors.)
            # The broad reading: whether to report a remark is sans_critique's question, not this one.
            continue
        out.append((sent, len(words)))
    return out


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _told_to(tok, tellers: set[str]) -> bool:
    """« Je vous explique : hier soir j'ai remplacé une collègue… », « pour tout vous dire » : the recipient
    as the one the story is told to; the sentence is still the story, not logistics or a request."""
    # « je ne sais pas comment vous dire ça » hesitates over the telling; it tells nothing.
    return tok.pos_ == "PRON" and tok.head.lemma_ in tellers and not any(c.lower_ == "comment" for c in tok.head.children)


def _recipients_thing_in_story(tok) -> bool:
    """« Je n'ai découvert votre message qu'à la pause de midi, les bottes encore pleines d'eau » : the
    recipient's message or call, object of what the writer did in the past, is a detail of the story (in a
    sentence long enough to tell more than « j'ai vu votre appel trop tard »)."""
    if tok.dep_ != "det" or tok.head.pos_ != "NOUN":
        return False
    noun = tok.head
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    verb = noun.head
    # (« J'ai bien reçu votre proposition d'embauche pour le poste de… » acknowledges it: no story.)
    return noun.dep_ == "obj" and verb.pos_ == "VERB" and in_past(verb) and any(
        c.dep_ == "nsubj" and c.lower_ in ("je", "j'", "j’") for c in verb.children) \
        and not any(c.lower_ == "bien" for c in verb.children)


def _mentions_recipient(a, sent, second: set[str]) -> bool:
    """« vous », « votre », or a target of critique.cibles (the company, its ad, its people, the process)."""
    return any(t.lower_ in second for t in sent) or bool(a.group_in_sentence("critique.cibles", sent.start))


_WRITERS_OWN_ACTS = {"remerciement.expressions", "excuses.expressions", "courtoisie.expressions"}
_MY = {"mon", "ma", "mes", "notre", "nos"}


def _done_by_writers_people(tok, people: frozenset[str]) -> bool:
    """« mon ancien responsable m'a recontacté », « ma directrice m'a proposé la semaine prochaine », « ma
    compagne vient d'apprendre qu'elle serait peut-être mutée », « mon mari travaille en horaires décalés » :
    a word of the checklist in a clause whose subject is someone or something of the writer's is what happened
    to them — the story — not the writer's own point (a door left open, a date, a hedge). The subject is one of
    the writer's side (reglages critique.sujets_cote_candidat), not « ma demande », « ma décision »."""
    node = tok
    for _ in range(8):
        # (« Ma famille et moi hésitons encore » : the writer among the subjects is the writer's own point.)
        if node.pos_ in ("VERB", "AUX") and "1" in node.morph.get("Person"):
            return False
        if node.pos_ in ("VERB", "AUX", "ADJ") and any(
                c.dep_.startswith("nsubj") and c.lemma_.lower() in people
                and not any(k.dep_ == "conj" and k.lower_ in ("moi", "nous") for k in c.children)
                and any(d.dep_ == "det" and d.lower_ in _MY for d in c.children) for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _about_writers_side(sent, second: set[str]) -> bool:
    """« Mon employeur actuel, une petite association, traverse une très mauvaise passe » : a sentence that
    opens on a noun of the writer's and names nothing of the recipient tells the writer's story, whatever
    negative word it holds."""
    return not any(t.lower_ in second for t in sent) and opens_on_writers_noun(sent)


def _logistics(words, a) -> bool:
    """« Nous devions avoir un entretien téléphonique mardi à 15h… », « Mon numéro reste le même : 06 45 18 33
    02 » : the appointment recalled with its time (listes.yaml @entretien, @jour) or a phone number — the facts
    the seeds' missed-call message gives, not the story behind the message."""
    meeting, days = set(a.lexicon.lists.get("entretien", ())), set(a.lexicon.lists.get("jour", ()))
    # (Our appointment, not « son rendez-vous avec l'anesthésiste » ; a time of day, not « 3 heures » of duration.)
    ours = [t for t in words if t.lemma_.lower() in meeting
            and not any(c.lower_ in ("son", "sa", "ses", "leur", "leurs") for c in t.children)]
    if ours and any(t.lemma_.lower() in days or (t.like_num and t.i and t.nbor(-1).lower_ in ("à", "vers")) or
                    (t.lower_[:1].isdigit() and t.lower_.rstrip("0123456789").endswith("h")) for t in words):
        return True
    # Four two-digit numbers in a row: a phone number (not « du 12 au 15 mars »).
    run = 0
    for t in words:
        run = run + 1 if t.text.isdigit() and len(t.text) == 2 else 0
        if run >= 4:
            return True
    return False


def _introduces_self(words) -> bool:
    """« Je suis Marko Petrović, candidat pour le poste… », « je m'appelle Anna » : the writer says who he is,
    which tells the recipient whose message it is, not the story behind it."""
    low = [t.lower_ for t in words[:4]]
    # « C'est Rui Carvalho. », « ici Inès » : the name alone after « c'est ».
    if len(words) <= 5 and len(low) >= 3 and low[0] in ("c'", "c’", "c", "ici") and (low[0] == "ici" or low[1] == "est") \
            and words[2 if low[0] != "ici" else 1].text[:1].isupper():
        return True
    for i, w in enumerate(low[:-1]):
        if w in ("je", "j'", "j’", "moi") and low[i + 1] in ("suis", "m'appelle", "m’appelle", "c'est", "c’est"):
            name = words[i + 2] if i + 2 < len(words) else None
            return name is not None and name.text[:1].isupper()
    return False


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    conf = ctx.config.get("concision", {})
    max_words = int(conf.get("max_mots", 180))
    max_sentence = int(conf.get("max_mots_phrase", 50))
    max_just = int(conf.get("max_justification", 2))
    min_story = int(conf.get("min_mots_recit", 30))
    findings = []
    words = a.body_words
    b0, b1 = a.structure.body
    if len(words) > max_words:
        findings.append(finding(ID, Severity.AVERTISSEMENT,
                                f"Message trop long : {len(words)} mots (maximum conseillé : {max_words}). "
                                "Une brève raison suffit.", words[0].idx, words[-1].idx + len(words[-1])))
    for sent in a.body_sentences:
        n = sum(1 for t in sent if not t.is_punct and not t.is_space and b0 <= t.idx < b1)
        if n > max_sentence:
            findings.append(finding(ID, Severity.AVERTISSEMENT,
                                    f"Phrase trop longue : {n} mots (maximum conseillé : {max_sentence}).",
                                    max(sent.start_char, b0), min(sent.end_char, b1)))
    # What the other rules decided: which sentences are remarks, where the decision is announced or hedged.
    remarks = tuple((f.start, f.end) for f in ctx.verdict(sans_critique.RULE).findings)
    decisions = ctx.verdict(decision_claire.RULE).spans()
    story = story_sentences(a, conf, float(ctx.config["gestes"]["critique_probable"]), b0, b1,
                            frozenset(ctx.config.get("critique", {}).get("sujets_cote_candidat", [])), remarks, decisions)
    count = _sentences_counted(a, story)
    told = sum(n for _, n in story)
    long_told = int(conf.get("long_avec_recit", 150))
    if count > max_just and told >= min_story:
        findings.append(finding(ID, Severity.AVERTISSEMENT,
                                f"Justification personnelle trop longue ({count} phrases de récit) : "
                                "vous n'êtes pas obligé d'entrer dans les détails.",
                                story[0][0].start_char, story[-1][0].end_char))
    elif len(words) >= long_told and story and told >= int(conf.get("min_mots_recit_long", 10)) \
            and len(words) <= max_words:
        findings.append(finding(ID, Severity.AVERTISSEMENT,
                                f"Justification personnelle dans un message déjà long ({len(words)} mots) : "
                                "une brève raison suffit, sans entrer dans les détails.",
                                story[0][0].start_char, story[-1][0].end_char))
    if findings:
        return Verdict(False, [], findings, "Le message n'est pas assez concis.")
    return Verdict(True, [(b0, b1)] if b1 > b0 else [])


def _sentences_counted(a, story: list) -> int:
    """Story sentences as the writer wrote them: the sentence recogniser also cuts at « ; » and « : »
    (« Je n'ai pas reçu d'appel ; pour mémoire, mon numéro est… »), which makes one sentence two."""
    text = doc_text(a.doc)
    count, prev = 0, None
    for sent, _n in story:
        if prev is not None and "\n" not in text[prev.end_char:sent.start_char] and not text[prev.end_char:sent.start_char].strip():
            last = next((t for t in reversed(prev) if not t.is_space), None)
            if last is not None and last.text in (";", ":"):
                prev = sent
                continue
        count += 1
        prev = sent
    return count


_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Evidence of these criteria says nothing about which sentence carries a point of the checklist.
_NOT_POINTS = {"concision", "sans_critique"}


def _points(ctx: FixContext, first_only: bool = False) -> list[tuple[int, int]]:
    """Where the points of the checklist are made (`first_only`: where each is first made; later
    mentions may go with the details of a sentence being cut)."""
    cache = ctx.__dict__.setdefault("_concision_points", {})  # once per message, not once per finding
    if first_only in cache:
        return cache[first_only]
    out = []
    for c in ctx.r.criteria:
        if c.id not in _NOT_POINTS and c.applicable and c.evidence:
            evs = [min(c.evidence, key=lambda e: e.start)] if first_only else c.evidence
            out += [(ev.start, ev.end) for ev in evs]
    cache[first_only] = out
    return out


def _carries_point(s: int, e: int, points) -> bool:
    return any(s <= ps < e or ps <= s < pe for ps, pe in points)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# Where a long sentence may be cut: the separators of fixes.py and a few subordinating links.
_CUT = re.compile(_CLAUSE_SEP.pattern + r"|\s+(?:et qu'|et que|et je|sans|afin de|afin que|pour que|d'autant que|"
                  r"d'autant plus que|alors que|tandis que|où|si bien que|de sorte que)\s*", re.I)
_REASON = re.compile(r"\s*(?:car|parce que|parce qu'|puisque|vu|étant donné)\s+$", re.I)
MAX_REASON_WORDS = 15
_SUBJECT = re.compile(r"(?:je|j'|j’|nous|on|il|elle|ils|elles)\b", re.I)
MIN_KEPT_WORDS = 8
_RELATIVE = re.compile(r"(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\b", re.I)
# A link left at the end of a cut sentence ("…de lundi car.") goes with the tail it introduced.
_DANGLING = re.compile(r"(?:\s+|^)(?:car|parce que|parce qu'|puisque|mais|donc|et|ou|que|qu'|qui|vu|étant donné|suite à)$", re.I)


def _short_clause(ctx: FixContext, s: int, e: int, points, max_words: int = 10**6) -> str | None:
    """The sentence cut to its clauses that make a point (else its first clause), with the writer's reason
    when it follows them in a short clause ("car …"); ended by a full stop."""
    text = ctx.text
    bounds, seps, cur = [], [], s
    for m in _CUT.finditer(text, s, e):
        if m.start() > cur:
            bounds.append((cur, m.start()))
            seps.append(m.group(0))
        cur = m.end()
    if cur < e:
        bounds.append((cur, e))
        seps.append("")
    if len(bounds) < 2:
        return None
    idx = [i for i, (a, b) in enumerate(bounds) if _carries_point(a, b, points)] or [0]
    first, last = 0, max(idx)  # the sentence keeps its start: only its tail of details goes
    if last + 1 < len(bounds) and _REASON.match(seps[last]) and _words(text[slice(*bounds[last + 1])]) <= MAX_REASON_WORDS:
        last += 1
    # A bare circumstance ("Il y a dix jours") is no reason: the kept part says something.
    while _words(text[bounds[first][0]:bounds[last][1]]) < MIN_KEPT_WORDS and last + 1 < len(bounds):
        last += 1
    # « mon père, qui exploite une ferme, a fait une chute » : a relative clause is no end; its main verb follows.
    while last + 1 < len(bounds) and _RELATIVE.match(text, bounds[last][0]):
        last += 1
    ks, ke = bounds[first][0], bounds[last][1]
    if (ks, ke) == (s, e) or _words(text[ks:ke]) > max_words:
        # The story comes first ("Je vous écris car …, je ne pourrai pas venir…"): the sentence may start
        # at the first clause making a point when it is an independent clause of its own (a comma before
        # it, a subject pronoun opening it; not "ce qui…" or "que…" hanging on what goes).
        starts = [i for i in idx if 0 < i <= last and seps[i - 1].strip() in (",", ";", ":", "–", "—")
                  and _SUBJECT.match(text, bounds[i][0])]
        if not starts:
            return None
        ks = bounds[starts[0]][0]
    clause = _DANGLING.sub("", text[ks:ke].rstrip(" .!?…,;:–—")).rstrip(" ,;:–—")
    if (ks, ke) == (s, e) or _words(clause) < 3 or _words(clause) > max_words:
        return None
    end = text[s:e].rstrip()[-1:] if not text[ke:e].strip(" .!?…") else "."
    return cap(clause) + (end if end in "?!" else ".")


# Where a run-on sentence holds two independent clauses: "…, et je…", "… donc je voulais…",
# "… et comme je n'ai pas…". The link goes ("et", "donc"), or opens the new sentence ("Mais", "Comme").
_SPLIT = re.compile(r",?\s+(?:(?:et|donc)\s*,?\s+(?=(?:comme|je|j'|j’|nous|on)\b)|(?=mais\s+(?:je|j'|j’|nous|on)\b))", re.I)
MIN_PART_WORDS = 6


def _tokens(text: str) -> int:
    """Words as the check counts them ("j'ai" is two)."""
    return len(re.findall(r"\w+", text))


def _split(ctx: FixContext, s: int, e: int, max_words: int) -> str | None:
    """The sentence split into sentences of at most `max_words` at the links between its independent
    clauses, every word kept; None when no such split brings each part within the limit."""
    text = ctx.text
    cuts = [m for m in _SPLIT.finditer(text, s, e)]
    parts, cur, last_ok = [], s, None
    for m in cuts:
        if _tokens(text[cur:m.start()]) > max_words:
            if last_ok is None:
                return None
            parts.append((cur, last_ok.start()))
            cur = last_ok.end()
            last_ok = None
        if _tokens(text[cur:m.start()]) >= MIN_PART_WORDS and _tokens(text[m.end():e]) >= MIN_PART_WORDS:
            last_ok = m
    if _tokens(text[cur:e]) > max_words and last_ok is not None:
        parts.append((cur, last_ok.start()))
        cur = last_ok.end()
    parts.append((cur, e))
    if len(parts) < 2 or any(_tokens(text[a:b]) > max_words for a, b in parts):
        return None
    out = []
    for i, (a, b) in enumerate(parts):
        piece = text[a:b].strip().rstrip(",;")
        out.append((cap(piece) if i else piece) + ("" if i == len(parts) - 1 else "."))
    return " ".join(out)


def fix(ctx: FixContext, f: Finding) -> Fix | None:
    """Shorten: the writer's first reason stays (cut to one clause if long), the rest of the story goes."""
    conf = ctx.config.get("concision", {})
    max_sentence = int(conf.get("max_mots_phrase", 50))
    # Only where a point is first made counts: a second apology or decision word is a detail too.
    points = _points(ctx, True)
    inside = ctx.sentences_touching(f.start, f.end)
    if f.message.startswith("Phrase trop longue"):
        if not inside:
            return None
        s, e = inside[0]
        short = _short_clause(ctx, s, e, _points(ctx, True), max_sentence)
        if not short or _words(short) > max_sentence:
            # No detail to cut without losing a point: a run-on sentence becomes several, every word kept.
            split = _split(ctx, s, e, max_sentence)
            if split is None:
                return None
            return Fix((Edit(s, e, split),), Safety.UNSAFE, "Couper la phrase trop longue en plusieurs phrases")
        return Fix((Edit(s, e, short),), Safety.UNSAFE, f"Raccourcir la phrase à l'essentiel : « {short} »")
    # A sentence where the writer says their own word on a point (a report they rule out, a door they shut:
    # model.WRITERS_CALL) is no detail to cut.
    points = points + [(g.start, g.end) for g in ctx.r.findings if g.kind == WRITERS_CALL]
    story = [(s, e) for s, e in inside if not _carries_point(s, e, points) and _words(ctx.text[s:e]) >= 4]
    if not story:
        return None
    keep, rest = story[0], story[1:]
    edits = []
    # The reason kept is cut to one short clause; in a message too long, so are the other long sentences.
    gone = set(rest)
    long_ones = [keep] if not f.message.startswith("Message trop long") else \
        [(s, e) for s, e in inside if (s, e) not in gone]
    for s, e in long_ones:
        if _words(ctx.text[s:e]) > 20:
            short = _short_clause(ctx, s, e, points)
            if short:
                edits.append(Edit(s, e, short))
    guard = withdraws(ctx)
    for s, e in rest:
        if guard and any(re.search(rx, ctx.text[s:e], re.I) for rx in ctx.rep.get("retrait", [])):
            continue  # the sentence that says the candidate leaves is the message's point
        edits.append(delete_span(ctx.text, s, e))
    if not edits:
        return None
    return Fix(tuple(edits), Safety.UNSAFE,
               f"Raccourcir la justification : garder la première raison, retirer {len(rest)} phrase(s) de détails")


RULE = Rule(
    id=ID, kind="critere", title="Rester bref",
    explanation=(
        "Le message va droit au but. Par défaut : au plus 180 mots dans le corps du message (hors objet, salutation, "
        "formule finale, signature et citations), aucune phrase de plus de 50 mots, et au plus 2 phrases de "
        "récit personnel (détails de santé, de famille, de transport…) quand elles font ensemble 40 mots ou plus ; "
        "un message de 150 mots ou plus n'a pas de place pour un récit (10 mots de récit ou plus). "
        "Une phrase de récit ne porte aucun des points de la liste, n'est pas une question, a un verbe et ne "
        "s'adresse pas au destinataire (« vous », « votre » : logistique, demande, disponibilités) ; le rendez-vous "
        "rappelé avec son jour ou son heure, un numéro de téléphone, « c'est » suivi du nom n'en sont pas non plus. Ces seuils se "
        "règlent dans lexicons/reglages.yaml (section concision)."
    ),
    good="Bonjour,\nUn imprévu m'oblige à annuler notre entretien de jeudi. Veuillez m'en excuser.\nCordialement,\nLéa",
    bad=("Bonjour,\nJe dois annuler. Mon fils est malade depuis lundi. Ma mère ne peut pas le garder car elle travaille. "
         "Mon mari est en déplacement pour son travail jusqu'à la fin de la semaine prochaine. La crèche refuse "
         "les enfants malades. Ma voiture est aussi en panne depuis hier.\nCordialement,\nLéa"),
    severity=Severity.AVERTISSEMENT, check=check,
    label="concision", short="concision", fix=fix, fix_priority=6,
)
