"""The warm service against hostile or unlucky clients (issue 13, point 3): malformed and oversized
frames, idle connections, clients that go away, concurrent starts, two installs, the umask."""
import fcntl
import json
import os
import socket
import struct
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, children
# The module-scoped server of test_serveur, shared (one fixture, imported: pytest finds it by name here).
from test_serveur import ONE, require_service, service, start_service, stop_service, used_service  # noqa: F401

from ton import serveur

pytestmark = pytest.mark.slow


def _raw(folder: Path) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(str(folder / serveur.socket_name()))
    return s


def _closed(s: socket.socket) -> bool:
    try:
        return s.recv(1024) == b""
    except ConnectionResetError:  # closed with our bytes unread
        return True


def _check_one(folder, service):
    code, out, err = used_service(folder, [ONE, "--grammaire", "aucune", "-f", "json"])
    require_service(code, service)
    assert code == 1 and json.loads(out)["files"][0]["path"] == ONE


@pytest.mark.parametrize("frame", [b"[]", b"5", b'"x"', b"null", b"\xff\xfe", b"{\"v\": "])
def test_malformed_greeting_does_not_kill_the_service(service, frame):
    folder, proc, _ = service
    with _raw(folder) as s:
        s.sendall(struct.pack(">I", len(frame)) + frame)
        assert _closed(s)  # without an answer
    assert proc.poll() is None
    _check_one(folder, service)


def test_oversized_frame_is_refused(service):
    folder, proc, _ = service
    with _raw(folder) as s:
        s.sendall(struct.pack(">I", 0xFFFFFFF0) + b"{" * 1024)
        assert _closed(s)
    assert proc.poll() is None
    _check_one(folder, service)


def test_malformed_request_is_refused(service):
    folder, proc, fp = service
    with _raw(folder) as s:
        serveur._send(s, {"v": serveur.PROTOCOL, "empreinte": serveur.fingerprint()})
        assert serveur._recv(s).get("etat") in ("pret", "version")
        serveur._send(s, {"args": "pas une liste", "cwd": 5})
        assert _closed(s)
    assert proc.poll() is None


def test_idle_connections_block_nobody(service):
    folder, proc, _ = service
    idle = [_raw(folder) for _ in range(3)]  # connected, silent
    try:
        # Waited for in turn (5 s each), they would make this client give up on the service.
        _check_one(folder, service)
    finally:
        for s in idle:
            s.close()


def test_client_gone_kills_its_child_and_writes_no_report(service, tmp_path):
    folder, proc, _ = service
    report = tmp_path / "rapport.json"
    s = _raw(folder)
    serveur._send(s, {"v": serveur.PROTOCOL, "empreinte": serveur.fingerprint()})
    if serveur._recv(s).get("etat") != "pret":
        pytest.skip("code modifié pendant le test")
    before = set(children(proc.pid))
    serveur._send(s, {"argv0": "ton", "args": [str(CORPUS), "--grammaire", "grammalecte", "-f", "json", "-o", str(report)],
                      "cwd": str(tmp_path), "env": {k: v for k, v in os.environ.items()}, "stdin": None,
                      "main_package": None, "terminal": [80, 24], "stdout": ["utf-8", "strict", False],
                      "stderr": ["utf-8", "strict"], "umask": 0o022})
    time.sleep(1.0)  # the child is checking the corpus
    busy = set(children(proc.pid)) - before
    s.close()  # the client is killed
    deadline = time.monotonic() + 20
    while busy & set(children(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not busy & set(children(proc.pid)), "le processus du client parti tourne encore"
    time.sleep(1)
    assert not report.exists()


def test_report_gets_the_client_umask(service, tmp_path, monkeypatch):
    folder = service[0]
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o077)
    try:
        code, _, _ = used_service(folder, [ONE, "-f", "json", "-o", "rapport.json", "--grammaire", "aucune"])
    finally:
        os.umask(old)
    require_service(code, service)
    assert os.stat(tmp_path / "rapport.json").st_mode & 0o777 == 0o600


def test_stuck_connection_does_not_keep_the_start_lock(tmp_path):
    folder = tmp_path / "ton"
    proc = start_service(folder)
    stuck = _raw(folder)
    try:
        serveur._send(stuck, {"v": serveur.PROTOCOL, "empreinte": serveur.fingerprint()})
        serveur._recv(stuck)  # its child now waits for a request that never comes
        stop_service(proc, folder)
        lock = open(folder / serveur.lock_name(), "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again: a new service can start
        finally:
            lock.close()
    finally:
        stuck.close()
        if proc.poll() is None:
            proc.kill()


def test_client_waits_for_a_service_being_started_instead_of_starting_another(tmp_path, monkeypatch):
    folder = tmp_path / "ton"
    folder.mkdir(mode=0o700)
    started = []
    monkeypatch.setattr(serveur, "start_detached", lambda idle=None: started.append(1))
    monkeypatch.setattr(serveur, "FIRST_START_TIMEOUT", 0.5)
    with open(folder / serveur.lock_name(), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a service is loading its model
        assert serveur._starting(folder)
        assert serveur._start_and_connect(folder) is None
    assert started == []
    assert not serveur._starting(folder)


def test_two_installs_have_two_services(monkeypatch):
    mine = serveur.socket_name()
    monkeypatch.setattr(sys, "executable", "/autre/venv/bin/python")
    assert serveur.socket_name() != mine and serveur.lock_name() != serveur.lock_name.__name__


# --- the service never opens a client's file: the client does, with its own rights ------------

def _client_rights(monkeypatch, denied: dict):
    """The client (this process) cannot open the paths in `denied` (errno), though the service could."""
    real = serveur._client_open
    asked = []

    def client_open(path, write):
        asked.append((path, write))
        if path in denied:
            raise OSError(denied[path], os.strerror(denied[path]), path)
        return real(path, write)

    monkeypatch.setattr(serveur, "_client_open", client_open)
    return asked


def test_file_the_client_cannot_read_gets_lecture_refusee(service, tmp_path, monkeypatch):
    import errno

    folder = service[0]
    draft = tmp_path / "prive.txt"
    draft.write_text(Path(ONE).read_text(encoding="utf-8"), encoding="utf-8")
    asked = _client_rights(monkeypatch, {str(draft): errno.EACCES})
    code, out, err = used_service(folder, [str(draft), "--grammaire", "aucune"])
    require_service(code, service)
    assert code == 2 and "lecture refusée (droits insuffisants)" in err.decode()
    assert (str(draft), False) in asked and b"Bonjour" not in out


def test_file_missing_in_the_client_namespace_is_introuvable(service, tmp_path, monkeypatch):
    import errno

    folder = service[0]
    draft = tmp_path / "ailleurs.txt"
    draft.write_text(Path(ONE).read_text(encoding="utf-8"), encoding="utf-8")
    _client_rights(monkeypatch, {str(draft): errno.ENOENT})
    code, out, err = used_service(folder, [str(draft), "--grammaire", "aucune"])
    require_service(code, service)
    assert code == 2 and "fichier introuvable" in err.decode()


def test_report_where_the_client_cannot_write_is_refused(service, tmp_path, monkeypatch):
    import errno

    folder = service[0]
    target = tmp_path / "rapport.json"
    asked = _client_rights(monkeypatch, {str(target): errno.EACCES})
    code, out, err = used_service(folder, [ONE, "--grammaire", "aucune", "-f", "json", "-o", str(target)])
    require_service(code, service)
    assert code == 2 and "écriture du rapport impossible (droits insuffisants)" in err.decode()
    assert (str(target), True) in asked and not target.exists()
