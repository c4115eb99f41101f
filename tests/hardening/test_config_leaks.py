"""Issue 13, item 1: a configuration naming a file that is not YAML (a secret, /etc/passwd)
must not publish that file in the error message (CI logs are often public)."""
from __future__ import annotations

import pytest

from .runner import GOOD, claimlint

SECRET = "api_token ghp_0123456789abcdefSECRET and more words\nsecond line SECRET2\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "token.txt").write_text(SECRET)
    return tmp_path


@pytest.mark.parametrize("key", ["facts", "subjects", "claims"])
def test_config_naming_a_non_yaml_file_does_not_print_it(folder, key):
    (folder / ".claimlint.yaml").write_text(f"{key}: [token.txt]\n")
    result = claimlint("check", "good.md", cwd=folder)
    assert result.code == 2
    assert len(result.lines) == 1 and result.lines[0].startswith("claimlint: token.txt")
    assert "SECRET" not in result.stderr + result.stdout


def test_facts_option_naming_a_non_yaml_file_does_not_print_it(folder):
    result = claimlint("check", "--facts", "token.txt", "good.md", cwd=folder)
    assert result.code == 2
    assert "SECRET" not in result.stderr + result.stdout and "ghp_" not in result.stderr


def test_a_long_wrong_value_is_quoted_short_and_on_one_line(folder):
    long = "x" * 5000
    (folder / ".claimlint.yaml").write_text(f"fail_on: \"{long}\\n\\u001b]0;pwned\\u0007\"\n")
    result = claimlint("check", "good.md", cwd=folder)
    assert result.code == 2
    assert len(result.lines) == 1 and len(result.stderr) < 300
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


@pytest.mark.parametrize("digits", [309, 5000])
def test_a_huge_integer_in_a_facts_file_is_a_configuration_error(folder, digits):
    """Issue 13, item 8: a 309-digit value overflowed into a traceback."""
    (folder / "big.yaml").write_text(
        "facts:\n  - id: big\n    claim: price\n    about: [knee]\n"
        f"    value: {'9' * digits}\n    unit: USD\n")
    result = claimlint("check", "--facts", "big.yaml", "good.md", cwd=folder)
    assert result.code == 2
    assert result.lines == ["claimlint: big.yaml:5:12: invalid YAML: number too large"]
