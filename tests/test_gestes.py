"""The sentence layer: the shipped model is the one its data trains, and it runs in the pipeline."""
from conftest import CORPUS

from ton import gestes
from ton.nlp import get_nlp


def test_model_is_trained_on_the_data_in_the_repository():
    files = gestes.data_files(CORPUS)
    man = gestes.manifest()
    assert man, "modèle absent : lancez scripts/entrainer_gestes.py"
    assert man["donnees"] == [f.name for f in files], "données ajoutées ou retirées sans réentraînement"
    assert man["sha256"] == gestes.data_digest(files), "données modifiées sans réentraînement (scripts/entrainer_gestes.py)"
    assert man["phrases"] == len(gestes.read_sentences(files))


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


def test_model_generalises_to_writers_it_never_saw():
    """Held-out sentences by two other writers (corpus/phrases-validation): floors that only go up."""
    sentences = gestes.read_sentences(sorted((CORPUS / "phrases-validation").glob("phrases-*.tsv")))
    assert len(sentences) >= 1000
    nlp = get_nlp()
    textcat = gestes.load_classifier(nlp)
    docs = textcat.pipe([nlp.make_doc(t) for t, _ in sentences], batch_size=256)
    scores = [(d.cats, g) for d, (_, g) in zip(docs, sentences)]
    floors = {"critique": (0.90, 0.80), "remerciement": (0.95, 0.90), "excuses": (0.90, 0.95),
              "interet": (0.90, 0.90), "decision": (0.90, 0.80), "hesitation": (0.90, 0.90)}
    for label, (p_min, r_min) in floors.items():
        tp = sum(1 for c, g in scores if c[label] >= 0.5 and label in g)
        fp = sum(1 for c, g in scores if c[label] >= 0.5 and label not in g)
        fn = sum(1 for c, g in scores if c[label] < 0.5 and label in g)
        assert tp / (tp + fp) >= p_min and tp / (tp + fn) >= r_min, (label, tp, fp, fn)
