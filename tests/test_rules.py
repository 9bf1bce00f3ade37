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


@pytest.mark.parametrize("sentence, flagged", [
    ("C'est pas possible pour moi jeudi.", True),
    ("Je suis pas disponible jeudi.", True),
    ("Ce n'est pas possible pour moi jeudi.", False),
    ("Avec les enfants, c'est plus simple.", False),
    ("Je suis plus motivé que jamais.", False),
])
def test_negation_orale_on_an_attribute(checker, sentence, flagged):
    """"c'est pas possible": the parse hangs "pas" on the attribute; the copula is the verb it negates
    ("plus" before an attribute compares)."""
    report = checker(f"Bonjour,\n{sentence}\nLéa")
    assert any(f.rule == "negation_orale" for f in report.findings) == flagged


def test_spoken_negation_fixes_on_an_attribute_and_il_y_a(checker):
    from ton.rewrite import apply_fixes

    report = checker("Bonjour,\nC'est pas possible pour moi jeudi, il y a pas de train.\nLéa")
    out = apply_fixes(report.text, [f for f in report.findings if f.rule == "negation_orale"])[0]
    assert "Ce n'est pas possible pour moi jeudi, il n'y a pas de train." in out, out


def test_sarcastic_short_refusal_is_a_remark(checker):
    report = checker("Bonjour,\nMerci pour votre offre. Vous plaisantez ? Je refuse, évidemment. "
                     "Je vous prie de m'en excuser. Au plaisir de vous recroiser.\nLéa")
    assert not criterion(report, "sans_critique").met
    assert report.score < 100
