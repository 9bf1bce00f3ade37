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
            # « A lundi » at a sentence start keeps its capital: « À lundi ».
            correction = info["correction"]
            if st.text[start:end][:1].isupper():
                correction = correction[:1].upper() + correction[1:]
            fix = Fix((Edit(start, end, correction),), Safety.SAFE, f"Remplacer par « {correction} »")
            out.append(Finding(f"grammaire/ton/{rid}", Severity.ERREUR, info["message"], start, end,
                               [correction], fix))
    return out
