"""Contested measures: identity groups where articles state different values, kept for the
audit's charts (each article's range next to the canonical fact)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Claim, Finding
from ..rules.compare import describe
from ..rules.cross_article import prevailing_value

MAX_STATEMENTS = 60  # articles per chart: beyond this a chart stops being readable


@dataclass
class Contested:
    key: tuple
    label: str
    kind: str
    unit: str
    articles: int
    dissenting: int
    statements: list[dict] = field(default_factory=list)
    fact: Optional[dict] = None
    prevailing: Optional[dict] = None

    def to_dict(self) -> dict:
        return {"label": self.label, "kind": self.kind, "unit": self.unit,
                "articles": self.articles, "dissenting": self.dissenting, "fact": self.fact,
                "prevailing": self.prevailing, "statements": self.statements}


class ContestedCollector:
    """Called by the archive pass for every identity group CL102 reported on."""

    def __init__(self, settings):
        self.settings = settings
        self.groups: list[Contested] = []

    def __call__(self, key: tuple, group: dict[str, list[Claim]], findings: list[Finding]) -> None:
        dissenting = {f.location.path for f in findings}
        first = next(iter(group.values()))[0]
        fact = _fact(first, self.settings.facts)
        prevailing = _prevailing(group, self.settings.tolerance.get(first.kind, 0.0))
        statements = []
        for path in sorted(group, key=lambda p: (p not in dissenting, p))[:MAX_STATEMENTS]:
            claim = group[path][0]
            statements.append({"path": path, "line": claim.location.line, "low": claim.low,
                               "high": claim.high, "text": describe(claim),
                               "agrees": path not in dissenting})
        self.groups.append(Contested(key, _label(key), first.kind, first.unit, len(group),
                                     len(dissenting), statements,
                                     fact and {"id": fact.id, "low": fact.low, "high": fact.high},
                                     prevailing))

    def ranked(self) -> list[Contested]:
        return sorted(self.groups, key=lambda g: (-g.dissenting, -g.articles, g.label))


def _label(key: tuple) -> str:
    kind, measure, _unit, *subject = key
    parts = [str(p).replace("-", " ") for p in subject if p]
    return f"{' · '.join(parts)} — {str(measure).replace('_', ' ')}" if parts else str(measure)


def _prevailing(group, tolerance: float) -> Optional[dict]:
    values = prevailing_value(group, tolerance)
    if values is None:
        return None
    label, claim = values
    return {"low": claim.low, "high": claim.high, "text": label}


def _fact(claim: Claim, facts) -> Optional[object]:
    subject = claim.subject.to_dict()
    for fact in facts:
        if fact.claim != claim.kind or fact.unit != claim.unit:
            continue
        if any(subject.get(k) != v for k, v in fact.subject):
            continue
        if not fact.subject and (fact.about is None or not fact.about.search(claim.context)):
            continue
        return fact
    return None

