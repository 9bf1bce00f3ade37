"""Evaluative adjectives from a maintained lexicon: textblob-fr's fr-sentiment.xml.

5,116 French adjective forms with a polarity (-1 to +1). Its data is read straight from the
installed package (its code, which imports nltk, is never loaded). Which forms count, and the
thresholds, are data (lexicons/reglages.yaml, section polarite); who is evaluated is decided by
the rule that reads them (rules/sans_critique.py): only a target on the recipient's side.
"""
from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def polarities() -> dict[str, float]:
    """Lower-cased form -> polarity; empty if the package is missing (the rule then reads its own lexicon only)."""
    spec = importlib.util.find_spec("textblob_fr")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "fr-sentiment.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    out: dict[str, float] = {}
    for w in root.iter("word"):
        if w.get("pos") != "JJ":
            continue
        try:
            out.setdefault(w.get("form", "").lower(), float(w.get("polarity", "0")))
        except ValueError:
            continue
    return out


_merged: dict = {}


def with_additions(additions: dict) -> dict[str, float]:
    """textblob-fr's polarities, plus the forms reglages.yaml polarite.ajouts rates (polarity -> forms):
    adjectives the package lacks, added as data by whoever maintains the lexicons."""
    key = tuple(sorted((float(p), tuple(forms)) for p, forms in (additions or {}).items()))
    if key not in _merged:
        out = dict(polarities())
        if out:  # without the package, the rule reads its own lexicon only (as documented above)
            out.update({w.lower(): p for p, forms in key for w in forms})
        _merged.clear()
        _merged[key] = out
    return _merged[key]
