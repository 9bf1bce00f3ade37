"""`ton reecrire --ecrire`: replacing a draft without ever losing a word of it.

The file is opened and locked (flock, exclusive) before it is read, and read only once: the
backup is written from those very bytes, not copied from the file later, when another run or an
editor may already have replaced it. The backup never goes through a link and never replaces a
file (O_CREAT | O_EXCL | O_NOFOLLOW; a numbered name when one exists). If the draft changed since
it was read, nothing at all is written and the run exits 2.
"""
from __future__ import annotations

import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._systeme import system_error
from .errors import InputError
from .reading import Source, open_regular, read_fd, source_from_bytes

# Enough for any sane folder; past this something is wrong (a loop creating backups).
MAX_BACKUPS = 1000


@dataclass
class Draft:
    path: str  # as given
    real: str  # the file itself (a link given as FICHIER stays a link to the rewritten file)
    fd: int
    data: bytes
    stat: os.stat_result
    source: Source

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock
            self.fd = -1


def open_draft(path: str) -> Draft:
    """Open, lock and read the draft once; InputError (exit 2) if it cannot be rewritten in place."""
    if path.lower().endswith(".eml"):
        # Writing the checked text back would drop the headers, the MIME parts and the attachments.
        raise InputError(path, "--ecrire ne réécrit pas un e-mail .eml (en-têtes et pièces jointes seraient perdus) : "
                               "lancez « ton reecrire » sans --ecrire et copiez le texte dans votre messagerie.")
    real = os.path.realpath(path)
    fd, st = open_regular(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(path, "ce fichier est déjà en cours de réécriture par un autre « ton reecrire --ecrire » ; "
                                   "rien n'a été modifié.") from None
        except OSError:
            pass  # a file system without locks: the checks before writing still protect the text
        _same_file_or_fail(path, real, st)
        data = read_fd(fd, path, st.st_size)
        source = source_from_bytes(data, path)
    except BaseException:
        os.close(fd)
        raise
    if getattr(source, "bad_bytes", ()):
        os.close(fd)
        raise InputError(path, "le fichier contient des octets invalides en UTF-8 (voir « ton verifier ») : "
                               "corrigez-les avant --ecrire, pour ne pas mélanger deux encodages ; rien n'a été modifié.")
    return Draft(path, real, fd, data, os.fstat(fd), source)


def _same_file_or_fail(path: str, real: str, st: os.stat_result) -> None:
    try:
        now = os.stat(real)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
        raise InputError(path, "le fichier a été remplacé pendant la réécriture (par un autre programme) ; "
                               "rien n'a été modifié, relancez la commande.")


def _unchanged_or_fail(d: Draft) -> None:
    """Refuse if the draft was replaced or edited since it was read: its new text would be lost."""
    _same_file_or_fail(d.path, d.real, d.stat)
    now = os.fstat(d.fd)
    current = os.pread(d.fd, len(d.data) + 1, 0)
    if (now.st_size, now.st_mtime_ns) != (d.stat.st_size, d.stat.st_mtime_ns) or current != d.data:
        raise InputError(d.path, "le fichier a été modifié pendant la réécriture ; rien n'a été écrit, "
                                 "relancez la commande sur la nouvelle version.")


def _write_backup(d: Draft) -> Path:
    target = Path(d.real)
    mode = d.stat.st_mode & 0o777
    for n in range(MAX_BACKUPS):
        name = target.name + (".bak" if n == 0 else f".{n}.bak")
        backup = target.with_name(name)
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
        except FileExistsError:
            continue  # never overwrite a backup, nor follow a link planted under its name
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(d.data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
        return backup
    raise InputError(d.path, f"trop de copies de sauvegarde ({MAX_BACKUPS}) à côté de ce fichier ; rien n'a été modifié.")


def commit(d: Draft, text: str, encoding: str) -> tuple[Path, str]:
    """Back up the bytes read, then replace the draft in one step; (backup, encoding written)."""
    try:
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        encoding = "utf-8"
        data = text.encode(encoding)
    _unchanged_or_fail(d)
    target = Path(d.real)
    try:
        backup = _write_backup(d)
    except OSError as exc:
        raise InputError(d.path, f"copie de sauvegarde impossible ({system_error(exc)}) ; le fichier n'a pas été modifié.") from None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, d.stat.st_mode & 0o7777)
        _unchanged_or_fail(d)  # again, just before: an edit saved meanwhile is kept, not replaced
        os.replace(tmp, target)
    except InputError:
        os.unlink(tmp)
        backup.unlink(missing_ok=True)  # nothing written: no backup of an untouched file either
        raise
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(d.path, f"écriture impossible ({system_error(exc)}) ; le fichier n'a pas été modifié.") from None
        raise
    return backup, encoding
