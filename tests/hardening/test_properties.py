"""Property-based tests over the loaders and the extractor (issue "Hardening", item 1).

Arbitrary Unicode (odd characters, every kind of line break, NUL, zero-width and
bidirectional marks, combining marks) in arbitrary Markdown, HTML and plain-text structure,
and arbitrary bytes, go through the same calls as `claimlint check`: decode -> parse ->
extract_claims -> the rules. For every input:

* nothing raises (an InputError, the documented "cannot read" answer, is allowed for bytes);
* every claim's and every finding's text is the source text at its offsets and at its
  1-based line/column (end exclusive), which is what users and editors are shown;
* blocks, cells and metadata spans lie inside the file; the masked text keeps the
  source's length and line breaks;
* running twice gives identical claims and findings.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from claimlint.errors import InputError, InputSkipped
from claimlint.extract.claims import extract_claims
from claimlint.linter import Run, check
from claimlint.load import decode, parse
from claimlint.load.reader import RawText

# The suite runs a fixed, reproducible sample (about 8 s); CLAIMLINT_FUZZ_EXAMPLES=2000 runs
# a longer random search, for example before a release.
EXAMPLES = int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "100"))
PROFILE = dict(max_examples=EXAMPLES, deadline=None,
               derandomize="CLAIMLINT_FUZZ_EXAMPLES" not in os.environ,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- text -------------------------------------------------------------------------------

ODD = ["\r", "\r\n", "\n", "\n\n", "\x00", "\u200b", "\u200c", "\u200d", "\ufeff", "\u200e",
       "\u200f", "\u202e", "\u2066", "\u0301", "\u0300\u0327", "\u00a0", "\u2028", "\u2029",
       "\x85", "\x0b", "\x0c", "\t", "😀", "👍🏽", "👨\u200d👩\u200d👧", "e\u0301", "ﷺ", "مرحبا",
       "שלום", "नमस्ते", "日本の価格", "１２３", "٣٤٥", "²", "½", "Ⅻ", "\ufffd", "â€™", "??", "\\",
       "\U0010fffd", "\x7f", "\x1b[31m"]
CLAIMS = ["$7,000", "€5.000", "US$ 12,500", "¥1,000,000", "50 million cells", "3-4 weeks",
          "90%", "99.9 %", "in 2013", "since 1999", "1.5M", "$7,000 – $12,000", "from $6,500",
          "up to 80%", "2 400 zł", "twenty patients", "10^6", "$", "–", "—", "~", "≈", "-",
          "12,", ",5", "3.", "1e9", "0", "00000000000000000000001", "9" * 40]
WORDS = ["Japan", "Mexico", "South Korea", "knee", "osteoarthritis", "stem cell", "cultured",
         "price", "cost", "costs", "cells", "success rate", "cures", "guaranteed results",
         "miracle", "FDA-approved", "Author:", "Reviewed by:", "About Article", "Knee OA:",
         "claimlint-disable-next-line CL401", "[claimlint-disable CL101]"]
SEP = [" ", " ", ". ", ", ", ": ", "\n", "  ", "\t"]

sentence = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(CLAIMS), st.sampled_from(ODD)),
                    min_size=2, max_size=8).map(lambda ws: " ".join(ws) + ".")
fragment = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(ODD), st.sampled_from(CLAIMS), st.sampled_from(WORDS), st.sampled_from(SEP), sentence)
prose = st.lists(fragment, max_size=12).map("".join)
line = prose.map(lambda s: s.replace("\n", " ").replace("\r", " "))

# -- Markdown ---------------------------------------------------------------------------

front_matter = st.one_of(
    st.builds(lambda t, a: f"---\ntitle: {t}\nauthor: {a}\nmodified: 2024-01-02\n---\n", line, line),
    st.builds(lambda t: f"---\ntitle: \"{t}\"\ntreatment: knee\n---\n", line),
    st.just("---\ntitle: [unclosed\nauthor: {x\n---\n"),        # broken YAML
    st.just("---\ntitle: no end marker\n"),                      # never closed
    st.just("---\n---\n"), st.just("---\n- a list\n---\n"), st.just("---\n: :\n...\n"),
    st.just("---\r\ntitle: CRLF\r\n---\r\n"), st.just(""))
md_cell = st.one_of(line, st.sampled_from(CLAIMS), st.just(""))
md_table = st.builds(
    lambda header, rows, sep: "| " + " | ".join(header) + " |\n" + sep + "\n"
    + "".join("| " + " | ".join(r) + (" |" if i % 2 else "") + "\n" for i, r in enumerate(rows)),
    st.lists(md_cell, min_size=1, max_size=4),
    st.lists(st.lists(md_cell, max_size=6), max_size=4),               # ragged rows
    st.sampled_from(["|---|---|", "|:--|--:|---|", "---|---", "| - |", "|--|"]))
md_block = st.one_of(
    prose.map(lambda s: s + "\n\n"),
    st.builds(lambda n, s: "#" * n + " " + s + "\n", st.integers(1, 7), line),
    st.builds(lambda m, s: m + s + "\n", st.sampled_from(["- ", "* ", "+ ", "1. ", "12) ", "  - ", "-"]), line),
    md_table,
    st.builds(lambda f, s, close: f + "\n" + s + ("\n" + f + "\n" if close else "\n"),
              st.sampled_from(["```", "~~~", "```python"]), prose, st.booleans()),
    st.builds(lambda tag, s: f"<{tag}>{s}</{tag}>\n", st.sampled_from(["div", "p", "span", "b", "script"]), line),
    st.builds(lambda s: f"<!-- {s} -->\n", line), st.just("<!-- never closed\n"),
    st.sampled_from(["<!-- claimlint-disable CL401 -->\n", "<!-- claimlint-enable -->\n",
                     "<!-- claimlint-disable-next-line CL101 CL401 -->\n"]),
    st.builds(lambda a, b: f"[{a}]({b}) ![{a}]({b}) **{a}** _{b}_ `{a}`\n", line, line),
    st.sampled_from(ODD))
markdown = st.builds(lambda fm, blocks: fm + "".join(blocks), front_matter, st.lists(md_block, max_size=10))

# -- HTML -------------------------------------------------------------------------------

TAGS = ["p", "div", "span", "h1", "h2", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
        "title", "head", "body", "html", "br", "hr", "b", "a", "section", "pre", "summary", "dd"]
attribute = st.sampled_from(['', ' class="x"', " class='y'", " data-x=a>b", ' title="a > b"',
                             ' onerror="alert(\'cures\')"', " onclick='x()'", ' href="javascript:x"',
                             ' title="line\nbreak"', " a=\"unterminated", " =x", " x"])
entity = st.sampled_from(["&amp;", "&nbsp;", "&ndash;", "&#8211;", "&#x2013;", "&#0;",
                          "&#99999999;", "&#xD800;", "&bogus;", "&amp", "&#;", "&", "&lt;p&gt;",
                          "&euro;", "&#36;7,000"])
html_piece = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), attribute),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.builds(lambda t: f"<{t}/>", st.sampled_from(TAGS)),
    prose, entity,
    st.builds(lambda t, s: f"<{t}>{s}</{t}>", st.sampled_from(["p", "li", "h2", "td", "div"]), sentence),
    st.builds(lambda s: f"<!--{s}-->", line), st.just("<!-- unclosed comment"),
    st.builds(lambda s: f"<![CDATA[{s}]]>", line), st.just("<![CDATA[ unclosed"),
    st.builds(lambda t, s, c: f"<{t}>{s}" + (f"</{t}>" if c else ""),
              st.sampled_from(["script", "style", "noscript", "template", "svg", "iframe"]), prose, st.booleans()),
    st.builds(lambda n, c: f'<meta name="{n}" content="{c}">', st.sampled_from(["author", "description", "x", ""]), line),
    st.sampled_from(["<!DOCTYPE html>", "<?xml version='1.0'?>", "<", ">", "</", "<1>", "< p>", "<p<p>>"]))
html_doc = st.lists(html_piece, max_size=25).map("".join)
nested_html = st.integers(1, 300).map(lambda n: "<div><span>" * n + "costs $7,000 in Japan" + "</div>" * (n // 2))

# -- plain text -------------------------------------------------------------------------

text_line = st.one_of(line, st.builds(lambda m, s: m + s, st.sampled_from(["- ", "• ", "1. ", "Step 2: "]), line),
                      st.sampled_from(["About Article", "Author: Dr. A", "Reviewed by: B", "Last updated: 2024",
                                       "Treatment | Price | Weeks", "Knee OA | $7,000 | 3", ""]))
plaintext = st.lists(text_line, max_size=15).map("\n".join)


# -- the properties ---------------------------------------------------------------------

def offset_of(source: str, line_no: int, column: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    assert 1 <= line_no <= len(starts), f"line {line_no} outside 1..{len(starts)}"
    offset = starts[line_no - 1] + column - 1
    line_end = starts[line_no] - 1 if line_no < len(starts) else len(source)
    assert starts[line_no - 1] <= offset <= line_end, f"column {column} outside line {line_no}"
    return offset


def assert_location(source: str, loc, what: str) -> None:
    start = offset_of(source, loc.line, loc.column)
    end = offset_of(source, loc.end_line, loc.end_column)
    assert start <= end, f"{what}: ends before it starts: {loc}"
    assert source[start:end] == loc.text, f"{what}: {loc.text!r} is not the source at {loc}"
    if loc.line == loc.end_line:
        row = source.split("\n")[loc.line - 1]
        assert row[loc.column - 1:loc.end_column - 1] == loc.text


def run_once(path: str, raw, settings):
    doc = parse(path, raw, settings.metadata)
    claims = extract_claims(doc, settings.vocab, settings.currency)
    findings = check(Run(documents=[(doc, claims)]), settings).findings
    return doc, claims, findings


def check_properties(path: str, raw, settings) -> None:
    doc, claims, findings = run_once(path, raw, settings)
    source = doc.source
    n = len(source)
    assert len(doc.text) == n, "the masked text must keep the source's length"
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [i for i, c in enumerate(source) if c == "\n"], \
        "masking moved a line break"
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= n, block
        for cell in block.cells:
            assert 0 <= cell.start <= cell.end <= n, (block, cell)
    for field in doc.metadata:
        assert 0 <= field.start <= field.end <= n, field
    for s in doc.suppressions:
        assert 1 <= s.first_line <= s.last_line + 1 and s.line <= doc.lines.line_count, s
    for claim in claims:
        assert 0 <= claim.start < claim.end <= n, claim
        assert claim.location.text == source[claim.start:claim.end]
        assert offset_of(source, claim.location.line, claim.location.column) == claim.start
        assert offset_of(source, claim.location.end_line, claim.location.end_column) == claim.end
        assert_location(source, claim.location, f"claim {claim.kind}")
        assert 0 <= claim.block_index < len(doc.blocks)
    for finding in findings:
        assert_location(source, finding.location, f"finding {finding.rule}")
        for related in finding.related:
            if related.path == doc.path:
                assert_location(source, related, f"related location of {finding.rule}")
    again = run_once(path, raw, settings)
    assert [c.to_dict() for c in again[1]] == [c.to_dict() for c in claims], "extraction is not deterministic"
    assert [f.to_dict() for f in again[2]] == [f.to_dict() for f in findings], "findings are not deterministic"


def from_text(text: str):
    """The text as a file on disk would reach parse: UTF-8 bytes through decode(). A NUL
    early in a file makes it "binary" (skipped); later NULs reach parse, so NUL-bearing
    texts are handed over as decode() would hand over a longer file."""
    try:
        return decode(text.encode("utf-8"), "<test>")
    except InputSkipped:
        return RawText(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))


class Quiet:
    """The session's settings, with a short repr for Hypothesis' failure reports."""

    def __init__(self, settings):
        self.settings = settings

    def __repr__(self) -> str:
        return "<settings>"


@pytest.fixture(scope="module")
def quiet(settings):
    return Quiet(settings)


@hsettings(**PROFILE)
@given(markdown)
def test_markdown_structure(quiet, text):
    check_properties("a.md", from_text(text), quiet.settings)


@hsettings(**PROFILE)
@given(html_doc)
def test_html_structure(quiet, text):
    check_properties("a.html", from_text(text), quiet.settings)


@hsettings(**dict(PROFILE, max_examples=10))
@given(nested_html)
def test_deeply_nested_html(quiet, text):
    check_properties("a.html", from_text(text), quiet.settings)


@hsettings(**PROFILE)
@given(plaintext)
def test_plain_text_structure(quiet, text):
    check_properties("a.txt", from_text(text), quiet.settings)


@hsettings(**PROFILE)
@given(st.sampled_from(["a.md", "a.html", "a.txt"]), prose)
def test_arbitrary_unicode_in_every_format(quiet, path, text):
    check_properties(path, from_text(text), quiet.settings)


@hsettings(**PROFILE)
@given(st.sampled_from(["a.md", "a.html", "a.txt"]),
       st.one_of(st.binary(max_size=300),
                 st.builds(lambda t, enc: t.encode(enc, "replace"), prose,
                           st.sampled_from(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig"]))))
def test_arbitrary_bytes(quiet, path, data):
    try:
        raw = decode(data, path)
    except InputError as exc:  # the documented answer for binary input
        assert "binary" in exc.message
        return
    check_properties(path, raw, quiet.settings)


@pytest.mark.parametrize("text", [
    "---\ntitle: x\n---\n| a | b |\n|---|---|\n| $7,000 |\n| 1 | 2 | 3 | 4 |\n",
    "<p>costs &#36;7,000 &#0; &bogus; in Japan</p><script>cures",
    "Price\r\nKnee OA: $7,000\rJapan\r\n\r\n",
    "\ufeff\u200e$7,000\u200f \u202e90%\u202c e\u0301 50 million cells\x00",
])
def test_known_hostile_shapes(settings, text):
    for path in ("a.md", "a.html", "a.txt"):
        check_properties(path, from_text(text), settings)
