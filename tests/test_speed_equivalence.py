"""The speed-ups change nothing in the results: grammar in a second process (parallele.py),
streamed batches, and a worker that fails midway. (The service: tests/test_serveur.py.)

PYTHONHASHSEED is fixed where two processes are compared: Grammalecte lists some spelling
suggestions in set order, which otherwise varies from one process to the next.
"""
import io
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT

TON = [sys.executable, "-c", "import sys; from ton.cli import main; main()"]


def ton_json(*args: str, **env) -> subprocess.CompletedProcess:
    full = {**os.environ, "TON_SERVEUR": "non", "PYTHONHASHSEED": "0", **env}
    full["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return subprocess.run([*TON, "verifier", *args, "--format", "json"], env=full, cwd=ROOT,
                          capture_output=True, timeout=600)


def test_whole_corpus_with_grammar_same_with_and_without_the_grammar_process():
    parallel = ton_json(str(CORPUS), TON_PARALLELE="oui")  # even on a busy machine
    serial = ton_json(str(CORPUS), TON_PARALLELE="non")
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    assert b'"grammaire/grammalecte/' in parallel.stdout


def _json(reports) -> str:
    from ton.emitters import FORMATS

    out = io.StringIO()
    FORMATS["json"](reports, [], out, False)
    return out.getvalue()


def _corpus_sources(n: int):
    from ton.reading import expand_paths, read_path

    return [read_path(p) for p in expand_paths([str(CORPUS / "messages")])[:n]]


def test_a_worker_that_dies_midway_gives_the_same_reports(monkeypatch):
    from ton import parallele
    from ton.batch import check_sources
    from ton.check import Options
    from ton.grammar import get_engine

    engine = get_engine("grammalecte")
    sources = _corpus_sources(24)
    monkeypatch.setenv("TON_PARALLELE", "non")
    expected = _json(list(check_sources(sources, Options(grammar=engine))))
    monkeypatch.setenv("TON_PARALLELE", "oui")

    real_popen = subprocess.Popen
    started = []

    def dying_worker(cmd, **kw):
        # Reads part of the first request, answers nothing, exits.
        p = real_popen([sys.executable, "-c", "import sys; sys.stdin.buffer.read(100)"], **kw)
        started.append(p)
        return p

    monkeypatch.setattr(parallele.subprocess, "Popen", dying_worker)
    got = _json(list(check_sources(sources, Options(grammar=engine))))
    assert started and all(p.poll() is not None for p in started)
    assert got == expected


def test_streamed_batch_keeps_input_errors_in_place():
    from ton.batch import check_sources
    from ton.check import Options
    from ton.errors import InputError
    from ton.reading import Source

    good = _corpus_sources(3)
    english = Source("anglais.txt", "Hello, I am writing to let you know that I will not be able to attend the "
                     "interview tomorrow because I have accepted another offer. Best regards.", "utf-8")
    items = [english, good[0], english, english, good[1], good[2], english]
    out = list(check_sources(items, Options()))
    assert [("erreur" if isinstance(x, InputError) else x.path) for x in out] == [
        "erreur", good[0].path, "erreur", "erreur", good[1].path, good[2].path, "erreur"]


def test_large_batch_without_grammar_same_with_spacy_worker_processes(monkeypatch):
    """From parallele.MIN_MESSAGES_PARSE messages on, spaCy parses in two processes."""
    from ton import parallele
    from ton.batch import check_sources
    from ton.check import Options

    monkeypatch.setattr(parallele, "MIN_MESSAGES_PARSE", 20)
    monkeypatch.setenv("TON_PARALLELE", "oui")
    sources = _corpus_sources(200)[:40]
    assert parallele.parse_processes(sources) == (2 if len(os.sched_getaffinity(0)) >= 2 else 1)
    got = _json(list(check_sources(sources, Options())))
    monkeypatch.setenv("TON_PARALLELE", "non")
    assert parallele.parse_processes(sources) == 1
    assert got == _json(list(check_sources(sources, Options())))


def test_whole_corpus_same_docs_matches_scores_and_reports_as_before_the_speed_work():
    """tests/empreinte-vitesse.json was written by tests/empreinte_vitesse.py before any speed-up
    (issue 14): the parse, the matches, the sentence layer's scores and the JSON report of every
    corpus message, and of three long messages, are unchanged. After a deliberate change of
    results (lexicons, rules, model), rewrite it with `python tests/empreinte_vitesse.py`."""
    import json

    from empreinte_vitesse import STORED, compute

    stored = json.loads(STORED.read_text(encoding="utf-8"))
    got = compute()
    assert set(got) == set(stored)
    diff = {name: [k for k in stored[name] if got[name][k] != stored[name][k]] for name in stored}
    assert {n: d for n, d in diff.items() if d} == {}


def test_lexicon_matcher_gives_the_same_matches_as_spacys_matcher_on_the_corpus():
    """matcher.py replays spaCy's Matcher: same matches, in the same order, with the same alignments."""
    from empreinte_vitesse import sources

    from ton.nlp import get_matcher, get_nlp, lexicon, spacy_matcher

    nlp, ours, theirs = get_nlp(), get_matcher(), spacy_matcher()
    fixes = lexicon().lemma_fixes
    n = 0
    for doc in nlp.pipe(s.text for s in sources()):
        for tok in doc:
            if tok.lower_ in fixes:
                tok.lemma_ = fixes[tok.lower_]
        expected = [(doc.vocab.strings[k], s, e, list(a)) for k, s, e, a in theirs(doc, with_alignments=True)]
        assert ours(doc, with_alignments=True) == expected
        n += len(expected)
    assert n > 5000


def test_libyaml_loader_reads_every_lexicon_file_as_the_pure_python_one():
    import yaml

    from ton.lexicon import _LOADER, lexicon_dir

    assert _LOADER is yaml.CSafeLoader
    files = sorted(lexicon_dir().rglob("*.yaml")) + sorted((ROOT / "corpus").glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader), path.name


def test_second_parse_process_on_a_large_batch_even_on_a_busy_machine(monkeypatch):
    """The fair scheduler gives two processes of ton more of a busy machine than one (measured,
    docs/performance.md): on a large batch the second parse process starts whatever the load; not on a
    small batch, not under a CPU quota below two, not with TON_PARALLELE=non, not on one core."""
    from ton import parallele

    monkeypatch.delenv("TON_PARALLELE", raising=False)
    monkeypatch.setattr(parallele.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(parallele.os, "getloadavg", lambda: (6.5, 6.0, 5.0), raising=False)
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: None)
    assert parallele.parse_processes(list(range(500))) == 2
    assert parallele.parse_processes(list(range(parallele.MIN_MESSAGES_PARSE - 1))) == 1
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: 1.5)
    assert parallele.parse_processes(list(range(500))) == 1
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: None)
    monkeypatch.setenv("TON_PARALLELE", "non")
    assert parallele.parse_processes(list(range(500))) == 1
    monkeypatch.delenv("TON_PARALLELE")
    monkeypatch.setattr(parallele.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert parallele.parse_processes(list(range(500))) == 1
