"""Where the lexicons are: light enough for the warm client (no pathlib, no YAML, no spaCy)."""
from __future__ import annotations

import os

from .errors import LexiconError


def lexicon_folder() -> str:
    env = os.environ.get("TON_LEXIQUES")
    if env:
        return env
    here = os.path.dirname(os.path.realpath(__file__))
    # A source checkout (src/ton -> lexicons/ at the root), or an installed package (ton/lexicons).
    for candidate in (os.path.join(os.path.dirname(os.path.dirname(here)), "lexicons"), os.path.join(here, "lexicons")):
        if os.path.isdir(candidate):
            return candidate
    raise LexiconError("lexicons/", "(dossier)", "dossier des lexiques introuvable (variable TON_LEXIQUES ?)")
