"""rdjson (reviewdog's DiagnosticResult): structure, severities, suggestions from fixes,
related locations, and columns in UTF-8 bytes as reviewdog counts them."""
from __future__ import annotations

import json

import pytest

from claimlint.model import Finding, Fix, Location
from claimlint.report import rdjson


@pytest.fixture(autouse=True)
def away_from_the_articles(tmp_path, monkeypatch):
    """Run where the fixture's article paths do not exist, so columns stay as given."""
    monkeypatch.chdir(tmp_path)


def render(findings, rules) -> dict:
    return json.loads(rdjson.render(findings, rules, tool_version="0.1.0"))


def diagnostic(findings, rules, code: str) -> dict:
    result = render(findings, rules)
    return next(d for d in result["diagnostics"] if d["code"]["value"] == code)


def test_top_level_structure(findings, rules):
    result = render(findings, rules)
    assert set(result) == {"source", "severity", "diagnostics"}
    assert result["source"] == {"name": "claimlint", "url": "https://github.com/claimlint/claimlint"}
    assert result["severity"] == "ERROR"
    assert len(result["diagnostics"]) == len(findings)


def test_diagnostic_fields(findings, rules):
    d = diagnostic(findings, rules, "CL401")
    assert d == {
        "message": findings[1].message,
        "location": {"path": "articles/knee-oa-stem-cells-japan.md",
                     "range": {"start": {"line": 29, "column": 36}, "end": {"line": 29, "column": 40}}},
        "severity": "ERROR",
        "code": {"value": "CL401", "url": "https://github.com/claimlint/claimlint/blob/main/docs/rules/CL401.md"},
    }


def test_severities_map_to_rdjson_names(findings, rules):
    severities = {d["code"]["value"]: d["severity"] for d in render(findings, rules)["diagnostics"]}
    assert severities == {"CL101": "ERROR", "CL401": "ERROR", "CL501": "WARNING",
                          "CL201": "WARNING", "CL601": "INFO", "CL302": "WARNING"}


def test_fix_becomes_a_suggestion_over_the_findings_range(findings, rules):
    d = diagnostic(findings, rules, "CL501")
    assert d["suggestions"] == [{"range": d["location"]["range"], "text": "may ease arthritis pain"}]
    assert "suggestions" not in diagnostic(findings, rules, "CL101")


def test_related_locations_point_at_the_other_side(findings, rules):
    [related] = diagnostic(findings, rules, "CL201")["related_locations"]
    assert related["location"] == {
        "path": "articles/knee-oa-stem-cells-japan.md",
        "range": {"start": {"line": 62, "column": 78}, "end": {"line": 62, "column": 93}}}
    assert "$4,500 – $8,000" in related["message"]


def test_no_findings(rules):
    assert render([], rules) == {"source": {"name": "claimlint", "url": "https://github.com/claimlint/claimlint"},
                                 "severity": "INFO", "diagnostics": []}


def test_columns_count_utf8_bytes_when_the_file_matches(tmp_path, rules):
    line = "| Knee OA | $7,000 – $12,000 | cures arthritis |"
    (tmp_path / "a.md").write_text("# Prices\n" + line + "\n", encoding="utf-8")
    start = line.index("cures")
    loc = Location("a.md", 2, start + 1, 2, start + 16, "cures arthritis")
    finding = Finding("CL501", "risky-claim", "claim-risk", "warning", loc, "promises a cure",
                      fix=Fix("may ease arthritis pain", False, "hedge"))
    d = render([finding], rules)["diagnostics"][0]
    shift = len("–".encode()) - 1  # the en dash before the claim is 3 bytes, 1 character
    expected = {"start": {"line": 2, "column": loc.column + shift},
                "end": {"line": 2, "column": loc.end_column + shift}}
    assert d["location"]["range"] == expected
    assert d["suggestions"][0]["range"] == expected
    assert line.encode()[expected["start"]["column"] - 1:expected["end"]["column"] - 1] == b"cures arthritis"


def test_columns_stay_as_given_when_the_file_has_changed(tmp_path, rules):
    (tmp_path / "a.md").write_text("# Prices\n– something else entirely here\n", encoding="utf-8")
    loc = Location("a.md", 2, 5, 2, 20, "cures arthritis")
    finding = Finding("CL501", "risky-claim", "claim-risk", "warning", loc, "promises a cure")
    rng = render([finding], rules)["diagnostics"][0]["location"]["range"]
    assert rng == {"start": {"line": 2, "column": 5}, "end": {"line": 2, "column": 20}}


def test_golden(findings, rules, tool_version, golden):
    golden("rdjson", rdjson.render(findings, rules, tool_version=tool_version))
