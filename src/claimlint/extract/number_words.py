"""The one grammar of numbers written in words: "twenty-one", "two hundred and fifty",
"one and a half million", "a quarter million", "half a dozen", "a couple of".

As in text2num-style grammars, a phrase is read left to right: a unit or a tens word adds to
the current group, "hundred" and "dozen" multiply the group, a scale word (thousand,
million, lakh...) moves the group times the scale into the total, "and a half" adds a
fraction to the group. `PHRASE` is the regular expression of such a phrase; `value_of`
reads one. "and" joins words only after a multiplier ("two hundred and fifty"), so "3 and
5" stays two numbers.
"""
from __future__ import annotations

import regex

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
MULTIPLIERS = {"hundred": 100, "dozen": 12}  # multiply the current group
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
          "crore": 1e7}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
# Words that mean a number only as a whole phrase, each in lower case.
IDIOMS = {"a couple of": 2, "a pair of": 2, "a single": 1, "single": 1, "double": 2, "twice": 2}
# Of these, adjectives as often as numbers ("Single implant", "Double room") count only in
# lower case; "A couple of" may open a sentence.
ADJECTIVES = ("single", "a single", "double", "twice", "a pair of", "a couple of")


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONE_TO_NINE = _alt(w for w, v in UNITS.items() if 1 <= v <= 9)
_BELOW_100 = rf"(?:(?:{_alt(TENS)})(?:[-\s](?:{_ONE_TO_NINE})\b)?|(?:{_alt(UNITS)}))"
_MULTIPLIER = rf"(?:{_alt([*MULTIPLIERS, *SCALES])})"
_GROUP_TAIL = rf"\s+{_MULTIPLIER}(?:\s+(?:and\s+)?{_BELOW_100})?"
# "and a half", "and three quarters", after a number in words or digits.
FRACTION_TAIL = r"\s+and\s+(?:a|one)\s+(?:half|quarter)|\s+and\s+three\s+quarters"
_HEAD = (rf"(?:{_BELOW_100}(?:{_GROUP_TAIL})*|an?(?:{_GROUP_TAIL})+)"
         rf"(?:(?:{FRACTION_TAIL})(?:\s+(?:{_alt(SCALES)}))?)?")
# "half a million", "a quarter million", "three quarters of a million", "half a dozen".
_LEADING_FRACTION = (r"(?:half|(?:a|one|three)\s+quarters?)(?:\s+of)?(?:\s+an?)?"
                     rf"\s+{_MULTIPLIER}")
_ADJECTIVE = _alt(regex.escape(w).replace("a\\ ", "[Aa]\\ ", 1) for w in ADJECTIVES)
PHRASE = rf"(?:(?i:{_LEADING_FRACTION}|{_HEAD})|{_ADJECTIVE})"
# Lower-case words a phrase can start with, for a quick scan for candidates.
FIRST_WORDS = tuple(sorted({*UNITS, *TENS, "half", "three quarters", "one quarter", "a quarter",
                            *(f"a {w}" for w in (*MULTIPLIERS, *SCALES)), *IDIOMS}))

_WORD = regex.compile(r"[a-z]+")


def value_of(phrase: str) -> float:
    """The value of a phrase matched by PHRASE ("two hundred and fifty thousand" -> 250000)."""
    low = " ".join(phrase.lower().split())
    if low in IDIOMS:
        return float(IDIOMS[low])
    total, group, fraction = 0.0, 0.0, 1.0
    words = _WORD.findall(low)
    for i, word in enumerate(words):
        if word in FRACTIONS:
            fraction, group = _fraction(words, i, group, fraction)
        elif word in UNITS or word in TENS:
            group += UNITS.get(word, TENS.get(word, 0))
        elif word in MULTIPLIERS:
            group = (group or 1) * MULTIPLIERS[word] * fraction
            fraction = 1.0
        elif word in SCALES:
            total += (group or 1) * SCALES[word] * fraction
            group, fraction = 0.0, 1.0
    return total + group * fraction


def _fraction(words: list[str], i: int, group: float, fraction: float) -> tuple[float, float]:
    """A fraction word: a tail ("two and a half") adds to the group; a head ("half a
    million", "three quarters of a million") scales what follows."""
    part = FRACTIONS[words[i]]
    if i and words[i - 1] == "three":  # "three quarters": "three" was read as a unit
        part, group = part * 3, group - 3
    if i >= 2 and words[i - 2] == "and":  # "two and a half", "two and three quarters"
        return fraction, group + part
    return part, group
