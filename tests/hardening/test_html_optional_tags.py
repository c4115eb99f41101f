"""Issue 13, item 5: valid HTML whose optional end tags are left out (HTML spec, "Optional
tags": </td>, </th>, </tr>, </tbody>, </p>, </li>, </dt>, </dd>) keeps every claim, its
table rows and the text after it. html5lib, a parser that follows the spec's tree
construction as browsers do, is the oracle: every word it shows is in a block of ours, and
every table row it builds is one of our rows with the same cells."""
from __future__ import annotations

import json

import html5lib
import pytest

from claimlint.load import parse
from claimlint.load.builder import squash
from claimlint.load.reader import RawText

from .runner import claimlint

NS = "{http://www.w3.org/1999/xhtml}"

TABLE_WITHOUT_END_TAGS = """<html><head><title>Knee therapy in Japan</title></head><body>
<h1>Knee therapy prices in Japan</h1>
<table>
<tr><th>Clinic<th>Price
<tr><td>Tokyo Clinic<td>$7,000
<tr><td>Osaka Clinic<td>$9,000
</table>
<p>Our therapy cures arthritis.
<p>Knee therapy in Japan costs $8,000.
</body></html>
"""

CASES = {
    "cells and rows": TABLE_WITHOUT_END_TAGS,
    "sections": "<table><thead><tr><th>Item<th>Price<tbody><tr><td>Visit<td>$100"
                "<tr><td>Scan<td>$250<tfoot><tr><td>Total<td>$350</table><p>After the table: $40.",
    "no closing table": "<p>Before: $5<table><tr><td>Visit<td>$100<tr><td>Scan<td>$250",
    "paragraphs": "<p>First costs $1,000<p>Second costs $2,000<div>Third costs $3,000</div>"
                  "<p>Fourth costs $4,000<ul><li>Fifth $5,000<li>Sixth $6,000</ul><p>Seventh $7,000",
    "definition list": "<dl><dt>Visit<dd>$100<dt>Scan<dd>$250</dl><p>Last $9",
}


def ours(text: str):
    return parse("page.html", RawText(text))


def oracle_words(text: str) -> list[str]:
    """The words a browser shows in the body, less those of a table's header rows (no
    digit: claimlint keeps them as the column names of the rows below, not as text)."""
    tree = html5lib.parse(text)
    words = " ".join(tree.find(f"{NS}body").itertext()).split()
    for row in oracle_rows(text):
        if not any(ch.isdigit() for ch in "".join(row)):
            for word in " ".join(row).split():
                words.remove(word)
    return words


def oracle_rows(text: str) -> list[tuple[str, ...]]:
    rows = []
    for tr in html5lib.parse(text).iter(f"{NS}tr"):
        cells = [c for c in tr if c.tag in (f"{NS}td", f"{NS}th")]
        # a cell's own text, not that of a table nested in it (a row of its own)
        rows.append(tuple(squash(" ".join(_own_text(c))) for c in cells))
    return rows


def _own_text(element):
    yield element.text or ""
    for child in element:
        if child.tag != f"{NS}table":
            yield from _own_text(child)
        yield child.tail or ""


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_no_word_a_browser_shows_is_dropped(text):
    doc = ours(text)
    shown = " ".join(doc.text[b.start:b.end] for b in doc.blocks if b.kind != "metadata").split()
    assert sorted(shown) == sorted(oracle_words(text))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_table_rows_are_the_rows_a_browser_builds(text):
    doc = ours(text)
    rows = [tuple(squash(doc.text[c.start:c.end]) for c in b.cells)
            for b in doc.blocks if b.kind == "table_row"]
    expected = [r for r in oracle_rows(text) if any(ch.isdigit() for ch in "".join(r))]
    assert rows == expected


def test_claims_after_a_table_without_end_tags_are_read_at_their_positions(tmp_path):
    (tmp_path / "t.html").write_text(TABLE_WITHOUT_END_TAGS)
    result = claimlint("extract", "t.html", "--format", "jsonl", cwd=tmp_path)
    import json
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    lines = TABLE_WITHOUT_END_TAGS.split("\n")
    expected = [(n, lines[n - 1].index(price) + 1, price)
                for n, price in ((5, "$7,000"), (6, "$9,000"), (9, "$8,000"))]
    assert [(c["line"], c["column"], c["text"]) for c in claims] == expected
