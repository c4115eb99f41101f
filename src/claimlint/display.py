"""Text made safe to show on a terminal or in a CI log.

File names and article text are untrusted: a name holding a newline starts a line of its
own on stderr (which a CI runner may read as a workflow command such as `::error ...`),
and an escape sequence in an article drives the reader's terminal. Everything claimlint
prints that it did not write itself goes through `printable`.
"""
from __future__ import annotations

import re

# C0 and C1 controls (tab excepted: it cannot start a line or a sequence), DEL, line and
# paragraph separators, bidirectional marks, embeddings, overrides and isolates (they
# reorder what is shown: "Trojan Source"), a stray BOM, and lone surrogates (the bytes of
# a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_UNSAFE_IN_LINES = re.compile(_UNSAFE.pattern.replace("\x0a-\x1f", "\x0b\x0c\x0e-\x1f"))
_NAMED = {"\n": "\\n", "\r": "\\r"}
EXCERPT_CHARS = 40


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, lines: bool = False) -> str:
    """`text` on one line, every control, bidi or undecodable character as a visible escape.
    `lines`: keep line breaks, for a format that escapes them itself (GitHub's `%0A`)."""
    return (_UNSAFE_IN_LINES if lines else _UNSAFE).sub(_escape, text)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A value quoted for a message: printable, and cut to `limit` characters."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return "'" + printable(cut) + "'"


MESSAGE_CHARS = 1000  # a message longer than this quotes something it should not


def tell(message: str) -> None:
    """One line on stderr, `claimlint: message`, made printable."""
    import click

    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + "…"
    click.echo("claimlint: " + printable(message), err=True)


def warn(message: str) -> None:
    tell(f"warning: {message}")


def error(message: str) -> None:
    tell(f"error: {message}")
