"""Per-process shared resources for tasks: one polite fetcher per fetch configuration, and a pool
of worker processes for extraction.

Tasks take picklable arguments (a :class:`FetchConfig`, not a client), so the same flow runs on
Prefect's thread pool, on a Dask cluster (prefect-dask) or a work pool; inside one process every
task shares one fetcher, so per-host limits and robots.txt hold across the whole run.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor

from flows.fetch import FetchConfig, Fetcher

_lock = threading.Lock()
_fetchers: dict[FetchConfig, Fetcher] = {}
_pools: dict[int, ProcessPoolExecutor] = {}


def shared_fetcher(config: FetchConfig) -> Fetcher:
    with _lock:
        fetcher = _fetchers.get(config)
        if fetcher is None:
            fetcher = _fetchers[config] = Fetcher(config)
        return fetcher


def close_fetcher(config: FetchConfig) -> None:
    with _lock:
        fetcher = _fetchers.pop(config, None)
    if fetcher is not None:
        fetcher.close()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def extraction_pool(workers: int) -> Executor | None:
    """A process pool of ``workers`` (kept for the life of the process); None means extract inline."""
    if workers <= 1:
        return None
    with _lock:
        pool = _pools.get(workers)
        if pool is None:
            # forkserver: no fork of a process with live threads (Prefect's, httpx's), and cheap restarts.
            # The fork server loads the extractors and what they load on first use once (~1.6 s of
            # CPU: imports, trafilatura, the language-id model); every worker forked from it starts
            # with them instead of paying that itself.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["flows.preload"])
            pool = _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                                         initializer=_warm_up)
        return pool


def _warm_up() -> None:
    import flows.process  # noqa: F401  (imports the extractors once per worker)


@atexit.register
def _shutdown() -> None:
    for pool in _pools.values():
        pool.shutdown(wait=False, cancel_futures=True)
    for fetcher in _fetchers.values():
        fetcher.close()
