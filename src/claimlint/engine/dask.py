"""The Dask engine: the per-article work runs on a Dask cluster.

`--scheduler tcp://host:8786` uses an existing cluster; without it a local cluster of
`--jobs` worker processes is started for the run. Workers need claimlint installed, not
the archive: the article texts and the settings travel with the tasks, and the results
come back to this process, which alone writes the index.
"""
from __future__ import annotations

import itertools
from typing import Iterable, Iterator, Optional

from ..errors import ConfigError
from ..index.analysis import Analysis, analyse


def run_dask(items: Iterable[tuple], settings, jobs: int = 1,
             scheduler: Optional[str] = None) -> Iterator[Analysis]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError("the dask engine needs Dask: pip install 'claimlint[dask]'") from None
    cluster = None
    if scheduler:
        client = _connect(Client, scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        shared = client.scatter(settings, broadcast=True)
        items = iter(items)
        window = max(1, jobs) * 16
        futures = as_completed([client.submit(analyse, *item, shared, pure=False)
                                for item in itertools.islice(items, window)])
        for future in futures:
            yield future.result()
            for item in itertools.islice(items, 1):
                futures.add(client.submit(analyse, *item, shared, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(Client, address: str):
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
