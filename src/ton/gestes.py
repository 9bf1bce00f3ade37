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
# A second opinion on the reproach (SECOND_DIR): a model of the same architecture trained on more sentences
# (corpus/phrases-critique/: nine more writers, the sentences of tuned messages labelled without a remark
# that the first model misread, and those of messages with a remark, judged one by one), asked only about the sentences the first reads as possible but not certain
# reproaches (SECOND_GATE <= critique < SECOND_KEEP, about one in ten), and about the certain ones too, which it
# never lowers (the rules weigh its reading there: reglages gestes.second_avis_rejet). It can only take a reproach away: where
# it is sure there is none (below SECOND_VETO on the first model's scale), its score replaces the first's — the
# writer's own story, sincere praise, a neutral account of a missed call; elsewhere the first model's reading
# stays (veiled irony, which the second, taught sincere praise, reads less surely). Replacing the first's score
# everywhere, or lowering it wherever the second reads below 0.5, read held-out messages about as well but
# lost true veiled remarks of tuned batches (corpus/MESURES.md, 2026-12-02, sixth session). The other moves are the first
# model's: the rules' thresholds were set on them. Its scores are mapped onto the first model's scale
# (SCALE_FILE, calibrage.json), so that the thresholds keep their meaning.
SECOND_DIR = MODEL_DIR.parent / "gestes-critique"
SECOND_GATE = 0.5
SECOND_VETO = 0.3
SECOND_KEEP = 0.95  # reglages.yaml gestes.critique_certaine: what the first reads as certain stays
SCALE_FILE = MODEL_DIR.parent / "echelle-gestes.json"
CALIBRATION_FILE = "calibrage.json"
# Sentences of the corpus's tuned messages labelled without a remark that the first model read as one
# (scripts/extraire_negatifs.py): one line "critique<TAB>sentence", the reproach known absent, the rest unknown.
NEGATIVES_FILE = "negatifs-messages.tsv"
# Sentences of tuned messages labelled WITH a remark, judged one by one for the reproach alone by annotators who
# saw neither code nor models (scripts/extraire_a_etiqueter.py picks them): "oui<TAB>sentence" (a reproach) or
# "non<TAB>sentence" (none), the other moves unknown.
JUDGED_FILE = "critique-messages.tsv"
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
    # The first model's reproach score, before the second opinion (SECOND_DIR): the broad reading, for
    # rules that ask whether a sentence leans towards a remark at all rather than whether to report one
    # (concision: a remark is no part of the writer's story).
    first_critique: float | None = None
    # The second opinion's reproach score on the first model's scale, where it was asked (None elsewhere):
    # the rules read it as a doubt on a likely reading (sans_critique).
    second_critique: float | None = None

    def __getitem__(self, label: str) -> float:
        return self.scores.get(label, 0.0)

    @property
    def broad_critique(self) -> float:
        return self["critique"] if self.first_critique is None else self.first_critique


def data_files(corpus: Path) -> list[Path]:
    """The first model's data: sentences labelled one by one (every move known)."""
    return sorted((corpus / "phrases").glob("phrases-*.tsv"))


def second_data_files(corpus: Path) -> list[Path]:
    """The second opinion's data: the first model's, more labelled sentences, the negatives from messages."""
    folder = corpus / "phrases-critique"
    extra = sorted(folder.glob("phrases-*.tsv")) + [folder / f for f in (NEGATIVES_FILE, JUDGED_FILE) if (folder / f).is_file()]
    return data_files(corpus) + extra


def _lines(p: Path):
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            tags, _, text = line.partition("\t")
            labels = {t.strip() for t in tags.split(",") if t.strip()} - {"aucun"}
            unknown = labels - set(LABELS)
            if unknown or not text.strip():
                raise ValueError(f"{p.name}, ligne {n} : étiquette inconnue ou phrase vide ({', '.join(unknown)})")
            yield text.strip(), labels


def read_sentences(paths: list[Path]) -> list[tuple[str, set[str]]]:
    """(sentence, its moves) from labelled sentence files (a negatives or judged file is not one)."""
    return [item for p in paths if p.name not in (NEGATIVES_FILE, JUDGED_FILE) for item in _lines(p)]


def _judged(p: Path):
    """(sentence, reproach or not) from the judged file."""
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            tag, _, text = line.partition("\t")
            if tag.strip() not in ("oui", "non") or not text.strip():
                raise ValueError(f"{p.name}, ligne {n} : « oui » ou « non », une tabulation, puis la phrase")
            yield text.strip(), tag.strip() == "oui"


def training_examples(paths: list[Path]) -> list[tuple[str, dict[str, float]]]:
    """(sentence, known scores): every move of a labelled sentence; for a negative taken from a message, only
    its absent moves (0.0), for a judged sentence only the reproach, the others left out of the loss
    (textcat_multilabel's missing values). A sentence
    some writer labelled wins over the same sentence taken from a message."""
    labelled = [(t, {lab: float(lab in labels) for lab in LABELS}) for t, labels in read_sentences(paths)]
    known = {t for t, _ in labelled}
    # A sentence judged one by one wins over the same sentence taken as a negative from another message.
    judged = [(t, {"critique": float(yes)}) for p in paths if p.name == JUDGED_FILE for t, yes in _judged(p)
              if t not in known]
    known |= {t for t, _ in judged}
    negatives = [(t, {lab: 0.0 for lab in absent}) for p in paths if p.name == NEGATIVES_FILE
                 for t, absent in _lines(p) if t not in known]
    return labelled + judged + negatives


def data_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def manifest(folder: Path = MODEL_DIR) -> dict:
    try:
        return json.loads((folder / "manifeste.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def available() -> bool:
    return (MODEL_DIR / "manifeste.json").is_file()


def load_classifier(nlp, folder: Path = MODEL_DIR):
    """The trained textcat, created outside the pipeline (it scores sentences, not whole docs) with the
    main pipeline's vocab, so that its static vectors are the md model's."""
    textcat = nlp.create_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    return textcat.from_disk(folder / "textcat_multilabel", exclude=["vocab"])


def load_second(nlp):
    """The second opinion on the reproach and its map onto the first model's scale, or None without it."""
    import numpy

    if not (SECOND_DIR / "manifeste.json").is_file():
        return None
    xs, ys = json.loads((SECOND_DIR / CALIBRATION_FILE).read_text(encoding="utf-8"))["critique"]
    return load_classifier(nlp, SECOND_DIR), numpy.asarray(xs, dtype="f8"), numpy.asarray(ys, dtype="f8")


def calibration_knots(model_q: list[float], reference_q: list[float]) -> tuple[list[float], list[float]]:
    """The piecewise-linear map sending a model's quantiles onto the reference's: non-decreasing, 0 -> 0,
    1 -> 1 (tied quantiles of the model keep their highest reference value)."""
    pairs: dict[float, float] = {0.0: 0.0}
    for x, y in zip(model_q, reference_q):
        if 0.0 < x < 1.0:
            x = round(x, 6)
            pairs[x] = max(y, pairs.get(x, 0.0))
    pairs[1.0] = 1.0
    xs, ys, last = sorted(pairs), [], 0.0
    for x in xs:
        last = max(last, pairs[x])
        ys.append(last)
    return xs, ys


def make_component(textcat, second=None):
    """The pipeline component: scores every sentence of the doc.

    Under nlp.pipe, the sentences of a whole batch of docs go through the textcat together: one
    forward pass instead of one per message (same scores, tests/test_speed_equivalence.py)."""
    return _Gestes(textcat, second)


class _Gestes:
    def __init__(self, textcat, second=None) -> None:
        self.textcat = textcat
        self.second = second  # (textcat, knots, knots on the first model's scale) or None

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
        scores_of = [{k: round(float(v), 4) for k, v in d.cats.items()} for d in sdocs]
        first = [sc["critique"] for sc in scores_of]
        seconds = self._second_opinion(sdocs, scores_of)
        it = iter(enumerate(zip(scores_of, first)))
        for doc, units in zip(docs, per_doc):
            out = []
            for (_, members), (i, (scores, first_critique)) in zip(units, it):
                out.extend((s.start_char, s.end_char, scores, first_critique, seconds.get(i)) for s in members)
            doc.user_data[KEY] = out

    def _second_opinion(self, sdocs, scores_of) -> dict[int, float]:
        """The reproach score of the sentences the first model reads as possible but not certain reproaches,
        lowered to the second opinion's (on the first model's scale) where the second is sure there is none.
        Returns the second opinion's scores, by sentence asked."""
        import numpy

        if self.second is None:
            return {}
        textcat, xs, ys = self.second
        # Asked about certain readings too (the rules weigh it there), though it lowers only the others.
        asked = [i for i, sc in enumerate(scores_of) if SECOND_GATE <= sc["critique"]]
        seconds = {}
        for i, d in zip(asked, textcat.pipe([sdocs[i] for i in asked], batch_size=256)):
            second = seconds[i] = round(float(numpy.interp(d.cats["critique"], xs, ys)), 4)
            if second < SECOND_VETO and scores_of[i]["critique"] < SECOND_KEEP:
                scores_of[i]["critique"] = second
        return seconds


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
    return [SentenceMoves(*item) for item in doc.user_data.get(KEY, [])]
