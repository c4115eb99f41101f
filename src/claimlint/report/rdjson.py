"""reviewdog's Diagnostic Format as one JSON object (`reviewdog -f=rdjson`).

rdjson columns count UTF-8 bytes, while claimlint counts characters; on a line with a
"–" or "€" before a claim the two differ, and reviewdog would splice a suggestion into
the wrong place. So columns are converted by reading the line from the file (paths are
and only when the file still
holds the finding's text there; otherwise the character columns are kept. Paths are
relative to the project root (`root`), where the files are read from.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from claimlint.model import Finding, Location
from claimlint.report.common import TOOL_NAME, TOOL_URL, rule_url, worst_severity
from claimlint.rules.base import RuleMeta

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str,
           root: Optional[str] = None) -> str:
    columns = _ByteColumns(Path(root or "."))
    result = {
        "source": {"name": TOOL_NAME, "url": TOOL_URL},
        "severity": SEVERITIES[worst_severity(findings) or "info"],
        "diagnostics": [_diagnostic(f, columns) for f in findings],
    }
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(finding: Finding, columns: "_ByteColumns") -> dict:
    diagnostic = {
        "message": finding.message,
        "location": _location(finding.location, columns),
        "severity": SEVERITIES[finding.severity],
        "code": {"value": finding.rule, "url": rule_url(finding.rule)},
    }
    if finding.fix is not None:
        diagnostic["suggestions"] = [{"range": _range(finding.location, columns),
                                      "text": finding.fix.replacement}]
    if finding.related:
        diagnostic["related_locations"] = [
            {"message": f"Also stated here: {loc.text}" if loc.text else "Related location",
             "location": _location(loc, columns)}
            for loc in finding.related
        ]
    return diagnostic


def _location(loc: Location, columns: "_ByteColumns") -> dict:
    return {"path": loc.path, "range": _range(loc, columns)}


def _range(loc: Location, columns: "_ByteColumns") -> dict:
    start, end = columns.convert(loc)
    return {"start": {"line": loc.line, "column": start},
            "end": {"line": loc.end_line, "column": end}}


class _ByteColumns:
    """Character columns to UTF-8 byte columns, reading each file at most once."""

    def __init__(self, root: Path):
        self._root = root
        self._files: dict[str, list[str] | None] = {}

    def convert(self, loc: Location) -> tuple[int, int]:
        lines = self._lines(loc.path)
        if lines is None or not self._holds(lines, loc):
            return loc.column, loc.end_column
        return (self._byte(lines[loc.line - 1], loc.column),
                self._byte(lines[loc.end_line - 1], loc.end_column))

    def _lines(self, path: str) -> list[str] | None:
        if path not in self._files:
            try:
                self._files[path] = (self._root / path).read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                self._files[path] = None
        return self._files[path]

    @staticmethod
    def _holds(lines: list[str], loc: Location) -> bool:
        if not 1 <= loc.line <= loc.end_line <= len(lines):
            return False
        span = "\n".join(lines[loc.line - 1:loc.end_line])
        start = loc.column - 1
        end = len(span) - len(lines[loc.end_line - 1]) + loc.end_column - 1
        return bool(loc.text) and span[start:end] == loc.text

    @staticmethod
    def _byte(line: str, column: int) -> int:
        return len(line[:column - 1].encode("utf-8")) + 1
