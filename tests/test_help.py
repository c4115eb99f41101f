"""Help a newcomer can read: whole command summaries, the formats and exit codes in `check
--help`, a rules table that fits 100 columns, and `explain` without reStructuredText marks
but with what the failing example produces."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimlint.cli import FINDING_FORMATS, main
from claimlint.rules import all_rules

from .conftest import REPO


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_main_help_shows_every_command_summary_whole():
    text = " ".join(run("--help").replace("[ARGS]...", "").split())
    assert "..." not in text
    for name, command in main.commands.items():
        first = " ".join(command.help.split("\n\n")[0].split())
        assert first in text, name


def test_check_help_lists_the_formats_and_the_exit_codes():
    text = run("check", "--help")
    for fmt in FINDING_FORMATS:
        assert f"\n    {fmt} " in text, fmt
    assert "Exit codes:" in text
    for code in ("0  no finding", "1  findings at or above", "2  usage or configuration error"):
        assert code in text


def test_rules_fits_100_columns_and_says_each_thing_once():
    lines = run("rules").splitlines()
    assert max(len(line) for line in lines) <= 100
    for rule in all_rules():
        row = next(line for line in lines if line.startswith(rule.code))
        assert row.count(rule.code) == 1 and row.count(rule.name) == 1


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_explain_shows_no_rst_marks_and_the_finding_of_the_failing_example(rule):
    text = run("explain", rule.code)
    assert "::" not in text
    after = text.split("What claimlint reports for it:", 1)[1]
    assert f" {rule.code} {rule.name}: " in after


def test_explain_markdown_is_the_rule_page():
    page = (REPO / "docs" / "rules" / "CL101.md").read_text(encoding="utf-8")
    assert run("explain", "--markdown", "cl101") == page
