"""Each rule's own good and bad examples (the ones `ton expliquer` shows) are checked."""
import pytest
from conftest import criterion

from ton.rules import ALL_RULES


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.id for r in ALL_RULES])
def test_rule_examples(rule, checker):
    good, bad = checker(rule.good), checker(rule.bad)
    if rule.kind == "critere":
        assert criterion(good, rule.id).met, rule.good
        assert not criterion(bad, rule.id).met, rule.bad
        assert any(f.rule == rule.id for f in bad.findings)
    else:
        assert not any(f.rule == rule.id for f in good.findings), rule.good
        assert any(f.rule == rule.id for f in bad.findings), rule.bad


@pytest.mark.parametrize("sentence, flagged", [
    ("Je vous tiens au courant dès que j'en sais plus.", False),
    ("Si un poste se libère plus tard, pensez à moi.", False),
    ("Je viens plus.", True),
    ("J'en sais plus rien.", True),
])
def test_negation_orale_plus_that_compares(checker, sentence, flagged):
    """"plus tard", "en savoir plus" compare; the fix once wrote "j'en ne sais plus"."""
    report = checker(f"Bonjour,\n{sentence}\nLéa")
    assert any(f.rule == "negation_orale" for f in report.findings) == flagged


def test_sarcastic_short_refusal_is_a_remark(checker):
    report = checker("Bonjour,\nMerci pour votre offre. Vous plaisantez ? Je refuse, évidemment. "
                     "Je vous prie de m'en excuser. Au plaisir de vous recroiser.\nLéa")
    assert not criterion(report, "sans_critique").met
    assert report.score < 100
