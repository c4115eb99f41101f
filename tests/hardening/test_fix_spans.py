"""Issue 13, item 4 (the --fix side): a fix replaces exactly the number a claim read. When
the text holds more of the number than the claim read ("$7,<ZWJ>000" read as $7, "7٬000"
read as 7), rewriting the part read would write a different, larger number: refused."""
from __future__ import annotations

import pytest

from claimlint import fixes
from claimlint.model import Finding, Fix, Location

ZWJ, SOFT_HYPHEN, ARABIC_THOUSANDS = "\u200d", "\u00ad", "\u066c"


def price_fix(path, line: str, read: str, replacement: str) -> Finding:
    column = line.index(read) + 1
    where = Location(str(path), 1, column, 1, column + len(read), read)
    return Finding("CL201", "fact-mismatch", "fact", "error", where, "price differs",
                   fix=Fix(replacement, True, "the canonical price"))


@pytest.mark.parametrize("line, read", [
    (f"Knee therapy costs $7,{ZWJ}000 in Japan.\n", "$7"),
    (f"Knee therapy costs $7,{SOFT_HYPHEN}000 in Japan.\n", "$7"),
    (f"Knee therapy costs $7{ARABIC_THOUSANDS}000 in Japan.\n", "$7"),
    (f"Knee therapy costs $7{ZWJ}000 in Japan.\n", "$7"),
    (f"Knee therapy costs $7{ZWJ}000 in Japan.\n", f"{ZWJ}000"),
    ("Knee therapy costs $7,000 in Japan.\n", "7,0"),
])
def test_a_span_that_is_part_of_a_longer_number_is_not_rewritten(tmp_path, line, read):
    page = tmp_path / "page.txt"
    page.write_text(line, encoding="utf-8")
    plan = fixes.plan([price_fix(page, line, read, "$12,000")], [str(page)], [str(tmp_path)])
    assert plan.files == []
    assert any("not the whole number" in n for n in plan.notices + plan.errors)
    assert page.read_text(encoding="utf-8") == line


def test_the_whole_number_is_rewritten(tmp_path):
    line = "Knee therapy costs $7,000 in Japan, or 7,000 dollars.\n"
    page = tmp_path / "page.txt"
    page.write_text(line, encoding="utf-8")
    plan = fixes.plan([price_fix(page, line, "$7,000", "$12,000")], [str(page)], [str(tmp_path)])
    assert [f.new for f in plan.files] == [line.replace("$7,000", "$12,000", 1)]
