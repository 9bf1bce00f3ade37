"""The sentence layer: a statistical tagger of the candidate's rhetorical moves ("gestes").

Each sentence of a message gets a score per move (remerciement, decision, hesitation, excuses,
report, critique, porte_ouverte, interet, demande_retour, prochaines_etapes, insistance).
The model is a spaCy `textcat_multilabel` (bag of n-grams + a small CNN over the md model's
static vectors), trained by `scripts/entrainer_gestes.py` from the labelled sentences of
corpus/phrases/, and shipped in src/ton/modeles/gestes/ with a manifest naming the exact
training data (tests/test_gestes.py fails when the two no longer match).

It runs as the last component of the pipeline ("ton_gestes"): scores are stored on the doc,
the rules read them beside their lexicon evidence (rules stay for negation, hedging scope and
explanations; the model adds recall on wordings no lexicon lists).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "modeles" / "gestes"
LABELS = ("remerciement", "decision", "hesitation", "excuses", "report", "critique", "porte_ouverte",
          "interet", "demande_retour", "prochaines_etapes", "insistance")
KEY = "ton_gestes"  # doc.user_data key: survives nlp.pipe's worker processes (Doc.to_bytes keeps it)

# The classifier's architecture: its n-gram half learns wordings, its vector half generalises
# to words it never saw through the md model's static vectors.
TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
            "no_output_layer": False, "length": 65536,
        },
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2", "width": 64, "rows": [3000, 1500, 1500, 1500],
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "include_static_vectors": True,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                "maxout_pieces": 3, "depth": 2,
            },
        },
    },
}


@dataclass(frozen=True)
class SentenceMoves:
    start: int  # character offsets of the sentence in the doc
    end: int
    scores: dict[str, float]

    def __getitem__(self, label: str) -> float:
        return self.scores.get(label, 0.0)


def data_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "phrases").glob("phrases-*.tsv"))


def read_sentences(paths: list[Path]) -> list[tuple[str, set[str]]]:
    out = []
    for p in paths:
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            tags, _, text = line.partition("\t")
            labels = {t.strip() for t in tags.split(",") if t.strip()} - {"aucun"}
            unknown = labels - set(LABELS)
            if unknown or not text.strip():
                raise ValueError(f"{p.name}, ligne {n} : étiquette inconnue ou phrase vide ({', '.join(unknown)})")
            out.append((text.strip(), labels))
    return out


def data_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def manifest() -> dict:
    try:
        return json.loads((MODEL_DIR / "manifeste.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def available() -> bool:
    return (MODEL_DIR / "manifeste.json").is_file()


def load_classifier(nlp):
    """The trained textcat, created outside the pipeline (it scores sentences, not whole docs) with the
    main pipeline's vocab, so that its static vectors are the md model's."""
    textcat = nlp.create_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    return textcat.from_disk(MODEL_DIR / "textcat_multilabel", exclude=["vocab"])


def make_component(textcat):
    """The pipeline component: scores every sentence of the doc.

    Under nlp.pipe, the sentences of a whole batch of docs go through the textcat together: one
    forward pass instead of one per message (same scores, tests/test_speed_equivalence.py)."""
    return _Gestes(textcat)


class _Gestes:
    def __init__(self, textcat) -> None:
        self.textcat = textcat

    def __call__(self, doc):
        self._score([doc])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            self._score(batch)
            yield from batch

    def _score(self, docs) -> None:
        per_doc, sdocs = [], []
        for doc in docs:
            sents = [s for s in doc.sents if any(not t.is_space and not t.is_punct for t in s)]
            units = _units(doc, sents)
            sdocs.extend(sentence_docs(doc, [u for u, _ in units]))
            per_doc.append(units)
        for _ in self.textcat.pipe(sdocs, batch_size=256):
            pass
        it = iter(sdocs)
        for doc, units in zip(docs, per_doc):
            out = []
            for (_, members), d in zip(units, it):
                scores = {k: round(float(v), 4) for k, v in d.cats.items()}
                out.extend((s.start_char, s.end_char, scores) for s in members)
            doc.user_data[KEY] = out


def _units(doc, sents) -> list:
    """What the classifier reads: the writer's sentence up to its final stop. The sentence recogniser also
    cuts at « ; » and « : », which splits a remark from what it is about (« la convocation indiquait
    l'ancienne adresse ; j'ai eu la chance d'arriver en avance… ») while the classifier learned whole
    sentences. Each part then gets the whole sentence's scores. Not across a line break (SMS lines)."""
    units: list = []
    text = None  # Doc.text joins every token: built once, not per « ; » (quadratic on long messages)
    for s in sents:
        if units:
            prev = units[-1][1][-1]
            last = next((t for t in reversed(prev) if not t.is_space), None)
            if last is not None and last.text in (";", ":"):
                text = doc.text if text is None else text
                if "\n" not in text[prev.end_char:s.start_char]:
                    first = units[-1][0]
                    units[-1] = (doc[first.start : s.end], units[-1][1] + [s])
                    continue
        units.append((s, [s]))
    return units


# Token attributes the classifier reads beyond the words themselves: its n-grams and static vectors are
# keyed by ORTH, its embedding reads NORM, PREFIX, SUFFIX and SHAPE (TEXTCAT_CONFIG). All but NORM are
# properties of the word (lexeme), set by Doc(words=…); NORM may be the token's own (tokenizer exceptions).
CLASSIFIER_TOKEN_ATTRS = ("NORM",)
CLASSIFIER_LEXEME_ATTRS = ("ORTH", "PREFIX", "SUFFIX", "SHAPE")


def sentence_docs(doc, sents) -> list:
    """One small Doc per sentence, holding what the classifier reads: the same scores as `Span.as_doc`
    (tests/test_gestes.py), without its cost: as_doc reads `doc.ents` of the whole message for each
    sentence (quadratic on long messages) and rebuilds the parse, which the classifier ignores."""
    from spacy.attrs import IDS
    from spacy.tokens import Doc

    if not sents:
        return []
    attrs = [IDS[a] for a in CLASSIFIER_TOKEN_ATTRS]
    array = doc.to_array(attrs)
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    out = []
    for s in sents:
        d = Doc(doc.vocab, words=words[s.start:s.end], spaces=spaces[s.start:s.end])
        d.from_array(attrs, array[s.start:s.end])
        out.append(d)
    return out


def moves(doc) -> list[SentenceMoves]:
    return [SentenceMoves(s, e, sc) for s, e, sc in doc.user_data.get(KEY, [])]
