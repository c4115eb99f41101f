"""Attach subjects: what each claim is about, and where that came from, nearest first.

Sources, nearest first: the table cell's column and row, the list item's label, the words
around the claim, its sentence, the heading path (innermost first), the title, and the
article's metadata. A country named as the reader's home ("for US patients") is skipped.
A generic treatment ("stem cell therapy") only stands when no specific one is found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..model import Block, Document, Subject
from .vocabulary import Term, Vocabulary

LOCAL_BEFORE = 80
LOCAL_AFTER = 40
NEAR = 60  # a term in the sentence further than this from the claim is not "near"


@dataclass(frozen=True)
class Source:
    name: str  # column | row | label | local | sentence | heading | title | metadata
    text: str
    offset: int  # where text starts in the document, or -1 when it is not document text


@dataclass(frozen=True)
class Site:
    """Where a claim stands: its span, sentence and block, and its table column if any."""

    start: int
    end: int
    sentence: tuple[int, int]
    block: Block
    column: str = ""  # the header of the claim's table column (flattened tables: k-th name)
    row_label: str = ""
    previous_start: int = -1  # where the block's previous number starts and ends, if it has one
    previous_end: int = -1
    next_start: int = 1 << 62  # where its next number starts


def attach(doc: Document, vocab: Vocabulary, site: Site, kind: str) -> tuple[Subject, tuple[str, ...]]:
    sources = _sources(doc, site)
    found_in: dict[int, tuple[Term, ...]] = {}  # each source is read once, for all fields

    def terms_of(index: int) -> tuple[Term, ...]:
        if index not in found_in:
            found_in[index] = vocab.find_terms(sources[index].text)
        return found_in[index]

    found = {}
    origin = []
    for fieldname in ("treatment", "country", "variant"):
        value, where = _pick(vocab, fieldname, sources, site, terms_of)
        found[fieldname] = value
        if value:
            origin.append(f"{fieldname}:{where}")
    item = _item(doc, vocab, site) if kind == "price" else None
    if item and not any(o in origin for o in ("variant:column", "variant:row", "variant:label")):
        origin = [o for o in origin if not o.startswith("variant:")] + ["variant:item"]
        found["variant"] = item
    measure, where = _measure(doc, vocab, sources, site, kind, vocab.family(found["treatment"]))
    if measure:
        origin.append(f"measure:{where}")
    return Subject(found["treatment"], found["country"], found["variant"], measure), tuple(origin)


_LEAD = regex.compile(r"[^\d$€£¥₩₺฿₹]*")
_WORD = regex.compile(r"[^\W\d_]+")
# Words of a row or list label that name no item of their own ("Price in Budapest").
_GENERIC = {"price", "prices", "cost", "costs", "total", "average", "typical", "typically", "fee",
            "fees", "estimated", "estimate", "starting", "from", "per", "in", "the", "a", "an", "of",
            "for", "and", "with", "at", "to", "approx", "approximately", "about", "range", "our",
            "your", "treatment", "procedure", "usd", "eur", "gbp", "all", "inclusive", "overall",
            "full", "cheapest", "lowest", "highest", "expect", "you", "pay", "what", "how", "much"}


def _item(doc: Document, vocab: Vocabulary, site: Site) -> Optional[str]:
    """The thing a price's table row or list item names, when the vocabulary does not know
    it ("Bone graft", "Abutment", "Budget"): rows of one table are different items, so
    their prices are only compared with the same item's."""
    block = site.block
    if block.kind == "table_row" and len(block.cells) > 1:
        label = block.label
    elif block.kind == "table_row":
        label = site.row_label or _LEAD.match(doc.text, block.start, site.start).group()
    elif block.kind == "list_item":
        label = block.label
    else:
        return None
    words = [w.lower() for w in _WORD.findall(label)]
    if not words or all(w in _GENERIC for w in words) or vocab.find_terms(label):
        return None
    return "item: " + " ".join(words)[:60]


def _sources(doc: Document, site: Site) -> list[Source]:
    text = doc.text
    s0, s1 = site.sentence
    out = []
    if site.column:
        out.append(Source("column", site.column, -1))
    if site.row_label:
        out.append(Source("row", site.row_label, -1))
    elif site.block.kind == "table_row":
        out.append(Source("row", text[site.block.start:site.block.end], site.block.start))
    if site.block.label:
        out.append(Source("label", site.block.label, -1))
    lo, hi = max(s0, site.start - LOCAL_BEFORE), min(s1, site.end + LOCAL_AFTER)
    out.append(Source("local", text[lo:hi], lo))
    out.append(Source("sentence", text[s0:s1], s0))
    for heading in reversed(site.block.heading_path):
        out.append(Source("heading", heading, -1))
    if site.block.kind == "heading":
        out.append(Source("heading", text[site.block.start:site.block.end], site.block.start))
    if doc.title:
        out.append(Source("title", doc.title, -1))
    for name in ("treatment", "country"):
        meta = doc.meta(name)
        if meta and meta.value:
            out.append(Source("metadata", meta.value, -1))
    return out


_FIELD_SOURCES = {
    "treatment": None,
    "country": None,
    "variant": {"column", "row", "label", "local", "sentence", "heading"},
}


def _pick(vocab: Vocabulary, fieldname: str, sources: list[Source], site: Site, terms_of):
    allowed = _FIELD_SOURCES[fieldname]
    generic = None
    for index, source in enumerate(sources):
        if allowed is not None and source.name not in allowed:
            continue
        if source.name == "heading" and fieldname == "variant" and source is not _first_heading(sources):
            continue
        terms = [t for t in terms_of(index) if t.field == fieldname
                 and not _is_audience(vocab, source.text, t)]
        if source.offset >= 0 and source.name in ("local", "sentence"):
            terms = _nearest(terms, source.offset, site)
        for term in terms:
            if fieldname == "treatment" and vocab.is_generic(term.value):
                generic = generic or (term.value, source.name)
                continue
            return term.value, source.name
    return generic if generic else (None, "")


def _first_heading(sources: list[Source]) -> Optional[Source]:
    return next((s for s in sources if s.name == "heading"), None)


def _nearest(terms: list[Term], offset: int, site: Site) -> list[Term]:
    """Terms within NEAR characters before the claim, then after it, then further before
    (a sentence names its subject first); terms far after the claim are not used. A term
    on the far side of a neighbouring number belongs to that number first: in "Tijuana
    costs $4,200, compared with $15,000 in the United States", the second price is
    American; in "£4,000, or £3 per graft", only the second is a price per graft. A term
    between the previous number and the claim comes after the claim's own terms: in
    "$7,000 in Japan and $4,500 in Mexico", "Japan" describes the first price."""
    def distance(term: Term) -> int:
        start, end = offset + term.start, offset + term.end
        return site.start - end if end <= site.start else start - site.end if start >= site.end else 0
    def is_before(term: Term) -> bool:
        return offset + term.end <= site.start
    def is_near(term: Term) -> bool:
        return distance(term) <= NEAR and not offset + term.end <= site.previous_start \
            and not offset + term.start >= site.next_start

    near_before = sorted((t for t in terms if is_near(t) and is_before(t)), key=distance)
    near_after = sorted((t for t in terms if is_near(t) and not is_before(t)), key=distance)
    far_before = sorted((t for t in terms if not is_near(t) and is_before(t)), key=distance)
    between = [t for t in near_before if site.previous_end >= 0 and offset + t.start >= site.previous_end]
    own_before = [t for t in near_before if t not in between]
    return own_before + near_after + between + far_before


def _is_audience(vocab: Vocabulary, text: str, term: Term) -> bool:
    if term.field != "country":
        return False
    if vocab.audience is not None and vocab.audience.match(text, term.end):
        return True
    return bool(vocab.home and vocab.home.search(text, max(0, term.start - 30), term.start))


def _measure(doc: Document, vocab: Vocabulary, sources: list[Source], site: Site, kind: str,
             family: Optional[str]):
    measures = [m for m in vocab.measures
                if kind in m.kinds and (not m.families or family is None or family in m.families)]
    local = next(s for s in sources if s.name == "local")
    marked = (doc.text[local.offset:site.start] + "{Q}" + doc.text[site.end:local.offset + len(local.text)])
    for measure in measures:
        if any(p.search(marked) for p in measure.patterns):
            return measure.name, "local"
    ordered = [local] + [s for s in sources if s is not local]
    for source in ordered:
        if source.name in ("title", "metadata"):
            break
        if source.name == "heading" and source is not _first_heading(sources):
            continue
        text = marked if source.name == "local" else source.text
        anchor = text.find("{Q}") if source.name == "local" else -1
        best = _nearest_cue(measures, text, anchor)
        if best:
            return best, source.name
    default = next((m for m in measures if m.default), None)
    return (default.name, "default") if default else (None, "")


def _gap(match, anchor: int) -> int:
    """Characters between a cue and the "{Q}" that stands for the claim at `anchor`."""
    if match.end() <= anchor:
        return anchor - match.end()
    return max(0, match.start() - (anchor + len("{Q}")))


def _nearest_cue(measures, text: str, anchor: int) -> Optional[str]:
    """The measure whose cue stands nearest the claim (or first in order, with no anchor)."""
    best, best_distance = None, None
    for measure in measures:
        if measure.cues is None:
            continue
        for match in measure.cues.finditer(text):
            distance = _gap(match, anchor) if anchor >= 0 else 0
            if best_distance is None or distance < best_distance:
                best, best_distance = measure.name, distance
            if anchor < 0:
                break
        if anchor < 0 and best:
            return best
    return best
