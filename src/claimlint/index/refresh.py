"""Bring the index up to date with the archive on disk, re-analysing only what changed.

A file is skipped when its size and modification time match the index; otherwise it is
read and hashed, and analysed again only when its text (or the cache key) changed.
Results are committed in small batches, so an interrupted run keeps what it finished.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..errors import InputError
from ..display import printable
from ..load.reader import DEFAULT_MAX_BYTES, read_text, undecodable
from .analysis import Analysis
from .cachekey import cache_key
from .store import Index

BATCH_SECONDS = 0.5
BATCH_SIZE = 200
MIN_PARALLEL = 24  # fewer changed articles than this are quicker to analyse in-process


@dataclass
class Refreshed:
    files: int = 0
    analysed: int = 0  # read again now (parsed and checked, or found unreadable)
    reused: int = 0  # served from the index: unchanged, or saved again with the same text
    removed: int = 0
    seconds: float = 0.0
    cache_key: str = ""
    paths: list[str] = field(default_factory=list)  # every article of the archive
    errors: list[str] = field(default_factory=list)  # the archive folder itself, unreadable entries


@dataclass
class Plan:
    engine: str = "local"
    jobs: int = 1
    scheduler: Optional[str] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    progress: bool = False


def refresh(index: Index, root: str, settings, plan: Plan, source_root: Optional[str] = None) -> Refreshed:
    """Index every article under `root`. `source_root` reads the files from another folder
    (a checkout of an older revision) while naming them as under `root`."""
    from .. import engine
    from ..linter import Run, _display, collect

    started = time.perf_counter()
    listing = Run()
    disk_root = source_root or root
    found = []
    for path in collect([disk_root], listing):
        if undecodable(path):  # the index and every report need the name as text
            listing.errors.append(f"{printable(_display(path))}: file name is not valid UTF-8; "
                                  "rename the file")
        else:
            found.append(path)
    if source_root is None:
        named = {_display(p): p for p in found}
    else:
        named = {_display(os.path.join(root, os.path.relpath(p, disk_root))): p for p in found}
    done = Refreshed(files=len(named), cache_key=cache_key(settings, _display(root)),
                     paths=sorted(named), errors=listing.errors)
    known = index.known()
    gone = set(known) - set(named)
    if gone:
        index.remove(gone)
        done.removed = len(gone)
    stale = [(path, disk) for path, disk in named.items() if _stale(known.get(path), disk, done.cache_key)]
    done.reused = done.files - len(stale)
    stats: dict[str, tuple[int, int]] = {}
    items = _read(stale, known, done, index, plan.max_bytes, stats)
    batch: list[tuple[Analysis, int, int]] = []
    last = time.perf_counter()
    if not stale:
        done.seconds = time.perf_counter() - started
        return done
    jobs = plan.jobs if plan.engine != "local" or len(stale) >= MIN_PARALLEL else 1
    results = engine.run(items, settings, engine=plan.engine, jobs=jobs, scheduler=plan.scheduler)
    for result in _progress(results, len(stale), plan.progress):
        batch.append((result, *stats.pop(result.path)))
        done.analysed += 1
        if len(batch) >= BATCH_SIZE or time.perf_counter() - last > BATCH_SECONDS:
            index.store(batch, done.cache_key)
            batch, last = [], time.perf_counter()
    index.store(batch, done.cache_key)
    done.seconds = time.perf_counter() - started
    return done


def _stale(known, disk: str, key: str) -> bool:
    if known is None or known.cache_key != key:
        return True
    try:
        st = os.stat(disk)
    except OSError:
        return True
    return (st.st_size, st.st_mtime_ns) != (known.size, known.mtime_ns)


def _read(stale, known, done: Refreshed, index: Index, max_bytes: int, stats) -> Iterator[tuple]:
    """(path, text, digest) of each changed file; unreadable files become stored errors.
    Counts in `done` what never reaches the engine (unreadable, or the same text)."""
    from ..load.reader import RawText

    key = done.cache_key
    for path, disk in stale:
        try:
            st = os.stat(disk)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = 0, 0
        try:
            raw = read_text(disk, max_bytes)
        except InputError as exc:
            failed = Analysis(path, "", error=f"{path}: {exc.message}")
            if "skipped: binary" in exc.message:
                failed.error, failed.notices = None, [failed.error]
            index.store([(failed, size, mtime)], key)
            done.analysed += 1
            continue
        digest = hashlib.sha256(raw.text.encode("utf-8", "surrogatepass")).hexdigest()
        before = known.get(path)
        if before is not None and before.digest == digest and before.cache_key == key:
            index.touch(path, size, mtime)  # saved again, same text
            done.reused += 1
            continue
        stats[path] = (size, mtime)
        yield path, RawText(raw.text, raw.notices), digest


def _progress(results, total: int, show: bool):
    if not show or total < 2:
        return results
    from tqdm import tqdm  # a progress bar only on a terminal, never in CI or a pipe
    return tqdm(results, total=total, unit="article", file=sys.stderr, leave=False,
                dynamic_ncols=True)


def wants_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
