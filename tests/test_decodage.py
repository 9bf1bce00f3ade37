"""Decoding (issue 13, point 2): a few bad bytes in a UTF-8 file stay a few bad bytes, UTF-16
without a byte order mark is text, a corrupt .eml body is not a message."""
import base64
import json
import os

import pytest

MSG = ("Bonjour Madame,\nJe vous remercie pour votre invitation. J'espère que vous allez bien. Je dois "
       "malheureusement annuler notre entretien de jeudi. Veuillez m'en excuser. Seriez-vous disponible "
       "mardi prochain ? Au plaisir d'échanger à nouveau.\nCordialement,\nLéa\n")


def _with_bad_bytes() -> bytes:
    data = MSG.encode("utf-8")
    i = data.index("espère".encode()) + 3
    # Two bytes at « è », two further on: four invalid bytes in an otherwise UTF-8 file.
    data = data[:i] + b"\xe8" + data[i + 2:]
    j = data.index(b"jeudi")
    return data[:j] + b"\xff\xfe\xfd" + data[j:]


def test_four_bad_bytes_keep_utf8_and_the_score(run, tmp_path):
    good, bad = tmp_path / "bon.txt", tmp_path / "abime.txt"
    good.write_text(MSG, encoding="utf-8")
    bad.write_bytes(_with_bad_bytes())
    ref = json.loads(run("verifier", str(good), "--format", "json", "--grammaire", "aucune").out)["files"][0]
    doc = json.loads(run("verifier", str(bad), "--format", "json", "--grammaire", "aucune").out)["files"][0]
    from ton.reading import read_path

    src = read_path(str(bad))
    assert src.encoding == "utf-8" and "J'esp\ufffdre" in src.text and len(src.bad_bytes) == 4
    # Decoded as UTF-8, the message keeps its verdict; only the four byte warnings cost (5 each, docs/formats.md).
    assert doc["passed"] == ref["passed"] and doc["score"] == max(60, ref["score"] - 5 * 4)
    octets = [f for f in doc["findings"] if f["rule"] == "grammaire/ton/octet_invalide"]
    assert len(octets) == 4 and octets[0]["line"] == 2 and octets[0]["column"] == MSG.split("\n")[1].index("espère") + 4  # 1-based column of « è »
    others = [f["rule"] for f in doc["findings"] if f["rule"] != "grammaire/ton/octet_invalide"]
    assert others == [f["rule"] for f in ref["findings"]]


def test_bad_bytes_are_never_written_back_in_two_encodings(run, tmp_path):
    p = tmp_path / "abime.txt"
    p.write_bytes(_with_bad_bytes())
    r = run("reecrire", str(p), "--ecrire", "--grammaire", "aucune")
    assert r.code == 2 and "octets invalides" in r.err
    assert p.read_bytes() == _with_bad_bytes() and os.listdir(tmp_path) == ["abime.txt"]


def test_legacy_file_is_still_detected(run, tmp_path):
    p = tmp_path / "ancien.txt"
    p.write_bytes(MSG.encode("cp1252"))
    from ton.reading import read_path

    assert read_path(str(p)).text == MSG
    doc = json.loads(run("verifier", str(p), "--format", "json", "--grammaire", "aucune").out)["files"][0]
    assert not any(f["rule"] == "grammaire/ton/octet_invalide" for f in doc["findings"])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(run, tmp_path, codec):
    p = tmp_path / "m.txt"
    p.write_bytes(MSG.encode(codec))
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code in (0, 1), r.err
    from ton.reading import read_path

    assert read_path(str(p)).text == MSG


def test_binary_with_zeros_is_still_binary(run, tmp_path):
    p = tmp_path / "m.txt"
    p.write_bytes(bytes(range(256)) * 4)
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code == 2 and "binaire" in r.err


def test_eml_with_base64_garbage_is_not_a_message(run, tmp_path):
    garbage = base64.b64encode(bytes((i * 97 + 13) % 256 for i in range(600)))
    raw = (b"From: a@example.org\nSubject: Entretien\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + garbage + b"\n")
    p = tmp_path / "m.eml"
    p.write_bytes(raw)
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code == 2 and "pas du texte lisible" in r.err
