"""Turning a path (or stdin bytes) into decoded text, or a clear French error.

Every failure here is an `InputError`: the CLI prints its message and exits 2.
"""
from __future__ import annotations

import codecs
import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path


from . import acces
from .errors import InputError
from ._systeme import system_error

# A message is a few hundred words; anything this big is not a draft. Reads stop here, so memory
# is bounded whatever the input (/dev/zero, a huge .eml with attachments).
MAX_BYTES = 1_000_000
# What is analysed: about 10,000 words. The analysis costs about 1 ms per word up to here, then
# grows faster than the text (spaCy on one huge document; 1 MB took 6 min and 4 GB): past this
# the text is refused at once rather than checked slowly (docs/performance.md).
MAX_CHARS = 64_000
MESSAGE_SUFFIXES = (".txt", ".md", ".eml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.eml")
# A README in a folder of drafts documents the folder; it is not a draft.
DEFAULT_EXCLUDE = ("README*", "LISEZMOI*")

# French text is utf-8 today and cp1252 / latin-9 / Mac Roman in legacy files.
# Restricting detection to these avoids cp1250 guesses that turn "œ" into "ś".
_CANDIDATE_ENCODINGS = ["utf_8", "cp1252", "iso8859_15", "utf_16", "mac_roman"]


@dataclass(frozen=True)
class Source:
    path: str  # as given by the user
    text: str
    encoding: str
    # Bytes that are not UTF-8 in an otherwise UTF-8 file: (offset in text, byte); each shows as U+FFFD.
    bad_bytes: tuple[tuple[int, int], ...] = ()


# Past this many invalid bytes a file is not « UTF-8 with a few slips »: detection decides.
MAX_BAD_BYTES = 64


def _utf8_with_bad_bytes(data: bytes) -> tuple[str, list[tuple[int, int]]] | None:
    """UTF-8 text with each invalid byte as U+FFFD and its place, or None past MAX_BAD_BYTES."""
    parts: list[str] = []
    bad: list[tuple[int, int]] = []
    pos = n_chars = 0
    while True:
        try:
            parts.append(data[pos:].decode("utf-8"))
            return "".join(parts), bad
        except UnicodeDecodeError as e:
            good = data[pos:pos + e.start].decode("utf-8")
            parts.append(good)
            n_chars += len(good)
            for k in range(e.start, e.end):
                bad.append((n_chars, data[pos + k]))
                parts.append("\ufffd")
                n_chars += 1
            pos += e.end
            if len(bad) > MAX_BAD_BYTES:
                return None


def _utf16_without_bom(data: bytes) -> str | None:
    """French text in UTF-16 has a zero in every other byte (ASCII letters): the side tells the order."""
    if len(data) % 2 or len(data) < 4:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.4 * pairs and other <= 0.05 * pairs:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, path: str) -> Source:
    if not data.strip():
        raise InputError(path, "le fichier est vide.")
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data))
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(Source(path, data.decode(name), name))
            except UnicodeDecodeError:
                raise InputError(path, f"le fichier commence par une marque {name} mais n'est pas décodable.") from None
    if b"\x00" in data:
        text16 = _utf16_without_bom(data)
        if text16 is None:
            raise InputError(path, "le fichier est binaire (ce n'est pas un texte).")
        return _checked(Source(path, text16, "utf-16-le" if data[1] == 0 else "utf-16-be"))
    try:
        return _checked(Source(path, data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _utf8_with_bad_bytes(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        # A legacy encoding only if it fits the whole file better. Each place where a reading goes
        # wrong counts once: under UTF-8, each run of invalid bytes; under cp1252 and the like, each
        # valid UTF-8 accented character (it would turn into « Ã© »). A tie stays UTF-8.
        accented = sum(1 for c in text if ord(c) > 127) - len(bad)
        runs = sum(1 for i, (off, _) in enumerate(bad) if i == 0 or bad[i - 1][0] != off - 1)
        if accented >= runs:
            return _checked(Source(path, text, "utf-8", tuple(bad)))
    import charset_normalizer  # here: the service's client imports this module and must stay light

    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(path, "encodage non reconnu : enregistrez le fichier en UTF-8.")
    return _checked(Source(path, str(best), best.encoding))


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")  # French: a narrow no-break space between thousands


def check_length(path: str, text: str) -> None:
    if len(text) > MAX_CHARS:
        raise InputError(path, f"le message est trop long ({_thousands(len(text))} caractères ; maximum "
                               f"{_thousands(MAX_CHARS)} pour un message, environ 10 000 mots) : "
                               "ton vérifie un message, pas un document.")


def _checked(source: Source) -> Source:
    text = source.text
    if "\r" in text and "\n" not in text:
        # Old Mac line endings: same length, so offsets keep their meaning.
        text = text.replace("\r", "\n")
        source = Source(source.path, text, source.encoding, source.bad_bytes)
    if not text.strip():
        raise InputError(source.path, "le fichier est vide.")
    check_length(source.path, text)
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    if controls > max(2, len(text) // 100) + len(source.bad_bytes):
        raise InputError(source.path, "le fichier est binaire (ce n'est pas un texte).")
    return source


def _too_large(path: str, size: int | None) -> InputError:
    # Rounded up, so that a file just over the limit never reads « 1000 ko ; maximum 1000 ko ».
    shown = f"{-(-size // 1000)} ko" if size is not None else f"plus de {MAX_BYTES // 1000} ko"
    return InputError(path, f"le fichier est trop volumineux ({shown} ; maximum {MAX_BYTES // 1000} ko pour un message).")


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
        raise _too_large(path, None)
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
        raise _too_large(path, size)
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
