"""SARIF 2.1.0 report (docs/formats.md), for code-scanning tools. Validated against the official schema in tests."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..check import FileReport
from ..errors import InputError
from ..model import Finding, Severity
from ..positions import LineIndex
from ..rules import ALL_RULES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERREUR: "error", Severity.AVERTISSEMENT: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _region(idx: LineIndex, start: int, end: int) -> dict:
    line, col = idx.position(start)
    end_line, end_col = idx.position(end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _rule_descriptors(reports: list[FileReport]) -> tuple[list[dict], dict[str, int]]:
    rules = [{
        "id": r.id,
        "name": r.id,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.explanation},
        "help": {"text": f"{r.explanation}\n\nBon exemple :\n{r.good}\n\nMauvais exemple :\n{r.bad}"},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"categorie": "critère" if r.kind == "critere" else "règle"},
    } for r in ALL_RULES]
    # Grammar engines have hundreds of rules: describe only those that occur.
    seen = sorted({f.rule for rep in reports for f in rep.findings} - {r.id for r in ALL_RULES})
    for rid in seen:
        engine = rid.split("/")[1] if rid.count("/") >= 2 else "grammaire"
        rules.append({"id": rid, "shortDescription": {"text": f"Grammaire et orthographe ({engine})"},
                      "defaultConfiguration": {"level": "warning"}})
    return rules, {r["id"]: i for i, r in enumerate(rules)}


def _result(f: Finding, idx: LineIndex, artifact: dict, index: dict[str, int]) -> dict:
    text = f.message
    if f.suggestions:
        text += "\nSuggestion : " + f.suggestions[0]
    out = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": _region(idx, f.start, f.end)}}],
    }
    if f.fix is not None and f.fix.edits:
        out["fixes"] = [{
            "description": {"text": f.fix.description or "Correction proposée"},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{"deletedRegion": _region(idx, e.start, e.end), "insertedContent": {"text": e.replacement}}
                                 for e in f.fix.edits],
            }],
        }]
    return out


def document(reports: list[FileReport], errors: list[InputError]) -> dict:
    rules, index = _rule_descriptors(reports)
    artifacts, results = [], []
    for r in reports:
        artifact = {"uri": uri(r.path), "index": len(artifacts)}
        artifacts.append({"location": {"uri": artifact["uri"]}, "mimeType": "text/plain"})
        idx = LineIndex(r.text)
        results.extend(_result(f, idx, artifact, index) for f in r.findings)
    notifications = [{
        "level": "error",
        "message": {"text": e.reason},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(e.path)}}}],
    } for e in errors]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ton", "version": __version__, "semanticVersion": __version__, "rules": rules}},
            # Our columns count characters (code points), not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
            "properties": {"fichiers": [
                {"chemin": r.path, "type": r.type, "score": r.score, "reussi": r.passed,
                 "criteres": {c.id: ("sans objet" if not c.applicable else "oui" if c.met else "non") for c in r.criteria}}
                for r in reports
            ]},
        }],
    }


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    json.dump(document(reports, errors), out, ensure_ascii=False, indent=2)
    out.write("\n")
