"""Grammar and spelling through `ton verifier`: planted errors found at the right place, seeds clean."""
import json

import pytest
from conftest import CORPUS

DRAFT = (
    "Objet : Annulation de notre entretient\n"
    "Cher Madame Durand,\n"
    "Je vous remercie pour votre invitation. Je doit malheureusement annulé notre entretien de jeudi, "
    "pour les raison que je vous ai données au téléphone. Je suis vraiment désolé pour ce contretemps.\n"
    "Seriez-vous disponible mardi prochain ? Sa me permettrait de me préparer sereinement.\n"
    "J'espère rester en contact.\n"
    "Cordialement,\n"
    "Julien Martin\n"
)
# (wrong words, expected suggestion)
PLANTED = [("entretient", "entretien"), ("Cher", "Chère"), ("doit", "dois"), ("annulé", "annuler"),
           ("raison", "raisons"), ("Sa", "Ça")]


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "brouillon.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_planted_errors_json(run, draft):
    res = run("verifier", "--format", "json", str(draft))
    data = json.loads(res.out)["files"][0]
    grammar = [f for f in data["findings"] if f["rule"].startswith("grammaire/")]
    for word, fix in PLANTED:
        hits = [f for f in grammar if DRAFT[f["start"]:f["end"]] == word]
        assert hits, f"« {word} » non signalé"
        f = hits[0]
        assert fix in f["suggestions"], (word, f["suggestions"])
        assert f["severity"] == "erreur"
        line_start = DRAFT.rfind("\n", 0, f["start"]) + 1
        assert (f["line"], f["column"]) == (DRAFT.count("\n", 0, f["start"]) + 1, f["start"] - line_start + 1)
    assert res.code == 1


def test_planted_errors_text(run, draft):
    res = run("verifier", str(draft))
    assert "grammaire/grammalecte/" in res.out and "grammaire/ton/cher_madame" in res.out
    assert "= suggestion : dois" in res.out


def test_grammar_off(run, draft):
    res = run("verifier", "--grammaire", "aucune", "--format", "json", str(draft))
    assert not [f for f in json.loads(res.out)["files"][0]["findings"] if f["rule"].startswith("grammaire/")]


def test_seed_templates_no_grammar_error_nor_typography_by_default(run):
    res = run("verifier", "--format", "json", str(CORPUS / "seeds"))
    for f in json.loads(res.out)["files"]:
        for x in f["findings"]:
            if x["rule"].startswith("grammaire/"):
                assert x["severity"] != "erreur", (f["path"], x)
                assert "typo" not in x["rule"] and "apos" not in x["rule"] and "esp" not in x["rule"], x


def test_typography_on_demand(run, tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("Bonjour Madame,\nJe dois annuler l'entretien: merci de votre compréhension.\nCordialement,\nLéa\n",
                 encoding="utf-8")
    plain = json.loads(run("verifier", "--format", "json", str(p)).out)["files"][0]["findings"]
    typo = json.loads(run("verifier", "--format", "json", "--typographie", str(p)).out)["files"][0]["findings"]
    assert len([f for f in typo if f["rule"].startswith("grammaire/")]) > len(
        [f for f in plain if f["rule"].startswith("grammaire/")])


def test_missing_engine_is_said_once_and_checklist_still_runs(run, draft, monkeypatch):
    from ton import grammar

    def unavailable(*a, **k):
        raise grammar.GrammarUnavailable("Grammalecte est introuvable : sudo apt-get install python3-grammalecte")

    monkeypatch.setattr(grammar, "get_engine", unavailable)
    res = run("verifier", str(draft), str(draft))
    assert res.err.count("apt-get install python3-grammalecte") == 1
    assert "remerciement" in res.out or "décision claire" in res.out
    assert res.code in (0, 1)
