"""Finding quantities in text with `regex`: amounts, ranges, qualifiers and units.

This step knows nothing of subjects; it turns raw text into `Quantity` records. A bare
number with no unit is kept only as a candidate (`kind=None`): the caller decides from its
context (a "Cell Count" column, a year cue) whether it is a claim at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from .numbers import (CURRENCY_PREFIX, CURRENCY_SUFFIX, DIGITS, NUMBER_WORD, POWER, SCALE,
                      WORDS, currency_of, parse_digits, power_of, scale_of)


def _amount(tag: str) -> str:
    return (rf"(?P<cur{tag}>{CURRENCY_PREFIX})?"
            rf"(?:(?P<num{tag}>{DIGITS}){POWER.replace('(?P<exp>', f'(?P<exp{tag}>').replace('(?P<sup>', f'(?P<sup{tag}>')}?"
            rf"(?P<scale{tag}>{SCALE})?"
            rf"|(?P<word{tag}>\b{NUMBER_WORD})(?:\s(?P<wscale{tag}>thousand|million|billion))?\b)"
            rf"(?P<plus{tag}>\s?\+(?!\d))?"
            rf"(?P<suf{tag}>{CURRENCY_SUFFIX})?(?P<pct{tag}>\s?%)?")


_START = r"(?:(?<![\w$€£¥₩₺฿₹])(?=[$€£¥₩₺฿₹A-Z])|(?<![\w.,$€£¥₩₺฿₹/#+\-]|[A-Za-z]-|\d[-–/.:]))"
_SEPARATOR = r"\s*(?:-|–|—|~|to|and|or|through|until)\s*(?:-\s*)?"
QUANTITY = regex.compile(
    rf"{_START}(?P<lt>[<>≤≥]=?\s?|~\s?|≈\s?)?{_amount('a')}"
    rf"(?:(?P<sep>{_SEPARATOR}){_amount('b')})?"
    r"(?![^\Wx×]|[x×]\w|/\d|[.,]\d|-\d\d|:\d)", regex.V0)
UNIT = regex.compile(
    r"(?i:(?P<pct>\s?%|\s(?:percent|per\s?cent)\b)"
    r"|\s?-?\s?(?P<dur>hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
    r"|(?P<mult>\s?[x×](?![\w]))|\s(?P<times>times|fold)\b|(?P<fold>-fold)\b"
    r"|\s(?:[a-z\-]+\s){0,2}?(?P<count>visits?|sessions?|injections?|grafts?|implants?|trips?|"
    r"infusions?|treatments?|procedures?|appointments?|nights?|teeth|crowns?|veneers?|cycles?|"
    r"follicles?|hairs)\b"
    r"|(?P<cells>\s?(?:(?:[a-z\-]+|\(\w+\))\s){0,3}?(?:cells?|MSCs?|ADSCs?)\b))")
VAGUE = regex.compile(
    r"\b(?:(?P<times>tens|hundreds|thousands)\s+of\s+)?(?P<base>thousands|millions|billions)\b",
    regex.I)
_QUALIFIER = regex.compile(
    r"(?:^|\W)(?P<q>approximately|approx\.?|about|around|roughly|nearly|almost|circa|ca\."
    r"|up to|as much as|as many as|as high as|no more than|at most|under|less than|fewer than|below"
    r"|within|over|more than|at least|above|in excess of|exceeds?|exceeding|upwards of"
    r"|starting at|starting from|as little as|as low as|from|between)\s*$", regex.I)
_AFTER = regex.compile(r"^\s*(?P<q>or more|or less|or fewer|and up|and above|plus)\b", regex.I)
_DURATION = {"hour": "hour", "hr": "hour", "day": "day", "week": "week", "wk": "week",
             "month": "month", "mo": "month", "year": "year", "yr": "year"}
LOW_OPEN = {"up to", "as much as", "as many as", "as high as", "no more than", "at most", "under",
            "less than", "fewer than", "below", "<", "<=", "≤", "or less", "or fewer"}
HIGH_OPEN = {"over", "more than", "at least", "above", "in excess of", "exceed", "exceeds",
             "exceeding", "upwards of", "starting at", "starting from", "as little as",
             "as low as", ">", ">=", "≥", "+", "or more", "and up", "and above", "plus"}


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    kind: Optional[str]  # None: a bare number, kept as a candidate
    low: Optional[float]
    high: Optional[float]
    unit: str
    qualifiers: tuple[str, ...] = ()
    approximate: bool = False
    is_range: bool = False
    plain_integer: bool = False  # digits only, no separators or unit: a possible year


def find_quantities(text: str, start: int = 0, end: Optional[int] = None,
                    dollar: str = "USD") -> Iterator[Quantity]:
    end = len(text) if end is None else end
    for match in QUANTITY.finditer(text, start, end):
        quantity = _read(text, match, dollar, end)
        if quantity is not None:
            yield quantity
    for match in VAGUE.finditer(text, start, end):
        yield _vague(match)


def _value(match, tag: str) -> Optional[float]:
    num = match.group(f"num{tag}")
    if num is not None:
        value = parse_digits(num) * power_of(match.group(f"exp{tag}"), match.group(f"sup{tag}"))
        return value * scale_of(match.group(f"scale{tag}"))
    word = match.group(f"word{tag}")
    if word is None:
        return None
    return WORDS[word.lower()] * scale_of(match.group(f"wscale{tag}"))


def _read(text: str, match, dollar: str, limit: int) -> Optional[Quantity]:
    low = _value(match, "a")
    high = _value(match, "b")
    is_range = high is not None
    sep = (match.group("sep") or "").strip().lower()
    before = text[max(0, match.start() - 30):match.start()]
    qualifier = _QUALIFIER.search(before)
    q = qualifier.group("q").lower() if qualifier else ""
    if sep == "and" and q != "between":
        return None  # "3 and 4" outside "between ... and" is two numbers, not a range
    if sep == "or" and not is_range:
        return None
    unit_match = UNIT.match(text, match.end(), min(limit, match.end() + 60))
    kind, unit = _kind_and_unit(match, unit_match, dollar)
    if kind is None and (match.group("worda") or is_range and match.group("wordb")):
        return None  # a bare number word is never a claim
    if kind is None and is_range and sep not in ("-", "–", "—", "to"):
        return None
    qualifiers, low, high = _bounds(match, q, text, unit_match or match, low, high, is_range)
    end = match.end()
    if unit_match and kind != "cell_count":
        end = unit_match.end()
    elif unit_match and unit_match.group("cells") and unit_match.end() - match.end() <= 6:
        end = unit_match.end()
    if kind is None and is_range:
        kind = None
    plain = (kind is None and not is_range and match.group("numa") is not None
             and match.group("numa").isdigit() and not match.group("lt") and not match.group("plusa"))
    return Quantity(match.start(), end, kind, low, high, unit, qualifiers,
                    approximate=any(x in ("~", "≈", "about", "approximately", "approx", "around",
                                          "roughly", "circa") for x in qualifiers),
                    is_range=is_range, plain_integer=plain)


def _kind_and_unit(match, unit_match, dollar: str) -> tuple[Optional[str], str]:
    currency = None
    for tag in ("a", "b"):
        currency = currency or currency_of(match.group(f"cur{tag}"), match.group(f"suf{tag}"),
                                           dollar)
    if currency:
        return "price", currency
    if match.group("pcta") or match.group("pctb"):
        return "percentage", "%"
    if unit_match is None:
        return None, ""
    if unit_match.group("pct"):
        return "percentage", "%"
    if unit_match.group("dur"):
        word = unit_match.group("dur").lower().rstrip("s")
        return "duration", _DURATION.get(word, word)
    if unit_match.group("mult") or unit_match.group("times") or unit_match.group("fold"):
        return "count", "x"
    if unit_match.group("count"):
        noun = unit_match.group("count").lower()
        return "count", {"teeth": "tooth", "hairs": "hair"}.get(noun, noun.rstrip("s"))
    if unit_match.group("cells"):
        return "cell_count", "cells"
    return None, ""


def _bounds(match, q: str, text: str, tail, low, high, is_range):
    qualifiers = []
    symbol = (match.group("lt") or "").strip()
    if symbol:
        qualifiers.append(symbol)
    if q and q not in ("from", "between"):
        qualifiers.append(q)
    plus = match.group("plusb") if is_range else match.group("plusa")
    after = _AFTER.match(text, tail.end(), tail.end() + 20)
    if plus:
        qualifiers.append("+")
    if after:
        qualifiers.append(after.group("q").lower())
    if is_range:
        return tuple(qualifiers), low, high
    high = low
    if any(x in LOW_OPEN for x in qualifiers):
        low = None
    elif any(x in HIGH_OPEN for x in qualifiers):
        high = None
    return tuple(qualifiers), low, high


def _vague(match) -> Quantity:
    base = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[match.group("base").lower()]
    times = {"tens": 10, "hundreds": 100, "thousands": 1000}.get((match.group("times") or "").lower(), 1)
    low = base * times * (2 if times > 1 else 1)
    high = base * times * 9.99 if times > 1 else base * 999
    return Quantity(match.start(), match.end(), None, low, high, "", ("vague",), approximate=True)
