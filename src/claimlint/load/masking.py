"""Blanking markup while keeping every offset: the masked text has the source's length."""
from __future__ import annotations

import html

import regex

_ENTITY = regex.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NOT_NEWLINE = regex.compile(r"[^\n]")


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace chars[start:end] by spaces, keeping newlines so lines stay where they are."""
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def blank_text(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def decode_entities(chars: list[str], source: str, start: int = 0, end: int | None = None) -> None:
    """`&ndash;` -> `–` padded with spaces, so positions still point at the entity."""
    for match in _ENTITY.finditer(source, start, len(source) if end is None else end):
        decoded = html.unescape(match.group())
        if decoded == match.group() or len(decoded) != 1:
            continue
        s = match.start()
        chars[s] = " " if decoded == "\xa0" else decoded
        blank(chars, s + 1, match.end())
