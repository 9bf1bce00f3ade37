from ..analysis import candidate_acts, recipient_made_to
from ..model import Finding, Severity
from .base import ME, Context, Rule, finding, quote

ID = "insistance"


def check(ctx: Context) -> list[Finding]:
    """Pushiness: an ultimatum, repeated follow-ups recalled, a reproach for the silence. One per sentence."""
    out, seen = [], set()
    giving = ctx.analysis.lexicon.words["insistance.don"]
    hoping = ctx.analysis.lexicon.words["insistance.souhait"]
    said = [(m.span.sent, f"{quote(m)} peut braquer le recruteur. Une relance courte et patiente suffit ; ne "
             "rappelez ni vos relances ni son silence.")
            for m in ctx.analysis.group("insistance.expressions")
            if not (_own_answer(m.span[0], giving) or _hoped(m, hoping) or _past_consequence(m)
                    or _not_the_writers(m, ctx.analysis.lexicon.words["insistance.paroles_du_recruteur"]))]
    words = ctx.analysis.lexicon.words
    said += [(verb.sent, f"« {cond.text} … {verb.text} » pose un ultimatum au recruteur. Une relance courte et "
              "patiente suffit ; laissez-lui le temps de répondre.")
             for verb, cond in _ultimatums(ctx.analysis, words["insistance.consequences"], words["insistance.conditions"],
                                          words["insistance.jugements"])]
    said += [(m.span.sent, f"{quote(m)} rappelle au recruteur un manquement répété. Proposez simplement un "
              "nouveau créneau ; ne comptez pas ses oublis.")
             for m in ctx.analysis.group("insistance.repetition")
             if _repeated_failure(ctx, m, words["insistance.changements"], words["insistance.manquements"])]
    for sent, why in said:
        if sent.start in seen:
            continue
        seen.add(sent.start)
        out.append(finding(ID, Severity.AVERTISSEMENT, f"Insistance : {why}", sent.start_char, sent.end_char))
    return out


_NEGATIVE = {"ne", "n'", "n’", "pas", "personne", "rien", "aucun", "aucune", "jamais"}


def _past_consequence(m) -> bool:
    """« le propriétaire a avancé la remise des clés, faute de quoi nous perdions le logement » : a condition
    told in the past (imperfect, past tense) is the writer's story, not a threat to the recipient."""
    if m.span[-1].lower_ != "quoi":
        return False
    verb = next((t for t in m.span.doc[m.span.end : m.span.sent.end] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or "Cnd" in verb.morph.get("Mood"):
        return False
    # (The tagger often reads an imperfect as a present: « perdions ». The ending says it; not a conditional.)
    low = verb.lower_
    imperfect = low.endswith(("ais", "ait", "aient", "ions", "iez")) and not low.endswith(("rais", "rait", "raient", "rions", "riez"))
    return imperfect or bool(set(verb.morph.get("Tense")) & {"Imp", "Past"})


def _ultimatums(a, consequences, conditions, judging):
    """« Sans retour de votre part, je considérerai qu'elle ne l'est plus », « si personne n'appelle, je
    retirerai ma candidature » : what the writer will do (future, first person) if the recipient does not
    answer, the condition set before it in the sentence (the parser hangs the two clauses either way).
    After « si » the condition is negative (« si le poste est pourvu, je comprendrai » demands nothing);
    « sans nouvelles de ma part » is the writer's own silence."""
    for sent in a.body_sentences:
        for verb in sent:
            if verb.lemma_ not in consequences or not candidate_acts(verb):
                continue
            # The future (« je retirerai »), or the present after « si » (« si je n'ai pas de nouvelles avant
            # vendredi, je considère que… »), checked with the condition below.
            future = verb.morph.get("Tense") == ["Fut"] or verb.lower_.endswith("rai")
            if not future and verb.morph.get("Tense") != ["Pres"]:
                continue
            # « je considérerai que… » concludes; « je considérerai volontiers une autre date » offers.
            if verb.lemma_ in judging and not any(c.dep_ == "ccomp" for c in verb.children):
                continue
            subject = min([c.i for c in verb.children if c.dep_.startswith("nsubj")] + [verb.i])
            mark = next((k for k in sent if k.i < subject and k.lower_ in conditions
                         and k.dep_ in ("mark", "case", "fixed", "advmod")), None)
            if mark is None:
                continue
            clause = a.doc[mark.i : subject]
            while len(clause) > 1 and clause[-1].is_punct:
                clause = clause[:-1]
            words = [t.lower_ for t in clause]
            if mark.lower_ in ("si", "s'") and not set(words) & _NEGATIVE:
                continue
            # (In the present, only a real condition: « je me demande s'il ne serait pas plus sage que je me
            # retire » is an indirect question.)
            if not future and (mark.lower_ not in ("si", "s'") or mark.head.dep_ != "advcl"):
                continue
            if any(w == "part" and i and words[i - 1] == "ma" for i, w in enumerate(words)):
                continue
            yield verb, clause
            break


def _repeated_failure(ctx: Context, m, changes, failures) -> bool:
    """« C'est la deuxième fois que cela arrive », « pour la deuxième fois, l'appel n'a pas eu lieu », « c'est
    la deuxième fois que j'attends votre appel pour rien » : a failure of the recipient's, counted — the
    clause (or, for a bare count, « C'est la deuxième fois. », the sentence and the one before) says a
    failure: a negation or a verb of mots.yaml insistance.manquements. Not a change of schedule counted (« la
    troisième fois que l'horaire change » : a remark on the organisation), not what the writer or « nous »
    do (« la deuxième fois que nous nous rencontrons »), nor with an excuse offered in the sentence."""
    a = ctx.analysis
    # (« que cela arrive » right after the count is the failure counted, not « cela arrive à tout le monde ».)
    if any(not (m.span.end <= x.span.start <= m.span.end + 3)
           for x in a.group_in_sentence("critique.indulgence", a._sent_start(m.span))):
        return False
    doc, sent = m.span.doc, m.span.sent
    after = doc[m.span.end : sent.end]
    if len(after) and after[0].lower_ in _THAT:
        verb = next((t for t in after[1:] if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass", "cop")), None)
        # (The tagger may read « l'horaire change » as a noun and its adjective.)
        if verb is None or verb.lemma_ in changes or any(t.lemma_ in changes for t in after[1:6]):
            return False
        subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
        # (« que j'attends votre appel pour rien » : the writer waits, the recipient fails.)
        if any(c.lower_ in ME or c.lower_ == "nous" for c in subjects) and verb.lemma_ not in failures:
            return False
        return _failed(after, failures)
    # Without « que », the count itself is the point: « C'est (déjà) la deuxième fois. », « Pour la deuxième
    # fois, l'appel n'a pas eu lieu » — not a moment told in passing (« on m'a fait attendre la deuxième fois »,
    # « l'offre a été republiée pour la quatrième fois »), nor a count to come (« ce sera la deuxième fois ! »).
    before = [t for t in doc[sent.start : m.span.start] if not t.is_punct]
    if not (len(before) <= 1 or any((t.lemma_ == "être" and t.dep_ == "cop") or t.lower_ in _IT for t in before[-3:])):
        return False
    if any("Fut" in t.morph.get("Tense") or t.lower_ in ("sera", "serait") for t in before):
        return False
    previous = doc[doc[sent.start - 1].sent.start : sent.start] if sent.start > 0 else doc[0:0]
    return _failed(sent, failures) or _failed(previous, failures)


def _failed(span, failures) -> bool:
    """A negation or a verb of failure (mots.yaml insistance.manquements) in the span."""
    return any(t.lower_ in _NEGATIVE or t.lemma_ in failures for t in span)


_THAT = {"que", "qu'", "qu’"}
_IT = {"c'", "c’", "ce"}


_OTHERS = {"vous", "on", "il", "elle", "ils", "elles"}


def _not_the_writers(m, reported) -> bool:
    """Not the writer's own pressure: a deadline the recipient gave, reported (« vous aviez évoqué une réponse
    avant la fin du mois », « on me demande une réponse sous 48 heures »); the wait the writer would impose on
    the recipient and refuses to (« je ne veux pas vous faire attendre indéfiniment »)."""
    node = m.span.root
    for _ in range(4):
        if recipient_made_to(node):
            return True
        subjects = [c for c in node.children if c.dep_.startswith("nsubj")]
        if node.lemma_ in reported and any(c.lower_ in _OTHERS for c in subjects):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _own_answer(tok, giving) -> bool:
    """« je vous donnerai ma réponse d'ici lundi »: the answer the writer gives, not one demanded."""
    return tok.dep_ == "obj" and tok.head.lemma_ in giving and candidate_acts(tok.head)


_THREAT = ("faute de quoi", "sans quoi", "sinon", "à défaut")


def _hoped(m, hoping) -> bool:
    """« j'espère avoir de vos nouvelles d'ici là »: a deadline the writer hopes for, not one he demands;
    not when a threat follows (« …, faute de quoi je retirerai ma candidature »), and not for the count
    of his follow-ups (« j'espère que c'est la dernière fois que je dois vous relancer »)."""
    sent = m.span.sent.text.lower()
    if not any(w in m.text.lower() for w in ("d'ici", "d’ici", "avant", "sous")) or any(t in sent for t in _THREAT):
        return False
    return any(anc.lemma_ in hoping and candidate_acts(anc) for anc in list(m.span[0].ancestors)[:3])


RULE = Rule(
    id=ID, kind="regle", title="Insistance déplacée",
    explanation=(
        "Une relance reste patiente : pas d'ultimatum (« j'attends une réponse d'ici vendredi », « faute de "
        "réponse… »), pas de rappel des relances précédentes (« c'est ma troisième relance »), pas de reproche du "
        "silence. Le document sur le suivi conseille de ne pas relancer trop souvent. Avertissement."
    ),
    good="Bonjour,\nJe me permets de revenir vers vous : pourriez-vous m'indiquer les prochaines étapes ?\nCordialement,\nLéa",
    bad="Bonjour,\nC'est ma troisième relance : j'attends une réponse d'ici vendredi.\nCordialement,\nLéa",
    severity=Severity.AVERTISSEMENT, check=check,
    label="insistance", groups=("insistance.expressions", "insistance.repetition", "critique.indulgence"),
    words=("insistance.don", "insistance.paroles_du_recruteur", "insistance.souhait", "insistance.consequences", "insistance.conditions",
           "insistance.jugements", "insistance.changements", "insistance.manquements"),
)
