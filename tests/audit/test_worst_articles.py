"""The HTML report's "Articles with most findings" lists them by number of findings."""
from __future__ import annotations

from claimlint.audit.data import report_data
from claimlint.model import Finding, Location


def finding(path: str, line: int, severity: str) -> Finding:
    return Finding("CL101", "conflicting-values", "intra-article", severity,
                   Location(path, line, 1, line, 5, "$100"), "conflict")


def test_articles_with_most_findings_are_sorted_by_their_number_of_findings():
    findings = ([finding("a.md", n, "info") for n in range(1, 4)] + [finding("b.md", 1, "error")]
                + [finding("c.md", n, "warning") for n in range(1, 3)])
    worst = report_data("site", findings, 3, 10, [])["worst_articles"]
    assert [(w["path"], w["findings"]) for w in worst] == [("a.md", 3), ("c.md", 2), ("b.md", 1)]
