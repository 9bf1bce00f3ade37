"""Writes docs/regles.md from the rule registry (src/ton/rules), the same source as `ton regles` and `ton expliquer`.

    .venv/bin/python scripts/generer_docs.py            # rewrites docs/regles.md
    .venv/bin/python scripts/generer_docs.py --verifier # exit 1 if docs/regles.md is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ton.rules import ALL_RULES  # noqa: E402

TARGET = ROOT / "docs" / "regles.md"


def render() -> str:
    out = [
        "# Règles de ton",
        "",
        "<!-- Fichier généré par scripts/generer_docs.py à partir de src/ton/rules : ne pas modifier à la main. -->",
        "",
        "Les mêmes textes sont affichés par `ton regles` (liste) et `ton expliquer IDENTIFIANT` (détail).",
        "La sévérité indiquée est celle par défaut ; elle se change dans la configuration",
        "(voir [configuration.md](configuration.md), table `[regles]`).",
        "",
        "| identifiant | sévérité | nature | en une ligne |",
        "| --- | --- | --- | --- |",
    ]
    for r in ALL_RULES:
        kind = "critère" if r.kind == "critere" else "règle"
        out.append(f"| [`{r.id}`](#{r.id}) | {r.severity.value} | {kind} | {r.title} |")
    out.append("| `grammaire/…` | selon le moteur | règle | Grammaire et orthographe (Grammalecte ou LanguageTool) |")
    for r in ALL_RULES:
        out += ["", f"## {r.id}", "", f"**{r.title}** — sévérité par défaut : {r.severity.value}.", "", r.explanation, "",
                "Bon exemple :", "", "```text", r.good.rstrip(), "```", "", "Mauvais exemple :", "", "```text", r.bad.rstrip(), "```"]
    return "\n".join(out) + "\n"


def main() -> int:
    text = render()
    if "--verifier" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/regles.md n'est pas à jour : lancez « .venv/bin/python scripts/generer_docs.py ».", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"écrit : {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
