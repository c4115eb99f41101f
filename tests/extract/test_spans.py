"""Property tests: every extracted claim's text is the source text at its reported position.

Articles are generated from claim templates, random Unicode filler, newlines (LF, CRLF,
lone CR), tabs, and Markdown or HTML wrapping. For each claim, the span given by its
1-based line/column .. end_line/end_column (end exclusive) in the file as written, and the
span given by its start/end offsets in the loaded document, must both equal its `text`.
"""
from __future__ import annotations

from functools import lru_cache

import pytest
import regex
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claimlint.config import load_settings
from claimlint.extract.claims import extract_claims
from claimlint.load import decode, parse

# (text as written in the article, the claim span it must yield). Each ends a clause, so
# filler after it cannot become its unit.
TEMPLATES = [
    ("costs $7,000 – $12,000 here.", "$7,000 – $12,000"),
    ("runs ~$5k-$10k in the US.", "~$5k-$10k"),
    ("is $20,000 – $50,000+ there.", "$20,000 – $50,000+"),
    ("is from $6,800 to $14,500 USD per knee.", "$6,800 to $14,500 USD"),
    ("is quoted at ¥1.2M before tax.", "¥1.2M"),
    ("costs €4,500–€6,000 per cycle.", "€4,500–€6,000"),
    ("costs 2 400 zł each.", "2 400 zł"),
    ("uses 50M – 200M+ cells per knee.", "50M – 200M+ cells"),
    ("holds < 50,000 cells only.", "< 50,000 cells"),
    ("holds 1×10^8 MSCs per vial.", "1×10^8 MSCs"),
    ("takes 3-4 weeks in the lab.", "3-4 weeks"),
    ("needs a 3 to 4-week culture.", "3 to 4-week"),
    ("asks for rest of 24-48 hours.", "24-48 hours"),
    ("allows a 90-day stay.", "90-day"),
    ("is 30-50% cheaper overall.", "30-50%"),
    ("saves up to 90 percent today.", "90 percent"),
    ("was enacted in 2014 by law.", "2014"),
    ("needs two visits only.", "two visits"),
    ("moves 3,000–4,000 grafts per day.", "3,000–4,000 grafts"),
]
HTML_TEMPLATES = [
    ("costs &euro;2,000&ndash;&euro;3,500 here.", "&euro;2,000&ndash;&euro;3,500"),
    ("moves 3,000&nbsp;grafts per day.", "3,000&nbsp;grafts"),
    ("takes 7&ndash;10 days to heal.", "7&ndash;10 days"),
]
NEWLINES = ["\n", "\r\n", "\r"]
SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html"}

# Filler that cannot join a claim: letters of several scripts, spaces, soft punctuation.
PLAIN = st.text(alphabet=st.sampled_from(list("abcdefghij klmnopqrstuvwyz éßøçñ中文한국 ,;!?")),
                max_size=20)
# Filler that can: any character but NUL (binary) and the BOM (dropped on read), with
# markup, digits, currency signs and line breaks over-represented.
NOISE = st.text(alphabet=st.one_of(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00\ufeff"),
    st.sampled_from(list("<>&;|#*_`[]()~$€£¥%+-–/.,:0123456789 \t\r\n\u2028\x0c\x85"))),
    max_size=30)


def _lines(raw: str) -> list[str]:
    """Lines of the file as written: LF, CRLF and lone CR end a line, nothing else."""
    return regex.split(r"\r\n|\r|\n", raw)


def _at(raw_lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    if line == end_line:
        return raw_lines[line - 1][column - 1:end_column - 1]
    parts = [raw_lines[line - 1][column - 1:]] + raw_lines[line:end_line - 1]
    return "\n".join(parts + [raw_lines[end_line - 1][:end_column - 1]])


@lru_cache(maxsize=1)
def _settings():
    # Not the `settings` fixture: Hypothesis would print all of it with every failing example.
    return load_settings(config=None)


def _extract(raw: str, fmt: str):
    settings = _settings()
    doc = parse("article" + SUFFIX[fmt], decode(raw.encode("utf-8")), settings.metadata)
    return doc, extract_claims(doc, settings.vocab, settings.currency)


def _check_spans(raw: str, fmt: str):
    doc, claims = _extract(raw, fmt)
    raw_lines = _lines(raw)
    for claim in claims:
        loc = claim.location
        where = f"{loc.line}:{loc.column}-{loc.end_line}:{loc.end_column}"
        assert claim.text, f"empty claim at {where}"
        assert claim.text == claim.text.strip(), f"claim {claim.text!r} has outer white space"
        assert doc.source[claim.start:claim.end] == claim.text, where
        assert _at(raw_lines, loc.line, loc.column, loc.end_line, loc.end_column) == claim.text, \
            f"{claim.text!r} is not the file text at {where}"
    return claims


def _wrap(fmt: str, body: str, kind: str, label: str) -> str:
    """One block of an article around `body`."""
    if fmt == "md":
        return {"paragraph": body, "heading": f"## {body}", "list": f"- {label}: {body}",
                "emphasis": f"**{label}** {body}",
                "table": f"| Item | Value |\n|---|---|\n| {label} | {body} |"}[kind]
    if fmt == "html":
        return {"paragraph": f"<p>{body}</p>", "heading": f"<h2>{body}</h2>",
                "list": f"<ul><li>{label}: {body}</li></ul>",
                "emphasis": f"<p><strong>{label}</strong> {body}</p>",
                "table": f"<table><tr><th>Item</th><th>Value</th></tr>"
                         f"<tr><td>{label}</td><td>{body}</td></tr></table>"}[kind]
    return {"paragraph": body, "heading": body, "list": f"• {label}: {body}",
            "emphasis": f"{label}: {body}", "table": body}[kind]


BLOCK_KINDS = ["paragraph", "heading", "list", "emphasis", "table"]


@st.composite
def articles(draw, filler):
    """(raw file text, format, [(template span, occurrence)]) built from random blocks."""
    fmt = draw(st.sampled_from(["txt", "md", "html"]))
    newline = draw(st.sampled_from(NEWLINES))
    templates = TEMPLATES + (HTML_TEMPLATES if fmt == "html" else [])
    blocks, spans = [], []
    for _ in range(draw(st.integers(1, 6))):
        written, span = draw(st.sampled_from(templates))
        lead, gap = draw(filler), draw(st.sampled_from([" ", "\t", " \t "]))
        body = f"{lead}{gap}Treatment {written} {draw(filler)}"
        blocks.append(_wrap(fmt, body, draw(st.sampled_from(BLOCK_KINDS)), draw(filler) or "Cost"))
        spans.append(span)
    title = {"txt": "Clinic guide", "md": "# Clinic guide", "html": "<h1>Clinic guide</h1>"}[fmt]
    raw = ("\n\n".join([title] + blocks) + "\n").replace("\n", newline)
    return raw, fmt, spans


@hypothesis_settings(max_examples=120, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article=articles(NOISE))
def test_every_span_is_the_source_text_at_its_position(article):
    raw, fmt, _ = article
    _check_spans(raw, fmt)


@hypothesis_settings(max_examples=80, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article=articles(PLAIN))
def test_templates_are_found_whatever_the_filler_and_line_breaks(article):
    raw, fmt, spans = article
    claims = _check_spans(raw, fmt)
    found = sorted(c.text for c in claims)
    for span in set(spans):
        assert found.count(span) >= spans.count(span), \
            f"{span!r} not extracted from {fmt}:\n{raw!r}\nfound: {found}"


@hypothesis_settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=NOISE, fmt=st.sampled_from(["txt", "md", "html"]))
def test_spans_hold_for_pure_noise(text, fmt):
    _check_spans("Title\n" + text, fmt)


@pytest.mark.parametrize("text", [
    "Cultured knee therapy costs $7,000 – $12,000",
    "Prices: $7.5k in Japan; U.S. clinics charge more",
    "One sentence. Another one! A third?",
    "  padded block  ",
    "Ends with a mark.",
    "Wrapped\nrow $5,000\n$6,000",
])
def test_single_sentence_shortcut_agrees_with_the_sentencizer(text):
    """Blocks with no sentence mark skip spaCy; the bounds must be the sentencizer's."""
    from claimlint.extract.nlp import _sentences, blank_pipeline, sentence_bounds

    spacy_bounds = list(_sentences(blank_pipeline().make_doc(text)))
    assert sentence_bounds(text, 0, len(text)) == spacy_bounds


@given(st.lists(st.sampled_from(list("ab $7,.!?;:\n\t-–()%。…") + ["U.S.", "Dr.", "e.g."]),
                max_size=40).map("".join))
@hypothesis_settings(max_examples=300, deadline=None)
def test_sentence_bounds_equal_the_sentencizer_on_any_text(text):
    from claimlint.extract.nlp import _sentences, blank_pipeline, sentence_bounds

    assert sentence_bounds(text, 0, len(text)) == list(_sentences(blank_pipeline().make_doc(text)))
