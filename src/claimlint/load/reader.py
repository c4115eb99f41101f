"""Bytes to text: encodings, binary files and size limits, each with a clear notice."""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from ..errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class RawText:
    text: str
    notices: tuple[str, ...] = ()


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read a file as text, or raise InputError saying why it cannot be read."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"skipped: {size / 1e6:.0f} MB is over the {max_bytes / 1e6:.0f} MB "
                             "limit (raise it with --max-file-size)", path)
        with open(path, "rb") as fh:
            data = fh.read()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except FileNotFoundError:
        raise InputError("no such file or directory", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return decode(data, path)


def decode(data: bytes, path: str = "<stdin>") -> RawText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return RawText(_normalise(data.decode(encoding)))
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        raise InputError("skipped: binary file", path)
    try:
        return RawText(_normalise(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        notice = (f"not valid UTF-8 (first bad byte at line {line}); "
                  "read as Windows-1252, check the characters there")
        return RawText(_normalise(data.decode("cp1252", errors="replace")), (notice,))


def _normalise(text: str) -> str:
    # Positions are reported per line; CRLF and lone CR are folded to LF, offsets stay
    # consistent because every later step works on this text.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff")
