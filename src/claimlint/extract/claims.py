"""Extract: the claims of a Document, each with its kind, values, unit and subject."""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Optional

import regex

from ..model import Block, Claim, Document
from ..subjects.attach import Site, attach
from ..subjects.vocabulary import Vocabulary
from .nlp import sentence_bounds
from .currencies import article_country
from .exclusions import Zones
from .forms import find_forms, merge_unit_ranges, without_frequencies
from .numbers import CURRENCY_CODES, CURRENCY_NAME, SYMBOL, currency_of
from .quantities import UNIT, Quantity, find_quantities, unit_kind
from .surface import reading_text

_YEAR_BEFORE = regex.compile(
    r"\b(?:in|since|by|from|between|until|till|before|after|during|of|circa|year|the|a|an|enacted|"
    r"passed|founded|established|introduced|launched|approved|adopted|promulgated|as of|"
    r"effective|discovered|awarded|won|opened|started|began)\s+(?:(?:late|early|mid|the)[\s-]+)?$",
    regex.I)
# Patterns used with `.match(text, pos)` carry no `^`: it would never match at `pos`.
_YEAR_AFTER = regex.compile(
    r"\s+(?:law|act|study|survey|report|regulation|guidelines?|reform|amendment)\b", regex.I)
_CELL_CONTEXT = regex.compile(r"\bcells?\b|\bMSCs?\b|\bcell count|\bcell dose", regex.I)
_COMPARISON = regex.compile(
    r"\W{0,3}(?:\w+\W+){0,2}?(?<!\b(?:or|and)\s)"  # "or more" is a bound, not a comparison
    r"(?:cheaper|less|lower|more|higher|faster|slower|savings?|reduction|increase|decrease|off|"
    r"smaller|greater|better|fewer|above|below)\b", regex.I)
_COMPARISON_BEFORE = regex.compile(
    r"\b(?:reduc\w*|cut|increas\w*|improv\w*|lower\w*|sav\w*|boost\w*|raise\w*|drop\w*)\b"
    r"[^.]{0,40}\bby\s*(?:up to\s*)?$|\bsave\s*(?:up to\s*)?$|\bsavings of\s*(?:up to\s*)?$", regex.I)
# A price that is a difference ("$200 more than classic FUE", "an extra €300"), not a price.
_PRICE_DIFFERENCE = regex.compile(r"[^\S\n]*(?:more|less|extra|cheaper|dearer|off)\b", regex.I)
_PRICE_DIFFERENCE_BEFORE = regex.compile(
    r"\b(?:extra|additional|another|save|saves|saving|savings of)[^\S\n]+(?:of[^\S\n]+)?"
    r"(?:up to[^\S\n]+)?(?:about[^\S\n]+|around[^\S\n]+)?$", regex.I)
# A table column (or row) header naming what its bare numbers measure: "Cell count",
# "Price (EUR)", "Stay (days)", "Success rate (%)", "Grafts", "Founded".
_HEADER_CELLS = regex.compile(r"\bcells\b|\bcell[\s-](?:counts?|doses?|numbers?)\b|\bMSCs\b", regex.I)
_HEADER_CURRENCY = regex.compile(
    rf"\b(?:{'|'.join(CURRENCY_CODES)})\b|(?<!\w){SYMBOL}(?!\w)|\$|\b{CURRENCY_NAME}")
# A duration unit only in brackets or after "in" ("Stay (days)", "Healing in months"): a
# column "Day" or "Days" numbers the days of a schedule. Count nouns stand alone ("Grafts").
_HEADER_DURATION = regex.compile(r"[(\[]\s*(hours|hrs|days|weeks|months|years)\s*[)\]]"
                                 r"|\bin\s+(hours|days|weeks|months|years)\b", regex.I)
_HEADER_COUNT = regex.compile(r"\b(nights|visits|sessions|injections|grafts|implants|trips|"
                              r"infusions|teeth|crowns|veneers|cycles)\b", regex.I)
_HEADER_YEAR = regex.compile(r"\b(?:year|founded|established|since|enacted|opened|approved|launched)\b",
                             regex.I)
_HEADER_PERCENT = regex.compile(r"%|\bpercent(?:age)?\b|\bper cent\b", regex.I)
# A cell that holds no number but a word for one ("Rarely offered", "Free with treatment"):
# it keeps its column, so the values after it stay under their own headers.
_EMPTY_CELL = regex.compile(
    r"\b(?:Unavailable|Not available|(?:Not|Rarely|Seldom|Only sometimes) offered|Not performed|"
    r"Not (?:legal|approved|allowed|permitted)|Illegal|Banned|N/A|n/a|Varies|On request|"
    r"Price on request|Ask us|Contact us|TBD|TBC|Included|Free(?: with [a-z]+)?|None)\b"
    r"|(?<!\w)—(?!\w)", regex.I)


def extract_claims(doc: Document, vocab: Vocabulary, dollar: str = "USD") -> list[Claim]:
    """The claims of `doc`; a bare "$" is `dollar` (the `currency:` setting) unless the
    currency table says otherwise for the article's country."""
    claims: list[Claim] = []
    reading = reading_text(doc.text)
    currency = (dollar, article_country(doc, vocab))
    for index, block in enumerate(doc.blocks):
        if block.kind == "table_header":
            continue
        quantities = _block_quantities(reading, block, currency)
        if not quantities:
            continue
        sentences = sentence_bounds(doc.text, block.start, block.end)
        columns = _flat_columns(doc, vocab, block, quantities)
        for position, quantity in enumerate(quantities):
            previous = quantities[position - 1] if position else None
            neighbours = (previous.start if previous else -1, previous.end if previous else -1,
                          quantities[position + 1].start if position + 1 < len(quantities) else len(doc.text))
            site = _site(doc, block, quantity, sentences, columns, position, neighbours)
            kind, unit = quantity.kind, quantity.unit
            if kind is None:
                kind, unit = _bare_kind(doc.text, quantity, site, _cell_of(block, quantity), currency)
            if kind is None:
                continue
            claims.append(_claim(doc, vocab, quantity, site, kind, index, unit))
    return claims


def _block_quantities(reading, block: Block, currency: tuple[str, Optional[str]]) -> list[Quantity]:
    """The quantities of a block, read from the reading text, outside exclusion zones, with
    spans on the source characters."""
    text, (dollar, country) = reading.text, currency
    found = list(find_quantities(text, block.start, block.end, dollar, country))
    found += find_forms(text, block.start, block.end)
    zones = Zones(text, block.start, block.end)
    kept = [q if q.start == reading.widen(q.start) else replace(q, start=reading.widen(q.start))
            for q in merge_unit_ranges(text, without_frequencies(text, _distinct(found))) if not zones.touches(q.start, q.end)]
    return kept


def _distinct(found) -> list[Quantity]:
    """In text order; a quantity inside a longer one is dropped."""
    out: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.start, -(q.end - q.start))):
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def _site(doc, block, quantity, sentences, columns, position, neighbours: tuple[int, int, int]) -> Site:
    starts = [s for s, _ in sentences]
    i = max(0, bisect.bisect_right(starts, quantity.start) - 1)
    sentence = sentences[i] if sentences else (block.start, block.end)
    column, row_label = "", ""
    for cell in block.cells:
        if cell.start <= quantity.start < cell.end:
            column = cell.header
            break
    if columns is not None:
        column, row_label = columns.get(position, ""), _row_label(doc, block)
    elif block.kind == "table_row" and len(block.cells) > 1:
        row_label = " ".join(doc.text[c.start:c.end] for c in block.cells)
    return Site(quantity.start, quantity.end, sentence, block, column, row_label, *neighbours)


def _row_label(doc: Document, block: Block) -> str:
    text = doc.text[block.start:block.end]
    first = next(iter(find_quantities(text)), None)
    return text[:first.start] if first else text


def _flat_columns(doc: Document, vocab: Vocabulary, block: Block, quantities) -> Optional[dict]:
    """For a flattened table row under a header naming countries: value index -> column."""
    if block.kind != "table_row" or len(block.cells) != 1 or not block.table_header:
        return None
    names = []
    for term in vocab.find_terms(block.table_header[0]):
        if term.field == "country" and (not names or names[-1] != term.value):
            names.append(term.value)
    if len(names) < 2:
        return None
    header_words = block.table_header[0]
    text = doc.text
    markers = [m.start() for m in _EMPTY_CELL.finditer(text, block.start, block.end)]
    items = sorted([(q.start, "q", i) for i, q in enumerate(quantities)] + [(m, "m", -1) for m in markers])
    columns, cell = {}, -1
    previous_end = block.start
    for start, what, index in items:
        inside_note = text.rfind("(", previous_end, start) > text.rfind(")", previous_end, start)
        if not (inside_note and cell >= 0 and items and _after_marker(items, start)):
            cell += 1
        if what == "q":
            columns[index] = _column_text(header_words, names, cell)
            previous_end = quantities[index].end
        else:
            previous_end = start
    return columns


def _after_marker(items, start) -> bool:
    before = [what for s, what, _ in items if s < start]
    return bool(before) and before[-1] == "m"


def _column_text(header: str, names: list[str], cell: int) -> str:
    return names[cell].replace("-", " ") if 0 <= cell < len(names) else ""


def _cell_of(block: Block, q: Quantity) -> Optional[int]:
    """The index of the table cell holding `q`, in a row with cells of its own."""
    if len(block.cells) < 2:
        return None
    return next((i for i, c in enumerate(block.cells) if c.start <= q.start < c.end), None)


def _bare_kind(text: str, q: Quantity, site: Site, cell: Optional[int],
               currency: tuple[str, Optional[str]]) -> tuple[Optional[str], str]:
    """The kind and unit of a number without a unit of its own, from its context; else None."""
    if _is_year(q):
        if _YEAR_BEFORE.search(text, max(0, q.start - 40), q.start) or \
                _YEAR_AFTER.match(text, q.end, q.end + 30) or \
                cell is not None and _HEADER_YEAR.search(site.column):
            return "year", "year"
        return None, ""
    if cell is not None:  # a table cell: its column header says, else its row's first cell
        for header in (site.column, site.block.label if cell > 0 else ""):
            found = _header_kind(header, q, currency)
            if found[0]:
                return found
        return None, ""
    value = max(v for v in (q.low, q.high) if v is not None) if (q.low or q.high) else 0
    if value < 1000 or q.plain_integer:  # digits alone: a code, an address, a phone number
        return None, ""
    context = " ".join((site.column, site.row_label, site.block.label,
                        text[site.sentence[0]:site.sentence[1]]))
    return ("cell_count", "cells") if _CELL_CONTEXT.search(context) else (None, "")


def _is_year(q: Quantity) -> bool:
    return q.plain_integer and all(v is not None and v.is_integer() and 1800 <= v <= 2099
                                   for v in (q.low, q.high)) and q.low <= q.high


def _header_kind(header: str, q: Quantity, currency: tuple[str, Optional[str]]) -> tuple[Optional[str], str]:
    if not header:
        return None, ""
    mark = _HEADER_CURRENCY.search(header)
    if mark:
        dollar, country = currency
        return "price", currency_of(mark.group(), None, country, dollar) or dollar
    if _HEADER_CELLS.search(header):
        value = max(v for v in (q.low, q.high) if v is not None)
        return ("cell_count", "cells") if value >= 1000 else (None, "")
    if _HEADER_PERCENT.search(header):
        return "percentage", "%"
    found = _HEADER_DURATION.search(header) or _HEADER_COUNT.search(header)
    if found:  # read the header's unit word as if it followed the number
        word = next(g for g in found.groups() if g)
        return unit_kind(UNIT.match(" " + word))
    return None, ""


def _claim(doc: Document, vocab: Vocabulary, q: Quantity, site: Site, kind: str, index: int,
           unit: str) -> Claim:
    subject, origin = attach(doc, vocab, site, kind)
    low, high = q.low, q.high
    if kind == "year":
        unit = "year"
    elif kind == "cell_count":
        unit = "cells"
    comparison = kind in ("percentage", "count") and bool(
        _COMPARISON.match(doc.text, q.end, q.end + 40)
        or _COMPARISON_BEFORE.search(doc.text, max(0, q.start - 60), q.start))
    comparison = comparison or unit == "percentage point"  # a difference of two rates
    if kind == "price":
        comparison = bool(_PRICE_DIFFERENCE.match(doc.text, q.end, q.end + 20)
                          or _PRICE_DIFFERENCE_BEFORE.search(doc.text, max(0, q.start - 40), q.start))
    context = " ".join(doc.text[site.sentence[0]:site.sentence[1]].split())
    return Claim(doc.path, q.start, q.end, doc.location(q.start, q.end), kind, low, high, unit,
                 q.qualifiers, comparison, q.approximate, subject, origin, context[:400], index)
