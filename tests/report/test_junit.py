"""JUnit XML: well-formed whatever the article text, a suite per file, a failure per finding."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from claimlint.report import junit


def parse(findings, rules) -> ET.Element:
    return ET.fromstring(junit.render(findings, rules, tool_version="0.1.0").encode("utf-8"))


def test_parses_and_counts_failures(findings, rules):
    root = parse(findings, rules)
    assert root.tag == "testsuites"
    assert root.get("tests") == "6" and root.get("failures") == "6"
    assert len(root.findall(".//testcase")) == 6
    assert len(root.findall(".//testcase/failure")) == 6


def test_one_suite_per_file(findings, rules):
    suites = parse(findings, rules).findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("articles/knee-oa-stem-cells-japan.md", "3", "3"),
        ("articles/knee-oa-stem-cells-mexico.txt", "2", "2"),
        ("articles/knee-oa-stem-cells-south-korea.html", "1", "1"),
    ]
    for suite in suites:
        assert all(case.get("file") == suite.get("name") for case in suite.findall("testcase"))


def test_testcase_names_the_rule_and_position(findings, rules):
    japan = parse(findings, rules).find("testsuite")
    case = japan.findall("testcase")[1]
    assert case.get("name") == "CL101 conflicting-values at line 41, column 26"
    assert case.get("line") == "41"
    failure = case.find("failure")
    assert failure.get("type") == "CL101"
    assert failure.get("message").startswith("price for knee-osteoarthritis / japan / cultured")
    assert "related: articles/knee-oa-stem-cells-japan.md:20:37: $7,000 – $12,000" in failure.text


def test_markup_and_newlines_in_messages_survive_the_round_trip(findings, rules):
    debris = next(f for f in findings if f.rule == "CL601")
    failure = parse([debris], rules).find(".//failure")
    assert failure.get("message") == debris.message  # '<script>', '|', '%', newline intact
    assert "<script>" not in junit.render([debris], rules, tool_version="0.1.0")


def test_fix_is_described_in_the_failure_text(findings, rules):
    risky = next(f for f in findings if f.fix)
    text = parse([risky], rules).find(".//failure").text
    assert "suggested fix: replace 'cures arthritis' with 'may ease arthritis pain'" in text


def test_control_characters_do_not_make_the_xml_unreadable(findings, rules):
    broken = replace(findings[0], message="stray \x00\x0b control \x1b characters")
    failure = parse([broken], rules).find(".//failure")
    assert failure.get("message") == "stray \ufffd\ufffd control \ufffd characters"


def test_a_clean_run_is_one_passing_test(rules):
    root = parse([], rules)
    assert root.get("tests") == "1" and root.get("failures") == "0"
    [suite] = root.findall("testsuite")
    [case] = suite.findall("testcase")
    assert suite.get("failures") == "0"
    assert case.find("failure") is None


def test_golden(findings, rules, tool_version, golden):
    golden("junit", junit.render(findings, rules, tool_version=tool_version))
