"""CL301 missing-metadata: a metadata field left empty, or a required field absent.

Fields come from front matter, HTML `<meta>` and the "About Article" / "Details" block of
scraped pages. An empty field is always reported; fields listed under `required:` in
lint_rules/metadata.yaml (or your metadata pack) are also reported when absent.

Passing example (page.txt)::

    Knee Stem Cells in Japan
    Prices start at $6,500.

    About Article

      • Author Name: Dana Reyes
      • Country: Japan

Failing example (page.txt)::

    Knee Stem Cells in Japan
    Prices start at $6,500.

    About Article

      • Author Name:
      • Country: Japan
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from .base import meta
from .context import Context
from .findings import make_finding

META = meta("CL301", "missing-metadata", "metadata", "warning", __doc__)


def check(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    for field in doc.metadata:
        if not field.value:
            yield make_finding(META, ctx, doc.location(field.start, field.end),
                               f"metadata field {field.raw_name or field.name!r} is empty",
                               key=(field.name,))
    present = {f.name for f in doc.metadata}
    for name in ctx.settings.metadata.required:
        if name not in present:
            yield make_finding(META, ctx, doc.location(0, min(len(doc.source), len(doc.source.split("\n", 1)[0]))),
                               f"required metadata field {name!r} is missing", key=("absent", name))
