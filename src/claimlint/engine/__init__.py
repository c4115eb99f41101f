"""Engines run `analyse` over many articles: in this process, on a local process pool,
or on a Dask cluster. All yield the same analyses; only where the work runs differs."""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from ..index.analysis import Analysis

Item = tuple  # (path, RawText, digest)

ENGINES = ("local", "dask")


def run(items: Iterable[Item], settings, *, engine: str = "local", jobs: int = 1,
        scheduler: Optional[str] = None) -> Iterator[Analysis]:
    if engine == "dask":
        from .dask import run_dask
        return run_dask(items, settings, jobs=jobs, scheduler=scheduler)
    from .local import run_local
    return run_local(items, settings, jobs=jobs)
