"""Comparing claims: their identity (kind, measure, subject keys) and their values."""
from __future__ import annotations

import html
from functools import lru_cache
from typing import Optional

from ..model import Claim
from ..subjects.vocabulary import Vocabulary

TO_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "year": 365.25, "night": 1}
DEFAULT_TOLERANCE = {"price": 0.0, "cell_count": 0.0, "duration": 0.0, "percentage": 0.0,
                     "year": 0.0, "count": 0.0}


def identity(claim: Claim, vocab: Vocabulary) -> Optional[tuple]:
    """What a claim is about, when known with confidence; None when it is not comparable."""
    subject = claim.subject
    measure = vocab.measure(subject.measure)
    if measure is None or too_vague(claim) or _measured_from_afar(claim):
        return None
    if claim.kind == "price" and claim.comparison:
        return None  # "$200 more than classic FUE" is a difference, not a price
    values = {"treatment": subject.treatment, "country": subject.country,
              "variant": subject.variant, "family": vocab.family(subject.treatment)}
    key = []
    for name in measure.keys:
        if values.get(name) is None and name != "variant":
            return None
        key.append(values.get(name))
    # A price compares within its currency, a count within its noun (grafts are not sessions).
    unit = claim.unit if claim.kind in ("price", "count") else ""
    return (claim.kind, measure.name, unit) + tuple(key)


def _measured_from_afar(claim: Claim) -> bool:
    """A duration or percentage whose measure only a heading names ("Recovery timeline")
    may be any milestone under it: too weak to call two of them a conflict."""
    return claim.kind in ("duration", "percentage") and any(
        s in ("measure:heading", "measure:title") for s in claim.sources)


def scaled(claim: Claim) -> tuple[Optional[float], Optional[float]]:
    """Values in a common unit per kind (durations in days)."""
    factor = TO_DAYS.get(claim.unit, 1.0) if claim.kind == "duration" else 1.0
    return (None if claim.low is None else claim.low * factor,
            None if claim.high is None else claim.high * factor)


def agree(a: Claim, b: Claim, tolerance: float = 0.0) -> bool:
    """Do two claims of one identity say the same thing?

    Ranges compare both ends. An open end that states where the values start or stop
    ("from $6,500", "up to 90%") agrees with a value whose other end matches; a bound
    ("over 97%", "under $5,000") agrees with any value that keeps it ("98%"). Vague claims
    ("tens of millions") agree when they overlap.
    """
    (al, ah), (bl, bh) = scaled(a), scaled(b)
    if a.approximate or b.approximate:
        return _overlap(al, ah, bl, bh)
    if _is_bound(a) != _is_bound(b):  # one bounds the value, the other states it
        bound, stated = (a, (bl, bh)) if _is_bound(a) else (b, (al, ah))
        if None not in stated:
            return _within(scaled(bound), stated, tolerance)
    if al is None or bl is None:
        return al is None and bl is None or _close(ah, bh, tolerance) or ah is None or bh is None
    if ah is None or bh is None:
        return _close(al, bl, tolerance)
    return _close(al, bl, tolerance) and _close(ah, bh, tolerance)


# Qualifiers that bound a value without stating where it starts or stops: "over 97%" is
# true of 98%, while "from $6,500" says the cheapest is $6,500.
BOUNDS = {"over", "more than", "at least", "above", "in excess of", "exceed", "exceeds",
          "exceeding", "upwards of", ">", ">=", "≥", "or more", "and above",
          "under", "less than", "fewer than", "below", "at most", "no more than", "<", "<=",
          "≤", "or less", "or fewer"}


def _is_bound(claim: Claim) -> bool:
    return (claim.low is None) != (claim.high is None) and any(q in BOUNDS for q in claim.qualifiers)


def _within(bound: tuple, value: tuple, tolerance: float) -> bool:
    """Does the closed range `value` keep the one-sided `bound`?"""
    (low, high), (vl, vh) = bound, value
    if high is None:
        return vl >= low or _close(vl, low, tolerance)
    return vh <= high or _close(vh, high, tolerance)


def _overlap(al, ah, bl, bh) -> bool:
    lo_a, hi_a = al if al is not None else float("-inf"), ah if ah is not None else float("inf")
    lo_b, hi_b = bl if bl is not None else float("-inf"), bh if bh is not None else float("inf")
    return lo_a <= hi_b and lo_b <= hi_a


def _close(x: Optional[float], y: Optional[float], tolerance: float) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= tolerance * max(abs(x), abs(y)) + 1e-9


def describe(claim: Claim) -> str:
    """The claim as a reader sees it: "$2,000–$3,500", not "$2,000&ndash;$3,500"."""
    return _as_read(claim.text)


@lru_cache(maxsize=4096)  # an archive repeats the same few wordings of each value
def _as_read(text: str) -> str:
    return " ".join(html.unescape(text).split())


def subject_label(claim: Claim) -> str:
    s = claim.subject
    parts = [p for p in (s.treatment, s.country, s.variant) if p]
    return f"{s.measure} ({', '.join(parts)})" if parts else str(s.measure)


def too_vague(claim: Claim) -> bool:
    """"millions" or "thousands" alone spans three orders of magnitude: it neither agrees
    nor disagrees with anything."""
    return claim.approximate and claim.low is not None and claim.high is not None \
        and claim.high > 100 * claim.low
