"""Turning a path (or stdin bytes) into decoded text, or a clear French error.

Every failure here is an `InputError`: the CLI prints its message and exits 2.
"""
from __future__ import annotations

import codecs
import fnmatch
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from .errors import InputError

# A message is a few hundred words; anything this big is not a draft.
MAX_BYTES = 1_000_000
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


def decode(data: bytes, path: str) -> Source:
    if not data.strip():
        raise InputError(path, "le fichier est vide.")
    if len(data) > MAX_BYTES:
        raise InputError(
            path,
            f"le fichier est trop volumineux ({len(data) // 1000} ko ; "
            f"maximum {MAX_BYTES // 1000} ko pour un message).",
        )
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(Source(path, data.decode(name), name))
            except UnicodeDecodeError:
                raise InputError(path, f"le fichier commence par une marque {name} mais n'est pas décodable.") from None
    if b"\x00" in data:
        raise InputError(path, "le fichier est binaire (ce n'est pas un texte).")
    try:
        return _checked(Source(path, data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(path, "encodage non reconnu : enregistrez le fichier en UTF-8.")
    return _checked(Source(path, str(best), best.encoding))


def _checked(source: Source) -> Source:
    text = source.text
    if "\r" in text and "\n" not in text:
        # Old Mac line endings: same length, so offsets keep their meaning.
        text = text.replace("\r", "\n")
        source = Source(source.path, text, source.encoding)
    if not text.strip():
        raise InputError(source.path, "le fichier est vide.")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(2, len(text) // 100):
        raise InputError(source.path, "le fichier est binaire (ce n'est pas un texte).")
    return source


def read_path(path: str) -> Source:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "fichier introuvable.")
    if p.is_dir():
        raise InputError(path, "c'est un dossier, pas un fichier.")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                path,
                f"le fichier est trop volumineux ({size // 1000} ko ; maximum {MAX_BYTES // 1000} ko pour un message).",
            )
        data = p.read_bytes()
    except PermissionError:
        raise InputError(path, "lecture refusée (droits insuffisants).") from None
    except OSError as exc:
        raise InputError(path, f"lecture impossible ({exc.strerror}).") from None
    if p.suffix.lower() == ".eml":
        from .eml import parse_eml

        return parse_eml(data, path)
    return decode(data, path)


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


def expand_paths(paths: list[str], include=DEFAULT_INCLUDE, exclude=DEFAULT_EXCLUDE) -> list[str]:
    """Files as given (always checked); directories expanded recursively to the files that match
    `include` and not `exclude` (ton.toml inclure / exclure). Hidden files and folders are skipped."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for f in p.rglob("*"):
                rel = f.relative_to(p).as_posix()
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if any(_matches(rel, pat, whole_dirs=False) for pat in include) and not any(
                    _matches(rel, pat, whole_dirs=True) for pat in exclude
                ):
                    found.append(str(f))
            found.sort()
            if not found:
                raise InputError(raw, f"ce dossier ne contient aucun message (motifs : {', '.join(include)}).")
            out.extend(found)
        else:
            out.append(raw)
    return out
