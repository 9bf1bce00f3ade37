"""Tire des messages de réglage les phrases sans reproche que la couche de phrases lit pourtant comme des
reproches : corpus/phrases-critique/negatifs-messages.tsv, données du second avis sur la critique.

    .venv/bin/python scripts/extraire_negatifs.py        # réécrit le fichier, puis :
    .venv/bin/python scripts/entrainer_gestes.py --second-avis

Pourquoi : les phrases étiquetées une à une (phrases-*.tsv) viennent de rédacteurs qui écrivaient des
phrases ; les messages du corpus sont étiquetés message par message. Un message étiqueté « sans
critique » ne contient aucun reproche : ses récits personnels, ses éloges, ses constats d'appel manqué
sont autant d'exemples négatifs vrais, précisément ceux que la couche lit mal. On ne garde que les phrases
que le premier modèle (src/ton/modeles/gestes/) note au moins SEUIL (0.5) pour la critique : les autres ne lui
apprendraient rien et baisseraient tous ses scores. Les autres gestes de ces phrases restent inconnus
(l'entraînement ne les compte pas).

Seuls les lots de réglage servent (jamais un lot à l'aveugle, corpus/lots.yaml). Le premier modèle ne
change pas avec le second avis : deux extractions sur le même corpus donnent le même fichier (trié).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from entrainer_gestes import tuned_units  # noqa: E402
from ton.gestes import NEGATIVES_FILE, load_classifier, sentence_docs  # noqa: E402
from ton.nlp import get_nlp  # noqa: E402

# Sixteenth session: 0.15 -> 0.5. With the tuned batches grown to 4,100 messages, 0.15 gave 2,000 sentences and a
# second opinion that lost remarks of tuned messages (67 -> 95 missed); 0.5 (745 sentences) reads the 480 messages of
# DU-EJ, held out from its training, with 3 false alarms fewer and no remark lost (corpus/MESURES.md).
SEUIL = 0.5
# Only the reproach: absent thanks, apologies or interest taken the same way lowered the layer's recall on
# those moves in held-out messages, without gaining precision (corpus/MESURES.md, 2026-12-02, sixth session).
ABSENT_WHEN_RESPECTED = {"sans_critique": "critique"}


def main() -> None:
    corpus = ROOT / "corpus"
    first = load_classifier(get_nlp())
    found: dict[str, set[str]] = {}
    for label, unit in tuned_units(corpus):
        absent = {move for crit, move in ABSENT_WHEN_RESPECTED.items() if label.met.get(crit) == 1}
        text = " ".join(unit.text.split())
        if not absent or len(text.split()) < 2:
            continue
        (doc,) = sentence_docs(unit.doc, [unit])
        cats = first(doc).cats
        misread = {m for m in absent if cats[m] >= SEUIL}
        if misread:
            found.setdefault(text, set()).update(misread)
    out = corpus / "phrases-critique" / NEGATIVES_FILE
    lines = sorted(f"{','.join(sorted(moves))}\t{text}" for text, moves in found.items())
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} phrases dans {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
