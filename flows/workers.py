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
import weakref
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from extractors.topic import Topic
from flows.fetch import FetchConfig, Fetcher
from flows.process import PageJob, extract_many, extract_one
from warehouse.records import Page

_lock = threading.Lock()
_fetchers: dict[FetchConfig, Fetcher] = {}
_pools: dict[int, ProcessPoolExecutor] = {}

PAGE_TIME_LIMIT_S = 60.0  # wall time a worker gives one page (most take ~20 ms; the slowest of 258 real pages 0.2 s)
CHUNK_PAGES = 8  # pages per message to a worker process (a message costs ~0.5 ms of the flow's CPU)
DIED = "extract failed: the extraction process died on this page"


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


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: no fork of a process with live threads (Prefect's, the fetcher's), and cheap restarts.
    # The fork server loads the extractors and what they load on first use once (~1.6 s of CPU:
    # imports, trafilatura, the language-id model); every worker forked from it starts with them
    # instead of paying that itself.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["flows.preload"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up,
                               initargs=(PAGE_TIME_LIMIT_S,))


def extraction_pool(workers: int) -> Executor | None:
    """A process pool of ``workers`` (kept for the life of the process); None means extract inline."""
    if workers <= 1:
        return None
    with _lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = _pools[workers] = _new_pool(workers)
        return pool


_started: weakref.WeakSet = weakref.WeakSet()  # pools start_workers has started


def start_workers(workers: int) -> None:
    """Start the extraction pool's processes now, without waiting for them: the fork server's
    loading (~1.6 s of CPU) and the forks then overlap whatever comes before the first pages
    (Prefect's start, the feed polls) instead of delaying them. Idempotent."""
    pool = extraction_pool(workers)
    if pool is not None and pool not in _started:
        _started.add(pool)
        for _ in range(workers):  # a process is started per submission while none is idle
            pool.submit(_ready)


def _ready() -> None:
    """A task that does nothing: submitted to start a worker process."""


def _forget_pool(workers: int, pool: Executor) -> None:
    """Stop using a broken pool: the next :func:`extraction_pool` call starts a new one."""
    with _lock:
        if _pools.get(workers) is pool:
            del _pools[workers]
    pool.shutdown(wait=False, cancel_futures=True)


def extract_pages(pages: dict[PageJob, Page], topic: Topic, workers: int) -> dict[PageJob, tuple]:
    """``{job: (record, error)}`` for ``{job: page}``: in the extraction pool, CHUNK_PAGES pages
    a message, or inline when ``workers`` <= 1. (A lone page goes to the pool too: the pool is
    started when the run starts, and inline it would load the extractors into the flow process,
    outside the time limit and the crash isolation below.)

    A page that kills its worker process (a crash inside a C library, the kernel's OOM killer)
    breaks the whole pool. The pool is then replaced, and the pages it had not returned are
    extracted again one at a time, each in a process of its own: only a page that kills its
    process again fails (with DIED as its error), and the run goes on. A chunk that fails in any
    other way (a result that cannot be sent back) is retried the same way, page by page."""
    if workers <= 1 or not pages:
        return {job: extract_one(page, job, topic) for job, page in pages.items()}
    pool = extraction_pool(workers)
    items = list(pages.items())
    chunks = [items[i:i + CHUNK_PAGES] for i in range(0, len(items), CHUNK_PAGES)]
    futures = []
    for chunk in chunks:
        try:
            futures.append(pool.submit(extract_many, [p for _, p in chunk], [j for j, _ in chunk], topic))
        except BrokenProcessPool:  # broken by another batch's page since
            futures.append(None)
    out: dict[PageJob, tuple] = {}
    retry: list[tuple[PageJob, Page]] = []
    broken = False
    for chunk, fut in zip(chunks, futures):
        try:
            if fut is None:
                raise BrokenProcessPool("the pool broke before this chunk was sent")
            out.update(zip((j for j, _ in chunk), fut.result()))
        except BrokenProcessPool:
            broken = True
            retry.extend(chunk)
        except Exception:  # noqa: BLE001 - retried page by page below, where the error is kept
            retry.extend(chunk)
    if broken:
        _forget_pool(workers, pool)
    if retry:
        out.update(_one_at_a_time(retry, topic))
    return out


def _one_at_a_time(items: list[tuple[PageJob, Page]], topic: Topic) -> dict[PageJob, tuple]:
    out: dict[PageJob, tuple] = {}
    pool = None
    try:
        for job, page in items:
            pool = pool or _new_pool(1)
            try:
                out[job] = pool.submit(extract_one, page, job, topic).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                out[job] = (None, DIED)
            except Exception as exc:  # noqa: BLE001 - e.g. a record that cannot be pickled
                out[job] = (None, f"extract failed: {type(exc).__name__}: {exc}")
    finally:
        if pool is not None:
            pool.shutdown(wait=False)
    return out


def _warm_up(time_limit_s: float | None = None) -> None:
    from flows.process import set_page_time_limit  # (the extractors: loaded by the fork server already)

    set_page_time_limit(time_limit_s)


@atexit.register
def _shutdown() -> None:
    for pool in _pools.values():
        pool.shutdown(wait=False, cancel_futures=True)
    for fetcher in _fetchers.values():
        fetcher.close()
