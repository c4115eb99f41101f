"""The local engine: this process for one job, a process pool for more.

Workers never outlive the run: each asks the kernel for SIGKILL when its parent dies
(Linux), and also watches its parent, for other systems and for the moment before the
request; Ctrl-C is the parent's to handle, and an interrupted or failed run terminates
its workers instead of waiting for them."""
from __future__ import annotations

import ctypes
import itertools
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterable, Iterator

from ..index.analysis import Analysis, analyse

_settings = None  # each worker process loads the settings once
PR_SET_PDEATHSIG = 1
PARENT_CHECK_SECONDS = 1.0


def run_local(items: Iterable[tuple], settings, jobs: int = 1) -> Iterator[Analysis]:
    items = iter(items)
    if jobs <= 1:
        for path, raw, digest in items:
            yield analyse(path, raw, digest, settings)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(settings, os.getpid()))
    finished = False
    try:
        # a bounded number of articles in flight keeps memory flat on any archive size
        pending = {pool.submit(_analyse, *item) for item in itertools.islice(items, jobs * 8)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            pending |= {pool.submit(_analyse, *item) for item in itertools.islice(items, len(done))}
        finished = True
    finally:
        if not finished:  # interrupted (Ctrl-C, SIGTERM, an error): stop now, do not drain
            _terminate(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop running tasks; its worker processes are
    # terminated directly (shutdown then reaps them).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _init(settings, parent: int) -> None:
    global _settings
    _settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the pool on Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: just stop
    _die_with(parent)


def _die_with(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="claimlint-parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _analyse(path, raw, digest) -> Analysis:
    return analyse(path, raw, digest, _settings)
