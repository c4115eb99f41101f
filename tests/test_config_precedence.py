"""Which configuration file is used (one wins, as in Ruff), said on stderr when several
stand in one folder; a code as text; TOML errors with their line."""
from __future__ import annotations

from click.testing import CliRunner

from claimlint.cli import main

from .test_config_errors import assert_error, check, folder, rules_found, write  # noqa: F401

RISKY = "# Knee therapy in Japan\n\nOur therapy cures arthritis.\n"


def test_claimlint_yaml_wins_over_pyproject_and_stderr_says_so(folder):
    write(folder, ".claimlint.yaml", "ignore: [CL401]\n")
    write(folder, "pyproject.toml", '[tool.claimlint]\nseverity = {CL401 = "fatal"}\n')
    result = check()
    assert result.exit_code == 0 and rules_found(result) == []
    assert result.stderr.strip() == (
        "claimlint: using .claimlint.yaml; [tool.claimlint] in pyproject.toml is ignored (one "
        "configuration file is used: the first of .claimlint.yaml, .claimlint.yml, pyproject.toml)")


def test_pyproject_alone_is_used_without_a_word(folder):
    write(folder, "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimlint]\nignore = ["CL401"]\n')
    result = check()
    assert rules_found(result) == [] and result.stderr == ""


def test_the_closest_folder_wins(folder, monkeypatch):
    write(folder, ".claimlint.yaml", "ignore: [CL401]\n")
    sub = folder / "site"
    sub.mkdir()
    write(sub, "pyproject.toml", '[tool.claimlint]\nfail_on = "warning"\n')
    (sub / "a.md").write_text(RISKY)
    result = CliRunner().invoke(main, ["check", "site/a.md", "--format", "json",
                                       "--config", "site/pyproject.toml"])
    assert rules_found(result) == ["CL401"] and result.exit_code == 1
    monkeypatch.chdir(sub)
    result = CliRunner().invoke(main, ["check", "a.md", "--format", "json"])
    assert rules_found(result) == ["CL401"] and result.exit_code == 1  # the parent's ignore is not merged


def test_a_code_as_text_is_one_code_and_a_list_in_one_text_is_an_error(folder):
    write(folder, "pyproject.toml", '[tool.claimlint]\nignore = "CL401"\n')
    assert rules_found(check()) == []
    write(folder, "pyproject.toml", '[tool.claimlint]\nignore = "CL401 CL301"\n')
    assert_error(check(), "pyproject.toml:2", "unknown rule code 'CL401 CL301' in ignore")


def test_severity_errors_in_pyproject_carry_their_line(folder):
    write(folder, "pyproject.toml", '[tool.claimlint]\nfail_on = "error"\nseverity = {CL401 = "fatal"}\n')
    assert_error(check(), "pyproject.toml:3", "severity of CL401 must be info, warning, error or off")


def test_tolerance_errors_in_a_pyproject_subtable_carry_their_line(folder):
    write(folder, "pyproject.toml", '[tool.claimlint]\nfail_on = "error"\n\n'
                                    '[tool.claimlint.tolerance]\ncount = 1\nprice = "lots"\n')
    assert_error(check(), "pyproject.toml:6", "tolerance of price must be a number")


def test_unknown_codes_in_a_pyproject_severity_carry_their_line(folder):
    write(folder, "pyproject.toml", '[tool.claimlint]\n\n[tool.claimlint.severity]\nCL101 = "error"\nCL999 = "off"\n')
    assert_error(check(), "pyproject.toml:5", "unknown rule code 'CL999' in severity")
