"""CL101 conflicting-values: one article states the same measure for the same subject with different values.

A claim's identity is its kind, its measure (price, culture period, first-visit length...)
and the subject fields that measure depends on (a price depends on treatment, country and
variant; a cell-culture period on the treatment family and country). Claims are compared
only when the whole identity is known. Ranges compare both ends; an open bound ("from
$6,500") agrees with a range that starts there; vague words ("tens of millions") agree
with anything they overlap. Claims in one sentence are never compared with each other
(a sentence giving two values is a comparison). Tolerance per kind: `tolerance:` in the
configuration. Reported on each side, with the other side as a related location (and the
article's other statements of the same value, which need the same edit).

Passing example (clinic.md)::

    # Knee stem cells in Japan
    Cultured knee therapy in Japan costs $7,000 – $12,000.

    | Country | Type | Cost |
    |---|---|---|
    | Japan | Cultured knee MSCs | $7,000 – $12,000 |

Failing example (clinic.md)::

    # Knee stem cells in Japan
    Cultured knee therapy in Japan costs $7,000 – $12,000.

    | Country | Type | Cost |
    |---|---|---|
    | Japan | Cultured knee MSCs | $8,000 – $14,000 |
"""
from __future__ import annotations

from collections import defaultdict
from heapq import merge
from itertools import islice
from typing import Iterator

from ..model import Finding
from .base import meta
from .compare import agree, describe, identity, scaled, subject_label
from .context import Context
from .findings import make_finding

META = meta("CL101", "conflicting-values", "intra-article", "error", __doc__)


MAX_RELATED = 20  # related locations per finding: enough to act on, bounded on huge files


def check(ctx: Context) -> Iterator[Finding]:
    vocab, tolerance = ctx.settings.vocab, ctx.settings.tolerance
    groups = defaultdict(list)
    for claim in ctx.claims:
        key = identity(claim, vocab)
        if key is not None:
            groups[key].append(claim)
    for key, claims in groups.items():
        for claim, others, same in _disagreements(claims, tolerance.get(claims[0].kind, 0.0)):
            where = ", ".join(f"{describe(o)} at line {o.location.line}" for o in others[:3])
            also = f" (and at line{'s' if len(same) > 1 else ''} " \
                f"{', '.join(str(o.location.line) for o in same[:5])})" if same else ""
            yield make_finding(
                META, ctx, claim.location,
                f"{subject_label(claim)} is {describe(claim)} here{also} but {where}",
                quantity=claim.kind, related=tuple(o.location for o in others + same),
                key=("intra",) + key + (describe(claim),))


def _disagreements(claims: list, tolerance: float):
    """(claim, the claims it disagrees with, its other agreeing statements), in text order.

    Claims with equal values are compared once, as a class: linear in the number of
    claims (a huge article repeats a few values many times), quadratic only in the
    number of distinct values."""
    classes = defaultdict(list)
    for claim in claims:
        classes[(scaled(claim), claim.approximate)].append(claim)
    values = list(classes)
    clash = {v: [w for w in values if w != v and not agree(classes[v][0], classes[w][0], tolerance)]
             for v in values}
    for claim in claims:
        value = (scaled(claim), claim.approximate)
        if not clash[value]:
            continue
        against = _first(merge(*(classes[w] for w in clash[value]), key=_order),
                         lambda o: _apart(claim, o))
        if not against:
            continue
        agreeing = [w for w in values if w not in clash[value]]
        same = _first(merge(*(classes[w] for w in agreeing), key=_order), lambda o: o is not claim)
        yield claim, against, same


def _order(claim) -> tuple[int, int]:
    return claim.start, claim.end


def _first(claims, wanted) -> list:
    return list(islice((c for c in claims if wanted(c)), MAX_RELATED))


def _apart(a, b) -> bool:
    """Not the same sentence: a sentence giving two values is comparing them."""
    return (a.block_index, a.context) != (b.block_index, b.context)
