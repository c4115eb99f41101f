"""Reading one amount: digits, number words, scale words, currency marks."""
from __future__ import annotations

from typing import Optional

import regex

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a thousand": 1000, "single": 1, "a single": 1,
    "twice": 2, "double": 2, "a pair of": 2,
}
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6,
    "millions": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
CURRENCY_SIGNS = {
    "us$": "USD", "usd$": "USD", "u.s.$": "USD", "c$": "CAD", "ca$": "CAD", "cad$": "CAD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "s$": "SGD", "hk$": "HKD", "mx$": "MXN",
    "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₺": "TRY", "฿": "THB",
    "₹": "INR", "₱": "PHP", "zł": "PLN", "kč": "CZK", "rs.": "INR", "rs": "INR",
}
CURRENCY_CODES = (
    "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "MXN", "THB", "TRY", "KRW", "CHF",
    "INR", "SGD", "HUF", "CZK", "PLN", "CRC", "COP", "BRL", "HKD", "CNY", "RMB", "AED",
    "MYR", "PHP", "IDR", "ZAR", "SEK", "NOK", "DKK", "ILS", "RUB", "UAH", "VND", "PAB",
)
CURRENCY_WORDS = {
    "dollars": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pounds sterling": "GBP", "yen": "JPY", "won": "KRW", "baht": "THB", "lira": "TRY",
    "pesos": "MXN", "forints": "HUF", "forint": "HUF", "rupees": "INR",
}

# Grouped thousands (1,200,000; 1.200.000; 12,00,000 in Indian style; 1 200 000 with a
# no-break or thin space), else plain digits. A leading zero (06035, 000) starts no number.
DIGITS = (r"(?!0\d)(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}"
          r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?")
# Thousands grouped with plain spaces (2 400 zł) are read only next to a currency mark.
SPACED_DIGITS = r"(?!0\d)\d{1,3}(?: \d{3})+(?![\d.,])"
# Words that are adjectives as often as numbers ("Single implant", "Double room") count
# only in lower case; the others also at the start of a sentence ("Three sessions").
_ADJECTIVES = {"single", "a single", "double", "twice", "a pair of", "a couple of"}
_WORD_ALT = "|".join(sorted((regex.escape(w) for w in WORDS if w not in _ADJECTIVES),
                            key=len, reverse=True))
_ADJECTIVE_ALT = "|".join(sorted((regex.escape(w).replace("a\\ ", "[Aa]\\ ", 1) if w.startswith("a ")
                                   else regex.escape(w) for w in _ADJECTIVES), key=len, reverse=True))
NUMBER_WORD = rf"(?:(?i:{_WORD_ALT})|{_ADJECTIVE_ALT})"
GAP = r"[^\S\n]*"  # spaces, also the padding left where an HTML entity was decoded
SCALE = (rf"(?:{GAP}(?:[kK]|M|MM|mn|[Bb]n|B)(?![\w])"
         rf"|{GAP}(?:thousand|million|billion|trillion|lakh|crore)\b)")
POWER = r"(?:\s?[x×]\s?10\s?(?:\^|\*\*)\s?(?P<exp>\d{1,2})|\s?[x×]\s?10(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
_SIGN_ALT = "|".join(sorted((regex.escape(s) for s in CURRENCY_SIGNS), key=len, reverse=True))
CURRENCY_PREFIX = rf"(?:(?:(?i:{_SIGN_ALT})|\$){GAP}|(?:{'|'.join(CURRENCY_CODES)}){GAP})"
CURRENCY_SUFFIX = (rf"(?:{GAP}(?:{'|'.join(CURRENCY_CODES)})\b|{GAP}(?i:zł|kč)(?!\w)"
                   rf"|{GAP}[€£¥₩₺฿₹](?!{GAP}\d)|\s+(?:"
                   + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True)) + r")\b)")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


_SPACES = regex.compile(r"[ \u00a0\u202f\u2009]")
_DOT_GROUPS = regex.compile(r"\d{1,3}(?:\.\d{3}){2,}")


def parse_digits(text: str) -> float:
    if text.isdigit():
        return float(text)
    text = _SPACES.sub("", text)
    if text.count(".") > 1 and _DOT_GROUPS.fullmatch(text):  # 1.200.000 (European grouping)
        return float(text.replace(".", ""))
    return float(text.replace(",", ""))


def scale_of(text: Optional[str]) -> float:
    if not text:
        return 1.0
    return SCALES.get(text.strip().lower(), 1.0)


def currency_of(prefix: Optional[str], suffix: Optional[str], dollar: str = "USD") -> Optional[str]:
    for mark in (prefix, suffix):
        if not mark:
            continue
        mark = mark.strip()
        low = mark.lower()
        if low == "$":
            return dollar
        if low in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[low]
        if mark.upper() in CURRENCY_CODES:
            return "CNY" if mark.upper() == "RMB" else mark.upper()
        if low in CURRENCY_WORDS:
            return CURRENCY_WORDS[low]
    return None


def power_of(exp: Optional[str], sup: Optional[str]) -> float:
    if exp:
        return 10.0 ** int(exp)
    if sup:
        return 10.0 ** int(sup.translate(_SUPERSCRIPT))
    return 1.0
