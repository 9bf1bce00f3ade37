"""Ctrl-C and SIGTERM: everything this run started ends with it, quietly (exit 130 / 143).

spaCy's batch workers are forked from this process and inherit its signal handlers: there the
handler ends the worker at once, without a traceback (Ctrl-C reaches the whole group). In the main
process it kills the workers (spaCy's cleanup would join them for ever) and raises
KeyboardInterrupt, so that finally blocks run; `abort` then leaves with os._exit: a normal exit
would wait on multiprocessing's queues, whose readers are gone. A timer ends the process anyway
if unwinding takes longer than GRACE_SECONDS.
"""
from __future__ import annotations

import os
import signal
import sys

_main_pid: int | None = None
_received: int | None = None  # the signal that interrupted this run, if any
_processes: set = set()  # subprocess.Popen objects still running (parallele.GrammarWorker)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same cleanup runs; exit 143."""


def register(proc) -> None:
    _processes.add(proc)


def unregister(proc) -> None:
    _processes.discard(proc)


# After a signal, the run unwinds (finally blocks, no report written); past this it is ended anyway.
GRACE_SECONDS = 1.5


def _handler(signum, frame):
    if os.getpid() != _main_pid:
        os._exit(128 + signum)  # a forked worker: the main process decides, no traceback here
    # Killed first: spaCy's own cleanup joins its workers, which would otherwise wait for ever
    # (and then warns that they did not complete: we know, we stopped them).
    import warnings

    warnings.filterwarnings("ignore", message=r".*\[W127\]")
    kill_children()
    global _received
    _received = signum
    code = 143 if signum == signal.SIGTERM else 130
    import threading

    timer = threading.Timer(GRACE_SECONDS, _last_resort, (code,))
    timer.daemon = True
    timer.start()
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _last_resort(code: int) -> None:
    try:
        os.write(2, "ton : interrompu.\n".encode())
    finally:
        os._exit(code)


def install() -> dict:
    """Our handlers in this process; returns the previous ones (restored by `restore`)."""
    global _main_pid, _received
    _main_pid = os.getpid()
    _received = None
    return {sig: signal.signal(sig, _handler) for sig in (signal.SIGINT, signal.SIGTERM)}


def restore(previous: dict) -> None:
    for sig, h in previous.items():
        signal.signal(sig, h)


def kill_children() -> None:
    import multiprocessing

    for proc in list(_processes):
        try:
            proc.kill()
        except OSError:
            pass
    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, AttributeError):
            pass
    for proc in list(_processes):
        try:
            proc.wait(timeout=2)
        except Exception:
            pass
    for child in multiprocessing.active_children():
        child.join(0.5)


def check() -> None:
    """Abort if a signal came (typer turns KeyboardInterrupt into a plain return of 130)."""
    if _received is not None:
        abort(Terminated() if _received == signal.SIGTERM else KeyboardInterrupt())


def abort(exc: KeyboardInterrupt) -> None:
    """End now: children killed, a French line on stderr, exit 130 (SIGINT) or 143 (SIGTERM)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    kill_children()
    try:
        sys.stderr.write("ton : interrompu.\n")
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(143 if isinstance(exc, Terminated) else 130)


def guarded(fn):
    """Run fn; an interrupt or a closed pipe ("ton verifier … | head") ends quietly, like other tools."""
    previous = install()
    try:
        rv = fn()
        check()  # interrupted, though the framework returned quietly: exit 130 or 143
        return rv
    except KeyboardInterrupt as exc:
        abort(exc)  # does not return: workers killed, exit 130 or 143
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    finally:
        restore(previous)
