"""Writes the examples of docs/formats.md from real output: the two drafts of docs/exemples/brouillons/
checked once, then given to each emitter. Each example sits under a marker « <!-- exemple:FORMAT --> »
and is replaced whole; the prose around it is left alone.

    .venv/bin/python scripts/generer_formats.py            # rewrites the examples of docs/formats.md
    .venv/bin/python scripts/generer_formats.py --verifier # exit 1 if they are out of date
"""
from __future__ import annotations

import copy
import io
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["COLUMNS"] = "100"  # the text report crops excerpts to the terminal: a fixed width here

TARGET = ROOT / "docs" / "formats.md"
EXAMPLES = ROOT / "docs" / "exemples"
COMMAND = "ton verifier brouillons/ --grammaire aucune"
# The marker, then one fenced block whose inner lines never start with a fence.
BLOCK = re.compile(r"(<!-- exemple:(?P<fmt>[a-z]+) -->\n)```[a-z]*\n(?:(?!```)[^\n]*\n)*```\n")
LANG = {"json": "json", "sarif": "json", "junit": "xml"}


def reports():
    from ton.batch import check_sources
    from ton.check import Options
    from ton.reading import read_path

    cwd = os.getcwd()
    os.chdir(EXAMPLES)  # paths in the examples are those a user types: brouillons/…
    try:
        sources = [read_path(f"brouillons/{n}") for n in ("lea.txt", "marc.txt")]
        return list(check_sources(sources, Options()))
    finally:
        os.chdir(cwd)


def _shorten_json(text: str) -> str:
    doc = json.loads(text)
    doc["files"] = [f for f in doc["files"] if f["path"].endswith("marc.txt")]
    for f in doc["files"]:
        f["criteria"] = f["criteria"][:1]
        f["findings"] = f["findings"][:1]
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _shorten_sarif(text: str) -> str:
    doc = json.loads(text)
    run = doc["runs"][0]
    run["tool"]["driver"]["rules"] = [{k: v for k, v in r.items() if k in ("id", "shortDescription", "defaultConfiguration")}
                                      for r in run["tool"]["driver"]["rules"][:1]]
    run["results"] = [{k: v for k, v in r.items() if k != "fixes"} for r in run["results"][:1]]
    run["properties"]["fichiers"] = [f for f in run["properties"]["fichiers"] if f["chemin"].endswith("marc.txt")]
    return json.dumps(doc, ensure_ascii=False, indent=2)


def render_examples() -> dict[str, str]:
    from ton.emitters import FORMATS

    rs = reports()
    out = {}
    for fmt in ("texte", "concis", "json", "sarif", "junit", "github", "csv", "markdown"):
        buf = io.StringIO()
        FORMATS[fmt](copy.deepcopy(rs), [], buf, False)
        text = buf.getvalue().rstrip("\n")
        if fmt == "json":
            text = _shorten_json(text)
        elif fmt == "sarif":
            text = _shorten_sarif(text)
        prompt = f"$ {COMMAND}" + ("" if fmt == "texte" else f" -f {fmt}")
        out[fmt] = f"```{LANG.get(fmt, 'text')}\n" + (f"{prompt}\n" if LANG.get(fmt) is None else "") + text + "\n```\n"
    return out


def render(current: str) -> str:
    examples = render_examples()
    return BLOCK.sub(lambda m: m[1] + examples[m["fmt"]], current)


def main() -> int:
    current = TARGET.read_text(encoding="utf-8")
    new = render(current)
    if "--verifier" in sys.argv[1:]:
        if new != current:
            print("docs/formats.md n'est plus à jour : lancez scripts/generer_formats.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
