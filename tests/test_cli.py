"""The user contract: exit codes, one-line errors, every other file still checked."""
from __future__ import annotations

import json

from click.testing import CliRunner

from claimlint.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_bad_inputs_are_one_line_each_and_others_still_checked(tmp_path):
    (tmp_path / "good.md").write_text("Our therapy cures arthritis with guaranteed results.\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 prices: $7,000 \u2013 $9,000\n".encode("cp1252"))
    (tmp_path / "empty.txt").write_text("")
    result = run("check", str(tmp_path), str(tmp_path / "missing.md"), "--format", "json")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "CL401" in rules
    assert "missing.md: no such file or directory" in result.stderr
    assert "binary file" in result.stderr and "not valid UTF-8" in result.stderr


def test_malformed_facts_file_names_file_and_line(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("facts:\n  - id: x\n    claim: year\n    about: [ASRM]\n    value: 'soon'\n")
    (tmp_path / "a.md").write_text("Hello.\n")
    result = run("check", str(tmp_path / "a.md"), "--facts", str(facts))
    assert result.exit_code == 2
    assert "facts.yaml:5" in result.stderr and "must be a number" in result.stderr


def test_unknown_rule_code_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text("Hello.\n")
    result = run("check", str(tmp_path / "a.md"), "--select", "CL999")
    assert result.exit_code == 2 and "unknown rule code" in result.stderr


def test_exit_codes_follow_fail_on(tmp_path):
    (tmp_path / "a.md").write_text("Our therapy cures arthritis.\n")  # a warning
    assert run("check", str(tmp_path / "a.md")).exit_code == 0
    assert run("check", str(tmp_path / "a.md"), "--fail-on", "warning").exit_code == 1


def test_extract_json_spans_point_at_the_source(tmp_path):
    text = "# Knee OA in Japan\n\nCultured knee therapy costs $7,000 \u2013 $12,000 and takes 3-4 weeks.\n"
    (tmp_path / "a.md").write_text(text)
    claims = json.loads(run("extract", str(tmp_path / "a.md"), "--format", "json").stdout)["claims"]
    lines = text.split("\n")
    assert [(c["kind"], c["low"], c["high"], c["unit"]) for c in claims] == [
        ("price", 7000, 12000, "USD"), ("duration", 3, 4, "week")]
    for c in claims:
        assert lines[c["line"] - 1][c["column"] - 1:c["end_column"] - 1] == c["text"]
    assert claims[0]["subject"]["country"] == "japan"


def test_extract_table_shows_amounts_grouped_and_years_plain(tmp_path):
    (tmp_path / "a.md").write_text("# Knee OA in Japan\n\nSince 2009 the clinic has charged $7,000 per knee.\n")
    table = run("extract", str(tmp_path / "a.md")).stdout
    assert "7,000" in table and " 2009 " in table and "2,009" not in table
