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

from .currencies import currency_table
from .number_words import FIRST_WORDS, SCALES, value_of
from .numbers import (CURRENCY_CODES, CURRENCY_PREFIX, CURRENCY_SUFFIX, DIGITS, FRACTION, GAP,
                      NUMBER_WORD, POWER, SCALE, SIGN_CHARS, SPACED_DIGITS, currency_of,
                      parse_digits, power_of, scale_of)


# A scale after a currency code: "75 USD million".
_SCALE_WORD = r"[^\S\n]+(?:thousand|million|billion|trillion)\b"
# "3 dollars 50 cents", "thirteen dollars and forty-five cents"
_CENTS = rf"\s+(?:and\s+)?(?:\d{{1,2}}|{NUMBER_WORD})\s+cents?\b"


def _amount(tag: str) -> str:
    # Space-grouped digits only right after a currency mark, or right before one.
    number = (rf"(?(cur{tag}){SPACED_DIGITS}|(?!))|{SPACED_DIGITS}(?={CURRENCY_SUFFIX})"
              rf"|{DIGITS}")
    return (rf"(?P<cur{tag}>{CURRENCY_PREFIX})?"
            rf"(?:(?P<num{tag}>{number})(?P<frac{tag}>{FRACTION})?{POWER.replace('(?P<exp>', f'(?P<exp{tag}>').replace('(?P<sup>', f'(?P<sup{tag}>')}?"
            rf"(?P<scale{tag}>{SCALE}|(?(cur{tag})m\b|(?!)))?"  # $1.2m: after a currency, m = million
            rf"|(?P<word{tag}>\b{NUMBER_WORD})\b)"
            rf"(?P<plus{tag}>{GAP}\+(?!\d))?"
            rf"(?P<suf{tag}>{CURRENCY_SUFFIX})?(?P<sscale{tag}>(?(suf{tag}){_SCALE_WORD}|(?!)))?"
            rf"(?P<cents{tag}>{_CENTS})?(?P<pct{tag}>{GAP}%)?")



_START = (rf"(?:(?<![\w{SIGN_CHARS}])(?=[{SIGN_CHARS}A-Z])"
          rf"|(?<![\w.,{SIGN_CHARS}/#+\-]|[A-Za-z]-|\d[-–/.:]))")
# Between the ends of a range: a dash or a word ("to", "through"), also across a few words
# ("$4,600 and can go up to $9,500", "from €2,900, up to €4,100", "$15,000 to over $30,000").
_SEPARATOR = (r"\s*(?:,?\s*(?:and\s+)?(?:(?:can|may|could|might|will)\s+(?:go|run|rise|reach|cost)\s+)?up\s+to"
              r"|to\s+(?:over|more\s+than|as\s+much\s+as)|-|–|—|~|to|and|or|through|until)\s*(?:-\s*)?")
# A unit joined to its number ("3h", "3.5years", "45min") does not end the number early.
_JOINED_UNIT = r"(?:h|hrs?|hours?|mins?|minutes?|days?|wks?|weeks?|mos?|months?|yrs?|years?)\b"
_END = rf"(?!(?!{_JOINED_UNIT})[^\Wx×]|[x×]\w|/\d|[.,]\d|-\d\d|:\d)"
_NEGATIVE = r"(?P<neg>(?i:minus|negative)[^\S\n]+|−)?"


def _quantity(ranges: bool) -> str:
    second = rf"(?:(?P<sep>{_SEPARATOR}){_amount('b')})?" if ranges else _amount("b").join(("(?:(?P<sep>(?!))", ")?"))
    return rf"{_START}{_NEGATIVE}(?P<lt>[<>≤≥]=?{GAP}|~{GAP}|≈{GAP})?{_amount('a')}{second}{_END}"


QUANTITY = regex.compile(_quantity(ranges=True), regex.V0)
SINGLE = regex.compile(_quantity(ranges=False), regex.V0)  # one amount, where a range is two
# Words between a number and its count noun ("3 porcelain veneers"), never a measure
# ("4.5 mm implants") nor a word that links a new phrase ("1000 or visit", below).
_NOT_BETWEEN = r"(?!(?:mm|cm|ml|mg|mcg|kg|g|inch|inches|cc|cells?|MSCs?)\s)"
# ... nor, before "cells", a word that links a new phrase ("2023 for a new cell line").
_NOT_LINKING = r"(?!(?:for|a|an|the|in|at|to|with|and|or|per|from|by|into|on|is|are|was|were)\s)"
UNIT = regex.compile(
    r"(?i:(?P<points>\s*(?:%|percentage|per\s?cent)[^\S\n]+points?\b)"
    r"|(?P<pct>\s*%|\s+(?:percent|per\s?cent)(?!age)\b)"
    r"|\s*-?\s*(?:(?:business|working|calendar|consecutive|full|additional|extra)\s+)?"
    r"(?P<dur>hours?|hrs?|h|minutes?|mins?|days?|weeks?|wks?|fortnights?|months?|mos?|years?"
    r"|yrs?|decades?)\b"
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
_FIRST_WORDS = sorted({w.lower() for w in (*FIRST_WORDS, *currency_table().symbols, *CURRENCY_CODES,
                                             "minus", "negative")}, key=len, reverse=True)
_CANDIDATE_PATTERN = (rf"(?<![a-z0-9_])(?=[<>≤≥~≈−{SIGN_CHARS}\d]|"
                      + "|".join(map(re.escape, _FIRST_WORDS)) + ")")
_CANDIDATES = re.compile(_CANDIDATE_PATTERN)
_CANDIDATES_ANY_CASE = re.compile(_CANDIDATE_PATTERN, re.I)
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
# A duration's unit as written -> (unit, factor): "two decades" is 20 years.
_DURATION = {"hour": ("hour", 1), "hr": ("hour", 1), "h": ("hour", 1), "minute": ("minute", 1),
             "min": ("minute", 1), "day": ("day", 1), "week": ("week", 1), "wk": ("week", 1),
             "fortnight": ("week", 2), "month": ("month", 1), "mo": ("month", 1),
             "year": ("year", 1), "yr": ("year", 1), "decade": ("year", 10)}
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
                    dollar: str = "USD", country: Optional[str] = None) -> Iterator[Quantity]:
    """The quantities of text[start:end]; a bare "$" is `dollar` unless the table's entry for
    the article's `country` says otherwise."""
    end = len(text) if end is None else end
    lowered = text[start:end].lower()
    if len(lowered) != end - start or _LONG_S in lowered:
        lowered = None  # the scans below need the exact text
    for match in _quantity_matches(text, start, end, lowered):
        quantity = _read(text, match, (country, dollar), end)
        if quantity is not None:
            yield quantity
    if lowered is None or any(word in lowered for word in _VAGUE_WORDS):
        for match in VAGUE.finditer(text, start, end):
            yield _vague(match)


def _quantity_matches(text: str, start: int, end: int, lowered: Optional[str]):
    """The matches of QUANTITY in text[start:end], found faster: the long pattern is tried
    only where a match can begin, which a much cheaper scan (of `lowered`, the text in lower
    case, when it keeps offsets) finds. Two amounts that are no range ("62% and 71%",
    "rose 8% to $4.2 million") are matched one by one."""
    if lowered is None:
        candidates = _CANDIDATES_ANY_CASE.finditer(text, start, end)
        offset = 0
    else:
        candidates, offset = _CANDIDATES.finditer(lowered), start
    resume = start  # like finditer, look for the next match only after the last one
    for candidate in candidates:
        pos = offset + candidate.start()
        if pos < resume:
            continue
        match = QUANTITY.match(text, pos, end)
        if match is not None and match.group("sep") is not None and _two_amounts(text, match):
            match = SINGLE.match(text, pos, end)
        if match is not None:
            resume = match.end()
            yield match


def _two_amounts(text: str, match) -> bool:
    """A list ("62% and 71%") or two kinds ("8% to $4.2 million"), not one range."""
    sep = match.group("sep").strip().lower()
    if sep == "and":
        qualifier = _QUALIFIER.search(text, max(0, match.start() - 30), match.start())
        if not qualifier or qualifier.group("q").lower() != "between":
            return True
    marks = [_mark(match, tag) for tag in "ab"]
    return None not in marks and marks[0] != marks[1]


def _mark(match, tag: str) -> Optional[str]:
    """What an amount's own sign says it is: "%", a currency mark, or None."""
    if match.group(f"pct{tag}"):
        return "%"
    marks = [m.strip().lower() for m in match.group(f"cur{tag}", f"suf{tag}") if m and m.strip()]
    return marks[0] if marks else None


def _value(match, tag: str) -> Optional[float]:
    num, word = match.group(f"num{tag}", f"word{tag}")
    if num is not None:
        value = parse_digits(num) + (value_of(match.group(f"frac{tag}")) if match.group(f"frac{tag}") else 0)
        value *= power_of(match.group(f"exp{tag}"), match.group(f"sup{tag}"))
        value *= scale_of(match.group(f"scale{tag}"))
    elif word is not None:
        value = value_of(word)
    else:
        return None
    value *= scale_of(match.group(f"sscale{tag}")) * _million_code(match.group(f"suf{tag}"))
    cents = match.group(f"cents{tag}")
    return value + _cents(cents) if cents else value


_MILLION_CODE = regex.compile(r"\s*M[A-Z]{3}")


def _million_code(suffix: Optional[str]) -> float:
    """"30 MUSD": an M joined to a currency code means millions."""
    return 1e6 if suffix and _MILLION_CODE.fullmatch(suffix) else 1.0


_CENT_AMOUNT = regex.compile(rf"\d{{1,2}}|{NUMBER_WORD}")


def _cents(text: str) -> float:
    amount = _CENT_AMOUNT.search(text.split(None, 1)[-1] if text.split()[0].lower() == "and" else text)
    number = amount.group()
    return (float(number) if number.isdigit() else value_of(number)) / 100


def _read(text: str, match, currency: tuple[Optional[str], str], limit: int) -> Optional[Quantity]:
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
    kind, unit = _kind_and_unit(match, None, currency)
    unit_match = None
    if kind == "percentage" and _POINTS.match(text, match.end()):
        unit = "percentage point"  # "2% points"
    if kind is None:  # a currency or % on the number itself wins over any word after it
        unit_match = UNIT.match(text, match.end(), min(limit, match.end() + 60))
        if unit_match is not None:
            kind, unit = unit_kind(unit_match)
            factor = unit_factor(unit_match)
            low, high = (v * factor if v is not None else None for v in (low, high))
    if kind == "price":
        low, high = _thousands(match, "a", low), _thousands(match, "b", high)
        if _is_weight(text, match):
            return None
    if match.group("neg"):
        if kind != "percentage":
            return None  # a negative price, count or duration is no claim of this kind
        low, high = (-v if v is not None else None for v in (low, high))
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
    if low is None or high is None or any(match.group("scalea", "expa", "supa")) \
            or _word_scale(match.group("worda")) > 1:
        return low
    scale, exp, sup = match.group("scaleb", "expb", "supb")
    factor = max(scale_of(scale), _word_scale(match.group("wordb"))) * power_of(exp, sup)
    return low * factor if factor > 1 and low * factor <= high else low


_ONE_DOT_GROUP = regex.compile(r"\d{1,3}\.\d{3}")


def _thousands(match, tag: str, value):
    """`€3.500` is 3,500: a price has no third decimal, so one dot before three digits groups."""
    num = match.group(f"num{tag}")
    if value is None or not num or match.group(f"scale{tag}") or match.group(f"exp{tag}") \
            or match.group(f"sup{tag}") or not _ONE_DOT_GROUP.fullmatch(num):
        return value
    return float(num.replace(".", ""))


_POINTS = regex.compile(r"[^\S\n]+points?\b", regex.I)
_POUNDS = regex.compile(r"\s+pounds?$", regex.I)
_WEIGHT_BEFORE = regex.compile(r"\b(?:weigh\w*|lost|lose|loses|losing|gain\w*|shed\w*|heavier|lighter"
                               r"|overweight|excess)\b[^.;\n]*$", regex.I)
_WEIGHT_AFTER = regex.compile(r"\s+(?:of\s+)?(?:weight|fat|body\s*weight|heavier|lighter|overweight)\b",
                              regex.I)


def _is_weight(text: str, match) -> bool:
    """"lost 40 pounds", "8 pounds of weight": pounds that weigh, not pay."""
    suffix = match.group("sufb") or match.group("sufa") or ""
    if not _POUNDS.search(suffix):
        return False
    return bool(_WEIGHT_BEFORE.search(text, max(0, match.start() - 50), match.start())
                or _WEIGHT_AFTER.match(text, match.end(), match.end() + 30))


def _word_scale(words: Optional[str]) -> float:
    """The scale a number in words ends with ("two million" -> 1e6), else 1."""
    last = words.split()[-1].lower() if words else ""
    return SCALES.get(last, 1.0)


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


def _kind_and_unit(match, unit_match, currency_context) -> tuple[Optional[str], str]:
    currency = None
    for tag in ("a", "b"):
        currency = currency or currency_of(match.group(f"cur{tag}"), match.group(f"suf{tag}"),
                                           *currency_context)
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
    if unit_match.group("points"):
        return "percentage", "percentage point"
    if unit_match.group("dur"):
        return "duration", _duration_unit(unit_match)[0]
    if unit_match.group("mult") or unit_match.group("times") or unit_match.group("fold"):
        return "count", "x"
    if unit_match.group("count"):
        noun = unit_match.group("count").lower()
        return "count", {"teeth": "tooth", "hairs": "hair"}.get(noun, noun.rstrip("s"))
    if unit_match.group("cells"):
        return "cell_count", "cells"
    return None, ""


def _duration_unit(unit_match) -> tuple[str, float]:
    word = unit_match.group("dur").lower()
    word = word[:-1] if word.endswith("s") and word not in ("hrs", "mos", "yrs") else word.rstrip("s")
    return _DURATION.get(word, (word, 1))


def unit_factor(unit_match) -> float:
    """What a value in the unit as written is multiplied by ("two decades" -> 20 years)."""
    return _duration_unit(unit_match)[1] if unit_match.group("dur") else 1.0


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
