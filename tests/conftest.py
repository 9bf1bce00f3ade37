import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Tests check in-process; only tests/test_serveur.py starts a service (in its own directory).
os.environ["TON_SERVEUR"] = "non"

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = Path(ROOT.parent / "shared" / "seeds")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the real CLI entry point in-process (the spaCy model stays loaded between calls)."""
    from ton.cli import main

    def _run(*args: str, stdin: bytes | None = None) -> Result:
        monkeypatch.setattr(sys, "argv", ["ton", *args])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
        cap = capsys.readouterr()
        return Result(code, cap.out, cap.err)

    return _run


@pytest.fixture(scope="session")
def checker():
    """Check a message given as a string; returns its FileReport."""
    from ton.batch import check_sources
    from ton.check import Options
    from ton.reading import Source

    def _check(text: str, mtype: str | None = None):
        (report,) = list(check_sources([Source("<test>", text, "utf-8")], Options(forced_type=mtype)))
        return report

    return _check


def criterion(report, cid):
    return next(c for c in report.criteria if c.id == cid)


def children(pid: int) -> list[int]:
    """The direct child processes of `pid` (Linux /proc), for the interrupt and server tests."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []
