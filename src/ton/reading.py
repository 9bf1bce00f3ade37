"""Turning a path (or stdin bytes) into decoded text, or a clear French error.

Every failure here is an `InputError`: the CLI prints its message and exits 2.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from .errors import InputError

# A message is a few hundred words; anything this big is not a draft.
MAX_BYTES = 1_000_000
MESSAGE_SUFFIXES = (".txt", ".md", ".eml")

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
    return decode(data, path)


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; directories expanded (recursively) to their message files."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in MESSAGE_SUFFIXES and not any(part.startswith(".") for part in f.parts)
            )
            if not found:
                raise InputError(raw, "ce dossier ne contient aucun message (.txt, .md, .eml).")
            out.extend(found)
        else:
            out.append(raw)
    return out
