"""Rules run per match or per finding: reading `Doc.text` there (spaCy joins every token at each access)
made long messages quadratic, three times over (issue 14). They go through `analysis.doc_text`."""

import re

from conftest import ROOT


def test_rules_do_not_read_doc_text_directly():
    direct = re.compile(r"\bdoc\.text\b")
    found = [f"{p.name}:{i}" for p in sorted((ROOT / "src" / "ton" / "rules").glob("*.py"))
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if direct.search(line)]
    assert not found, found
