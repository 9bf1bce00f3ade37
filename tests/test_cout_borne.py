"""Cost bounded (issue 13, point 5): past MAX_CHARS a text is refused at once with the limit
named, rather than analysed for minutes; at the limit it is analysed like any message."""

import pytest


SENTENCE = "Je vous remercie pour votre invitation et je regrette de devoir annuler notre entretien. "


def _body(n_chars: int, sep: str) -> str:
    out, n = [], 0
    while n < n_chars:
        out.append(SENTENCE)
        n += len(SENTENCE) + 1
    return "Bonjour Madame,\n" + sep.join(out) + "\nCordialement,\nLéa\n"


@pytest.mark.parametrize("text", [
    _body(1_000_000 - 100, "\n"),  # the old maximum, 1 MB: 6 min and 4 GB before
    "\n".join(f"Bonjour {i}." for i in range(10_000)),  # 10,000 short lines: 75 s before
    _body(200_000, " "),  # one 200 KB line: 34 s before
], ids=["1-mo", "10000-lignes", "ligne-200-ko"])
def test_too_long_is_refused_at_once_with_the_limit(run, tmp_path, text):
    from ton.reading import MAX_CHARS

    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code == 2 and "trop long" in r.err and f"{MAX_CHARS:,}".replace(",", "\u202f") in r.err


def test_long_eml_body_is_refused(run, tmp_path):
    raw = ("From: a@example.org\nSubject: Entretien\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + _body(100_000, "\n")).encode()
    p = tmp_path / "m.eml"
    p.write_bytes(raw)
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code == 2 and "trop long" in r.err


def test_limit_is_documented():
    from conftest import ROOT

    from ton.reading import MAX_CHARS

    shown = f"{MAX_CHARS:,}".replace(",", " ")
    for doc in ("docs/performance.md", "README.md"):
        assert shown in (ROOT / doc).read_text(encoding="utf-8").replace("\u202f", " ").replace("\xa0", " "), doc


@pytest.mark.slow
def test_text_at_the_limit_is_checked(run, tmp_path):
    from ton.reading import MAX_CHARS

    p = tmp_path / "long.txt"
    p.write_text(_body(MAX_CHARS - 200, " "), encoding="utf-8")
    r = run("verifier", str(p), "--grammaire", "aucune")
    assert r.code in (0, 1), r.err
