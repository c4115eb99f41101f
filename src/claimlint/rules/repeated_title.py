"""CL503 repeated-title: the title stands again as the last line of the page (scraping debris).

Passing example (page.txt)::

    Hair Transplant in Istanbul
    A guide to FUE in Turkey.

Failing example (page.txt)::

    Hair Transplant in Istanbul
    A guide to FUE in Turkey.
    Hair Transplant in Istanbul
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from .base import meta
from .context import Context
from .findings import make_finding

META = meta("CL503", "repeated-title", "artifact", "warning", __doc__)


def check(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.format != "text" or not doc.title:
        return
    source = doc.source.rstrip()
    start = source.rfind("\n") + 1
    first = doc.source.find(doc.title)
    if start > first >= 0 and " ".join(source[start:].split()) == " ".join(doc.title.split()):
        yield make_finding(META, ctx, doc.location(start, len(source)),
                           "the title is repeated as the last line of the page")
