"""Issue 13, item 12: every audit warning names its file, and the summary's counts add up
on every run (analysed + from the index = the articles found)."""
from __future__ import annotations

import re

from .runner import GOOD, claimlint

COUNTS = re.compile(r"\((\d+) analysed, (\d+) from the index")


def counts(stdout: str) -> tuple[int, int]:
    analysed, reused = COUNTS.search(stdout).groups()
    return int(analysed), int(reused)


def test_audit_warnings_name_their_file_and_counts_add_up(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "b.md").write_text("# B\n\nCosts $5.\n")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "logo.md").write_bytes(b"\x89PNG\x00\x00")
    first = claimlint("audit", ".", "--jobs", "1", cwd=tmp_path)
    assert counts(first.stdout) == (4, 0)
    warnings = [line for line in first.lines if line.startswith("claimlint: warning:")]
    assert sorted(warnings) == ["claimlint: warning: empty.md: empty file: nothing to check",
                                "claimlint: warning: logo.md: skipped: binary file"]
    second = claimlint("audit", ".", "--jobs", "1", cwd=tmp_path)
    assert counts(second.stdout) == (0, 4)
    assert sorted(line for line in second.lines if "warning" in line) == sorted(warnings)
    (tmp_path / "b.md").write_text("# B\n\nCosts $6.\n")
    (tmp_path / "logo.md").write_bytes(b"\x89PNG\x00\x01")
    assert counts(claimlint("audit", ".", "--jobs", "1", cwd=tmp_path).stdout) == (2, 2)
