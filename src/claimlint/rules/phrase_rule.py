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

    def sentence_of(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= blocks[i][1]:
            return offset, offset
        for s0, s1 in sentence_bounds(doc.text, *blocks[i]):
            if s0 <= offset < s1:
                return s0, s1
        return blocks[i]

    for hit in find_phrases(phrases, doc.text, doc.source, doc.format, sentence_of):
        location = doc.location(hit.start, hit.end)
        phrase = hit.phrase
        why = f" {phrase.reason}" if phrase.reason else ""
        source = f" Source: {phrase.source}" if phrase.source else ""
        yield make_finding(rule, ctx, location,
                           f"{' '.join(location.text.split())!r} {phrase.message}.{why}{source}",
                           severity=phrase.severity, key=(phrase.id, location.text.lower()))
