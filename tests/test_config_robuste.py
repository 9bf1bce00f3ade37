"""A malformed configuration is exit 2 naming the file and the key, whatever its bytes; system
errors are worded in French (issue 13, point 8)."""
import codecs

import pytest

MSG = ("Bonjour Madame,\nJe vous remercie pour votre invitation. Je dois malheureusement annuler notre "
       "entretien de jeudi. Veuillez m'en excuser. Seriez-vous disponible mardi prochain ?\nCordialement,\nLéa\n")


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text(MSG, encoding="utf-8")
    return p


CASES = [
    ("ton.toml", "type = \"annulation\"\n# réglé\n".encode("latin-1"), "pas en UTF-8"),
    ("ton.toml", codecs.BOM_UTF16_LE + "type = 'annulation'\n".encode("utf-16-le"), "UTF-16"),
    ("pyproject.toml", "[tool.ton]\ntype = 'annulation'\n# é\n".encode("latin-1"), "pas en UTF-8"),
    ("pyproject.toml", b"tool = 5\n[tool.ton]\n", "syntaxe TOML"),
    ("pyproject.toml", b"[tool]\nton = 5\n", "clé « tool.ton »"),
    ("pyproject.toml", b"[tool.ton]\nconcision = 5\n", "clé « tool.ton.concision »"),
]


@pytest.mark.parametrize("name,data,expected", CASES)
def test_malformed_config_found_upward_is_exit_2(run, tmp_path, monkeypatch, draft, name, data, expected):
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    r = run("verifier", str(draft), "--grammaire", "aucune")
    assert r.code == 2, r.err
    assert "Traceback" not in r.err and f"configuration {tmp_path / name}" in r.err and expected in r.err


@pytest.mark.parametrize("name,data,expected", CASES)
def test_malformed_config_given_is_exit_2(run, tmp_path, draft, name, data, expected):
    (tmp_path / "conf").mkdir()
    cfg = tmp_path / "conf" / name
    cfg.write_bytes(data)
    r = run("verifier", str(draft), "--grammaire", "aucune", "--config", str(cfg))
    assert r.code == 2 and expected in r.err and "Traceback" not in r.err


def test_pyproject_with_tool_as_a_value_is_exit_2(run, tmp_path, monkeypatch, draft):
    (tmp_path / "pyproject.toml").write_bytes(b"tool = 5\n")
    r = run("verifier", str(draft), "--grammaire", "aucune", "--config", str(tmp_path / "pyproject.toml"))
    assert r.code == 2 and "clé « tool »" in r.err


@pytest.mark.parametrize("data", ["[project]\nname = 'café'\n".encode("latin-1"), b"tool = 5\n",
                                  codecs.BOM_UTF16_LE + "[project]\n".encode("utf-16-le")])
def test_unrelated_broken_pyproject_in_a_parent_is_ignored(run, tmp_path, monkeypatch, draft, data):
    (tmp_path / "pyproject.toml").write_bytes(data)
    sub = tmp_path / "sous"
    sub.mkdir()
    monkeypatch.chdir(sub)
    r = run("verifier", str(draft), "--grammaire", "aucune")
    assert r.code in (0, 1), r.err


def test_config_that_is_a_fifo_does_not_hang(run, tmp_path, draft):
    import os

    fifo = tmp_path / "ton.toml"
    os.mkfifo(fifo)
    r = run("verifier", str(draft), "--grammaire", "aucune", "--config", str(fifo))
    assert r.code == 2 and "configuration" in r.err


def test_report_on_a_full_disk_is_worded_in_french(run, draft):
    r = run("verifier", str(draft), "--grammaire", "aucune", "-o", "/dev/full")
    assert r.code == 2 and "plus de place sur le disque" in r.err and "No space" not in r.err


def test_report_in_a_missing_folder_is_worded_in_french(run, draft, tmp_path):
    r = run("verifier", str(draft), "--grammaire", "aucune", "-o", str(tmp_path / "absent" / "r.txt"))
    assert r.code == 2 and "fichier ou dossier introuvable" in r.err and "No such" not in r.err


def test_every_errno_has_french_words():
    import errno

    from ton._systeme import system_error

    assert system_error(OSError(errno.EACCES, "Permission denied")) == "droits insuffisants"
    assert "erreur système" in system_error(OSError(errno.ECHILD, "No child processes"))


@pytest.mark.parametrize("english,french", [
    ("Invalid value for '--config' / '-c': Path 'x.toml' is not readable.",
     "valeur invalide pour « --config » : le chemin « x.toml » n'est pas lisible (droits insuffisants)."),
    ("Invalid value for 'DOSSIER': Directory 'corpus' does not exist.",
     "valeur invalide pour « DOSSIER » : le dossier « corpus » n'existe pas."),
])
def test_path_checks_of_the_framework_are_in_french(english, french):
    from ton._francais import usage_error

    assert usage_error(english) == french


def test_report_and_config_options_are_not_checked_in_english(run, draft, tmp_path, monkeypatch):
    import os as os_

    real = os_.access
    monkeypatch.setattr(os_, "access", lambda p, mode, *a, **k: False if str(p).endswith("rapport.txt") else real(p, mode, *a, **k))
    target = tmp_path / "rapport.txt"
    target.write_text("ancien\n", encoding="utf-8")
    r = run("verifier", str(draft), "--grammaire", "aucune", "-o", str(target))
    assert r.code in (0, 1) and "readable" not in r.err
