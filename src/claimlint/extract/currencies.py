"""The currency table (`lint_rules/currencies.yaml`): marks and names of each ISO code,
and the one place where an ambiguous mark ("$", "pesos", "¥") becomes a code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..packs import builtin
from ..yamlio import load_yaml

SETTING = "setting"  # an ambiguous mark whose default is the `currency:` setting


@dataclass(frozen=True)
class Ambiguity:
    """A mark or name that means different currencies in different countries."""

    default: str  # an ISO code, or SETTING
    countries: dict[str, str] = field(default_factory=dict)  # country id -> ISO code


@dataclass(frozen=True)
class CurrencyTable:
    codes: tuple[str, ...]
    symbols: dict[str, str]  # mark as written (case kept) -> ISO code
    names: dict[str, str]  # lower-case name -> ISO code
    ambiguous: dict[str, Ambiguity]  # lower-case mark or name -> its resolution

    def code_of(self, mark: str, country: Optional[str], setting: str) -> Optional[str]:
        """The ISO code a written mark stands for in an article about `country`."""
        mark = " ".join(mark.split())
        low = mark.lower()
        if low in self.ambiguous:
            choice = self.ambiguous[low]
            code = choice.countries.get(country or "", choice.default)
            return setting if code == SETTING else code
        if mark in self.symbols:
            return self.symbols[mark]
        return self.names.get(low) or self._symbol_ignoring_case(low)

    def _symbol_ignoring_case(self, low: str) -> Optional[str]:
        return next((code for mark, code in self.symbols.items()
                     if mark.lower() == low and not exact_case(mark)), None)


def exact_case(mark: str) -> bool:
    """Letter-only marks (codes, "TL", "Rs", "SFr.") match as written; "c$" or "zł" need not."""
    letters = mark.replace(".", "").replace(" ", "")
    return letters.isascii() and letters.isalpha() and len(letters) <= 4


@lru_cache(maxsize=1)
def currency_table() -> CurrencyTable:
    path = builtin("currencies.yaml")
    data = load_yaml(path)
    symbols, names = {}, {}
    for code, spec in data["currencies"].items():
        symbols[code] = code
        for mark in spec.get("symbols", []):
            symbols[mark] = code
        for name in spec.get("names", []):
            names[name.lower()] = code
    ambiguous = {mark.lower(): Ambiguity(spec["default"], dict(spec.get("countries") or {}))
                 for mark, spec in data["ambiguous"].items()}
    return CurrencyTable(tuple(data["currencies"]), symbols, names, ambiguous)


def _alternation(words) -> str:
    return "|".join(regex.escape(w).replace("\\ ", "[^\\S\\n]?")
                    for w in sorted(set(words), key=len, reverse=True))


def symbol_pattern() -> str:
    """Any currency mark of the table (bare "$" and "¥" included)."""
    table = currency_table()
    exact = [m for m in table.symbols if exact_case(m)]
    loose = [m for m in table.symbols if not exact_case(m)]
    loose += [m for m in table.ambiguous if not m.isalpha()]
    return rf"(?:(?i:{_alternation(loose)})|(?:{_alternation(exact)})(?![A-Za-z]))"


def name_pattern() -> str:
    """Any currency name of the table ("Swiss francs", "pesos"), as a whole word."""
    table = currency_table()
    words = list(table.names) + [m for m in table.ambiguous if m.isalpha()]
    return rf"(?i:{_alternation(words)})\b"


def article_country(doc, vocab) -> Optional[str]:
    """The country an article is about: its `country` metadata, else its title."""
    field_ = doc.meta("country")
    for text in (field_.value if field_ else "", doc.title):
        country = next((t.value for t in vocab.find_terms(text) if t.field == "country"), None) \
            if text else None
        if country:
            return country
    return None
