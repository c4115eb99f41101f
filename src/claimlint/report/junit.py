"""JUnit XML for CI test-report views: a `<testsuite>` per file, a failed `<testcase>`
per finding. A clean run is one suite with one passing test case, so CI shows a pass
rather than "no tests found"."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claimlint.model import Finding
from claimlint.report.common import TOOL_NAME, by_path, title
from claimlint.rules.base import RuleMeta

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str) -> str:
    root = ET.Element("testsuites", name=TOOL_NAME, tests=str(max(len(findings), 1)),
                      failures=str(len(findings)), errors="0")
    if not findings:
        suite = _suite(root, TOOL_NAME, tests=1, failures=0)
        ET.SubElement(suite, "testcase", name="no findings", classname=TOOL_NAME)
    for path, group in by_path(findings).items():
        suite = _suite(root, path, tests=len(group), failures=len(group))
        for f in group:
            _testcase(suite, f)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    version = _clean(tool_version).replace("--", "- -")  # "--" may not appear in a comment
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- claimlint {version} -->\n{xml}\n'


def _suite(root: ET.Element, name: str, *, tests: int, failures: int) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=_clean(name), tests=str(tests),
                         failures=str(failures), errors="0", skipped="0")


def _testcase(suite: ET.Element, f: Finding) -> None:
    loc = f.location
    case = ET.SubElement(suite, "testcase", classname=_clean(loc.path),
                         name=_clean(f"{title(f)} at line {loc.line}, column {loc.column}"),
                         file=_clean(loc.path), line=str(loc.line))
    failure = ET.SubElement(case, "failure", message=_clean(f.message), type=_clean(f.rule))
    details = [f"{loc.path}:{loc.line}:{loc.column}: {f.severity}: {f.message}"]
    details += [f"  related: {r.path}:{r.line}:{r.column}: {r.text}" for r in f.related]
    if f.fix is not None:
        details.append(f"  suggested fix: replace {loc.text!r} with {f.fix.replacement!r}")
    failure.text = _clean("\n".join(details))


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
