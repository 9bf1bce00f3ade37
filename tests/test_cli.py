"""The command line end to end: exit codes, French errors without traceback, input never modified."""
import hashlib
import json

import pytest
from conftest import CORPUS

GOOD = CORPUS / "messages" / "a01_annulation_grippe.txt"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_good_message_exits_0_and_leaves_file_untouched(run):
    before = _digest(GOOD)
    res = run("verifier", "--grammaire", "aucune", str(GOOD))
    assert res.code == 0, res.out + res.err
    assert "réussi" in res.out
    assert _digest(GOOD) == before


def test_message_with_error_exits_1(run, tmp_path):
    p = tmp_path / "brouillon.txt"
    p.write_text("Bonjour Madame Durand,\nJe dois annuler notre entretien de jeudi.\nCordialement,\nLéa Martin\n",
                 encoding="utf-8")
    res = run("verifier", "--grammaire", "aucune", str(p))
    assert res.code == 1
    assert "remerciement [erreur]" in res.out
    # The missing thanks is placed right after the salutation: line 2, column 1.
    assert f"{p}:2:1: remerciement" in res.out


@pytest.mark.parametrize("content,expected", [
    (None, "fichier introuvable"),
    (b"", "vide"),
    (b"   \n\n  \t\n", "vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binaire"),
    (b"Bonjour\xff\xfe\x00\x00 \x00\x01\x02\x03", "binaire"),
    ("Dear Mrs Smith, thank you for the invitation to the interview. Unfortunately I will not be able to attend "
     "on Thursday and I would like to apologise for the inconvenience. Best regards, John".encode(), "pas être en français"),
    (b"x" * 1_200_000, "trop volumineux"),
])
def test_bad_input_exits_2_with_french_message(run, tmp_path, content, expected):
    p = tmp_path / "message.txt"
    if content is not None:
        p.write_bytes(content)
    res = run("verifier", "--grammaire", "aucune", str(p))
    assert res.code == 2
    assert expected in res.err
    assert "Traceback" not in res.err + res.out


def test_directory_without_messages_exits_2(run, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    res = run("verifier", "--grammaire", "aucune", str(tmp_path))
    assert res.code == 2 and "aucun message" in res.err


def test_one_bad_file_does_not_stop_the_others(run, tmp_path):
    res = run("verifier", "--grammaire", "aucune", "--format", "json", str(GOOD), str(tmp_path / "absent.txt"))
    assert res.code == 2
    data = json.loads(res.out)
    assert [f["path"] for f in data["files"]] == [str(GOOD)]
    assert data["errors"][0]["path"].endswith("absent.txt")


def test_stdin(run):
    res = run("verifier", "--grammaire", "aucune", "--format", "json", "-", stdin=GOOD.read_bytes())
    assert res.code == 0
    assert json.loads(res.out)["files"][0]["path"] == "<entrée standard>"


def test_legacy_encoding_is_decoded(run):
    path = next((CORPUS / "messages").glob("a14_*.txt"))  # cp1252 file
    res = run("verifier", "--grammaire", "aucune", "--format", "json", str(path))
    data = json.loads(res.out)
    ev = [e["text"] for c in data["files"][0]["criteria"] for e in c["evidence"]]
    assert "excuses" in " ".join(ev)
    assert "\ufffd" not in json.dumps(data, ensure_ascii=False)


def test_usage_errors_are_french_exit_2(run):
    res = run("verifier", "--format", "xml", str(GOOD))
    assert res.code == 2 and "valeur invalide" in res.err and "Traceback" not in res.err
    res = run("verifier", "--inconnue", str(GOOD))
    assert res.code == 2 and "option inconnue" in res.err
    res = run("commande-inexistante")
    assert res.code == 2 and "commande inconnue" in res.err


def test_forced_type_changes_applicability(run):
    res = run("verifier", "--grammaire", "aucune", "--format", "json", "--type", "declinaison", str(GOOD))
    crit = {c["id"]: c for c in json.loads(res.out)["files"][0]["criteria"]}
    assert json.loads(res.out)["files"][0]["type"] == "declinaison"
    assert crit["proposition_report"]["applicable"] is False and crit["proposition_report"]["met"] is True


def test_regles_and_expliquer(run):
    res = run("regles")
    assert res.code == 0
    for rid in ("remerciement", "sans_critique", "gabarit_non_rempli", "tutoiement"):
        assert rid in res.out
    res = run("expliquer", "sans_critique")
    assert res.code == 0 and "Bon exemple" in res.out and "Mauvais exemple" in res.out
    assert run("expliquer", "inconnue").code == 2


def test_default_run_opens_no_network_connection(run, monkeypatch):
    """The candidate's message never leaves the machine by default (a local Unix socket is allowed)."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"connexion réseau tentée vers {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a)))
    res = run("verifier", str(GOOD))  # default options: Grammalecte on
    assert res.code == 0, res.err


@pytest.mark.parametrize("content", [
    "Bonjour,\nCordialement,\nLéa\n",
    "> Merci pour votre candidature.\n> Au plaisir de vous rencontrer.\n",
    "Objet : Annulation de l'entretien\n",
])
def test_message_without_own_text_exits_2(run, tmp_path, content):
    p = tmp_path / "m.txt"
    p.write_text(content, encoding="utf-8")
    res = run("verifier", "--grammaire", "aucune", str(p))
    assert res.code == 2 and "aucun texte à vérifier" in res.err


def test_old_mac_line_endings(run, tmp_path):
    p = tmp_path / "m.txt"
    p.write_bytes("Bonjour Madame,\rJe dois annuler notre entretien de jeudi.\rCordialement,\rLéa Martin\r".encode())
    data = json.loads(run("verifier", "--grammaire", "aucune", "--format", "json", str(p)).out)["files"][0]
    thanks = next(f for f in data["findings"] if f["rule"] == "remerciement")
    assert (thanks["line"], thanks["column"]) == (2, 1)


def test_stdin_given_twice_is_read_once(run):
    res = run("verifier", "--grammaire", "aucune", "--format", "json", "-", "-", stdin=GOOD.read_bytes())
    assert res.code == 0 and len(json.loads(res.out)["files"]) == 1


def test_evaluer_names_an_invalid_labels_file_without_a_traceback(run, tmp_path):
    """A coach's corpus with a broken lots.yaml or labels file: a French message naming file and line, code 2."""
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "m1.txt").write_text("Bonjour,\nJe dois annuler jeudi.\nLéa\n", encoding="utf-8")
    (tmp_path / "etiquettes-a.yaml").write_text(
        "- fichier: messages/m1.txt\n  type: annulation\n  met: {remerciement: 0}\n", encoding="utf-8")
    (tmp_path / "lots.yaml").write_text(
        "- lot: a\n  etiquettes: etiquettes-a.yaml\n  note: deux points : ici\n  aveugle: false\n", encoding="utf-8")
    r = run("evaluer", str(tmp_path))
    assert r.code == 2, r.err
    assert "lots.yaml : YAML invalide (ligne 3" in r.err and "Traceback" not in r.err
    (tmp_path / "lots.yaml").write_text("- lot: a\n  etiquettes: etiquettes-a.yaml\n  aveugle: false\n", encoding="utf-8")
    (tmp_path / "etiquettes-a.yaml").write_text("- fichier: messages/m1.txt\n  type: annulation : oui\n", encoding="utf-8")
    r = run("evaluer", str(tmp_path))
    assert r.code == 2, r.err
    assert "etiquettes-a.yaml : YAML invalide (ligne 2" in r.err
