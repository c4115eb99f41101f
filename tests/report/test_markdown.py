"""Markdown report: counts, one table per file, a side-by-side Conflicts table, and
article text that cannot break the tables or the page."""
from __future__ import annotations

import re

from claimlint.model import Finding, Location
from claimlint.report import markdown

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def render(findings, rules) -> str:
    return markdown.render(findings, rules, tool_version="0.1.0")


def cells(row: str) -> list[str]:
    """A GitHub table row's cells, split the way GFM splits them (on unescaped pipes)."""
    assert row.startswith("| ") and row.endswith(" |"), row
    return [c.strip() for c in UNESCAPED_PIPE.split(row)[1:-1]]


def table_after(text: str, heading: str) -> list[list[str]]:
    """The rows (header first, delimiter row dropped) of the first table under `heading`."""
    lines = text.split("\n")
    start = lines.index(heading) + 1
    while not lines[start].startswith("|"):
        start += 1
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(cells(line))
    return [rows[0]] + rows[2:]


def test_heading_and_counts(findings, rules):
    text = render(findings, rules)
    assert text.startswith("## claimlint report\n")
    assert "6 findings in 3 files: 2 errors, 3 warnings, 1 info." in text
    table = table_after(text, "6 findings in 3 files: 2 errors, 3 warnings, 1 info.")
    assert table[0] == ["Category", "error", "warning", "info", "Total"]
    assert ["fact", "1", "0", "0", "1"] in table
    assert ["artifact", "0", "0", "1", "1"] in table
    assert table[-1] == ["**Total**", "**2**", "**3**", "**1**", "**6**"]


def test_one_table_per_file_in_line_order(findings, rules):
    text = render(findings, rules)
    headings = [line for line in text.split("\n") if line.startswith("### ")]
    assert headings == ["### articles/knee-oa-stem-cells-japan.md",
                        "### articles/knee-oa-stem-cells-mexico.txt",
                        "### articles/knee-oa-stem-cells-south-korea.html",
                        "### Conflicts"]
    japan = table_after(text, "### articles/knee-oa-stem-cells-japan.md")
    assert japan[0] == ["Line", "Rule", "Severity", "Message"]
    assert [row[:3] for row in japan[1:]] == [["29:36", "CL401 fact-mismatch", "error"],
                                              ["41:26", "CL101 conflicting-values", "error"],
                                              ["54:54", "CL501 risky-claim", "warning"]]


def test_pipes_newlines_and_html_in_messages_cannot_break_the_table(findings, rules):
    text = render(findings, rules)
    mexico = table_after(text, "### articles/knee-oa-stem-cells-mexico.txt")
    assert all(len(row) == 4 for row in mexico)
    message = mexico[2][3]
    assert "price\\|100%" in message
    assert "<script>" not in text and "\\<script\\>" in message
    assert "<br>remove it, or move it out of the article body" in message


def test_dollar_signs_are_not_read_as_math(findings, rules):
    text = render(findings, rules)
    assert "\\$8,000 – \\$14,000" in text
    assert not re.search(r"(?<!\\)\$", text)


def test_conflicts_show_both_values_side_by_side(findings, rules):
    table = table_after(render(findings, rules), "### Conflicts")
    assert table[0] == ["Rule", "Claim", "Here", "Value", "Other side", "Value"]
    assert table[1:] == [
        ["CL101", "price", "articles/knee-oa-stem-cells-japan.md:41", "\\$8,000 – \\$14,000",
         "articles/knee-oa-stem-cells-japan.md:20", "\\$7,000 – \\$12,000"],
        ["CL201", "price", "articles/knee-oa-stem-cells-mexico.txt:13", "\\$5,500 – \\$9,000",
         "articles/knee-oa-stem-cells-japan.md:62", "\\$4,500 – \\$8,000"],
    ]


def test_a_conflict_with_two_other_sides_gets_a_row_for_each(rules):
    here = Location("a.md", 5, 1, 5, 7, "$1,000")
    others = (Location("a.md", 9, 1, 9, 7, "$2,000"), Location("b.md", 3, 1, 3, 7, "$3|000"))
    finding = Finding("CL101", "conflicting-values", "intra-article", "error", here,
                      "price stated three ways", quantity="price", related=others)
    table = table_after(render([finding], rules), "### Conflicts")
    assert [row[4:] for row in table[1:]] == [["a.md:9", "\\$2,000"], ["b.md:3", "\\$3\\|000"]]


def test_no_conflicts_section_without_related_locations(findings, rules):
    assert "### Conflicts" not in render([f for f in findings if not f.related], rules)


def test_no_findings(rules):
    text = render([], rules)
    assert "No findings." in text
    assert "|" not in text


def test_golden(findings, rules, tool_version, golden):
    golden("markdown", markdown.render(findings, rules, tool_version=tool_version))
