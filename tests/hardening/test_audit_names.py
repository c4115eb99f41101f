"""Issue 13, item 7: `audit` over a folder holding a file whose name is not UTF-8 reports
that file in one line and audits the rest, as `check` does."""
from __future__ import annotations

import os

from .runner import GOOD, claimlint


def test_audit_reports_a_non_utf8_name_and_audits_the_rest(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.md"), "w") as fh:
        fh.write(GOOD)
    for args in (["audit", ".", "--jobs", "1"], ["check", "--archive", ".", "good.md"]):
        result = claimlint(*args, cwd=tmp_path)
        assert result.code == 2
        assert "claimlint: error: bad\\xff.md: file name is not valid UTF-8; rename the file" in result.lines
        assert "good.md" in result.stdout
