"""JSON report, contract version 2 (docs/format-json.md, docs/schema-json-v2.json). Keys are only ever added, never changed."""
from __future__ import annotations

import json
from typing import TextIO

from ..check import FileReport
from ..errors import InputError
from ..model import Finding
from ..positions import LineIndex

VERSION = 2


def finding_dict(f: Finding, idx: LineIndex) -> dict:
    line, col = idx.position(f.start)
    end_line, end_col = idx.position(f.end)
    out = {
        "rule": f.rule, "severity": f.severity.value, "message": f.message,
        "start": f.start, "end": f.end, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "suggestions": list(f.suggestions),
        "fix": None,
    }
    if f.fix is not None:
        out["fix"] = {
            "safety": f.fix.safety.value,
            "description": f.fix.description,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits],
        }
    return out


def report_dict(r: FileReport) -> dict:
    idx = LineIndex(r.text)
    criteria = []
    for c in r.criteria:
        evidence = []
        for e in c.evidence:
            line, col = idx.position(e.start)
            evidence.append({"start": e.start, "end": e.end, "line": line, "column": col, "text": e.text})
        criteria.append({"id": c.id, "met": c.met, "applicable": c.applicable, "evidence": evidence,
                         "message": c.message, "suggestions": list(c.suggestions)})
    return {
        "path": r.path, "type": r.type, "score": r.score, "passed": r.passed,
        "stats": {"words": r.words, "sentences": r.sentences},
        "criteria": criteria,
        "findings": [finding_dict(f, idx) for f in r.findings],
        "notices": list(r.notices),
    }


def document(reports: list[FileReport], errors: list[InputError]) -> dict:
    files = [report_dict(r) for r in reports]
    passed = sum(1 for r in reports if r.passed)
    return {
        "version": VERSION,
        "files": files,
        "errors": [{"path": e.path, "message": e.reason} for e in errors],
        "summary": {"files": len(reports), "passed": passed, "failed": len(reports) - passed},
    }


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    json.dump(document(reports, errors), out, ensure_ascii=False, indent=2)
    out.write("\n")
