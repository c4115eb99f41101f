"""What the CI report formats share: the tool's identity, rule look-up and grouping."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Callable

from claimlint.model import SEVERITIES, Finding

TOOL_NAME = "claimlint"
TOOL_URL = "https://github.com/claimlint/claimlint"

# Most severe first: the order counts and summaries are shown in.
SEVERITY_ORDER = tuple(reversed(SEVERITIES))


def rule_url(code: str) -> str:
    """Where a rule's documentation lives (the page `claimlint explain CODE` mirrors)."""
    return f"{TOOL_URL}/blob/main/docs/rules/{code}.md"


def rebased(findings: list[Finding], to_root: Callable[[str], str]) -> list[Finding]:
    """The findings with every path (theirs and their related locations') as `to_root`
    gives it: relative to the project root, so every format names a file the same way
    wherever claimlint runs."""
    def move(loc):
        return replace(loc, path=to_root(loc.path))
    return [replace(f, location=move(f.location), related=tuple(move(r) for r in f.related))
            for f in findings]


def title(finding: Finding) -> str:
    """`CL101 conflicting-values`: how one line of a report names a finding's rule."""
    return f"{finding.rule} {finding.name}".strip()


def severity_counts(findings: list[Finding]) -> Counter:
    return Counter(f.severity for f in findings)


def worst_severity(findings: list[Finding]) -> str | None:
    present = {f.severity for f in findings}
    return next((s for s in SEVERITY_ORDER if s in present), None)


def by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by file (paths sorted), each file's in line/column order."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.location.path, []).append(finding)
    return {path: sorted(groups[path], key=_position) for path in sorted(groups)}


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _position(finding: Finding) -> tuple:
    loc = finding.location
    return (loc.line, loc.column, finding.rule)
