"""CL302 foreign-metadata: a metadata field describes a different article.

The overview, summary, treatment, country and title fields are compared with the body by
their subjects: a field that names treatments of which no family appears in the body, or
countries (or their cities) none of which appear in the body, belongs to another article
(a CMS copied it). Fields that name nothing from the vocabulary are not judged.

Passing example (page.md)::

    ---
    summary: A guide to knee stem cell therapy in Japan.
    ---
    # Knee stem cells in Tokyo
    Cultured knee therapy in Japan costs $7,000 – $12,000.

Failing example (page.md)::

    ---
    summary: A guide to a DHI hair transplant in Istanbul for London patients.
    ---
    # Knee stem cells in Tokyo
    Cultured knee therapy in Japan costs $7,000 – $12,000.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from .base import meta
from .context import Context
from .findings import make_finding

META = meta("CL302", "foreign-metadata", "metadata", "error", __doc__)


def check(ctx: Context) -> Iterator[Finding]:
    doc, vocab = ctx.doc, ctx.settings.vocab
    body = _body_terms(ctx)
    if not body:
        return
    families = {vocab.family(v) for f, v in body if f == "treatment"}
    countries = {v for f, v in body if f == "country"}
    for field in doc.metadata:
        if field.name not in ctx.settings.metadata.describes_article or not field.value:
            continue
        terms = vocab.find_terms(field.value)
        named_families = {vocab.family(t.value) for t in terms if t.field == "treatment"}
        named_countries = {t.value for t in terms if t.field == "country"}
        foreign = []
        if named_families and families and not named_families & families:
            foreign.append("treatment " + ", ".join(sorted({t.value for t in terms if t.field == "treatment"})))
        if named_countries and countries and not named_countries & countries:
            foreign.append("place " + ", ".join(sorted(named_countries)))
        if foreign:
            yield make_finding(META, ctx, doc.location(field.start, field.end),
                               f"metadata field {field.raw_name or field.name!r} names "
                               f"{' and '.join(foreign)}, which the article never mentions: "
                               "it seems to belong to another article",
                               key=(field.name, field.value[:80]))


def _body_terms(ctx: Context) -> set[tuple[str, str]]:
    doc, vocab = ctx.doc, ctx.settings.vocab
    found = set()
    for block in doc.blocks:
        for term in vocab.find_terms(doc.text[block.start:block.end]):
            found.add((term.field, term.value))
    return found
