"""The warm service (ton serveur): same results as in-process, private, and never a wrong or
missing result when it is stale, dead, silent or from another version.

Each test uses its own runtime directory (TON_SERVEUR_DOSSIER) and stops what it starts.
"""
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from ton import serveur

TON = [sys.executable, "-c", "import sys; from ton.cli import main; main()"]
ONE = str(CORPUS / "messages" / "a04_annulation_irritee_attente.txt")


def env_for(folder: Path, mode: str, **extra) -> dict:
    env = {**os.environ, "TON_SERVEUR": mode, "TON_SERVEUR_DOSSIER": str(folder), "NO_COLOR": "1",
           "PYTHONHASHSEED": "0", **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def ton(env: dict, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*TON, *args], env=env, cwd=ROOT, input=stdin, capture_output=True, timeout=300)


def start_service(folder: Path, idle: float = 120, **extra) -> subprocess.Popen:
    env = env_for(folder, "non", **extra)
    proc = subprocess.Popen([*TON, "serveur", "--inactivite", str(idle)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (folder / serveur.socket_name()).exists():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "le serveur ne démarre pas"
        time.sleep(0.1)
    return proc


def stop_service(proc: subprocess.Popen, folder: Path) -> None:
    with_env = {**os.environ, "TON_SERVEUR_DOSSIER": str(folder)}
    subprocess.run([*TON, "serveur", "--arreter"], env=with_env, cwd=ROOT, capture_output=True, timeout=60)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rt") / "ton"
    # Stopped at the end of the module: no idle exit meanwhile, however slow the machine (a clean clone's CI run
    # under load spent more than the default 120 s between two tests, and the service had left).
    proc = start_service(folder, idle=3600)
    started = serveur.fingerprint()
    yield folder, proc, started
    stop_service(proc, folder)


def require_service(code, service) -> None:
    """The client must have used the service, unless ton's files changed meanwhile (the working
    tree is shared): then the service rightly refused, and there is nothing to compare."""
    if code is None and serveur.fingerprint() != service[2]:
        pytest.skip("code ou lexiques modifiés pendant le test : le serveur a refusé, à bon droit")
    assert code is not None, "le client n'a pas utilisé le serveur"


def used_service(folder: Path, args: list[str], stdin: bytes | None = None):
    """Call the client in this process; (exit code or None, stdout bytes, stderr bytes)."""
    import io

    old = os.environ.copy(), sys.stdout, sys.stderr, sys.stdin
    # The program name in usage messages, as for the `python -c` runs it is compared with.
    argv, main_mod = sys.argv, sys.modules["__main__"]
    package = main_mod.__package__
    sys.argv, main_mod.__package__ = ["-c"], None
    os.environ.update(TON_SERVEUR="existant", TON_SERVEUR_DOSSIER=str(folder), NO_COLOR="1")
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout, sys.stderr = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    try:
        code = serveur.run_client(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue(), err.getvalue()
    finally:
        os.environ.clear()
        os.environ.update(old[0])
        sys.stdout, sys.stderr, sys.stdin = old[1:]
        sys.argv, main_mod.__package__ = argv, package


# --- through the service: identical to in-process ------------------------------------------

def test_whole_corpus_identical_through_the_service(service, tmp_path):
    folder = service[0]
    args = ["verifier", str(CORPUS), "--format", "json", "--grammaire", "aucune"]
    code, out, err = used_service(folder, args[1:])
    require_service(code, service)
    local = ton(env_for(tmp_path, "non"), *args)
    assert (code, out, err) == (local.returncode, local.stdout, local.stderr)
    assert len(json.loads(out)["files"]) > 90


def test_grammar_stdin_errors_and_exit_codes_identical(service, tmp_path):
    folder = service[0]
    text = Path(ONE).read_bytes()
    cases = [
        (["verifier", ONE], None),  # Grammalecte, texte
        (["verifier", "-", "-f", "json"], text),  # standard input
        (["verifier", "introuvable.txt", ONE, "--grammaire", "aucune"], None),  # exit 2, French error
        (["verifier", "--format", "nimporte", ONE], None),  # usage error
        (["verifier", ONE, "--echec-a", "avertissement", "-f", "csv"], None),
    ]
    for args, stdin in cases:
        code, out, err = used_service(folder, args[1:], stdin)
        require_service(code, service)
        local = ton(env_for(tmp_path, "non"), *args, stdin=stdin)
        assert (code, out.decode(), err.decode()) == (local.returncode, local.stdout.decode(), local.stderr.decode()), args


def test_output_file_is_written_relative_to_the_client_directory(service, tmp_path, monkeypatch):
    folder = service[0]
    monkeypatch.chdir(tmp_path)
    code, out, _ = used_service(folder, [ONE, "-f", "json", "-o", "rapport.json", "--grammaire", "aucune"])
    require_service(code, service)
    assert code == 1 and out == b""
    assert json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))["files"][0]["path"] == ONE


def test_service_is_private(service):
    folder = service[0]
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / serveur.socket_name()).st_mode) == 0o600


def test_a_service_from_another_version_is_not_used_and_stops(tmp_path):
    lex = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lex)
    folder = tmp_path / "rt"
    proc = start_service(folder, TON_LEXIQUES=str(lex))
    try:
        target = lex / "reglages.yaml"
        st = target.stat()
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # « edited » since it started
        os.environ["TON_LEXIQUES"] = str(lex)
        try:
            code, _, _ = used_service(folder, [ONE, "--grammaire", "aucune"])
        finally:
            del os.environ["TON_LEXIQUES"]
        assert code is None  # the caller checks in-process
        proc.wait(timeout=30)  # and the outdated service has stopped
        assert not (folder / serveur.socket_name()).exists()
    finally:
        if proc.poll() is None:
            stop_service(proc, folder)


def test_a_service_started_automatically_is_used(tmp_path, monkeypatch):
    """The first `ton verifier` starts it (start_detached); the next ones must really use it
    (it once ran without the command line's entry point, and every client fell back in-process)."""
    folder = tmp_path / "rt"
    monkeypatch.setenv("TON_SERVEUR_DOSSIER", str(folder))
    folder.mkdir(mode=0o700)
    proc = serveur.start_detached(120)
    try:
        deadline = time.monotonic() + 120
        while not (folder / serveur.socket_name()).exists():
            assert proc.poll() is None and time.monotonic() < deadline, "le serveur ne démarre pas"
            time.sleep(0.1)
        code, out, _ = used_service(folder, [ONE, "-f", "json", "--grammaire", "aucune"])
        assert code is not None and json.loads(out)["files"], "le client n'a pas utilisé le serveur"
    finally:
        stop_service(proc, folder)


def test_a_service_without_entry_point_does_not_start(tmp_path, monkeypatch):
    monkeypatch.setenv("TON_SERVEUR_DOSSIER", str(tmp_path / "rt"))
    assert serveur.serve(1) == 2
    assert not (tmp_path / "rt").exists() or not any((tmp_path / "rt").iterdir())


def test_idle_service_stops_on_its_own(tmp_path):
    folder = tmp_path / "rt"
    proc = start_service(folder, idle=1)
    try:
        proc.wait(timeout=60)
        assert not (folder / serveur.socket_name()).exists()
    finally:
        if proc.poll() is None:
            stop_service(proc, folder)


# --- broken services: always the in-process answer -----------------------------------------

def _fake_service(folder: Path, behaviour):
    folder.mkdir(mode=0o700)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / serveur.socket_name()))
    listener.listen(4)

    def loop():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            behaviour(conn)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    return listener, t


@pytest.mark.parametrize("name, behaviour", [
    ("mort", lambda conn: None),  # accepts, then hangs up
    ("version", lambda conn: (serveur._recv(conn), serveur._send(conn, {"etat": "version"}))),
    ("tronque", lambda conn: (serveur._recv(conn), serveur._send(conn, {"etat": "pret"}), serveur._recv(conn),
                              conn.sendall(b"\x00\x00\x10\x00{\"etat\""))),
    ("muet", lambda conn: time.sleep(1.5)),  # never answers (busy, stopped)
])
def test_broken_service_means_in_process(tmp_path, monkeypatch, name, behaviour):
    monkeypatch.setattr(serveur, "READY_TIMEOUT", 0.5)
    listener, t = _fake_service(tmp_path / "rt", behaviour)
    try:
        code, out, err = used_service(tmp_path / "rt", [ONE, "--grammaire", "aucune"])
        assert (code, out, err) == (None, b"", b"")
    finally:
        listener.close()
        t.join(timeout=5)


def test_stale_socket_and_foreign_directory_mean_in_process(tmp_path):
    stale = tmp_path / "stale"
    stale.mkdir(mode=0o700)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(stale / serveur.socket_name()))
    s.close()  # nobody listens any more
    assert used_service(stale, [ONE])[0] is None
    open_dir = tmp_path / "ouvert"
    open_dir.mkdir()
    open_dir.chmod(0o755)  # readable by others: not used, not even connected to
    os.environ["TON_SERVEUR_DOSSIER"] = str(open_dir)
    try:
        assert serveur._private_dir(create=False) is None
    finally:
        del os.environ["TON_SERVEUR_DOSSIER"]


def test_stale_socket_end_to_end_gives_the_in_process_result(tmp_path):
    """`ton verifier` with a dead socket left behind: same output as with no service at all."""
    folder = tmp_path / "rt"
    folder.mkdir(mode=0o700)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(folder / serveur.socket_name()))
    s.close()
    args = ["verifier", ONE, "-f", "json", "--grammaire", "aucune"]
    stale = ton(env_for(folder, "existant"), *args)
    local = ton(env_for(tmp_path, "non"), *args)
    assert (stale.returncode, stale.stdout, stale.stderr) == (local.returncode, local.stdout, local.stderr)


# --- client details ---------------------------------------------------------------------------

def test_value_options_are_those_of_verifier():
    import typer

    from ton.cli import app

    cmd = typer.main.get_command(app).commands["verifier"]
    expected = {name for p in cmd.params if p.param_type_name == "option" and not p.is_flag and not p.count
                for name in (*p.opts, *p.secondary_opts)}
    assert serveur.VALUE_OPTIONS == expected


@pytest.mark.parametrize("args, reads", [
    (["-"], True), (["a.txt", "-", "-f", "json"], True), (["-o", "-", "a.txt"], False),
    (["--sortie", "-"], False), (["a.txt"], False), (["--", "-"], True), (["-f", "json", "-"], True),
])
def test_which_arguments_read_standard_input(args, reads):
    assert serveur._reads_stdin(args) is reads


def test_client_imports_only_what_it_needs_to_connect():
    """No typer, no YAML or lexicons, no pathlib before connecting: the warm client's CPU per call."""
    code = ("import sys; from ton.cli import main; from ton import serveur, interruption; serveur.fingerprint(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'yaml', 'rich', 'pathlib', "
            "'typing') or m in ('ton.commandes', 'ton.lexicon', 'ton.nlp')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_client_imports_no_spacy():
    code = ("import sys; from ton.cli import main; from ton import serveur; serveur.fingerprint(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'numpy', 'grammalecte')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
