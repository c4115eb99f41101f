"""Issue 13, item 13 (all but full-width digits, which extraction reads): front matter that
is not a mapping is named in a warning; UTF-16 without a byte-order mark is read, not
called binary; an unknown currency and an invalid per_path glob are configuration errors
at their line."""
from __future__ import annotations

import json

import pytest

from .runner import GOOD, claimlint


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    return tmp_path


@pytest.mark.parametrize("front, what", [("- a\n- b\n", "a list"), ("just a title\n", "a single value")])
def test_front_matter_that_is_not_a_mapping_is_a_warning_naming_the_file(folder, front, what):
    (folder / "page.md").write_text(f"---\n{front}---\n\nOur therapy cures arthritis.\n")
    result = claimlint("check", "page.md", "--format", "json", cwd=folder)
    assert result.code == 0
    assert result.lines == [f"claimlint: warning: page.md: front matter is {what}, not `key: value` "
                            "lines; metadata not read"]
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["CL401"]


@pytest.mark.parametrize("encoding, name", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_without_bom_is_read(folder, encoding, name):
    (folder / "wide.md").write_bytes("# Wide\n\nOur therapy cures arthritis.\n".encode(encoding))
    result = claimlint("check", "wide.md", "--format", "json", cwd=folder)
    assert result.code == 0 and "binary" not in result.stderr
    assert [(f["line"], f["column"], f["text"]) for f in json.loads(result.stdout)["findings"]] == [(3, 13, "cures")]
    assert result.lines == [f"claimlint: warning: wide.md: read as {name} (no byte-order mark)"]


def test_a_binary_file_with_many_zero_bytes_is_still_binary(folder):
    (folder / "zeros.md").write_bytes(bytes(4096))
    result = claimlint("check", ".", cwd=folder)
    assert "claimlint: warning: zeros.md: skipped: binary file" in result.lines


@pytest.mark.parametrize("config, line", [
    ("fail_on: error\ncurrency: XYZ\n", 2),
    ("currency: usd\n", 1),
    ("per_path:\n  \"drafts/[abc\": [CL301]\n", 2),
    ("per_path:\n  \"/abs/*.md\": [CL301]\n", 2),
    ("per_path:\n  \"\": [CL301]\n", 2),
])
def test_unknown_currency_and_invalid_globs_are_configuration_errors(folder, config, line):
    (folder / ".claimlint.yaml").write_text(config)
    result = claimlint("check", "good.md", cwd=folder)
    assert result.code == 2 and len(result.lines) == 1
    assert result.lines[0].startswith(f"claimlint: .claimlint.yaml:{line}: ")
