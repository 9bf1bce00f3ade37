"""Grammar checks of ton's own, for errors the engines miss in these messages
("Cher Madame", "notre entretient"). Patterns and corrections live in lexicons/regex/confusions.yaml."""
from __future__ import annotations

from ..lexicon import Lexicon
from ..model import Edit, Finding, Fix, Safety, Severity
from ..structure import Structure


def check(st: Structure, lex: Lexicon) -> list[Finding]:
    out = []
    extra = lex.regex_extra.get("confusions", {})
    for rid, rx, _ex in lex.regexes.get("confusions", []):
        info = extra.get(rid, {})
        for m in rx.finditer(st.text):
            # One group per branch of the pattern: the one that took part in the match.
            g = next((i for i in range(1, (rx.groups or 0) + 1) if m.group(i) is not None), 0)
            start, end = m.span(g)
            if st.in_quote(start):
                continue
            fix = Fix((Edit(start, end, info["correction"]),), Safety.SAFE, f"Remplacer par « {info['correction']} »")
            out.append(Finding(f"grammaire/ton/{rid}", Severity.ERREUR, info["message"], start, end,
                               [info["correction"]], fix))
    return out
