"""SARIF: valid against the official 2.1.0 schema and carrying what GitHub code scanning uses."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema.validators import validator_for

from claimlint.model import Finding, Location
from claimlint.report import sarif

SCHEMA = Path(__file__).parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


TOOL_VERSION = "0.1.0"


def render(findings, rules) -> dict:
    return json.loads(sarif.render(findings, rules, tool_version=TOOL_VERSION))


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.exists():
        pytest.skip(f"official SARIF schema not found at {SCHEMA.resolve()} (CI always has it)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)  # the schema declares draft-04
    cls.check_schema(schema)
    return cls(schema)


def results_by_rule(log: dict) -> dict[str, dict]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


def test_validates_against_the_official_schema(validator, findings, rules):
    errors = sorted(validator.iter_errors(render(findings, rules)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_an_empty_run_validates_and_still_lists_the_rules(validator, rules):
    log = render([], rules)
    validator.validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in rules]


def test_driver_describes_claimlint_and_every_rule(findings, rules):
    driver = render(findings, rules)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimlint"
    assert driver["version"] == TOOL_VERSION
    assert driver["informationUri"] == "https://github.com/claimlint/claimlint"
    by_id = {d["id"]: d for d in driver["rules"]}
    for rule in rules:
        d = by_id[rule.code]
        assert d["name"] == rule.name
        assert d["shortDescription"]["text"] == rule.summary
        assert d["fullDescription"]["text"].startswith(rule.summary)
        assert d["help"] == {"text": rule.doc, "markdown": rule.doc}
        assert d["defaultConfiguration"]["level"] == {"info": "note"}.get(rule.severity, rule.severity)
        assert d["properties"]["tags"] == [rule.category]


def test_results_point_at_their_rule_with_the_right_level(findings, rules):
    log = render(findings, rules)
    run = log["runs"][0]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings):
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
    assert results_by_rule(log)["CL601"]["level"] == "note"


def test_location_is_a_relative_uri_with_the_claims_region(findings, rules):
    result = results_by_rule(render(findings, rules))["CL401"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "articles/knee-oa-stem-cells-japan.md",
                                            "uriBaseId": "%SRCROOT%"}
    fact = next(f for f in findings if f.rule == "CL401")
    assert physical["region"] == {
        "startLine": fact.location.line, "startColumn": fact.location.column,
        "endLine": fact.location.end_line, "endColumn": fact.location.end_column,
        "snippet": {"text": "2015"},
    }


def test_windows_paths_and_odd_characters_become_a_valid_relative_uri(validator, findings, rules):
    odd = replace(findings[1], location=replace(findings[1].location, path="articles\\Knee OA 100%–Japan.md"))
    log = render([odd], rules)
    validator.validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "articles/Knee%20OA%20100%25%E2%80%93Japan.md"


def test_conflict_links_the_other_side_from_the_message(findings, rules):
    result = results_by_rule(render(findings, rules))["CL101"]
    [related] = result["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "articles/knee-oa-stem-cells-japan.md"
    assert related["physicalLocation"]["region"]["startLine"] == 20
    assert related["physicalLocation"]["region"]["snippet"]["text"] == "$7,000 – $12,000"
    assert "$7,000 – $12,000" in related["message"]["text"]
    # The message keeps both values and turns "at line 20" into a link to the other side.
    assert result["message"]["text"] == (
        "price for knee-osteoarthritis / japan / cultured stated as $8,000 – $14,000 here and "
        "$7,000 – $12,000 at [line 20](1)")


def test_cross_article_conflict_links_the_path_and_line(findings, rules):
    result = results_by_rule(render(findings, rules))["CL201"]
    assert result["message"]["text"].endswith("in [articles/knee-oa-stem-cells-japan.md:62](1)")
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 62


def test_related_locations_the_message_does_not_mention_are_appended_as_links(findings, rules):
    conflict = findings[0]
    extra = Location("articles/knee-oa-stem-cells-mexico.txt", 13, 57, 13, 72, "$5,500 – $9,000")
    three_sided = replace(conflict, message="price stated as [three] different values",
                          related=conflict.related + (extra,))
    text = render([three_sided], rules)["runs"][0]["results"][0]["message"]["text"]
    assert text == ("price stated as \\[three\\] different values. See also "
                    "[articles/knee-oa-stem-cells-japan.md:20](1), "
                    "[articles/knee-oa-stem-cells-mexico.txt:13](2).")


def test_findings_without_related_locations_have_none(findings, rules):
    result = results_by_rule(render(findings, rules))["CL401"]
    assert "relatedLocations" not in result


def test_partial_fingerprints_carry_the_findings_fingerprint(findings, rules):
    log = render(findings, rules)
    for result, finding in zip(log["runs"][0]["results"], findings):
        assert result["partialFingerprints"] == {"claimlintFingerprint/v1": finding.fingerprint}


def test_fix_replaces_the_findings_region(findings, rules):
    result = results_by_rule(render(findings, rules))["CL501"]
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "articles/knee-oa-stem-cells-japan.md"
    [replacement] = change["replacements"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert replacement["deletedRegion"] == {k: v for k, v in region.items() if k != "snippet"}
    assert replacement["insertedContent"] == {"text": "may ease arthritis pain"}
    assert fix["description"]["text"] == "Replace the cure with a hedged claim"
    assert fix["properties"] == {"safe": False}
    assert "fixes" not in results_by_rule(render(findings, rules))["CL101"]


def test_a_rule_missing_from_the_registry_still_gets_a_descriptor(validator, findings, rules):
    stray = Finding("CL999", "internal-error", "artifact", "error",
                    Location("articles/a.md", 1, 1, 1, 2, "x"), "could not read the file")
    log = render([stray], rules)
    validator.validate(log)
    result = log["runs"][0]["results"][0]
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert descriptor["id"] == "CL999"
    assert descriptor["name"] == "internal-error"
    assert "partialFingerprints" not in result  # no fingerprint: GitHub computes its own


def test_golden(findings, rules, tool_version, golden):
    golden("sarif", sarif.render(findings, rules, tool_version=tool_version))
