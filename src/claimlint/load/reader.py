"""Bytes to text: encodings, binary files and size limits, each with a clear notice."""
from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass

from ..display import printable
from ..errors import InputError, InputSkipped

# Larger files are refused (exit 2, "raise it with --max-file-size"). Articles are tens of
# kilobytes; a 50 MB file would take minutes and gigabytes (README, "Exit codes").
DEFAULT_MAX_BYTES = 2_000_000
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class RawText:
    text: str
    notices: tuple[str, ...] = ()


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read a regular file as text, or raise InputError saying why it cannot be read.

    Never blocks: a named pipe, socket or device is refused before it is opened (and the
    open itself cannot block), and no more than `max_bytes` + 1 bytes are ever read."""
    if undecodable(path):
        # Reports, fingerprints and --fix all need the name as text.
        raise InputError("file name is not valid UTF-8; rename the file", printable(path))
    try:
        _check_kind(os.stat(path), path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as fh:
            info = os.fstat(fh.fileno())
            _check_kind(info, path)
            _check_size(info.st_size, max_bytes, path)
            data = fh.read(max_bytes + 1)
        _check_size(len(data), max_bytes, path)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except FileNotFoundError:
        broken = os.path.islink(path)
        raise InputError("broken symbolic link" if broken else "no such file or directory", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symbolic link loop (too many levels of symbolic links)", path) from None
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return decode(data, path)


def _check_kind(info: os.stat_result, path: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", path)
    for test, what in _KINDS:
        if test(info.st_mode):
            raise InputError(f"not a regular file ({what}); skipped without reading it", path)


def _check_size(size: int, max_bytes: int, path: str) -> None:
    if size > max_bytes:
        raise InputError(f"skipped: {_mb(size)} is over the {_mb(max_bytes)} limit "
                         "(raise it with --max-file-size)", path)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB".replace(".0 MB", " MB")


def undecodable(path: str) -> bool:
    """The name holds bytes that are not UTF-8 (os.fsdecode's lone surrogates)."""
    return any("\udc80" <= c <= "\udcff" for c in path)


def decode(data: bytes, path: str = "<stdin>") -> RawText:
    if not data:
        return RawText("", ("empty file: nothing to check",))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return RawText(_normalise(data.decode(encoding)))
            except UnicodeDecodeError:
                break
    wide = _utf16_without_bom(data)
    if wide:
        return RawText(_normalise(data.decode(wide[0])), (f"read as {wide[1]} (no byte-order mark)",))
    if b"\x00" in data[:8192]:
        raise InputSkipped("skipped: binary file", path)
    try:
        return RawText(_normalise(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        notice = (f"not valid UTF-8 (first bad byte at line {line}); "
                  "read as Windows-1252, check the characters there")
        return RawText(_normalise(data.decode("cp1252", errors="replace")), (notice,))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(codec, name) when `data` looks like UTF-16 text without a byte-order mark: mostly
    Latin text leaves a zero in every other byte, and the whole decodes without a NUL
    or an unpaired surrogate. Anything else with zeros stays binary."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4:
        return None
    for codec, name, zeros in (("utf-16-le", "UTF-16 LE", 1), ("utf-16-be", "UTF-16 BE", 0)):
        high = sample[zeros::2]
        if high.count(0) >= 0.9 * len(high) and sample[1 - zeros::2].count(0) == 0:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return (codec, name) if "\x00" not in text else None
    return None


def _normalise(text: str) -> str:
    # Positions are reported per line; CRLF and lone CR are folded to LF, offsets stay
    # consistent because every later step works on this text.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff")
