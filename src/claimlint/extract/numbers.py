"""Reading one amount: digits, number words, scale words, currency marks."""
from __future__ import annotations

from typing import Optional

import regex

from .currencies import currency_table, name_pattern, symbol_pattern
from .number_words import FRACTION_TAIL, PHRASE

SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6,
    "millions": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12,
    "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
_CURRENCIES = currency_table()
CURRENCY_CODES = _CURRENCIES.codes
SYMBOL = symbol_pattern()
CURRENCY_NAME = name_pattern()
SIGN_CHARS = "$€£¥₩₺฿₹₱₪₫₽₴₸₡₾"  # one-character currency signs

# Grouped thousands (1,200,000; 1.200.000; 12,00,000 in Indian style; 1 200 000 with a
# no-break or thin space), else plain digits. A leading zero (06035, 000) starts no number.
DIGITS = (r"(?!0\d)(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}"
          r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?")
# Thousands grouped with plain spaces (2 400 zł) are read only next to a currency mark.
SPACED_DIGITS = r"(?!0\d)\d{1,3}(?: \d{3})+(?![\d.,])"
NUMBER_WORD = PHRASE
GAP = r"[^\S\n]*"  # spaces, also the padding left where an HTML entity was decoded
SCALE = (rf"(?:{GAP}(?:[kK]|M|MM|mn|[Bb]n|B|Tn?)(?![\w])"
         rf"|{GAP}(?:thousand|million|billion|trillion|lakhs?|crores?)\b)")
POWER = r"(?:\s?[x×]\s?10\s?(?:\^|\*\*)\s?(?P<exp>\d{1,2})|\s?[x×]\s?10(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
FRACTION = rf"(?:{FRACTION_TAIL})"
CURRENCY_PREFIX = rf"(?:{SYMBOL}{GAP})"
# After the amount: a mark not followed by digits ("300 zł", "10$"), a code, a name;
# "30 MUSD" is a scale letter joined to a code.
CURRENCY_SUFFIX = (rf"(?:{GAP}M?(?:{'|'.join(CURRENCY_CODES)})\b|{GAP}{SYMBOL}(?!{GAP}\d)"
                   rf"|\s+{CURRENCY_NAME})")
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


def currency_of(prefix: Optional[str], suffix: Optional[str], country: Optional[str] = None,
                setting: str = "USD") -> Optional[str]:
    """The ISO code of the marks around an amount (the first that names one)."""
    for mark in (prefix, suffix):
        if mark and mark.strip():
            mark = mark.strip()
            if len(mark) == 4 and mark[0] == "M" and mark[1:] in CURRENCY_CODES:
                mark = mark[1:]  # "30 MUSD"
            code = _CURRENCIES.code_of(mark, country, setting)
            if code:
                return code
    return None


def power_of(exp: Optional[str], sup: Optional[str]) -> float:
    if exp:
        return 10.0 ** int(exp)
    if sup:
        return 10.0 ** int(sup.translate(_SUPERSCRIPT))
    return 1.0
