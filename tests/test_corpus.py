"""Detection quality on the labelled corpus stays above the floors of tests/planchers.yaml."""
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, criterion

from ton.batch import check_sources
from ton.check import Options
from ton.evaluation import evaluate, format_evaluation, load_labels, score
from ton.reading import read_path
from ton.nlp import lexicon
from ton.rules import CRITERIA

LEX = lexicon()

FLOORS = yaml.safe_load((Path(__file__).parent / "planchers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(CORPUS, blind=False)  # all tuned batches


@pytest.fixture(scope="module")
def by_lot():
    """Every labelled message checked once; each group of floors scores its own batches."""
    labels = load_labels(CORPUS)
    reports = list(check_sources([read_path(str(lab.path)) for lab in labels], Options()))

    def scored(lots):
        idx = [i for i, lab in enumerate(labels) if lab.lot in set(lots)]
        assert idx, lots
        return score([labels[i] for i in idx], [reports[i] for i in idx])
    return scored


def _hold(ev, floors):
    report = format_evaluation(ev, verbose=True)
    for group, counts in (("criteres", ev.criteria), ("regles", ev.rules)):
        for name, floor in floors.get(group, {}).items():
            c = counts[name]
            assert c.precision >= floor["precision"], f"{name} précision {c.precision:.3f}\n{report}"
            assert c.recall >= floor["rappel"], f"{name} rappel {c.recall:.3f}\n{report}"
    assert ev.type_accuracy >= floors["type"], "\n".join(ev.type_errors)


def test_corpus_is_large_and_covers_every_failure(evaluation):
    assert evaluation.n >= 80
    for name, counts in {**evaluation.criteria, **evaluation.rules}.items():
        assert counts.tp + counts.fn >= 5, f"{name} : trop peu d'exemples de défaut dans le corpus"


# The tuned batches, and each generation of batches that were blind until used for tuning (their last blind figures).
HELD = [FLOORS["reglage"], *FLOORS["anciens_aveugles"]]
# The batches nobody tuned on, one group per series (each held at its own last logged measurement).
BLIND = FLOORS["aveugle"]


@pytest.mark.parametrize("floors", HELD, ids=lambda f: "".join(f["lots"]))
def test_floors(by_lot, floors):
    _hold(by_lot(floors["lots"]), floors)


def test_every_batch_has_floors():
    """A batch added to corpus/lots.yaml is held by some floor: tuned, formerly blind, or blind."""
    from ton.evaluation import load_lots

    lots = {lot.lot for lot in load_lots(CORPUS).values()}
    held = {lot for floors in [*HELD, *BLIND] for lot in floors["lots"]}
    assert lots == held, lots ^ held
    blind = {lot.lot for lot in load_lots(CORPUS).values() if lot.blind}
    assert blind == {lot for floors in BLIND for lot in floors["lots"]}, "les planchers « aveugle » portent sur les lots jamais réglés"


def test_seed_templates_report_exactly_what_they_lack():
    """On the documents' own templates: no false alarm on a point they make, nothing else but placeholders."""
    labels = [lab for lab in load_labels(CORPUS) if lab.path.parent.name == "seeds"]
    assert len(labels) >= 15
    reports = list(check_sources([read_path(str(lab.path)) for lab in labels], Options()))
    for lab, rep in zip(labels, reports):
        for cid in LEX.requirements[lab.type]:
            if cid in lab.met:
                assert criterion(rep, cid).met == bool(lab.met[cid]), f"{lab.path.name} : {cid}"
        # A template whose type nothing decides (labelled autre) is asked for --type: not a false alarm.
        extra = {f.rule for f in rep.findings if f.rule not in CRITERIA
                 and not (f.rule == "type_indetermine" and lab.type == "autre")}
        assert extra <= {"gabarit_non_rempli"}, f"{lab.path.name} : {extra}"
        assert ("gabarit_non_rempli" in extra) == ("gabarit_non_rempli" in lab.rules)


@pytest.mark.parametrize("floors", BLIND, ids=lambda f: "".join(f["lots"]))
def test_blind_floors(by_lot, floors):
    """The figures that count: batches nobody tuned on, held at their last logged measurement (corpus/MESURES.md)."""
    ev = by_lot(floors["lots"])
    assert ev.n >= 80
    _hold(ev, floors)
