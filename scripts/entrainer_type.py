"""Entraîne le modèle du type de message (src/ton/modeles/type/modele.json).

    .venv/bin/python scripts/entrainer_type.py            # entraîne sur les lots de réglage, enregistre
    .venv/bin/python scripts/entrainer_type.py --valider  # validation croisée lot par lot, rien n'est écrit

Le modèle est une régression logistique multinomiale (descente de gradient à pas fixe, poids
initiaux nuls : deux entraînements sur les mêmes données donnent le même modèle, au bit près).
Il lit ce que `msgtype.features` extrait de chaque message : la réponse des règles de type,
les indices trouvés, les gestes les plus forts de la couche de phrases et les lemmes du texte
du candidat. Seuls les lots de réglage de corpus/lots.yaml servent (jamais un lot à l'aveugle) ;
le manifeste nomme les fichiers d'étiquettes et leur empreinte (tests/test_type_modele.py
échoue quand les données changent sans réentraînement).

Ordre : la couche de phrases d'abord (scripts/entrainer_gestes.py), puis ce script, puisque
les gestes font partie de ce que lit le modèle.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("TON_SERVEUR", "non")

import numpy as np  # noqa: E402

from ton.model import MESSAGE_TYPES as TYPES  # noqa: E402
from ton.msgtype import MODEL_FILE  # noqa: E402

L2 = 7.0  # 10 until the 5th session; 7 fits the 1,309 tuned messages better (cross-validated 0.947 vs 0.945)
STEPS = 800
RATE = 0.5
MIN_COUNT = 3  # a lemma seen in fewer messages is noise


def _examples(corpus: Path):
    """(features, gold type, lot) of every message of the tuned batches. The features never depend on
    the shipped model (msgtype.features reads the rules' answer, not the model's)."""
    from ton.batch import check_sources
    from ton.evaluation import load_labels
    from ton.reading import read_path

    labels = load_labels(corpus, blind=False)
    reports = list(check_sources([read_path(str(lab.path)) for lab in labels]))
    out = []
    for lab, rep in zip(labels, reports):
        if getattr(rep, "type_features", None) is None:
            raise SystemExit(f"{lab.path} : aucun type calculé ({rep}).")
        out.append((rep.type_features, lab.type, lab.lot))
    return out, labels


def _vocabulary(examples) -> list[str]:
    counts = Counter()
    for feats, _, _ in examples:
        counts.update(feats)
    lexical = ("mot=", "objet=")
    return sorted(k for k, n in counts.items() if n >= MIN_COUNT or not k.startswith(lexical))


def _matrix(examples, vocab):
    index = {k: i for i, k in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)))
    for r, (feats, _, _) in enumerate(examples):
        for k, v in feats.items():
            i = index.get(k)
            if i is not None:
                x[r, i] = v
    return x


def _fit(x, y, n_types):
    w = np.zeros((x.shape[1], n_types))
    target = np.eye(n_types)[y]
    for _ in range(STEPS):
        z = x @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        w -= RATE * (x.T @ (p - target) / len(x) + L2 * w / len(x))
    return w


def _digest(corpus: Path, labels) -> tuple[list[str], str]:
    files = sorted({f.name for f in corpus.glob("etiquettes*.yaml")} & {f"etiquettes-{lab.lot}.yaml" for lab in labels})
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode())
        h.update((corpus / name).read_bytes())
    for lab in sorted(labels, key=lambda lab: str(lab.path)):
        h.update(lab.path.name.encode())
        h.update(lab.path.read_bytes())
    return files, h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description="Entraîne le modèle du type de message.")
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--valider", action="store_true", help="validation croisée lot par lot ; rien n'est écrit")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    types = list(TYPES)
    examples, labels = _examples(corpus)
    y = np.array([types.index(t) for _, t, _ in examples])
    rules = np.array([types.index(next(k[6:] for k in f if k.startswith("regle="))) for f, _, _ in examples])
    if args.valider:
        lots = np.array([lot for _, _, lot in examples])
        right = Counter()
        floors = (0.0, 0.3, 0.4, 0.5)
        print(f"{len(examples)} messages ; chaque lot prédit par un modèle entraîné sans lui")
        print(f"{'lot':8} {'messages':>8} {'règles':>8}" + "".join(f"   p≥{t:.1f}" for t in floors))
        for lot in sorted(set(lots)):
            train = [e for e, lo in zip(examples, lots) if lo != lot]
            vocab = _vocabulary(train)
            w = _fit(_matrix(train, vocab), y[lots != lot], len(types))
            z = _matrix([e for e, lo in zip(examples, lots) if lo == lot], vocab) @ w
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            gold, rule = y[lots == lot], rules[lots == lot]
            right["règles"] += int((rule == gold).sum())
            row = f"{lot:8} {len(gold):8} {(rule == gold).mean():8.3f}"
            for t in floors:
                pred = np.where(p.max(1) >= t, p.argmax(1), rule)
                right[t] += int((pred == gold).sum())
                row += f" {(pred == gold).mean():7.3f}"
            print(row)
        print(f"{'total':8} {len(y):8} {right['règles'] / len(y):8.3f}" + "".join(f" {right[t] / len(y):7.3f}" for t in floors))
        print("p≥s : le type du modèle quand sa probabilité atteint s, sinon celui des règles (reglages.yaml, type.confiance)")
        return
    vocab = _vocabulary(examples)
    w = _fit(_matrix(examples, vocab), y, len(types))
    files, digest = _digest(corpus, labels)
    model = {
        "types": types,
        "donnees": files,
        "sha256": digest,
        "messages": len(examples),
        "l2": L2, "pas": STEPS, "taux": RATE, "min_messages": MIN_COUNT,
        "poids": {k: [round(float(v), 5) for v in w[i]] for i, k in enumerate(vocab)},
    }
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    tmp = MODEL_FILE.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(MODEL_FILE)
    acc = float(((_matrix(examples, vocab) @ w).argmax(1) == y).mean())
    print(f"{len(examples)} messages, {len(vocab)} traits ; exactitude sur l'entraînement {acc:.3f} ; "
          f"enregistré dans {MODEL_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
