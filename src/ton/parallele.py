"""Grammar checking in a second process, while this one runs spaCy and the rules.

Grammalecte is pure Python and takes about as long per message as spaCy plus the rules, so
on a batch the two halves run side by side on two cores. The worker runs the very same
engine code on the very same (text, exclusions), so the findings are identical; any failure
of the worker (cannot start, crashed, killed, an exception) makes the caller check that
message, and all later ones, in-process instead.

The worker is a plain `python -m ton.parallele` speaking pickles over its stdin/stdout, not
multiprocessing: spawn would re-import the caller's main script. It must not import spaCy.
"""
from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from typing import Any

# Below this many messages the worker's start-up (a new interpreter plus Grammalecte's
# dictionary, about 0.3 s) costs more than it saves.
MIN_MESSAGES = 16

_DONE = object()


def engine_spec(engine: Any) -> tuple[str, bool] | None:
    """How a worker can rebuild `engine`, or None if it should stay in-process.

    Only Grammalecte: LanguageTool is a server of its own (already parallel), and an engine
    we do not know how to rebuild exactly must not be approximated.
    """
    from .grammar.grammalecte import GrammalecteEngine

    if type(engine) is GrammalecteEngine:
        return ("grammalecte", bool(engine.typographie))
    return None


class GrammarWorker:
    """Jobs go to the worker in order and come back in order; `result` falls back to in-process."""

    def __init__(self, engine: Any, spec: tuple[str, bool]) -> None:
        self.engine = engine
        env = dict(os.environ)
        # The worker must import this very copy of ton (and of grammalecte, if found on sys.path).
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        self._proc: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-m", "ton.parallele", spec[0], "1" if spec[1] else "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        from . import interruption

        interruption.register(self._proc)  # killed on Ctrl-C or SIGTERM, never left behind
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        # A writer thread, so that a full pipe never blocks the main thread (which reads).
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()
        self.broken = False

    def _write(self) -> None:
        proc = self._proc
        try:
            while (job := self._jobs.get()) is not _DONE:
                pickle.dump(job, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
        except (OSError, ValueError):
            pass  # worker gone: the reader sees end of file
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def submit(self, text: str, exclude: list[tuple[int, int]]) -> bool:
        if self.broken:
            return False
        self._jobs.put((text, exclude))
        return True

    def result(self, submitted: bool, text: str, exclude: list[tuple[int, int]]):
        if submitted and not self.broken:
            try:
                ok, value = pickle.load(self._proc.stdout)
            except Exception:  # end of file, truncated pickle: the worker is gone
                # From here on everything is checked in-process: answers would no longer line up.
                self.broken = True
            else:
                if ok:
                    return value
        return self.engine.check(text, exclude)

    def close(self) -> None:
        if self._proc is None:
            return
        self._jobs.put(_DONE)
        if self.broken:
            self._proc.kill()
        try:
            self._proc.stdout.close()
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._writer.join(timeout=5)
        from . import interruption

        interruption.unregister(self._proc)
        self._proc = None


def _mode() -> str:
    """TON_PARALLELE: "non" never, "oui" whenever there are two cores, else (auto) unless a CPU quota forbids it."""
    v = os.environ.get("TON_PARALLELE", "").lower()
    return "non" if v in ("0", "non", "no") else "oui" if v in ("1", "oui", "yes") else "auto"


def second_process_pays() -> bool:
    """For the grammar worker and spaCy's parse workers: two cores or more that this process may use
    (affinity, cgroup quota).

    The second process pays even on a busy machine: the fair scheduler gives each runnable process its
    share of each core (per session with autogroup), so the two halves of the work get more CPU time
    than one process doing both. Measured on 2 cores, batch of 1,000 (docs/performance.md): with
    Grammalecte, 3 busy processes of our session, wall 0.66 (0.60-0.72) of the raw engines with the
    worker, 0.70 (0.67-0.73) of the time without it (3 December 2026); without grammar, spaCy's two
    parse workers under 3 busy processes (load 3.9-4.4), 0.77-0.83 of the time of one process, 0.95
    (0.94-0.97) of raw spaCy (5 December 2026; a measurement of 3 December, 1.21, no longer holds).
    Only a CPU quota below two CPUs (container) shares one fixed amount of time between the
    processes: there, no worker."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2:
        return False
    if _mode() == "oui":
        return True
    quota = _cpu_quota()
    return quota is None or quota >= 2


def _cpu_quota() -> float | None:
    """CPUs allowed by the cgroup quota of this process or of a parent group (the smallest); None if none or unknown."""
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    found: list[float] = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        hid, controllers, path = parts
        if hid == "0" and controllers == "":  # cgroup v2: "QUOTA PERIOD" or "max PERIOD"
            roots, files = ["/sys/fs/cgroup"], ("cpu.max",)
        elif "cpu" in controllers.split(","):  # cgroup v1: quota (-1: none), then period
            roots, files = ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu"], (
                "cpu.cfs_quota_us", "cpu.cfs_period_us")
        else:
            continue
        for root in roots:
            d = root + path.rstrip("/")
            while True:
                q = _quota_in(d, files)
                if q is not None:
                    found.append(q)
                if len(d) <= len(root):
                    break
                d = d.rsplit("/", 1)[0]
    return min(found) if found else None


def _quota_in(folder: str, files: tuple[str, ...]) -> float | None:
    try:
        values: list[str] = []
        for name in files:
            with open(f"{folder}/{name}", encoding="ascii") as f:
                values.extend(f.read().split())
        quota, period = values[0], values[1]
        if quota in ("max", "-1"):
            return None
        return int(quota) / int(period)
    except (OSError, ValueError, IndexError, ZeroDivisionError):
        return None


def worker_for(engine: Any, n_messages: int | None) -> GrammarWorker | None:
    """A worker when it pays: a known engine, a batch large enough, two usable cores (second_process_pays)."""
    if engine is None or n_messages is None or n_messages < MIN_MESSAGES:
        return None
    if _mode() == "non" or not second_process_pays():
        return None
    spec = engine_spec(engine)
    if spec is None:
        return None
    try:
        return GrammarWorker(engine, spec)
    except Exception:
        return None


# spaCy's own worker processes (nlp.pipe n_process) pay off only on large batches: below
# this, the cost of starting them and of sending docs back exceeds the gain (measured).
MIN_MESSAGES_PARSE = 200


def parse_processes(sources: Any) -> int:
    """Processes for nlp.pipe: 2 on a large batch where a second process pays (second_process_pays), else 1."""
    n = len(sources) if hasattr(sources, "__len__") else 0
    if n < MIN_MESSAGES_PARSE or _mode() == "non":
        return 1
    return 2 if second_process_pays() else 1


def _serve(name: str, typographie: bool) -> None:
    from .grammar import get_engine

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the pipe
    try:
        engine = get_engine(name, typographie=typographie)
    except Exception:
        return  # the caller reads end of file and checks in-process
    inp = sys.stdin.buffer
    while True:
        try:
            text, exclude = pickle.load(inp)
        except EOFError:
            return
        try:
            answer = (True, engine.check(text, exclude))
        except Exception as exc:  # the caller redoes it in-process and gets the same error
            answer = (False, repr(exc))
        pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2] == "1")
