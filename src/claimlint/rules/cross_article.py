"""CL102 cross-article-conflict: articles of one archive state the same measure for the same subject differently.

Claims are grouped by identity (as in CL101) across every article of the archive; each
group is checked once, so the work grows with the archive, not its square. Two articles
conflict when no value of one agrees with any value of the other. When most
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
from heapq import merge
from typing import Iterable, Iterator, Optional

from ..model import Claim, Document, Finding
from ..subjects.vocabulary import Vocabulary
from .base import meta
from .compare import agree, describe, identity, scaled, subject_label
from .context import Context
from .findings import make_finding

META = meta("CL102", "cross-article-conflict", "cross-article", "warning", __doc__)
MAX_RELATED = 25

Group = dict[str, list[Claim]]  # path -> that article's claims of one identity


def comparable(claim: Claim, vocab: Vocabulary) -> Optional[tuple]:
    """The identity CL102 groups a claim under; None leaves it out (dated events are
    CL201's business, through facts)."""
    key = identity(claim, vocab)
    return None if key is None or claim.kind == "year" else key


def group_claims(documents: Iterable[tuple[str, list[Claim]]], vocab: Vocabulary) -> dict[tuple, Group]:
    groups: dict[tuple, Group] = defaultdict(lambda: defaultdict(list))
    for path, claims in documents:
        for claim in claims:
            key = comparable(claim, vocab)
            if key is not None:
                groups[key][path].append(claim)
    return groups


def check_group(key: tuple, group: Group, settings) -> Iterator[Finding]:
    """Findings for the articles of one identity group that disagree with the others.

    Articles stating the same set of values are one class and are compared once, so a
    group of thousands of articles costs the number of distinct statements, squared."""
    if len(group) < 2:
        return
    values = _Values(group, settings.tolerance.get(key[0], 0.0))
    prevailing = values.prevailing()
    classes: dict[frozenset, list[str]] = defaultdict(list)  # in the group's order
    for path in group:
        classes[values.of_path[path]].append(path)
    order = {path: i for i, path in enumerate(group)}
    for labels, paths in classes.items():
        if prevailing is not None and values.agrees(paths[0], prevailing):
            continue  # these articles state the majority value; the others are reported
        others = [(other, ps) for other, ps in classes.items() if not values.shared(labels, other)]
        if not others:
            continue
        for path in paths:
            if settings.enabled(META.code, path):
                yield _finding(settings, group, path, others, order, values, prevailing, key)


def prevailing_value(group: Group, tol: float) -> Optional[tuple[str, Claim]]:
    """The archive's majority value of a group, as (text, a claim stating it)."""
    values = _Values(group, tol)
    label = values.prevailing()
    return None if label is None else (label, values.examples[label])


class _Values:
    """The distinct values of a group and which agree, computed once per group."""

    def __init__(self, group: Group, tol: float):
        self.examples: dict[str, Claim] = {}
        self.of_path: dict[str, frozenset[str]] = {}
        for path, claims in group.items():
            for claim in claims:
                self.examples.setdefault(describe(claim), claim)
            self.of_path[path] = frozenset(describe(c) for c in claims)
        labels = list(self.examples)
        self.agreeing = {(a, b) for a in labels for b in labels
                         if agree(self.examples[a], self.examples[b], tol)}
        self._shared: dict[tuple, bool] = {}

    def shared(self, mine: frozenset, theirs: frozenset) -> bool:
        """Does one of my values agree with one of theirs?"""
        pair = (mine, theirs)
        if pair not in self._shared:
            self._shared[pair] = any((a, b) in self.agreeing for a in mine for b in theirs)
        return self._shared[pair]

    def agrees(self, path: str, label: str) -> bool:
        return any((a, label) in self.agreeing for a in self.of_path[path])

    def prevailing(self) -> Optional[str]:
        """The value stated by more articles than any other (at least two), if one is."""
        votes: Counter = Counter()
        clusters: dict[str, str] = {}  # value -> the first agreeing value seen
        for label in self.examples:
            clusters[label] = next((c for c in dict.fromkeys(clusters.values())
                                    if (c, label) in self.agreeing), label)
        for labels in self.of_path.values():
            for cluster in {clusters[x] for x in labels}:
                votes[cluster] += 1
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


def _finding(settings, group: Group, path: str, others, order: dict[str, int], values: "_Values",
             prevailing, key) -> Finding:
    """`others`: (values, paths) of the classes of articles that disagree with `path`;
    `order`: each path's place in the group, in which related places are listed."""
    own = group[path]
    first = own[0]
    other_paths = merge(*(ps for _, ps in others), key=order.get)
    related = [c.location for c in own[1:]]
    for other in other_paths:
        if len(related) >= MAX_RELATED:
            break
        related += [c.location for c in group[other]]
    count = sum(len(ps) for _, ps in others)
    summary = _summary(set().union(*(labels for labels, _ in others)), values)
    tail = f"; the archive mostly says {prevailing}" if prevailing is not None else ""
    ctx = Context(Document(first.path, "", "", ""), own, settings)
    return make_finding(
        META, ctx, first.location,
        f"{subject_label(first)} is {describe(first)} here but {summary} in "
        f"{count} other article{'s' if count > 1 else ''}{tail}",
        quantity=first.kind, related=tuple(related[:MAX_RELATED]),
        key=("cross",) + key + (describe(first),))


def _summary(labels: set[str], values: "_Values") -> str:
    """Up to four differing values, each named once: "$2,000 – $3,500", not also "$2,000–$3,500"."""
    by_value: dict[tuple, str] = {}
    for label in sorted(labels):
        claim = values.examples[label]
        by_value.setdefault((scaled(claim), claim.approximate, claim.qualifiers), label)
    shown = sorted(set(by_value.values()))
    return ", ".join(shown[:4]) + (" ..." if len(shown) > 4 else "")
