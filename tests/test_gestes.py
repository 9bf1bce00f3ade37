"""The sentence layer: the shipped model is the one its data trains, and it runs in the pipeline."""
import pytest
from conftest import CORPUS

from ton import gestes
from ton.nlp import get_nlp


@pytest.mark.parametrize("folder, files", [(gestes.MODEL_DIR, gestes.data_files),
                                           (gestes.SECOND_DIR, gestes.second_data_files)], ids=["premier", "second"])
def test_model_is_trained_on_the_data_in_the_repository(folder, files):
    files = files(CORPUS)
    man = gestes.manifest(folder)
    assert man, "modèle absent : lancez scripts/entrainer_gestes.py (--second-avis pour le second)"
    assert man["donnees"] == [f.name for f in files], "données ajoutées ou retirées sans réentraînement"
    assert man["sha256"] == gestes.data_digest(files), "données modifiées sans réentraînement (scripts/entrainer_gestes.py)"
    assert man["phrases"] == len(gestes.read_sentences(files))
    assert man.get("exemples", man["phrases"]) == len(gestes.training_examples(files))


def test_negatives_come_from_tuned_messages_without_a_remark():
    """scripts/extraire_negatifs.py: each negative is a sentence of a tuned message labelled « sans critique »
    (a blind batch never trains anything; a sentence as common as « J'ai beaucoup réfléchi ce week-end. » may
    also stand in a blind one)."""
    from ton.check import mask_placeholders, placeholder_spans
    from ton.evaluation import load_labels, load_lots
    from ton.nlp import lexicon
    from ton.reading import read_path
    from ton.structure import parse

    lex = lexicon()

    def flat(path):
        """The text as the layer reads it: decoded (some messages are cp1252), placeholders masked."""
        st = parse(read_path(str(path)).text, lex.structure)
        st.holes = placeholder_spans(st.text, lex)
        return " ".join(mask_placeholders(st).split())

    tuned = {lot.lot for lot in load_lots(CORPUS).values() if not lot.blind}
    labels = load_labels(CORPUS)
    clean = [flat(lab.path) for lab in labels if lab.lot in tuned and lab.met.get("sans_critique") == 1]
    path = CORPUS / "phrases-critique" / gestes.NEGATIVES_FILE
    negatives = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(negatives) >= 300
    for moves, sentence in negatives:
        assert moves == "critique", sentence
        assert any(sentence in text for text in clean), sentence


def test_second_opinion_only_takes_away_reproaches_on_the_first_models_scale():
    """The pipeline keeps the first model's scores, except the reproach of a sentence the first reads at
    between SECOND_GATE and SECOND_KEEP and the second, mapped onto the first's scale, below SECOND_VETO: the
    second's."""
    import numpy

    nlp = get_nlp()
    first = gestes.load_classifier(nlp)
    second, xs, ys = gestes.load_second(nlp)
    assert all(a <= b for a, b in zip(xs, xs[1:])) and all(a <= b for a, b in zip(ys, ys[1:]))
    text = ("Bonjour Madame,\nMerci pour votre appel. Je dois annuler l'entretien de jeudi, mon fils est malade. "
            "J'en ai parlé avec ma compagne tout le week-end, on a retourné la question dans tous les sens. "
            "Franchement, trois entretiens pour un poste d'accueil, c'est beaucoup. J'ai attendu une heure dans "
            "un hall glacial. Votre équipe m'a fait très bonne impression.\nLéa")
    doc = nlp(text)
    vetoed = 0
    for m in gestes.moves(doc):
        (d,) = gestes.sentence_docs(doc, [doc.char_span(m.start, m.end, alignment_mode="expand")])
        own = dict(first(d).cats)  # the next textcat call overwrites d.cats
        assert all(abs(m[k] - own[k]) < 1e-3 for k in gestes.LABELS if k != "critique")
        assert abs(m.broad_critique - own["critique"]) < 1e-3
        opinion = float(numpy.interp(second(d).cats["critique"], xs, ys))
        if gestes.SECOND_GATE <= round(own["critique"], 4) < gestes.SECOND_KEEP and opinion < gestes.SECOND_VETO:
            vetoed += 1
            assert abs(m["critique"] - opinion) < 1e-3
        else:
            assert abs(m["critique"] - own["critique"]) < 1e-3
        assert m["critique"] <= m.broad_critique + 1e-3
    assert vetoed >= 1


# The second opinion on sentences by writers it never saw: its raw reproach score at 0.5, per set.
# Sixteenth session (retrained with the negatives of 4,100 tuned messages, scripts/extraire_negatifs.py): more
# precise and less sensitive at 0.5 on these sentences (p15+16 0.91 / 0.86 -> 0.92 / 0.80, p17+18 0.87 / 0.88 ->
# 0.92 / 0.81, p19 0.81 / 0.90 -> 0.86 / 0.83, p20+21 0.65 / 0.82 -> 0.72 / 0.79); it only vetoes below 0.3 on the
# first model's scale, and on the 480 held-out messages of DU-EJ it removes 3 false alarms and loses no remark
# (corpus/MESURES.md). Floors at the new figures.
# Nineteenth session (retrained with 3,610 sentences of tuned messages WITH a remark, judged one by one, 2,925 of
# them remarks: corpus/phrases-critique/critique-messages.tsv): its raw scores move up, so that at 0.5 it is more
# sensitive and less precise on these sentences (p15+16 0.924 / 0.808 -> 0.921 / 0.921, p17+18 0.927 / 0.810 ->
# 0.865 / 0.888, p19 0.868 / 0.836 -> 0.802 / 0.882, p20+21 0.729 / 0.797 -> 0.629 / 0.830); how well it orders
# them hardly moves (area under the ROC curve 0.980 -> 0.986, 0.966 -> 0.965, 0.969 -> 0.965, 0.941 -> 0.927). It is
# used through its calibration onto the first model's scale, not at 0.5: on the 480 held-out messages of FY-GF
# (kept out of the judged sentences), BC-BF and BO-BR, 3 false alarms and 2 missed remarks fewer
# (corpus/MESURES.md). Floors at the new figures, and on the area, which no threshold moves.
SECOND_HELD_OUT = {("phrases-p15.tsv", "phrases-p16.tsv"): (0.92, 0.92, 0.98),
                   ("phrases-p17.tsv", "phrases-p18.tsv"): (0.86, 0.88, 0.96),
                   ("phrases-p19.tsv",): (0.8, 0.88, 0.96),
                   ("phrases-p20.tsv", "phrases-p21.tsv"): (0.62, 0.82, 0.92)}


@pytest.mark.parametrize("names", list(SECOND_HELD_OUT), ids=lambda f: "+".join(n[8:-4] for n in f))
def test_second_opinion_generalises_to_writers_it_never_saw(names):
    files = [CORPUS / "phrases-validation" / f for f in names]
    assert not {f.name for f in files} & set(gestes.manifest(gestes.SECOND_DIR)["donnees"])
    sentences = gestes.read_sentences(files)
    nlp = get_nlp()
    second, _, _ = gestes.load_second(nlp)
    docs = second.pipe([nlp.make_doc(t) for t, _ in sentences], batch_size=256)
    scored = [(d.cats["critique"], "critique" in g) for d, (_, g) in zip(docs, sentences)]
    flagged = [(s >= 0.5, g) for s, g in scored]
    tp = sum(p and g for p, g in flagged)
    precision, recall = tp / sum(p for p, _ in flagged), tp / sum(g for _, g in flagged)
    # The area under the ROC curve: how often a remark scores above a sentence that is none.
    pos, neg = [s for s, g in scored if g], [s for s, g in scored if not g]
    area = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
    floor = SECOND_HELD_OUT[names]
    assert precision >= floor[0] and recall >= floor[1] and area >= floor[2], (precision, recall, area)


def test_model_reproduces_its_training_labels():
    """A model that no longer fits its own data (wrong file, wrong architecture) fails here."""
    sentences = gestes.read_sentences(gestes.data_files(CORPUS))
    nlp = get_nlp()
    textcat = gestes.load_classifier(nlp)
    docs = [nlp.make_doc(t) for t, _ in sentences]
    tp = fp = fn = 0
    for doc, (_, gold) in zip(textcat.pipe(docs, batch_size=256), sentences):
        pred = {k for k, v in doc.cats.items() if v >= 0.5}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, f1


def test_every_body_sentence_is_scored_in_the_pipeline():
    doc = get_nlp()("Bonjour Madame,\nJe vous remercie pour votre appel. Je dois annuler l'entretien de jeudi.\nLéa")
    moves = gestes.moves(doc)
    texts = [doc.text[m.start:m.end].strip() for m in moves]
    assert texts == ["Bonjour Madame,", "Je vous remercie pour votre appel.", "Je dois annuler l'entretien de jeudi.", "Léa"]
    assert all(set(m.scores) == set(gestes.LABELS) for m in moves)
    assert all(0.0 <= v <= 1.0 for m in moves for v in m.scores.values())


# Held-out sentences by writers the model never saw (corpus/phrases-validation), floors that only go up,
# per set of writers: p6, p7 were held out from the start; p8, p9 (2026-12-02) were written for training,
# but the model retrained with them read whole messages worse (corpus/MESURES.md) and was not shipped:
# they measure the shipped model instead.
HELD_OUT = {
    ("phrases-p6.tsv", "phrases-p7.tsv"): {
        "critique": (0.90, 0.80), "remerciement": (0.95, 0.90), "excuses": (0.90, 0.95),
        "interet": (0.90, 0.90), "decision": (0.90, 0.80), "hesitation": (0.90, 0.90)},
    ("phrases-p8.tsv", "phrases-p9.tsv"): {
        "critique": (0.85, 0.71), "remerciement": (0.85, 0.90), "excuses": (0.89, 0.91),
        "interet": (0.97, 0.90), "decision": (0.85, 0.64), "hesitation": (0.96, 0.85)},
    # p10, p11: written 2026-12-02 (second session) to measure the sentence layer on hard cases (feigned
    # neutrality, own-side troubles); kept out of training for the same reason (corpus/MESURES.md).
    ("phrases-p10.tsv", "phrases-p11.tsv"): {
        "critique": (0.94, 0.86), "remerciement": (0.91, 0.82), "excuses": (0.95, 0.95),
        "interet": (0.91, 0.96), "decision": (0.92, 0.65), "hesitation": (0.97, 0.76)},
    # p12, p13, p14: written 2026-12-02 (fifth session) by three more writers, aimed at what the layer reads
    # wrongly in new messages (sincere praise, the writer's own faults and stories, factual missed calls,
    # hedges, veiled remarks). A model retrained with them read these phrases' neighbours (p6–p11) better
    # but whole messages no better (corpus/MESURES.md): they measure the shipped model.
    ("phrases-p12.tsv", "phrases-p13.tsv", "phrases-p14.tsv"): {
        "critique": (0.84, 0.81), "remerciement": (0.90, 0.53), "excuses": (0.87, 0.67),
        "interet": (0.71, 0.61), "decision": (0.98, 0.48), "hesitation": (0.95, 0.73)},
    # p15, p16: written 2026-12-02 (sixth session) by two more writers (reproaches without negative words,
    # the writer's own troubles, sincere praise, neutral missed calls). A model trained with p6–p14 and
    # negatives taken from the tuned messages read them better (critique 0.920 / 0.841) but moved every
    # threshold the rules read (corpus/MESURES.md): they measure the shipped model.
    ("phrases-p15.tsv", "phrases-p16.tsv"): {
        "critique": (0.84, 0.84), "remerciement": (0.96, 0.84), "excuses": (0.94, 1.0),
        "interet": (0.92, 0.92), "decision": (0.91, 0.83), "hesitation": (1.0, 0.92)},
    # p17, p18, p19: written 2026-12-02 (seventh session) by three more writers, on the border of the
    # reproach (hard non-remarks: sincere praise, accepted rejections, own stories, neutral facts, self-doubt,
    # job vocabulary) and, for p19, of decision and hesitation. Held out of both models.
    ("phrases-p17.tsv", "phrases-p18.tsv"): {
        "critique": (0.72, 0.80), "remerciement": (0.97, 0.85), "excuses": (0.89, 1.0),
        "interet": (0.65, 0.87), "decision": (0.97, 0.70), "hesitation": (0.85, 1.0)},
    ("phrases-p19.tsv",): {
        "critique": (0.71, 0.75), "remerciement": (0.85, 0.92), "excuses": (1.0, 1.0),
        "interet": (0.5, 0.66), "decision": (0.87, 0.51), "hesitation": (0.88, 0.79)},
    # p20, p21: written 2026-12-03 (ninth session) by two more writers, 300 of their 720 sentences sincere
    # praise with negative words (litotes, « pas un seul temps mort », detailed accounts of a visit), 160 the
    # writer's own troubles, 180 veiled remarks. The first model reads reproach in much of the praise
    # (precision 0.58). A second opinion retrained with them read held-out messages no better (corpus/MESURES.md,
    # ninth session) and was not shipped: they measure both models.
    ("phrases-p20.tsv", "phrases-p21.tsv"): {
        "critique": (0.57, 0.83), "remerciement": (0.93, 0.6), "excuses": (0.97, 0.91),
        "interet": (0.84, 0.61), "decision": (0.94, 0.79), "hesitation": (0.93, 0.93)},
}


def _held_out(name):
    """p6–p14 train the second opinion (corpus/phrases-critique/), never the first model; p15, p16 neither."""
    for folder in ("phrases-validation", "phrases-critique"):
        if (CORPUS / folder / name).is_file():
            return CORPUS / folder / name
    raise AssertionError(name)


@pytest.mark.parametrize("files", list(HELD_OUT), ids=lambda f: "+".join(n[8:-4] for n in f))
def test_model_generalises_to_writers_it_never_saw(files):
    validation = {p.name for p in (CORPUS / "phrases-validation").glob("phrases-*.tsv")}
    second_only = {p.name for p in (CORPUS / "phrases-critique").glob("phrases-*.tsv")}
    assert validation | second_only == {f for fs in HELD_OUT for f in fs}
    sentences = gestes.read_sentences([_held_out(f) for f in files])
    assert len(sentences) >= 350 * len(files)
    assert not set(files) & set(gestes.manifest()["donnees"]), "jeu d'entraînement, pas de validation"
    nlp = get_nlp()
    textcat = gestes.load_classifier(nlp)
    docs = textcat.pipe([nlp.make_doc(t) for t, _ in sentences], batch_size=256)
    scores = [(d.cats, g) for d, (_, g) in zip(docs, sentences)]
    for label, (p_min, r_min) in HELD_OUT[files].items():
        tp = sum(1 for c, g in scores if c[label] >= 0.5 and label in g)
        fp = sum(1 for c, g in scores if c[label] >= 0.5 and label not in g)
        fn = sum(1 for c, g in scores if c[label] < 0.5 and label in g)
        assert tp / (tp + fp) >= p_min and tp / (tp + fn) >= r_min, (label, tp, fp, fn)


def test_a_sentence_cut_at_a_semicolon_is_scored_whole():
    """The recogniser cuts at « ; », the classifier learned whole sentences: both parts get the scores of
    the sentence up to its full stop; a line break still separates (SMS lines)."""
    nlp = get_nlp()
    doc = nlp("La convocation donnait une ancienne adresse ; je suis arrivé en retard à cause de cela. Merci.")
    moves = gestes.moves(doc)
    assert len({(m.start, m.end) for m in moves}) >= 3
    assert moves[0].scores == moves[1].scores != moves[-1].scores
    doc = nlp("Dsl jpeux pas demain ;\nmerci de me rappeler")
    moves = gestes.moves(doc)
    assert len(moves) == 2 and moves[0].scores != moves[1].scores


def test_sentence_copies_score_exactly_like_span_as_doc():
    """The layer copies each sentence with only what the classifier reads (gestes.sentence_docs), not by
    Span.as_doc (quadratic on long messages): same scores to the bit, on corpus messages and on texts whose
    words have a norm of their own (tokenizer exceptions), and the classifier reads nothing else."""
    from spacy.attrs import IDS

    from ton.reading import expand_paths, read_path

    tok2vec = gestes.TEXTCAT_CONFIG["model"]["tok2vec"]["embed"]
    assert set(tok2vec["attrs"]) <= set(gestes.CLASSIFIER_TOKEN_ATTRS) | set(gestes.CLASSIFIER_LEXEME_ATTRS)
    assert gestes.TEXTCAT_CONFIG["model"]["linear_model"]["@architectures"] == "spacy.TextCatBOW.v3"  # ORTH n-grams
    nlp = get_nlp()
    assert nlp.vocab.vectors.attr == IDS["ORTH"]
    textcat = gestes.load_classifier(nlp)
    texts = [read_path(p).text for p in expand_paths([str(CORPUS / "messages")])[:80]]
    # "\xa0" alone is a word whose norm is the token's own (the French tokenizer's exceptions).
    texts.append("Bonjour\xa0! Je dois annuler notre entretien\xa0! Merci \xa0 pour votre compréhension.\nLéa")
    norms = 0
    for doc in nlp.pipe(texts):
        sents = list(doc.sents)
        norms += sum(t.norm_ != t.lex.norm_ for t in doc)
        head = doc._get_array_attrs()
        reference = [s.as_doc(array_head=head, array=doc.to_array(head)) for s in sents]
        copies = gestes.sentence_docs(doc, sents)
        assert [d.text for d in copies] == [d.text for d in reference]
        assert [[t.norm_ for t in d] for d in copies] == [[t.norm_ for t in d] for d in reference]
        for a, b in zip(textcat.pipe(reference), textcat.pipe(copies)):
            assert a.cats == b.cats
    assert norms > 0  # words with a norm of their own were copied
