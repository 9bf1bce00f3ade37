"""Tire des messages de réglage les phrases à faire étiqueter une à une pour la critique :
corpus/phrases-critique/critique-messages.tsv, données du second avis sur la critique.

    .venv/bin/python scripts/extraire_a_etiqueter.py DOSSIER [--sauf fy,fz,…] [--lots 8]
    # DOSSIER/lotK.tsv : « identifiant<TAB>phrase », à étiqueter selon DOSSIER/GUIDE-ANNOTATION.md
    # (copie de corpus/phrases-critique/GUIDE-ANNOTATION.md) par des annotateurs qui n'ont vu ni le code ni
    # les modèles ; chacun écrit DOSSIER/lotK-etiquettes.tsv (« identifiant<TAB>oui|non »), puis :
    .venv/bin/python scripts/extraire_a_etiqueter.py DOSSIER --assembler   # écrit critique-messages.tsv
    .venv/bin/python scripts/entrainer_gestes.py --second-avis

Pourquoi : un message étiqueté « avec critique » ne dit pas laquelle de ses phrases est la remarque ; ses
autres phrases (récits, éloges, questions pratiques) sont justement celles que la couche de phrases lit à
tort comme des reproches. On ne garde que les phrases que l'un des deux modèles note au moins SEUIL (0.3)
pour la critique : la zone où ils se trompent. Les autres gestes de ces phrases restent inconnus.

Seuls les lots de réglage servent (jamais un lot à l'aveugle, corpus/lots.yaml) ; `--sauf` en écarte d'autres
(ceux qui mesureront l'effet du réentraînement). Déterministe : ordre du corpus, doublons ôtés, mélange à
graine fixe avant le découpage en lots.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from entrainer_gestes import tuned_units  # noqa: E402
from ton.gestes import JUDGED_FILE, SECOND_DIR, load_classifier, sentence_docs  # noqa: E402
from ton.nlp import get_nlp  # noqa: E402

SEUIL = 0.3
SEED = 0


def extract(folder: Path, held: set[str], parts: int) -> None:
    nlp = get_nlp()
    first, second = load_classifier(nlp), load_classifier(nlp, SECOND_DIR)
    seen: dict[str, str] = {}
    for label, unit in tuned_units(ROOT / "corpus"):
        if label.path.name.split("_")[0][:-2] in held or label.met.get("sans_critique") != 0:
            continue
        text = " ".join(unit.text.split())
        if len(text.split()) < 3 or text in seen:
            continue
        (d1,) = sentence_docs(unit.doc, [unit])
        (d2,) = sentence_docs(unit.doc, [unit])
        if max(first(d1).cats["critique"], second(d2).cats["critique"]) >= SEUIL:
            seen[text] = label.path.name
    rows = list(seen.items())
    random.Random(SEED).shuffle(rows)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.json").write_text(json.dumps([{"id": f"s{i:05d}", "message": m, "phrase": t}
                                                   for i, (t, m) in enumerate(rows)], ensure_ascii=False), encoding="utf-8")
    size = -(-len(rows) // parts)
    for k in range(parts):
        chunk = [f"s{i:05d}\t{rows[i][0]}\n" for i in range(k * size, min((k + 1) * size, len(rows)))]
        (folder / f"lot{k + 1}.tsv").write_text("".join(chunk), encoding="utf-8")
    print(f"{len(rows)} phrases en {parts} lots dans {folder}", file=sys.stderr)


def assemble(folder: Path) -> None:
    index = {r["id"]: r["phrase"] for r in json.loads((folder / "index.json").read_text(encoding="utf-8"))}
    judged: dict[str, str] = {}
    for p in sorted(folder.glob("lot*-etiquettes.tsv")):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            ident, _, tag = line.partition("\t")
            if ident.strip() not in index or tag.strip() not in ("oui", "non"):
                raise SystemExit(f"{p.name}, ligne {n} : « identifiant<TAB>oui|non » attendu")
            judged[index[ident.strip()]] = tag.strip()
    missing = len(index) - len(judged)
    out = ROOT / "corpus" / "phrases-critique" / JUDGED_FILE
    out.write_text("".join(f"{tag}\t{text}\n" for text, tag in sorted(judged.items())), encoding="utf-8")
    yes = sum(tag == "oui" for tag in judged.values())
    print(f"{len(judged)} phrases ({yes} oui, {missing} sans étiquette) dans {out.relative_to(ROOT)}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dossier")
    ap.add_argument("--sauf", default="", help="lots écartés, séparés par des virgules")
    ap.add_argument("--lots", type=int, default=8, help="nombre de lots à étiqueter")
    ap.add_argument("--assembler", action="store_true", help="assemble les étiquettes en critique-messages.tsv")
    args = ap.parse_args()
    if args.assembler:
        assemble(Path(args.dossier))
    else:
        extract(Path(args.dossier), {x for x in args.sauf.split(",") if x}, args.lots)


if __name__ == "__main__":
    main()
