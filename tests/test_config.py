"""ton.toml / [tool.ton] through the real CLI: thresholds, rules off, severities, fail level, invalid keys."""
import json

import pytest
from conftest import CORPUS

BAD = CORPUS / "messages" / "a03_annulation_sans_remerciement.txt"  # no thanks (erreur), no open door (avertissement)
# Passes every criterion; 45 words in the body.
GOOD = ("Bonjour Madame Durand,\n"
        "Je vous remercie pour votre invitation. Un imprévu m'oblige à annuler notre entretien de jeudi. "
        "Veuillez m'en excuser. Seriez-vous disponible mardi ou mercredi prochain pour le reporter ? "
        "J'espère que nous resterons en contact pour de futures opportunités.\n"
        "Cordialement,\nLéa Martin\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A course repository with one draft, the current directory inside it."""
    (tmp_path / "brouillons").mkdir()
    (tmp_path / "brouillons" / "lea.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "brouillons" / "marc.txt").write_bytes(BAD.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(run, *args):
    r = run("verifier", *args, "--grammaire", "aucune", "-f", "json")
    return r, {f["path"]: f for f in json.loads(r.out)["files"]}


def test_concision_threshold_from_ton_toml(run, project):
    r, files = report(run, "brouillons/lea.txt")
    assert r.code == 0 and not files["brouillons/lea.txt"]["findings"]
    (project / "ton.toml").write_text("[concision]\nmax_mots = 20\n", encoding="utf-8")
    r, files = report(run, "brouillons/lea.txt")
    found = [f for f in files["brouillons/lea.txt"]["findings"] if f["rule"] == "concision"]
    assert len(found) == 1 and "maximum conseillé : 20" in found[0]["message"]
    assert r.code == 0  # concision is a warning


def test_switching_a_rule_off_in_pyproject(run, project):
    assert report(run, "brouillons/marc.txt")[0].code == 1
    (project / "pyproject.toml").write_text('[project]\nname = "cours"\n\n[tool.ton.regles]\nremerciement = false\n', encoding="utf-8")
    r, files = report(run, "brouillons/marc.txt")
    marc = files["brouillons/marc.txt"]
    assert r.code == 0
    assert not any(f["rule"] == "remerciement" for f in marc["findings"])
    crit = {c["id"]: c for c in marc["criteria"]}
    assert crit["remerciement"]["applicable"] is False
    assert marc["score"] == 95  # passes, one warning left (porte ouverte): 100 − 5 (docs/formats.md, « Score »)


def test_fail_level_from_config_and_cli(run, project):
    (project / "ton.toml").write_text('[regles]\nremerciement = "desactivee"\n', encoding="utf-8")
    assert report(run, "brouillons/marc.txt")[0].code == 0  # only the open-door warning is left
    (project / "ton.toml").write_text('echec_a = "avertissement"\n[regles]\nremerciement = "desactivee"\n', encoding="utf-8")
    r, files = report(run, "brouillons/marc.txt")
    assert r.code == 1 and files["brouillons/marc.txt"]["passed"] is False
    assert report(run, "brouillons/marc.txt", "--echec-a", "erreur")[0].code == 0  # the command line wins


def test_severity_override(run, project):
    (project / "ton.toml").write_text('[regles]\nremerciement = "info"\nporte_ouverte = "erreur"\n', encoding="utf-8")
    r, files = report(run, "brouillons/marc.txt")
    sev = {f["rule"]: f["severity"] for f in files["brouillons/marc.txt"]["findings"]}
    sev.pop("delai", None)  # the draft cancels an interview the next day: an info of its own
    assert sev == {"remerciement": "info", "porte_ouverte": "erreur"}
    assert r.code == 1


def test_default_type_and_cli_override(run, project):
    (project / "ton.toml").write_text('type = "declinaison"\n', encoding="utf-8")
    assert report(run, "brouillons/lea.txt")[1]["brouillons/lea.txt"]["type"] == "declinaison"
    assert report(run, "brouillons/lea.txt", "--type", "report")[1]["brouillons/lea.txt"]["type"] == "report"


def test_config_is_found_upward_and_named_with_option(run, project, monkeypatch):
    (project / "ton.toml").write_text('type = "declinaison"\n', encoding="utf-8")
    monkeypatch.chdir(project / "brouillons")
    assert report(run, "lea.txt")[1]["lea.txt"]["type"] == "declinaison"
    other = project / "autre.toml"
    other.write_text('type = "report"\n', encoding="utf-8")
    assert report(run, "lea.txt", "--config", str(other))[1]["lea.txt"]["type"] == "report"


def test_ton_toml_wins_over_pyproject_in_the_same_folder(run, project):
    (project / "pyproject.toml").write_text('[tool.ton]\ntype = "report"\n', encoding="utf-8")
    (project / "ton.toml").write_text('type = "declinaison"\n', encoding="utf-8")
    assert report(run, "brouillons/lea.txt")[1]["brouillons/lea.txt"]["type"] == "declinaison"


def test_pyproject_without_tool_ton_is_ignored(run, project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert report(run, "brouillons/lea.txt")[0].code == 0


@pytest.mark.parametrize("content, key, words", [
    ("echeq = 1\n", "echeq", "clé inconnue"),
    ('type = "lettre"\n', "type", "valeurs possibles : annulation"),
    ('echec_a = "info"\n', "echec_a", "valeurs possibles : erreur, avertissement"),
    ("[concision]\nmax_mots = -3\n", "concision.max_mots", "entier positif"),
    ("[concision]\nmots = 3\n", "concision.mots", "clé inconnue"),
    ("[regles]\nmerci = false\n", "regles.merci", "règle inconnue"),
    ('[regles]\ntutoiement = "grave"\n', "regles.tutoiement", "valeurs possibles"),
    ('inclure = "*.txt"\n', "inclure", "liste de motifs"),
    ("typographie = 1\n", "typographie", "true ou false"),
])
def test_invalid_config_exits_2_naming_the_key(run, project, content, key, words):
    (project / "ton.toml").write_text(content, encoding="utf-8")
    r = run("verifier", "brouillons/lea.txt", "--grammaire", "aucune")
    assert r.code == 2
    assert f"clé « {key} »" in r.err and words in r.err and "ton.toml" in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_invalid_key_in_pyproject_is_named_with_its_table(run, project):
    (project / "pyproject.toml").write_text("[tool.ton]\nformat = \"json\"\n", encoding="utf-8")
    r = run("verifier", "brouillons/lea.txt", "--grammaire", "aucune")
    assert r.code == 2 and "clé « tool.ton.format »" in r.err


def test_toml_syntax_error_and_missing_config(run, project):
    (project / "ton.toml").write_text('type = "report\n', encoding="utf-8")
    r = run("verifier", "brouillons/lea.txt")
    assert r.code == 2 and "syntaxe TOML invalide (ligne 1" in r.err
    r = run("verifier", "brouillons/lea.txt", "--config", "absent.toml")
    assert r.code == 2 and "fichier de configuration introuvable" in r.err


def test_include_and_exclude_patterns(run, project):
    (project / "brouillons" / "archives").mkdir()
    (project / "brouillons" / "archives" / "vieux.txt").write_bytes(BAD.read_bytes())
    (project / "brouillons" / "notes.text").write_text(GOOD, encoding="utf-8")
    paths = lambda *a: sorted(report(run, "brouillons", *a)[1])  # noqa: E731
    assert paths() == ["brouillons/archives/vieux.txt", "brouillons/lea.txt", "brouillons/marc.txt"]
    (project / "ton.toml").write_text('inclure = ["*.txt", "*.text"]\nexclure = ["archives"]\n', encoding="utf-8")
    assert paths() == ["brouillons/lea.txt", "brouillons/marc.txt", "brouillons/notes.text"]
    assert paths("--exclure", "m*.txt") == ["brouillons/lea.txt", "brouillons/notes.text"]
    # --inclure replaces the configured patterns; the excluded folder stays excluded.
    assert paths("--inclure", "*.text") == ["brouillons/notes.text"]
    assert run("verifier", "brouillons", "--inclure", "archives/*.txt", "--grammaire", "aucune").code == 2
    (project / "ton.toml").write_text('exclure = ["archives/**"]\n', encoding="utf-8")
    assert paths() == ["brouillons/lea.txt", "brouillons/marc.txt"]
    # A file named on the command line is always checked.
    assert sorted(report(run, "brouillons/archives/vieux.txt")[1]) == ["brouillons/archives/vieux.txt"]


def test_folder_without_matching_files_is_exit_2(run, project):
    (project / "ton.toml").write_text('inclure = ["*.eml"]\n', encoding="utf-8")
    r = run("verifier", "brouillons", "--grammaire", "aucune")
    assert r.code == 2 and "aucun message (motifs : *.eml)" in r.err
