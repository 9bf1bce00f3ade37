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
