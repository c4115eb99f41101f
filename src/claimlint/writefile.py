"""Writing files: reports (a new file or a replaced one) and fixed articles (rewritten in
a way that keeps what protects them)."""
from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """A temporary file in the same folder, fsync, then rename over the target."""
    _replace(path, text.encode("utf-8"), os.stat(path) if os.path.exists(path) else None, False)


def _replace(path: str, data: bytes, old: os.stat_result | None, keep_owner: bool) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".claimlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if old is not None:
                os.fchmod(fh.fileno(), old.st_mode & 0o7777)
                if keep_owner and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                    os.fchown(fh.fileno(), old.st_uid, old.st_gid)
            else:  # mkstemp makes the file private; a new report gets the usual mode
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fh.fileno(), 0o666 & ~umask)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def rewrite(path: str, data: bytes) -> None:
    """Give an existing regular file new content, keeping its mode, owner and hard links.

    With one link, a new file with the same mode and owner is renamed over it (atomic). A
    file with other names (hard links), or one whose owner this user cannot give to a new
    file, keeps its inode: the new content is first written to a temporary copy beside it
    and read back, then written in place; the copy is removed once the file holds it (if
    the run dies in between, the copy holds the new content)."""
    old = os.stat(path, follow_symlinks=False)
    if old.st_nlink == 1:
        try:
            _replace(path, data, old, True)
            return
        except PermissionError:  # fchown to another owner needs privileges: write in place
            pass
    _write_in_place(path, data)


def _write_in_place(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, copy = tempfile.mkstemp(prefix=".claimlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w+b") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            fh.seek(0)
            if fh.read() != data:
                raise OSError(f"the temporary copy {copy} does not read back as written")
        target = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except BaseException:
        os.unlink(copy)
        raise
    with os.fdopen(target, "wb") as fh:  # from here on, the copy is the way back
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())
    os.unlink(copy)
