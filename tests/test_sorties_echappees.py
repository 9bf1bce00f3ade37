"""What a draft or a file name holds never acts on the terminal, the CI log or a spreadsheet
(issue 13, point 7)."""
import csv
import io
import re

import pytest

MSG = ("Bonjour Madame,\nJe vous remercie pour votre invitation. Je dois malheureusement annuler notre "
       "entretien de jeudi. Veuillez m'en excuser. Seriez-vous disponible mardi prochain ?\nCordialement,\nLéa\n")
# An OSC title change (ended by a bell), and a right-to-left override, inside the message.
# On the closing line, where the missing « porte ouverte » is reported, so the excerpt shows it.
HOSTILE = MSG.replace("Cordialement,", "Cordialement\x1b]0;titre\x07 \u202eesrever,")


def _commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("::")]


def test_github_file_name_with_newline_forges_no_command(run, tmp_path):
    p = tmp_path / "a\n::error file=faux.txt::injecté.txt"
    p.write_text(MSG, encoding="utf-8")
    r = run("verifier", str(p), "--format", "github", "--grammaire", "aucune")
    for line in _commands(r.out) + _commands(r.err):
        assert not line.startswith("::error file=faux"), line


def test_github_file_name_starting_with_a_command_forges_none(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "::warning::faux.txt"
    (tmp_path / name).write_text(MSG, encoding="utf-8")
    (tmp_path / "b.txt").write_text(MSG, encoding="utf-8")
    r = run("verifier", name, "b.txt", "--format", "github", "--grammaire", "aucune")
    assert r.code in (0, 1)
    assert not any(line.startswith("::warning::faux") for line in _commands(r.out) + _commands(r.err))
    assert "%3A:warning::faux.txt — type" in r.out


def test_github_missing_file_with_newline_on_stderr_forges_no_command(run, tmp_path):
    r = run("verifier", str(tmp_path / "x\n::error::faux"), "--format", "github", "--grammaire", "aucune")
    assert r.code == 2
    assert not any(line.startswith("::error::faux") for line in _commands(r.out) + _commands(r.err))


@pytest.mark.parametrize("name", ["=HYPERLINK(\"exemple\";\"clic\").txt", "+1+2.txt", "-3.txt", "@SOMME.txt"])
def test_csv_cells_are_no_formulas(run, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(MSG, encoding="utf-8")
    r = run("verifier", "--format", "csv", "--grammaire", "aucune", "--", name)
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[1][0] == "'" + name


def test_csv_error_row_is_no_formula(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("verifier", "=1+1.txt", "--format", "csv", "--grammaire", "aucune")
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[1][0] == "'=1+1.txt"


def _raw_controls(s: str) -> list[str]:
    return re.findall("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", s)


def test_terminal_report_shows_controls_escaped(run, tmp_path):
    p = tmp_path / "m\x1b[2J.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    r = run("verifier", str(p), "--grammaire", "aucune", "--sans-couleur")
    assert r.code in (0, 1), r.err
    assert not _raw_controls(r.out) and not _raw_controls(r.err)
    assert "m\\e[2J.txt" in r.out
    assert "Cordialement␛]0;titre␇ ⸮esrever," in r.out  # the excerpt, with visible stand-ins


def test_terminal_error_messages_escaped(run, tmp_path):
    r = run("verifier", str(tmp_path / "absent\x1b]0;titre\x07.txt"), "--grammaire", "aucune")
    assert r.code == 2 and not _raw_controls(r.err) and "\\e]0;titre\\x07" in r.err


def test_json_keeps_the_exact_text(run, tmp_path):
    import json

    p = tmp_path / "m.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    r = run("verifier", str(p), "--grammaire", "aucune", "--format", "json")
    assert json.loads(r.out)["files"][0]["path"] == str(p)  # structured formats are exact


def test_reecrire_on_a_terminal_escapes_but_a_pipe_gets_the_text(run, tmp_path, monkeypatch):
    import _pytest.capture

    p = tmp_path / "m.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    piped = run("reecrire", str(p), "--grammaire", "aucune")
    assert "\x1b]0;titre" in piped.out  # a pipe or a file gets the message byte for byte
    monkeypatch.setattr(_pytest.capture.CaptureIO, "isatty", lambda self: True, raising=False)
    shown = run("reecrire", str(p), "--grammaire", "aucune")
    assert not _raw_controls(shown.out) and "\\e]0;titre" in shown.out


def test_same_length_keeps_offsets():
    from ton.echappement import same_length

    s = "a\x1bb\u202ec\td\ne\r\n"
    assert len(same_length(s)) == len(s) and same_length(s) == "a␛b⸮c\td\ne\r\n"
