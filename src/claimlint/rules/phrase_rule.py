"""The shared body of rules that are phrase packs (CL401, CL501, CL502)."""
from __future__ import annotations

import bisect
from typing import Iterator

from ..extract.nlp import sentence_bounds
from ..model import Finding
from .base import RuleMeta
from .context import Context
from .findings import make_finding
from .phrases import Phrase, find_phrases


def check_phrases(rule: RuleMeta, phrases: list[Phrase], ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    blocks = [(b.start, b.end) for b in doc.blocks]
    starts = [s for s, _ in blocks]

    sentences: dict[int, list[tuple[int, int]]] = {}  # per block, split once: hits can be many

    def sentence_of(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= blocks[i][1]:
            return offset, offset
        if i not in sentences:
            sentences[i] = sentence_bounds(doc.text, *blocks[i])
        bounds = sentences[i]
        j = bisect.bisect_right(bounds, (offset, float("inf"))) - 1
        if j >= 0 and bounds[j][0] <= offset < bounds[j][1]:
            return bounds[j]
        return blocks[i]

    for hit in _outermost(find_phrases(phrases, doc.text, doc.source, doc.format, sentence_of, doc.path)):
        location = doc.location(hit.start, hit.end)
        phrase = hit.phrase
        why = f" {phrase.reason}" if phrase.reason else ""
        source = f" Source: {phrase.source}" if phrase.source else ""
        yield make_finding(rule, ctx, location,
                           f"{' '.join(location.text.split())!r} {phrase.message}.{why}{source}",
                           severity=phrase.severity, key=(phrase.id, location.text.lower()))


def _outermost(hits) -> list:
    """One finding per stretch of text: a hit inside another's span (two phrases on
    "100% safe") is dropped; on equal spans the phrase listed first in the pack wins."""
    kept, reach = [], -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.end <= reach:
            continue
        kept.append(hit)
        reach = hit.end
    return kept
