"""Number expressions built around words rather than one amount and its unit.

- Durations named by their unit: "half a day", "an hour and a half", "week-long",
  "overnight" (a stay of one night, counted in nights as "3 nights" is). "A decade" is
  not read: "studied for more than a decade" is history, not a length of treatment.
- Proportions: "one in five", "4 out of 5" are percentages (20%, 80%); the claim's text is
  the wording, so a reader sees what was written.
- A range whose ends have different units ("6 weeks to 3 months") is one duration in the
  smaller unit.
- Frequencies are no durations: "every 6 months", "3 times a week", "2 hours a day" give no
  claim (a rate is not a length); "twice a year" never did, as a bare number word is no
  claim. A count per period stays a count ("3,000 grafts per day" is a session's size).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

import regex

from .number_words import PHRASE, value_of
from .quantities import Quantity

_UNIT = r"(?P<unit>hour|day|week|month|year)"
_IDIOM = regex.compile(
    rf"(?i:\b(?P<half>half)[-\s]+an?[-\s]+{_UNIT}\b"
    rf"|\ban?\s+{_UNIT.replace('unit', 'unit2')}\s+and\s+a\s+half\b"
    rf"|\b{_UNIT.replace('unit', 'unit3')}-long\b"
    r"|(?<=\b(?:stay|stays|staying|kept|remain|remains|spend|spent)\s+)(?P<night>overnight)\b"
    r"|\b(?P<night2>overnight)(?=\s+(?:hospital\s+|clinic\s+)?(?:stay|admission|observation)))")
_IDIOM_HINTS = ("half", "-long", "overnight")
_NUMBER = rf"(?:\d{{1,4}}|{PHRASE})"
_PROPORTION = regex.compile(
    rf"(?<![\w.,]){_NUMBER.replace('(?:', '(?P<part>', 1)}\s+(?:in|out\s+of)\s+"
    rf"{_NUMBER.replace('(?:', '(?P<whole>', 1)}\b"
    r"(?![.,]\d|\s*(?:%|stars?\b|points?\b|ratings?\b|[-\s]?(?:minutes?|hours?|days?|weeks?"
    r"|months?|years?|sessions?|visits?)\b))")
_PROPORTION_HINT = re.compile(r" out of | in (?:\d|one\b|two\b|three\b|four\b|five\b|six\b|"
                              r"seven\b|eight\b|nine\b|ten\b|twenty\b|a hundred\b)")
_UNIT_RANGE_SEP = regex.compile(r"\s*(?:to|-|–|—)\s*")
_FREQUENCY_BEFORE = regex.compile(r"\b(?:every|once\s+every)(?:\s+other)?\s+$", regex.I)
_FREQUENCY_AFTER = regex.compile(r"[^\S\n]+(?:a|per|each|every|an)[^\S\n]+(?:day|week|month|year)\b"
                                 r"|[^\S\n]*/[^\S\n]*(?:day|week|month|year)\b", regex.I)
DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "night": 1, "week": 7, "month": 30.4,
        "year": 365.25}


def find_forms(text: str, start: int, end: int) -> list[Quantity]:
    """The duration idioms and proportions of text[start:end]."""
    lowered = text[start:end].lower()
    found = []
    if any(hint in lowered for hint in _IDIOM_HINTS):
        found += [_idiom(m) for m in _IDIOM.finditer(text, start, end)]
    if _PROPORTION_HINT.search(lowered):
        found += filter(None, (_proportion(m) for m in _PROPORTION.finditer(text, start, end)))
    return found


def _idiom(match) -> Quantity:
    if match.group("night") or match.group("night2"):
        return Quantity(match.start(), match.end(), "count", 1, 1, "night")
    unit = match.group("unit") or match.group("unit2") or match.group("unit3")
    value = 0.5 if match.group("half") else 1.5 if match.group("unit2") else 1.0
    return Quantity(match.start(), match.end(), "duration", value, value, unit.lower())


def _proportion(match) -> Optional[Quantity]:
    part, whole = (_number(match.group(g)) for g in ("part", "whole"))
    if not (1 <= part < whole and float(part).is_integer()):
        return None
    share = round(100 * part / whole, 2)
    return Quantity(match.start(), match.end(), "percentage", share, share, "%")


def _number(text: str) -> float:
    return float(text) if text.isdigit() else value_of(text)


def without_frequencies(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """`quantities` less the durations and multiples that are rates ("every 6 months")."""
    return [q for q in quantities if not _is_frequency(text, q)]


def _is_frequency(text: str, q: Quantity) -> bool:
    if q.kind == "duration":
        return bool(_FREQUENCY_BEFORE.search(text, max(0, q.start - 20), q.start)
                    or _FREQUENCY_AFTER.match(text, q.end, q.end + 20))
    return q.kind == "count" and q.unit == "x" and bool(_FREQUENCY_AFTER.match(text, q.end, q.end + 20))


def merge_unit_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Join "6 weeks" "to" "3 months" into one duration in the smaller unit."""
    out: list[Quantity] = []
    for q in quantities:
        previous = out[-1] if out else None
        if previous is not None and _unit_range(text, previous, q):
            out[-1] = _joined(previous, q)
        else:
            out.append(q)
    return out


def _unit_range(text: str, first: Quantity, second: Quantity) -> bool:
    return (first.kind == second.kind == "duration" and first.unit != second.unit
            and not first.is_range and not second.is_range
            and first.unit in DAYS and second.unit in DAYS
            and first.low is not None and second.high is not None
            and _UNIT_RANGE_SEP.fullmatch(text, first.end, second.start) is not None)


def _joined(first: Quantity, second: Quantity) -> Quantity:
    unit = min(first.unit, second.unit, key=DAYS.get)
    low = round(first.low * DAYS[first.unit] / DAYS[unit], 2)
    high = round(second.high * DAYS[second.unit] / DAYS[unit], 2)
    return replace(first, end=second.end, low=low, high=high, unit=unit, is_range=True,
                   qualifiers=first.qualifiers + second.qualifiers)
