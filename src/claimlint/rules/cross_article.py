"""CL102 cross-article-conflict: articles of one archive state the same measure for the same subject differently.

Claims are grouped by identity (as in CL101) across every article of the archive. Two
articles conflict when no value of one agrees with any value of the other. When most
articles agree on a value, only the dissenting articles are reported, with the prevailing
value in the message; when there is no majority, every side is reported. The finding
stands on the article's first claim; related locations are the article's other
statements of that value (all need the same edit) and the other articles' claims.

Passing example (a.md, b.md)::

    Cultured knee therapy in Japan costs $7,000 – $12,000.

Failing example (a.md, b.md)::

    Cultured knee therapy in Japan costs $7,000 – $12,000.
    ---
    Cultured knee therapy in Japan costs $6,500 – $15,000.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

from ..model import Claim, Finding
from .base import meta
from .compare import agree, describe, identity, subject_label
from .context import Context
from .findings import make_finding

META = meta("CL102", "cross-article-conflict", "cross-article", "warning", __doc__)
MAX_RELATED = 25


def check(ctx: Context) -> Iterator[Finding]:
    vocab, tolerance = ctx.settings.vocab, ctx.settings.tolerance
    mine = defaultdict(list)
    for claim in ctx.claims:
        key = identity(claim, vocab)
        if key is not None and claim.kind != "year":  # dated events are CL201's, via facts
            mine[key].append(claim)
    if not mine:
        return
    theirs = defaultdict(lambda: defaultdict(list))
    for doc, claims in ctx.archive:
        if doc.path == ctx.doc.path:
            continue
        for claim in claims:
            key = identity(claim, vocab)
            if key in mine:
                theirs[key][doc.path].append(claim)
    for key, own in mine.items():
        tol = tolerance.get(own[0].kind, 0.0)
        others = theirs.get(key, {})
        disagreeing = {p: cs for p, cs in others.items() if not _share(own, cs, tol)}
        if not disagreeing:
            continue
        prevailing = _prevailing(own, others, tol)
        if prevailing is not None and any(agree(c, prevailing, tol) for c in own):
            continue  # this article states the majority value; the others are reported
        yield _finding(ctx, own, disagreeing, prevailing, key)


def _share(a: list[Claim], b: list[Claim], tol: float) -> bool:
    return any(agree(x, y, tol) for x in a for y in b)


def _prevailing(own, others, tol):
    """A value stated by more articles than any other, counting this one."""
    votes = Counter()
    examples = {}
    for claims in [own, *others.values()]:
        for value in {describe(c): c for c in claims}.values():
            label = next((k for k, ex in examples.items() if agree(ex, value, tol)), describe(value))
            examples.setdefault(label, value)
            votes[label] += 1
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return examples[ranked[0][0]] if ranked[0][1] > 1 else None


def _finding(ctx, own, disagreeing, prevailing, key) -> Finding:
    first = own[0]
    related = [c.location for c in own[1:]]
    for claims in disagreeing.values():
        related += [c.location for c in claims]
    values = sorted({describe(c) for cs in disagreeing.values() for c in cs})
    summary = ", ".join(values[:4]) + (" ..." if len(values) > 4 else "")
    tail = (f"; the archive mostly says {describe(prevailing)}" if prevailing is not None else "")
    return make_finding(
        META, ctx, first.location,
        f"{subject_label(first)} is {describe(first)} here but {summary} in "
        f"{len(disagreeing)} other article{'s' if len(disagreeing) > 1 else ''}{tail}",
        quantity=first.kind, related=tuple(related[:MAX_RELATED]),
        key=("cross",) + key + (describe(first),))
