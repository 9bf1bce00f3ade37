"""Bytes to text: the decoding every input goes through (files, stdin, e-mail parts).

Kept apart from reading.py (paths, folders, bounded reads) so that eml.py can decode a part
without importing reading.py, which imports eml.py.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from .dates import Moment

# A message is a few hundred words; anything this big is not a draft. Reads stop here, so memory
# is bounded whatever the input (/dev/zero, a huge .eml with attachments).
MAX_BYTES = 1_000_000
# What is analysed: about 10,000 words. The analysis costs about 1 ms per word up to here, then
# grows faster than the text (spaCy on one huge document; 1 MB took 6 min and 4 GB): past this
# the text is refused at once rather than checked slowly (docs/performance.md).
MAX_CHARS = 64_000
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
    # When it was sent (an e-mail's Date: header), for the rule delai; None when unknown.
    sent: Moment | None = None


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
        raise too_large(path, len(data))
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


def too_large(path: str, size: int | None) -> InputError:
    # Rounded up, so that a file just over the limit never reads « 1000 ko ; maximum 1000 ko ».
    shown = f"{-(-size // 1000)} ko" if size is not None else f"plus de {MAX_BYTES // 1000} ko"
    return InputError(path, f"le fichier est trop volumineux ({shown} ; maximum {MAX_BYTES // 1000} ko pour un message).")
