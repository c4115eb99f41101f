"""Suppression comments.

Markdown and HTML: `<!-- claimlint-disable CL101 -->` ... `<!-- claimlint-enable CL101 -->`
and `<!-- claimlint-disable-next-line CL101 -->`. Plain text: the same directive alone on
a line, e.g. `[claimlint-disable-next-line CL401]`. No codes means every rule.
"""
from __future__ import annotations

import regex

from ..model import Document, Suppression

_CODES = r"(?P<codes>(?:[ \t,]+[A-Z]{2,4}\d{3})*)"
_DIRECTIVE = rf"claimlint-(?P<verb>disable-next-line|disable|enable){_CODES}"
_IN_COMMENT = regex.compile(rf"<!--\s*{_DIRECTIVE}\s*-->")
_ON_LINE = regex.compile(rf"^[ \t]*(?:\[|#+|//)?[ \t]*{_DIRECTIVE}[ \t]*\]?[ \t]*$", regex.M)


def parse_suppressions(doc: Document, *, plaintext: bool) -> list[tuple[int, int]]:
    """Fill doc.suppressions; return the spans of plain-text directive lines (to blank)."""
    pattern = _ON_LINE if plaintext else _IN_COMMENT
    open_ranges: dict[str, tuple[int, int, int, int]] = {}
    spans = []
    last_line = doc.lines.line_count
    for match in pattern.finditer(doc.source):
        spans.append(match.span())
        line, col = doc.lines.position(match.start())
        _, end_col = doc.lines.position(match.end())
        codes = tuple(regex.findall(r"[A-Z]{2,4}\d{3}", match.group("codes")))
        verb, text = match.group("verb"), match.group()
        if verb == "disable-next-line":
            doc.suppressions.append(Suppression(codes, line + 1, line + 1, line, col, end_col, text))
        elif verb == "disable":
            for code in codes or ("*",):
                open_ranges[code] = (line, line, col, end_col, text)
        else:
            for code in codes or tuple(open_ranges):
                if code in open_ranges:
                    first, at, c0, c1, said = open_ranges.pop(code)
                    doc.suppressions.append(Suppression(_codes(code), first, line, at, c0, c1, said))
    for code, (first, at, c0, c1, said) in open_ranges.items():
        doc.suppressions.append(Suppression(_codes(code), first, last_line, at, c0, c1, said))
    return spans


def _codes(code: str) -> tuple[str, ...]:
    return () if code == "*" else (code,)
