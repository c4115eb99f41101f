"""Exclusion zones: stretches of text whose digits are never a claim.

URLs (percent-encodings such as "%20" are no percentages), e-mail addresses, file names,
inline code, and citation markers ("[12]", "[3-5]", "[^2]"). Scripts and styles are blanked
by the HTML loader and fenced code by the Markdown loader; phone numbers, standards and
other identifiers are refused where a number is read (see `quantities`).
"""
from __future__ import annotations

import bisect

import regex

_ZONE = regex.compile(
    r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|example|co\.uk)/[^\s<>\"')\]]*"
    r"|[\w%+-]+\.(?i:pdf|docx?|xlsx?|csv|jpe?g|png|gif|webp|svg|mp4|mov|zip|html?|php|aspx?|json|xml)\b"
    r"|`[^`\n]+`"
    r"|\[\^?\d+(?:\s*[,–-]\s*\d+)*\]")
_HINT = regex.compile(r"://|www\.|@|\.[a-zA-Z]{2,4}\b|`|\[\^?\d")


class Zones:
    """The exclusion zones of one text, asked whether a span touches one."""

    def __init__(self, text: str, start: int, end: int):
        spans = [m.span() for m in _ZONE.finditer(text, start, end)] \
            if _HINT.search(text, start, end) else []
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def touches(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start
