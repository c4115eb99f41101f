"""The local engine: this process for one job, a process pool for more."""
from __future__ import annotations

import itertools
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterable, Iterator

from ..index.analysis import Analysis, analyse

_settings = None  # each worker process loads the settings once


def run_local(items: Iterable[tuple], settings, jobs: int = 1) -> Iterator[Analysis]:
    items = iter(items)
    if jobs <= 1:
        for path, raw, digest in items:
            yield analyse(path, raw, digest, settings)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(settings,)) as pool:
        # a bounded number of articles in flight keeps memory flat on any archive size
        pending = {pool.submit(_analyse, *item) for item in itertools.islice(items, jobs * 8)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            pending |= {pool.submit(_analyse, *item) for item in itertools.islice(items, len(done))}


def _init(settings) -> None:
    global _settings
    _settings = settings


def _analyse(path, raw, digest) -> Analysis:
    return analyse(path, raw, digest, _settings)
