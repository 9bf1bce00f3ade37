"""The JSON report follows its published contract (docs/schema-json-v2.json) and its offsets are exact."""
import json

import jsonschema
from conftest import CORPUS, ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema-json-v2.json").read_text(encoding="utf-8"))


def _line_col(text, offset):
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_report_on_whole_corpus_follows_schema_and_offsets(run, tmp_path):
    res = run("verifier", "--format", "json", str(CORPUS / "messages"), str(CORPUS / "seeds"),
              str(tmp_path / "absent.txt"))
    assert res.code == 2
    data = json.loads(res.out)
    jsonschema.validate(data, SCHEMA)
    assert data["summary"]["files"] == len(data["files"]) >= 100
    assert data["errors"] and data["errors"][0]["message"]
    from ton.reading import read_path

    for f in data["files"]:
        text = read_path(f["path"]).text
        assert [c["id"] for c in f["criteria"]] == ["remerciement", "decision_claire", "excuses", "concision",
                                                     "proposition_report", "sans_critique", "porte_ouverte",
                                                     "interet_reitere", "demande_retour", "prochaines_etapes"]
        for c in f["criteria"]:
            for e in c["evidence"]:
                assert text[e["start"]:e["end"]] == e["text"]
                assert (e["line"], e["column"]) == _line_col(text, e["start"])
        for x in f["findings"]:
            assert 0 <= x["start"] <= x["end"] <= len(text)
            assert (x["line"], x["column"]) == _line_col(text, x["start"])
            assert (x["end_line"], x["end_column"]) == _line_col(text, x["end"])
        assert f["passed"] == (not any(x["severity"] == "erreur" for x in f["findings"]))
