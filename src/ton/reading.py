"""Turning a path (or stdin bytes) into decoded text, or a clear French error.

Every failure here is an `InputError`: the CLI prints its message and exits 2.
"""
from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path


from . import acces
from ._systeme import system_error
from .decodage import MAX_BYTES, MAX_CHARS, Source, too_large, check_length, decode  # noqa: F401  (re-exported)
from .errors import InputError

MESSAGE_SUFFIXES = (".txt", ".md", ".eml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.eml")
# A README (or the instructions and measurements of a labelled corpus) documents the folder; it is not a draft.
DEFAULT_EXCLUDE = ("README*", "LISEZMOI*", "CONSIGNES*", "MESURES*")

def read_bounded(fh, path: str) -> bytes:
    """At most MAX_BYTES from a binary stream (stdin, /dev/zero…): never more in memory, whatever it is."""
    chunks, got = [], 0
    while got <= MAX_BYTES:
        chunk = fh.read(MAX_BYTES + 1 - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    if got > MAX_BYTES:
        raise too_large(path, None)
    return b"".join(chunks)


def read_stdin(path: str = "<entrée standard>") -> Source:
    import sys

    data = read_bounded(sys.stdin.buffer, path) if sys.stdin is not None else b""
    return decode(data, path)


def open_regular(path: str) -> tuple[int, os.stat_result]:
    """An open descriptor on a regular file, with its stat; never blocks (a FIFO or a device is
    refused before anything is read from it). The caller closes the descriptor."""
    try:
        # O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
        fd = acces.open_read(path)  # through the service: opened by the client, with its rights
    except FileNotFoundError:
        raise InputError(path, "fichier introuvable.") from None
    except IsADirectoryError:
        raise InputError(path, "c'est un dossier, pas un fichier.") from None
    except PermissionError:
        raise InputError(path, "lecture refusée (droits insuffisants).") from None
    except OSError as exc:
        raise InputError(path, f"lecture impossible ({system_error(exc)}).") from None
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        os.close(fd)
        raise InputError(path, "c'est un dossier, pas un fichier.")
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise InputError(path, "ce n'est pas un fichier ordinaire (tube, périphérique ou socket) : ton ne lit que des fichiers.")
    os.set_blocking(fd, True)
    return fd, st


def read_fd(fd: int, path: str, size: int) -> bytes:
    """The whole regular file behind `fd`, refused beyond MAX_BYTES (also if it grows while read)."""
    if size > MAX_BYTES:
        raise too_large(path, size)
    try:
        with os.fdopen(os.dup(fd), "rb", buffering=0) as fh:
            fh.seek(0)
            return read_bounded(fh, path)
    except OSError as exc:
        raise InputError(path, f"lecture impossible ({system_error(exc)}).") from None


def source_from_bytes(data: bytes, path: str) -> Source:
    if path.lower().endswith(".eml"):
        from .eml import parse_eml

        return parse_eml(data, path)
    return decode(data, path)


def read_path(path: str) -> Source:
    fd, st = open_regular(path)
    try:
        data = read_fd(fd, path, st.st_size)
    finally:
        os.close(fd)
    return source_from_bytes(data, path)


def _matches(rel: str, pattern: str, *, whole_dirs: bool) -> bool:
    """A pattern without "/" is tried on the file name (and, to exclude, on each folder name);
    one with "/" on the path relative to the folder given, where "**/" may match nothing."""
    rel, pattern = rel.lower(), pattern.lower().rstrip("/")
    parts = rel.split("/")
    if "/" not in pattern:
        names = parts if whole_dirs else parts[-1:]
        return any(fnmatch.fnmatchcase(n, pattern) for n in names)
    candidates = {pattern, pattern[3:] if pattern.startswith("**/") else pattern}
    return any(fnmatch.fnmatchcase(rel, c) or (whole_dirs and fnmatch.fnmatchcase(rel, c + "/*")) for c in candidates)


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _walk(root: str, follow_links: bool, notes: list[str], errors: list[InputError]):
    """(path, path relative to root) of the regular files under root, hidden ones left out.

    Links are not followed out of root unless asked (a link to ~/.netrc in a folder of drafts
    must not print the token); a link inside root is read once, under its own name."""
    real_root = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()

    def failed(exc: OSError) -> None:
        where = exc.filename or root
        reason = "droits insuffisants" if isinstance(exc, PermissionError) else system_error(exc)
        errors.append(InputError(str(where), f"lecture du dossier impossible ({reason})."))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed, followlinks=follow_links):
        try:
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen:  # a loop of links: each folder once
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
        except OSError:
            pass
        kept = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith("."):
                continue
            if os.path.islink(full) and not follow_links:
                if not _inside(os.path.realpath(full), real_root):
                    notes.append(f"{full} : lien vers un dossier hors du dossier parcouru, ignoré "
                                 "(--suivre-liens pour le suivre).")
                continue  # inside root: its files are read under their real name
            kept.append(d)
        dirnames[:] = kept
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if any(part.startswith(".") for part in Path(rel).parts):
                continue
            try:
                lst = os.lstat(full)
                if stat.S_ISLNK(lst.st_mode):
                    target = os.path.realpath(full)
                    if not follow_links and not _inside(target, real_root):
                        notes.append(f"{full} : lien vers un fichier hors du dossier parcouru, ignoré "
                                     "(--suivre-liens pour le suivre).")
                        continue
                    lst = os.stat(full)
            except OSError:
                continue  # broken link, or removed meanwhile
            if stat.S_ISREG(lst.st_mode):
                yield str(Path(root) / rel), Path(rel).as_posix()  # spelled as before: « dossier/m.txt »


def expand_paths(paths: list[str], include=DEFAULT_INCLUDE, exclude=DEFAULT_EXCLUDE, *, follow_links: bool = False,
                 notes: list[str] | None = None, errors: list[InputError] | None = None) -> list[str]:
    """Files as given (always checked); directories expanded recursively to the regular files that
    match `include` and not `exclude` (ton.toml inclure / exclure). Hidden files and folders are
    skipped, and so are links out of the folder unless `follow_links`. Unreadable folders go to
    `errors` (raised when it is None), skipped links to `notes`."""
    out: list[str] = []
    notes = notes if notes is not None else []
    collect = errors is not None
    errors = errors if errors is not None else []
    for raw in paths:
        if os.path.isdir(raw):
            n_errors = len(errors)
            found = []
            for f, rel in _walk(raw, follow_links, notes, errors):
                if any(_matches(rel, pat, whole_dirs=False) for pat in include) and not any(
                    _matches(rel, pat, whole_dirs=True) for pat in exclude
                ):
                    found.append(f)
            found.sort()
            if not collect and len(errors) > n_errors:
                raise errors[n_errors]
            if not found and len(errors) == n_errors:
                raise InputError(raw, f"ce dossier ne contient aucun message (motifs : {', '.join(include)}).")
            out.extend(found)
        else:
            out.append(raw)
    return out
