"""Writes docs/regles.md from the rule registry (src/ton/rules), the same source as `ton regles` and `ton expliquer`.

    .venv/bin/python scripts/generer_docs.py            # rewrites docs/regles.md
    .venv/bin/python scripts/generer_docs.py --verifier # exit 1 if docs/regles.md is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ton.lexicon import load  # noqa: E402
from ton.model import MESSAGE_TYPES  # noqa: E402
from ton.rules import ALL_RULES, CRITERIA_RULES  # noqa: E402

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
    # The type table, from lexicons/exigences.yaml (what each type of message requires, and how severely).
    req = load().requirements
    out += ["", "## Ce que chaque type de message exige", "",
            "Tiré de `lexicons/exigences.yaml` : la sévérité du constat quand le point manque ; « – » : sans objet "
            "pour ce type. Certaines règles ajoutent une condition (voir leur description : les excuses après un "
            "appel manqué par le recruteur, les prochaines étapes dans un simple remerciement).", "",
            "| critère | " + " | ".join(MESSAGE_TYPES) + " |",
            "| --- |" + " --- |" * len(MESSAGE_TYPES)]
    for r in CRITERIA_RULES:
        out.append(f"| `{r.id}` | " + " | ".join(req.get(t, {}).get(r.id, "–") for t in MESSAGE_TYPES) + " |")
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
