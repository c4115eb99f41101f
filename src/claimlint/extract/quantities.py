"""Finding quantities in text with `regex`: amounts, ranges, qualifiers and units.

This step knows nothing of subjects; it turns raw text into `Quantity` records. A bare
number with no unit is kept only as a candidate (`kind=None`): the caller decides from its
context (a "Cell Count" column, a year cue) whether it is a claim at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from .numbers import (CURRENCY_CODES, CURRENCY_PREFIX, CURRENCY_SIGNS, CURRENCY_SUFFIX, DIGITS, GAP,
                      NUMBER_WORD, POWER, SCALE, SPACED_DIGITS, WORDS, currency_of, parse_digits,
                      power_of, scale_of)


def _amount(tag: str) -> str:
    # Space-grouped digits only right after a currency mark, or right before one.
    number = (rf"(?(cur{tag}){SPACED_DIGITS}|(?!))|{SPACED_DIGITS}(?={CURRENCY_SUFFIX})"
              rf"|{DIGITS}")
    return (rf"(?P<cur{tag}>{CURRENCY_PREFIX})?"
            rf"(?:(?P<num{tag}>{number}){POWER.replace('(?P<exp>', f'(?P<exp{tag}>').replace('(?P<sup>', f'(?P<sup{tag}>')}?"
            rf"(?P<scale{tag}>{SCALE}|(?(cur{tag})m\b|(?!)))?"  # $1.2m: after a currency, m = million
            rf"|(?P<word{tag}>\b{NUMBER_WORD})(?:\s(?P<wscale{tag}>thousand|million|billion))?\b)"
            rf"(?P<plus{tag}>{GAP}\+(?!\d))?"
            rf"(?P<suf{tag}>{CURRENCY_SUFFIX})?(?P<pct{tag}>{GAP}%)?")


_START = r"(?:(?<![\w$€£¥₩₺฿₹])(?=[$€£¥₩₺฿₹A-Z])|(?<![\w.,$€£¥₩₺฿₹/#+\-]|[A-Za-z]-|\d[-–/.:]))"
_SEPARATOR = r"\s*(?:-|–|—|~|to|and|or|through|until)\s*(?:-\s*)?"
QUANTITY = regex.compile(
    rf"{_START}(?P<lt>[<>≤≥]=?{GAP}|~{GAP}|≈{GAP})?{_amount('a')}"
    rf"(?:(?P<sep>{_SEPARATOR}){_amount('b')})?"
    r"(?![^\Wx×]|[x×]\w|/\d|[.,]\d|-\d\d|:\d)", regex.V0)
# Words between a number and its count noun ("3 porcelain veneers"), never a measure
# ("4.5 mm implants") nor a word that links a new phrase ("1000 or visit", below).
_NOT_BETWEEN = r"(?!(?:mm|cm|ml|mg|mcg|kg|g|inch|inches|cc|cells?|MSCs?)\s)"
# ... nor, before "cells", a word that links a new phrase ("2023 for a new cell line").
_NOT_LINKING = r"(?!(?:for|a|an|the|in|at|to|with|and|or|per|from|by|into|on|is|are|was|were)\s)"
UNIT = regex.compile(
    r"(?i:(?P<pct>\s*%|\s+(?:percent|per\s?cent)\b)"
    r"|\s*-?\s*(?:(?:business|working|calendar|consecutive|full|additional|extra)\s+)?"
    r"(?P<dur>hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
    r"|(?P<mult>\s*[x×](?![\w]))|\s+(?P<times>times|fold)\b|(?P<fold>-fold)\b"
    rf"|(?:\s+(?:{_NOT_BETWEEN}{_NOT_LINKING}[a-z\-]+\s+){{0,2}}?|-)"
    r"(?P<count>visits?|sessions?|injections?|grafts?|implants?|trips?|"
    r"infusions?|treatments?|procedures?|appointments?|nights?|teeth|crowns?|veneers?|cycles?|"
    r"follicles?|hairs)\b"
    rf"|(?P<cells>\s*(?:(?:{_NOT_LINKING}[a-z\-]+|\(\w+\))\s+){{0,3}}?(?:cells?|MSCs?|ADSCs?)\b))")
# Where a QUANTITY match can begin, as a superset: its first character opens a comparison
# sign, digits, a currency mark or a number word, and (see _START) follows no word
# character. Scanned with the standard `re` over the lower-cased text, which is several
# times faster than any `regex` pattern with case-insensitive alternatives.
_FIRST_WORDS = sorted({w.lower() for w in (*WORDS, *CURRENCY_SIGNS, *CURRENCY_CODES)},
                      key=len, reverse=True)
_CANDIDATES = re.compile(r"(?<![a-z0-9_])(?=[<>≤≥~≈$€£¥₩₺฿₹₱\d]|"
                         + "|".join(map(re.escape, _FIRST_WORDS)) + ")")
# Lower-casing maps whatever `(?i)` matches onto these words (and VAGUE's), save "ſ" (an
# "s" to `(?i)`); and it keeps offsets, save for "İ" (two characters in lower case).
_LONG_S = "ſ"
_VAGUE_WORDS = ("thousands", "millions", "billions")  # one is in every VAGUE match
VAGUE = regex.compile(
    r"\b(?:(?P<times>tens|hundreds|thousands)\s+of\s+)?(?P<base>thousands|millions|billions)\b",
    regex.I)
_QUALIFIER = regex.compile(
    r"(?:^|\W)(?P<q>approximately|approx\.?|about|around|roughly|nearly|almost|circa|ca\."
    r"|up to|as much as|as many as|as high as|no more than|at most|under|less than|fewer than|below"
    r"|within|over|more than|at least|above|in excess of|exceeds?|exceeding|upwards of"
    r"|starting at|starting from|starts? at|starts? from|as little as|as low as|from|between)"
    r"\s*$", regex.I)
# Matched at the end of a quantity (no `^`: with a start position `^` would never match).
_AFTER = regex.compile(r"\s*(?P<q>or more|or less|or fewer|and up|and above|plus(?=\s*(?:[.,;:)]|$)))\b",
                       regex.I)
# A number right after one of these names something (ISO 13485, 21 CFR 1271, Grade 4,
# Plan 3, Batch 123456, section 4.2, version 2.1); it is no quantity.
_IDENTIFIER = regex.compile(
    r"(?:\b(?i:ISO|IEC|CFR|ASTM|DIN|model|lot|batch|plan|package|room|suite|unit|apt|floor|"
    r"level|section|chapter|fig|figure|table|page|step|grade|class|stage|type|phase|version|"
    r"ver|tel|phone|fax|ext|part|article|series|item|option|norwood|zone|route|rev)\.?"
    r"|\b(?i:no|nr|pp?|art|sec|ch|ref)\.|[#№§])[^\S\n]*$")
# A number after these is a step of rounding or pricing, not a claim ("to the nearest $100").
_ROUNDING = regex.compile(r"\b(?:nearest|increments? of|multiples? of|steps? of)[^\S\n]*$", regex.I)
_DURATION = {"hour": "hour", "hr": "hour", "day": "day", "week": "week", "wk": "week",
             "month": "month", "mo": "month", "year": "year", "yr": "year"}
LOW_OPEN = {"up to", "as much as", "as many as", "as high as", "no more than", "at most", "under",
            "less than", "fewer than", "below", "<", "<=", "≤", "or less", "or fewer"}
HIGH_OPEN = {"from", "over", "more than", "at least", "above", "in excess of", "exceed", "exceeds",
             "exceeding", "upwards of", "starting at", "starting from", "start at", "starts at",
             "start from", "starts from", "as little as",
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
    lowered = text[start:end].lower()
    if len(lowered) != end - start or _LONG_S in lowered:
        lowered = None  # the scans below need the exact text
    for match in _quantity_matches(text, start, end, lowered):
        quantity = _read(text, match, dollar, end)
        if quantity is not None:
            yield quantity
    if lowered is None or any(word in lowered for word in _VAGUE_WORDS):
        for match in VAGUE.finditer(text, start, end):
            yield _vague(match)


def _quantity_matches(text: str, start: int, end: int, lowered: Optional[str]):
    """The matches of `QUANTITY.finditer(text, start, end)`, found faster: the long pattern
    is tried only where a match can begin, which a much cheaper scan of `lowered` (the
    text between start and end in lower case) finds."""
    if lowered is None:
        yield from QUANTITY.finditer(text, start, end)
        return
    resume = start  # like finditer, look for the next match only after the last one
    for candidate in _CANDIDATES.finditer(lowered):
        pos = start + candidate.start()
        if pos < resume:
            continue
        match = QUANTITY.match(text, pos, end)
        if match is not None:
            resume = match.end()
            yield match


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
    high = _value(match, "b")
    low = _shared_scale(match, _value(match, "a"), high)
    is_range = high is not None
    sep = (match.group("sep") or "").strip().lower()
    before = text[max(0, match.start() - 30):match.start()]
    qualifier = _QUALIFIER.search(before)
    q = qualifier.group("q").lower() if qualifier else ""
    if _ROUNDING.search(text, max(0, match.start() - 20), match.start()):
        return None
    if sep == "and" and q != "between":
        return None  # "3 and 4" outside "between ... and" is two numbers, not a range
    if sep == "or" and not is_range:
        return None
    kind, unit = _kind_and_unit(match, None, dollar)
    unit_match = None
    if kind is None:  # a currency or % on the number itself wins over any word after it
        unit_match = UNIT.match(text, match.end(), min(limit, match.end() + 60))
        if unit_match is not None:
            kind, unit = unit_kind(unit_match)
    if kind == "price":
        low, high = _thousands(match, "a", low), _thousands(match, "b", high)
    numa, numb = match.group("numa", "numb")
    digits_only = (numa is None or numa.isdigit()) and (numb is None or numb.isdigit())
    words_before_unit = bool(unit_match) and unit_match.end() - match.end() > 6
    unscaled = digits_only and not any(match.group("scalea", "scaleb", "expa", "expb", "supa", "supb"))
    if kind == "cell_count" and not _cells_plausible(text, match, unit_match, low, high, unscaled):
        kind, unit, unit_match = None, "", None  # not a cell count; maybe a year or a code
    if kind is None and (match.group("worda") or is_range and match.group("wordb")):
        return None  # a bare number word is never a claim
    if kind is None and is_range and sep not in ("-", "–", "—", "to") and q != "between":
        return None
    if unit == "year" and _AGE.match(text, unit_match.end()):
        return None  # an age ("52-year-old", "65 years of age") is not a duration
    if kind == "count" and unit != "x" and any(v is not None and not float(v).is_integer()
                                               for v in (low, high)):
        return None  # "4.5 mm implants": a count is a whole number
    if (kind is None or kind == "cell_count" and words_before_unit) \
            and not _has_currency(match) and _IDENTIFIER.search(text, max(0, match.start() - 25),
                                                               match.start()):
        return None
    qualifiers, low, high = _bounds(match, q, text, unit_match or match, low, high, is_range, kind)
    end = match.end()
    if unit_match and kind != "cell_count":
        end = unit_match.end()
    elif unit_match and unit_match.group("cells") and not words_before_unit:
        end = unit_match.end()
    plain = (kind is None and numa is not None and unscaled
             and not any(match.group("lt", "plusa", "plusb")))
    return Quantity(match.start(), end, kind, low, high, unit, qualifiers,
                    approximate=any(x in ("~", "≈", "about", "approximately", "approx", "around",
                                          "roughly", "circa") for x in qualifiers),
                    is_range=is_range, plain_integer=plain)


def _shared_scale(match, low, high):
    """`$5-8k`, `50-100 million`: a scale written once, after the range, applies to both ends."""
    if low is None or high is None or any(match.group("scalea", "wscalea", "expa", "supa")):
        return low
    scale, word, exp, sup = match.group("scaleb", "wscaleb", "expb", "supb")
    factor = scale_of(scale or word) * power_of(exp, sup)
    return low * factor if factor > 1 and low * factor <= high else low


_ONE_DOT_GROUP = regex.compile(r"\d{1,3}\.\d{3}")


def _thousands(match, tag: str, value):
    """`€3.500` is 3,500: a price has no third decimal, so one dot before three digits groups."""
    num = match.group(f"num{tag}")
    if value is None or not num or match.group(f"scale{tag}") or match.group(f"exp{tag}") \
            or match.group(f"sup{tag}") or not _ONE_DOT_GROUP.fullmatch(num):
        return value
    return float(num.replace(".", ""))


def _has_currency(match) -> bool:
    return any(match.group("cura", "curb", "sufa", "sufb"))


_AGE = regex.compile(r"[-\s]+old\b|\s+of\s+age\b", regex.I)
_SINGULAR_CELL = regex.compile(r"(?i)\bcell$")
_WORD_AFTER = regex.compile(r"[^\S\n]+[A-Za-z]")


def _cells_plausible(text: str, match, unit_match, low, high, unscaled: bool) -> bool:
    """A cell count is at least a thousand; and plain digits before "cell" used as an
    adjective are an address or a code (`700001 stem cell center`), not a count."""
    if max(v for v in (low, high) if v is not None) < 1000:
        return False
    if unit_match is None or not unscaled:
        return True
    return not (_SINGULAR_CELL.search(text, match.end(), unit_match.end())
                and _WORD_AFTER.match(text, unit_match.end()))


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
    return unit_kind(unit_match)


def unit_kind(unit_match) -> tuple[Optional[str], str]:
    """The kind and unit named by a UNIT match ("weeks" -> duration, week)."""
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


def _bounds(match, q: str, text: str, tail, low, high, is_range, kind=None):
    qualifiers = []
    symbol = (match.group("lt") or "").strip()
    if symbol:
        qualifiers.append(symbol)
    if q and q not in ("from", "between") or q == "from" and kind == "price" and not is_range:
        qualifiers.append(q)  # a single price "from $950" is a starting price
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
