"""Reading never leaks, never hangs, never fills memory (issue 13, point 4): links out of a
scanned folder, FIFOs and devices, /dev/zero as a file or as standard input."""
import io
import json
import os
import signal

import pytest

MSG = ("Bonjour Madame,\nJe vous remercie pour votre invitation. Je dois malheureusement annuler notre "
       "entretien de jeudi. Veuillez m'en excuser. Seriez-vous disponible mardi prochain ?\nCordialement,\nLéa\n")
SECRET = "machine example.org login moi password JETON-SECRET-1234"


@pytest.fixture
def no_hang():
    """A read that blocks (FIFO without writer) fails the test instead of hanging the suite."""
    def expired(*_):
        raise TimeoutError("bloqué")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def folder_with_link_out(tmp_path):
    secret = tmp_path / "netrc"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    d = tmp_path / "brouillons"
    d.mkdir()
    (d / "a.txt").write_text(MSG, encoding="utf-8")
    (d / "b.txt").symlink_to(secret)
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "c.txt").write_text(SECRET + "\n", encoding="utf-8")
    (d / "sous").symlink_to(outside, target_is_directory=True)
    return d


def test_folder_scan_does_not_follow_links_out_of_the_folder(run, folder_with_link_out):
    d = folder_with_link_out
    for fmt in ("texte", "json"):
        r = run("verifier", str(d), "--grammaire", "aucune", "--format", fmt)
        assert "JETON-SECRET" not in r.out + r.err
        assert r.code == 0, r.err
        assert "b.txt : lien vers un fichier hors du dossier parcouru, ignoré" in r.err
        assert "sous : lien vers un dossier hors du dossier parcouru, ignoré" in r.err
    doc = json.loads(r.out)
    assert [f["path"] for f in doc["files"]] == [str(d / "a.txt")]


def test_suivre_liens_follows_them(run, folder_with_link_out):
    d = folder_with_link_out
    r = run("verifier", str(d), "--grammaire", "aucune", "--format", "json", "--suivre-liens")
    paths = sorted(f["path"] for f in json.loads(r.out)["files"]) + sorted(e["path"] for e in json.loads(r.out)["errors"])
    assert str(d / "b.txt") in paths and str(d / "sous" / "c.txt") in paths


def test_link_inside_the_folder_is_read(run, tmp_path):
    d = tmp_path / "brouillons"
    (d / "vrais").mkdir(parents=True)
    (d / "vrais" / "a.txt").write_text(MSG, encoding="utf-8")
    (d / "lien.txt").symlink_to(d / "vrais" / "a.txt")
    r = run("verifier", str(d), "--grammaire", "aucune", "--format", "json")
    assert r.code == 0 and "ignoré" not in r.err
    assert len(json.loads(r.out)["files"]) == 2


def test_link_loop_with_suivre_liens_ends(run, tmp_path):
    d = tmp_path / "brouillons"
    d.mkdir()
    (d / "a.txt").write_text(MSG, encoding="utf-8")
    (d / "boucle").symlink_to(d, target_is_directory=True)
    r = run("verifier", str(d), "--grammaire", "aucune", "--format", "json", "--suivre-liens")
    assert r.code == 0
    assert len(json.loads(r.out)["files"]) == 1


@pytest.mark.parametrize("command", ["verifier", "reecrire"])
def test_fifo_is_refused_without_hanging(run, tmp_path, no_hang, command):
    fifo = tmp_path / "m.txt"
    os.mkfifo(fifo)
    r = run(command, str(fifo), "--grammaire", "aucune")
    assert r.code == 2 and "pas un fichier ordinaire" in r.err


def test_fifo_in_a_folder_is_skipped(run, tmp_path, no_hang):
    d = tmp_path / "brouillons"
    d.mkdir()
    (d / "a.txt").write_text(MSG, encoding="utf-8")
    os.mkfifo(d / "tube.txt")
    r = run("verifier", str(d), "--grammaire", "aucune", "--format", "json")
    assert r.code == 0 and len(json.loads(r.out)["files"]) == 1


@pytest.mark.parametrize("command", ["verifier", "reecrire"])
def test_device_is_refused(run, command, no_hang):
    r = run(command, "/dev/zero", "--grammaire", "aucune")
    assert r.code == 2 and "pas un fichier ordinaire" in r.err and "Traceback" not in r.err


class _Zeros(io.RawIOBase):
    """/dev/zero as standard input, counting what is read from it."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = len(b)
        b[:] = bytes(n)
        self.read_bytes += n
        return n


@pytest.mark.parametrize("command", ["verifier", "reecrire"])
def test_endless_stdin_is_bounded(run, monkeypatch, command):
    import sys

    from ton.reading import MAX_BYTES

    zeros = _Zeros()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(zeros), encoding="utf-8"))
    r = run(command, "-", "--grammaire", "aucune")
    assert r.code == 2 and "trop volumineux" in r.err
    assert zeros.read_bytes <= MAX_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_size_message_never_says_equal_to_the_limit(run, tmp_path):
    from ton.reading import MAX_BYTES

    p = tmp_path / "gros.txt"
    p.write_bytes(b"a" * (MAX_BYTES + 1))
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code == 2
    assert f"({MAX_BYTES // 1000 + 1} ko ; maximum {MAX_BYTES // 1000} ko" in r.err


def test_unreadable_subfolder_is_an_error_not_an_empty_folder(run, tmp_path, monkeypatch):
    d = tmp_path / "brouillons"
    (d / "prive").mkdir(parents=True)
    (d / "a.txt").write_text(MSG, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("prive"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("verifier", str(d), "--grammaire", "aucune")
    assert r.code == 2
    assert "prive : lecture du dossier impossible (droits insuffisants)" in r.err
    assert "Permission denied" not in r.err


def test_unreadable_folder_is_not_called_empty(run, tmp_path, monkeypatch):
    d = tmp_path / "brouillons"
    d.mkdir()
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(d):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("verifier", str(d), "--grammaire", "aucune")
    assert r.code == 2 and "droits insuffisants" in r.err and "aucun message" not in r.err
