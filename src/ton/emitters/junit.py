"""JUnit XML report (docs/formats.md): one test suite per file, one test case per criterion and per other rule,
so that a CI dashboard shows which student missed which point."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ..check import _FAILING, FileReport
from ..errors import InputError
from ..positions import LineIndex
from ..rules import EXTRA_RULES
from .texte import TITLES, is_grammar

GRAMMAR_CASE = "grammaire et orthographe"


def _line(r: FileReport, idx: LineIndex, f) -> str:
    line, col = idx.position(f.start)
    text = f"{r.path}:{line}:{col}: {f.rule} [{f.severity.value}] {f.message}"
    return text + "".join(f"\n  = suggestion : {s}" for s in f.suggestions[:3])


def _case(suite: ET.Element, r: FileReport, idx: LineIndex, name: str, findings: list, applicable: bool = True,
          skip_reason: str = "") -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=r.path, name=name, file=r.path)
    if not applicable:
        ET.SubElement(case, "skipped", message=skip_reason)
        return case
    failing = [f for f in findings if f.severity in _FAILING[r.fail_level]]
    if failing:
        fail = ET.SubElement(case, "failure", message=failing[0].message, type=failing[0].severity.value)
        fail.text = "\n".join(_line(r, idx, f) for f in failing)
    others = [f for f in findings if f not in failing]
    if others:  # below the fail level: shown, not failed
        ET.SubElement(case, "system-out").text = "\n".join(_line(r, idx, f) for f in others)
    return case


def document(reports: list[FileReport], errors: list[InputError]) -> ET.Element:
    root = ET.Element("testsuites", name="ton")
    for r in reports:
        idx = LineIndex(r.text)
        suite = ET.SubElement(root, "testsuite", name=r.path)
        props = ET.SubElement(suite, "properties")
        for k, v in (("type", r.type), ("score", str(r.score)), ("resultat", "réussi" if r.passed else "à revoir")):
            ET.SubElement(props, "property", name=k, value=v)
        for c in r.criteria:
            _case(suite, r, idx, TITLES.get(c.id, c.id), [f for f in r.findings if f.rule == c.id],
                  c.applicable, "sans objet pour ce type de message (ou désactivé)")
        for rule in EXTRA_RULES:
            _case(suite, r, idx, rule.title, [f for f in r.findings if f.rule == rule.id])
        _case(suite, r, idx, GRAMMAR_CASE, [f for f in r.findings if is_grammar(f.rule)])
    if errors:
        suite = ET.SubElement(root, "testsuite", name="fichiers illisibles")
        for e in errors:
            case = ET.SubElement(suite, "testcase", classname=e.path, name="lecture", file=e.path)
            ET.SubElement(case, "error", message=e.reason, type="lecture")
    for suite in root:
        _count(suite)
    _count(root, suites=True)
    return root


def _count(el: ET.Element, suites: bool = False) -> None:
    cases = el.iter("testcase")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in cases:
        totals["tests"] += 1
        totals["failures"] += case.find("failure") is not None
        totals["errors"] += case.find("error") is not None
        totals["skipped"] += case.find("skipped") is not None
    for k, v in totals.items():
        el.set(k, str(v))


def emit(reports: list[FileReport], errors: list[InputError], out: TextIO, color: bool = False) -> None:
    root = document(reports, errors)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
