"""Project configuration: `ton.toml`, or `[tool.ton]` in `pyproject.toml` (docs/configuration.md).

Found upward from the current directory unless `--config` names one. Every key is
checked here so that a mistake exits 2 with a French message naming the file and the key.
"""
from __future__ import annotations

import codecs
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, TonError
from .model import MESSAGE_TYPES, Severity

SEVERITIES = tuple(s.value for s in Severity)
DISABLED = "desactivee"
FAIL_LEVELS = ("erreur", "avertissement")
ENGINES = ("grammalecte", "languagetool", "aucune")
from .reading import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

CONCISION_KEYS = ("max_mots", "max_mots_phrase", "max_justification", "min_mots_recit")
# A configuration is a few lines; a pyproject.toml a few kilobytes.
MAX_CONFIG_BYTES = 1_000_000


class ConfigError(TonError):
    def __init__(self, file: Path | str, key: str, reason: str) -> None:
        where = f", clé « {key} »" if key != "-" else ""
        super().__init__(f"configuration {file}{where} : {reason}")


@dataclass
class Config:
    path: Path | None = None
    type: str | None = None
    fail_level: str = "erreur"
    grammar: str | None = None
    typographie: bool | None = None
    languagetool_url: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    concision: dict[str, int] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> severity or DISABLED


def find(start: Path | None = None) -> Path | None:
    """The nearest ton.toml, or pyproject.toml with a [tool.ton] table, from `start` upward."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "ton.toml").is_file():
            return d / "ton.toml"
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                tool = _read_toml(py).get("tool")
                if isinstance(tool, dict) and "ton" in tool:
                    return py
            except ConfigError:
                # A broken pyproject.toml that may not concern ton: say so only if it is ours.
                try:
                    raw = py.read_bytes()[:MAX_CONFIG_BYTES].decode("utf-8", errors="replace")
                except OSError:
                    raw = ""
                if re.search(r"^\s*\[\s*tool\s*\.\s*ton\s*[.\]]", raw, re.M):
                    raise
    return None


def load(path: Path | str | None = None, *, search: bool = True) -> Config:
    """Load `path`, or the file found upward; defaults when there is none."""
    if path is None:
        found = find() if search else None
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, "-", "fichier de configuration introuvable.")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", "une table est attendue ([tool.ton]).")
        table = tool.get("ton")
        if table is None:
            raise ConfigError(path, "tool.ton", "table absente : ajoutez une section [tool.ton].")
        if not isinstance(table, dict):
            raise ConfigError(path, "tool.ton", "une table est attendue ([tool.ton]), pas une valeur.")
        return parse(table, path, prefix="tool.ton.")
    return parse(data, path)


def _read_toml(path: Path) -> dict:
    from .reading import open_regular, read_fd

    try:
        fd, st = open_regular(str(path))
        try:
            if st.st_size > MAX_CONFIG_BYTES:
                raise ConfigError(path, "-", f"fichier trop volumineux pour une configuration (maximum {MAX_CONFIG_BYTES // 1000} ko).")
            data = read_fd(fd, str(path), st.st_size)
        finally:
            os.close(fd)
    except InputError as exc:
        raise ConfigError(path, "-", exc.reason) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ConfigError(path, "-", "le fichier est en UTF-16 ; TOML demande UTF-8 : réenregistrez-le en UTF-8.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(path, "-", f"le fichier n'est pas en UTF-8 (octet invalide ligne {line}) ; "
                                     "TOML demande UTF-8 : réenregistrez-le en UTF-8.") from None
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f" (ligne {m.group(1)}, colonne {m.group(2)})" if m else " (fin du fichier)" if "end of document" in str(exc) else ""
        raise ConfigError(path, "-", f"syntaxe TOML invalide{where}.") from None


def parse(data: dict, path: Path | str = "<configuration>", prefix: str = "") -> Config:
    from .rules import BY_ID

    cfg = Config(path=Path(path))

    def err(key: str, reason: str) -> ConfigError:
        return ConfigError(path, prefix + key, reason)

    def choice(key: str, value, allowed) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise err(key, f"valeur « {value} » invalide ; valeurs possibles : {', '.join(allowed)}.")
        return value

    def patterns(key: str, value) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise err(key, "une liste de motifs est attendue, par exemple [\"*.txt\", \"brouillons/**\"].")
        return tuple(value)

    for key, value in data.items():
        if key == "type":
            cfg.type = choice(key, value, MESSAGE_TYPES)
        elif key == "echec_a":
            cfg.fail_level = choice(key, value, FAIL_LEVELS)
        elif key == "grammaire":
            cfg.grammar = choice(key, value, ENGINES)
        elif key == "typographie":
            if not isinstance(value, bool):
                raise err(key, "true ou false est attendu.")
            cfg.typographie = value
        elif key == "languagetool_url":
            if not isinstance(value, str) or not re.match(r"https?://", value):
                raise err(key, "une adresse http:// ou https:// est attendue.")
            cfg.languagetool_url = value
        elif key == "inclure":
            cfg.include = patterns(key, value)
        elif key == "exclure":
            cfg.exclude = (*DEFAULT_EXCLUDE, *patterns(key, value))  # adds to the defaults (README stays out)
        elif key == "concision":
            if not isinstance(value, dict):
                raise err(key, "une table est attendue ([concision]).")
            for k, v in value.items():
                if k not in CONCISION_KEYS:
                    raise err(f"concision.{k}", f"clé inconnue ; clés possibles : {', '.join(CONCISION_KEYS)}.")
                if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                    raise err(f"concision.{k}", "un nombre entier positif est attendu.")
                cfg.concision[k] = v
        elif key == "regles":
            if not isinstance(value, dict):
                raise err(key, "une table est attendue ([regles]).")
            for rid, v in value.items():
                if rid not in BY_ID:
                    raise err(f"regles.{rid}", f"règle inconnue ; règles : {', '.join(BY_ID)}.")
                if v is False:
                    v = DISABLED
                elif v is True:
                    continue  # "on" keeps the usual severity (which may depend on the message type)
                cfg.rules[rid] = choice(f"regles.{rid}", v, SEVERITIES + (DISABLED,))
        else:
            raise err(key, "clé inconnue ; clés possibles : type, echec_a, grammaire, typographie, "
                           "languagetool_url, inclure, exclure, concision, regles.")
    return cfg
