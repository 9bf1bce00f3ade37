"""SIGINT or SIGTERM to the main process alone ends everything it started (issue 13, point 6):
no orphaned spaCy or grammar worker, no traceback, exit 130 / 143, no report written after."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, ROOT, children

pytestmark = pytest.mark.slow

TON = [sys.executable, "-c", "import sys; from ton.cli import main; main()"]


def _session_members(sid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # session id, not a zombie
            out.append(int(name))
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("lot")
    messages = sorted((CORPUS / "messages").glob("*.txt"))
    for i in range(400):  # past parallele.MIN_MESSAGES_PARSE: spaCy runs two processes
        shutil.copy(messages[i % len(messages)], d / f"m{i:04d}.txt")
    return d


@pytest.mark.parametrize("sig,code,group", [(signal.SIGINT, 130, False), (signal.SIGTERM, 143, False),
                                            (signal.SIGINT, 130, True)])  # Ctrl-C: the whole group
@pytest.mark.parametrize("grammaire,workers", [("aucune", 2), ("grammalecte", 1)])
def test_signal_ends_all(batch, tmp_path, sig, code, group, grammaire, workers):
    report = tmp_path / "rapport.json"
    # TON_PARALLELE=oui: the second spaCy process starts even under a CPU quota (parallele.second_process_pays).
    env = {**os.environ, "TON_SERVEUR": "non", "TON_PARALLELE": "oui",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    env.pop("CI", None)
    proc = subprocess.Popen([*TON, "verifier", str(batch), "--grammaire", grammaire, "--format", "json", "-o", str(report)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while len(children(proc.pid)) < workers:  # the workers are running: interrupt mid-batch
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "les processus de travail ne démarrent pas"
            time.sleep(0.05)
        time.sleep(0.5)
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)  # the main process alone, not its group
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail("ton ne s'arrête pas après le signal")
        err = err.decode()
        assert proc.returncode == code, err
        assert "Traceback" not in err and "interrompu" in err
        assert not report.exists()
        deadline = time.monotonic() + 5
        while _session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _session_members(proc.pid) == [], "processus orphelins"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
