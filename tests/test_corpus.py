"""Detection quality on the labelled corpus stays above the floors of tests/planchers.yaml."""
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, criterion

from ton.batch import check_sources
from ton.check import Options
from ton.evaluation import evaluate, format_evaluation, load_labels
from ton.reading import read_path
from ton.nlp import lexicon
from ton.rules import CRITERIA

LEX = lexicon()

FLOORS = yaml.safe_load((Path(__file__).parent / "planchers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(CORPUS, blind=False)  # tuned batches; the blind ones have floors of their own


def test_corpus_is_large_and_covers_every_failure(evaluation):
    assert evaluation.n >= 80
    for name, counts in {**evaluation.criteria, **evaluation.rules}.items():
        assert counts.tp + counts.fn >= 5, f"{name} : trop peu d'exemples de défaut dans le corpus"


@pytest.mark.parametrize("group", ["criteres", "regles"])
def test_floors(evaluation, group):
    counts = evaluation.criteria if group == "criteres" else evaluation.rules
    report = format_evaluation(evaluation, verbose=True)
    for name, floor in FLOORS[group].items():
        c = counts[name]
        assert c.precision >= floor["precision"], f"{name} précision {c.precision:.3f}\n{report}"
        assert c.recall >= floor["rappel"], f"{name} rappel {c.recall:.3f}\n{report}"


def test_type_accuracy(evaluation):
    assert evaluation.type_accuracy >= FLOORS["type"], "\n".join(evaluation.type_errors)


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


@pytest.fixture(scope="module")
def blind_evaluation():
    return evaluate(CORPUS, blind=True)


def test_blind_floors(blind_evaluation):
    """The figures that count: batches nobody tuned on, held at their last logged measurement."""
    floors = FLOORS["aveugle"]
    assert blind_evaluation.n >= 200
    report = format_evaluation(blind_evaluation)
    for group, counts in (("criteres", blind_evaluation.criteria), ("regles", blind_evaluation.rules)):
        for name, floor in floors[group].items():
            c = counts[name]
            assert c.precision >= floor["precision"], f"{name} précision {c.precision:.3f}\n{report}"
            assert c.recall >= floor["rappel"], f"{name} rappel {c.recall:.3f}\n{report}"
    assert blind_evaluation.type_accuracy >= floors["type"]
