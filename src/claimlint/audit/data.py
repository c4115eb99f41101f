"""The audit's report as plain data: what `--json` writes and the HTML report draws."""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Optional

from .. import __version__
from ..model import Finding
from ..rules import all_rules
from .contested import Contested

HTML_MAX_FINDINGS = 5000  # the HTML stays usable; --json and --csv carry everything
WORST = 20


def report_data(root: str, findings: list[Finding], documents: int, claims: int,
                contested: list[Contested], since: Optional[dict] = None,
                status: Optional[dict[str, str]] = None) -> dict:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.location.path].append(f)
    # "Articles with most findings": by count, then by severity, then by name
    worst = sorted(by_path.items(), key=lambda kv: (-len(kv[1]), -_weight(kv[1]), kv[0]))[:WORST]
    lines = _Lines()
    return {
        "tool": {"name": "claimlint", "version": __version__},
        "root": root,
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "counts": {"documents": documents, "claims": claims, "findings": len(findings),
                   "by_severity": dict(Counter(f.severity for f in findings)),
                   "by_category": dict(Counter(f.category for f in findings).most_common()),
                   "by_rule": dict(Counter(f.rule for f in findings).most_common())},
        "rules": [{"code": r.code, "name": r.name, "category": r.category,
                   "severity": r.severity, "summary": r.summary} for r in all_rules()],
        "findings": [{**f.to_dict(), "context": lines.get(f.location.path, f.location.line),
                      **({"status": status[f.fingerprint]} if status else {})}
                     for f in findings],
        "worst_articles": [{"path": p, "findings": len(fs),
                            "by_severity": dict(Counter(f.severity for f in fs))} for p, fs in worst],
        "contested": [c.to_dict() for c in contested],
        "since": since,
    }


def for_html(data: dict) -> dict:
    """The same data with the findings table capped, most severe first."""
    findings = data["findings"]
    if len(findings) <= HTML_MAX_FINDINGS:
        return data
    rank = {"error": 0, "warning": 1, "info": 2}
    kept = sorted(findings, key=lambda f: rank.get(f["severity"], 3))[:HTML_MAX_FINDINGS]
    return {**data, "findings": kept, "truncated": len(findings) - len(kept)}


def _weight(findings: list[Finding]) -> int:
    return sum({"error": 100, "warning": 10}.get(f.severity, 1) for f in findings)


class _Lines:
    """Source lines for findings' context, read once per file."""

    def __init__(self):
        self._files: dict[str, list[str]] = {}

    def get(self, path: str, line: int) -> str:
        if path not in self._files:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    self._files = {path: fh.read().split("\n")}  # one file at a time: flat memory
            except OSError:
                self._files = {path: []}
        rows = self._files[path]
        return rows[line - 1].rstrip("\r") if 0 < line <= len(rows) else ""
