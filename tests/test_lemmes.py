"""ton's lemmatizer gives spaCy's lemmas: its lists of known words are sets (nlp._lemma_index_as_sets),
which only changes how fast `word in index` answers."""
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.lookups import Lookups
from spacy.tokens import Doc

from ton.nlp import get_nlp


def test_lemmas_are_those_of_spacys_lemmatizer_with_its_lists():
    nlp = get_nlp()
    ours = nlp.get_pipe("lemmatizer")
    index = ours.lookups.get_table("lemma_index")
    assert index and all(isinstance(v, frozenset) for v in index.values())
    # spaCy's own lemmatizer on the same tables, the index as the lists the model ships.
    lookups = Lookups()
    for name in ours.lookups.tables:
        table = ours.lookups.get_table(name)
        lookups.add_table(name, {k: (sorted(v) if name == "lemma_index" else v) for k, v in table.items()})
    stock = FrenchLemmatizer(nlp.vocab, None, mode="rule")
    stock.initialize(lookups=lookups)
    assert all(isinstance(v, list) for v in stock.lookups.get_table("lemma_index").values())
    # Words of every kind: known forms, unknown ones the rules inflect, capitals, elisions, numbers.
    lookup = ours.lookups.get_table("lemma_lookup").values()
    words = sorted({w for v in lookup for w in (v if isinstance(v, list) else [v])})[::1500][:150]
    words += ["mangeâmes", "reprogrammerions", "Entretiens", "l'", "qu'", "2026", "jpeux", "désorganisé", "vélizy"]
    for pos in ("NOUN", "VERB", "ADJ", "ADV", "AUX", "DET", "PRON", "ADP", "PROPN", "NUM", "X", "SPACE"):
        doc = Doc(nlp.vocab, words=words)
        for t in doc:
            t.pos_ = pos
        ours.cache.clear()
        assert [ours.rule_lemmatize(t) for t in doc] == [stock.rule_lemmatize(t) for t in doc], pos
