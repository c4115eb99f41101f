"""The text numbers are read from: the article's text, character for character, with the
forms that hide a number made plain, so every offset still points at the source.

- Full-width forms ("＄７，０００") become their ASCII letters, digits and signs; the
  ideographic space a space.
- The Arabic thousands and decimal separators (U+066C, U+066B) become "," and ".".
- Format characters inside a number (a zero-width joiner or space, a soft hyphen:
  "$7,<ZWJ>000") become spaces at the number's front, so it reads $7,000 and never $7;
  `widen` gives a quantity found there its full source span back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FORMAT = ("\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff")
_PLAIN = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: ord(" "),
          0xFFE0: ord("¢"), 0xFFE1: ord("£"), 0xFFE5: ord("¥"), 0xFFE6: ord("₩"),
          0x066C: ord(","), 0x066B: ord(".")}
_NEEDS_WORK = re.compile(rf"[\uff01-\uff5e\u3000\uffe0-\uffe6\u066b\u066c{_FORMAT}]")
_FORMAT_IN_NUMBER = re.compile(rf"(?<=[\d.,])[{_FORMAT}]+(?=[\d.,])")
_NUMBER_CHAR = re.compile(rf"[\d.,{_FORMAT}$€£¥₩₹]")


@dataclass(frozen=True)
class ReadingText:
    text: str
    moved: frozenset[int] = frozenset()  # offsets of the spaces that stand for moved format characters

    def widen(self, start: int) -> int:
        """A quantity's start, moved back over the format characters moved before it."""
        while start - 1 in self.moved:
            start -= 1
        return start


def reading_text(text: str) -> ReadingText:
    if not _NEEDS_WORK.search(text):
        return ReadingText(text)
    chars = list(text.translate(_PLAIN))
    moved: set[int] = set()
    for hit in _FORMAT_IN_NUMBER.finditer("".join(chars)):
        start, end = _number_bounds(chars, hit.start(), hit.end())
        token = chars[start:end]
        hidden = [c for c in token if _is_format(c)]
        # as spaces: a joiner before the number would be a word character to `regex`
        chars[start:end] = [" "] * len(hidden) + [c for c in token if not _is_format(c)]
        moved.update(range(start, start + len(hidden)))
    return ReadingText("".join(chars), frozenset(moved))


def _is_format(char: str) -> bool:
    return re.match(f"[{_FORMAT}]", char) is not None


def _number_bounds(chars: list[str], start: int, end: int) -> tuple[int, int]:
    while start > 0 and _NUMBER_CHAR.match(chars[start - 1]):
        start -= 1
    while end < len(chars) and _NUMBER_CHAR.match(chars[end]):
        end += 1
    return start, end
