"""Fuzzing (issue 13): a few hundred mutated drafts, fixed seed. Each one must give a report or a
French input error (exit 2), in every output format and through the rewriter: never a traceback."""
import io
import random

import pytest

from conftest import CORPUS

SEED = 1313
N_MUTANTS = 300

_INSERTS = [
    b"\x00", b"\x1b[2J", b"\x1b]0;titre\x07", "\u202e".encode(), "\u2066".encode(), b"\r", b"\r\n", b"\t", b"\x0c",
    b"\xff", b"\xe9", b"\xc3", b"\xef\xbb\xbf", b"\xfe\xff", "😀".encode(), "\u0301".encode(), b"[Nom]", b"[", b"]",
    b"____", b"XXX", b"> ", b"\n>\n", b"Cordialement,\n", b"Bonjour,\n", b"Objet : ", b"::error::x", b"=1+1",
    b"\"", b"'", "’".encode(), b"\xc2\xa0", b"...", b"?!", b"!!!!!", b"tu", b"pas", b"ne", b"\n\n\n\n",
]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        pos = rng.randint(0, len(data))
        if op == 0:  # insert a hostile snippet
            data = data[:pos] + rng.choice(_INSERTS) + data[pos:]
        elif op == 1 and data:  # flip a byte
            i = rng.randrange(len(data))
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
        elif op == 2:  # truncate (mid-character too)
            data = data[:pos]
        elif op == 3 and data:  # duplicate a span
            j = rng.randint(pos, min(len(data), pos + 400))
            data = data[:j] + data[pos:j] * rng.randint(1, 5) + data[j:]
        elif op == 4:  # delete a span
            data = data[:pos] + data[pos + rng.randint(1, 80):]
        elif op == 5:  # random bytes
            data = data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 20))) + data[pos:]
        elif op == 6:  # all on one line / all lines split
            data = data.replace(b"\n", b" ") if rng.random() < 0.5 else data.replace(b" ", b"\n")
        elif op == 7:  # another encoding
            try:
                data = data.decode("utf-8").encode(rng.choice(["cp1252", "utf-16", "utf-16-le", "mac_roman", "latin-1"]),
                                                   errors="replace")
            except UnicodeDecodeError:
                pass
        else:  # only whitespace, punctuation or a quote
            data = rng.choice([b" \n\t ", b"> cite\n> encore\n", b"Cordialement,\nLea\n", b"!!!", data])
    return data


def _check_sources():
    try:  # the batch pipeline has its own module on main (batch.py), check.py before
        from ton.batch import check_sources
    except ImportError:
        from ton.check import check_sources
    return check_sources


@pytest.fixture(scope="module")
def mutants():
    rng = random.Random(SEED)
    seeds = [p.read_bytes() for p in sorted((CORPUS / "messages").glob("*.txt"))]
    return [_mutate(rng, rng.choice(seeds)) for _ in range(N_MUTANTS)]


def test_mutants_give_reports_or_input_errors_in_every_format(mutants):
    from ton.check import FileReport, Options
    from ton.emitters import FORMATS
    from ton.errors import InputError
    from ton.reading import decode

    check_sources = _check_sources()
    sources, errors = [], []
    for i, data in enumerate(mutants):
        try:
            sources.append(decode(data, f"m{i:03d}.txt"))
        except InputError as e:
            errors.append(e)
    assert sources, "aucun mutant lisible : le fuzzing ne teste plus l'analyse"
    reports = []
    for item in check_sources(sources, Options()):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            assert isinstance(item, FileReport)
            reports.append(item)
    assert reports
    for name, emit in FORMATS.items():
        emit(reports, errors, io.StringIO(), name == "texte")


def test_mutants_with_grammar_and_rewriting(mutants):
    from ton.check import Options
    from ton.errors import InputError
    from ton.grammar import GrammarUnavailable, get_engine
    from ton.reading import decode
    from ton.rewrite import rewrite_sources

    try:
        engine = get_engine("grammalecte")
    except GrammarUnavailable:
        pytest.skip("Grammalecte absent")
    sources = []
    for i, data in enumerate(mutants[:60]):
        try:
            sources.append(decode(data, f"m{i:03d}.txt"))
        except InputError:
            pass
    for rw in rewrite_sources(sources, Options(grammar=engine)):
        if not isinstance(rw, InputError):
            rw.diff("m.txt")
            assert isinstance(rw.text, str)


@pytest.mark.parametrize("i", range(0, N_MUTANTS, 25))
def test_mutants_through_the_command_line(run, tmp_path, mutants, i):
    p = tmp_path / "m.txt"
    p.write_bytes(mutants[i])
    for fmt in ("texte", "github", "csv"):
        r = run("verifier", str(p), "--grammaire", "aucune", "--format", fmt)
        assert r.code in (0, 1, 2) and "Traceback" not in r.err, r.err
        assert r.code != 2 or r.err.startswith("ton : ")


def test_mutated_eml_never_crashes(tmp_path):
    from ton.errors import InputError
    from ton.eml import parse_eml

    rng = random.Random(SEED)
    body = (CORPUS / "messages").glob("*.txt").__next__().read_bytes()
    base = (b"From: a@example.org\nTo: b@example.org\nSubject: =?utf-8?q?Entretien_annul=C3=A9?=\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/alternative; boundary=\"XX\"\n\n--XX\nContent-Type: text/plain; charset=utf-8\n"
            b"Content-Transfer-Encoding: quoted-printable\n\n" + body + b"\n--XX\nContent-Type: text/html; charset=utf-8\n\n<p>"
            + body + b"</p><blockquote>cite</blockquote>\n--XX--\n")
    for _ in range(100):
        try:
            parse_eml(_mutate(rng, base), "m.eml")
        except InputError:
            pass
