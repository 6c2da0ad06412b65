"""The extraction pool: pages go to worker processes in chunks, and a page that kills its worker
process fails alone, with a clear error, while the rest of the batch (and the next) is extracted."""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone

import pytest

from flows import workers
from flows.config import load_topic
from flows.process import PageJob
from warehouse.records import Page

MARK = b"KILL-THIS-WORKER"
SLOW = b"LOOP-ON-THIS-PAGE"
STUBBORN = b"LOOP-AND-SWALLOW-ERRORS"


def _misbehave_on_marked_pages(time_limit_s) -> None:
    """Worker initializer: a page holding MARK ends its process at once, as a crash in a C
    library or the OOM killer would; a page holding SLOW never finishes, as a regular expression
    in catastrophic backtracking would not."""
    import flows.process as process

    process.warm()  # first-use loading (done by the fork server in production) is not a page's time
    workers._warm_up(time_limit_s)
    real = process.process_page

    def process_page(page, job, topic):
        if MARK in page.body:
            os._exit(3)
        while SLOW in page.body:
            pass
        give_up = time.monotonic() + 5  # (so that a regression fails the test instead of hanging it)
        while STUBBORN in page.body and time.monotonic() < give_up:
            try:  # an extractor's own `except Exception` around a loop
                while time.monotonic() < give_up:
                    pass
            except Exception:  # noqa: BLE001
                pass
        return real(page, job, topic)

    process.process_page = process_page


@pytest.fixture()
def crashing_pools(monkeypatch):
    made = []

    def new_pool(n):
        pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=_misbehave_on_marked_pages, initargs=(0.5,))
        made.append(pool)
        return pool

    monkeypatch.setattr(workers, "_new_pool", new_pool)
    monkeypatch.setattr(workers, "_pools", {})
    yield made
    for pool in made:
        pool.shutdown(wait=True, cancel_futures=True)


def page(i: int, poisoned: bool = False, slow: bool = False, stubborn: bool = False) -> tuple[PageJob, Page]:
    url = f"https://courier.example/news/{i}"
    body = (f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
            + f"<p>Minister Ada Pell said the council would meet again in week {i} to settle the plan.</p>" * 4
            + ("<!-- " + MARK.decode() + " -->" if poisoned else "") + ("<!-- " + SLOW.decode() + " -->" if slow else "")
            + ("<!-- " + STUBBORN.decode() + " -->" if stubborn else "")
            + "</article></body></html>").encode()
    return (PageJob(url=url, feed_url=None, outlet="Courier"),
            Page(url=url, final_url=url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                 fetched_at=datetime(2026, 11, 1, tzinfo=timezone.utc), body=body))


def test_pages_are_extracted_in_chunks_by_the_pool(crashing_pools):
    pages = dict(page(i) for i in range(3 * workers.CHUNK_PAGES + 1))
    out = workers.extract_pages(pages, load_topic("ukraine-security"), 2)
    assert list(out) == list(pages)
    assert [err for _, err in out.values()] == [None] * len(pages)
    assert all(rec.article.text for rec, _ in out.values())
    assert [rec.url for rec, _ in out.values()] == [job.url for job in pages]
    assert len(crashing_pools) == 1


def test_a_page_that_kills_its_worker_fails_alone_and_the_pool_is_replaced(crashing_pools):
    topic = load_topic("ukraine-security")
    pages = dict(page(i, poisoned=(i == 5)) for i in range(2 * workers.CHUNK_PAGES + 3))
    out = workers.extract_pages(pages, topic, 2)
    assert list(out) == list(pages)
    errors = {job.url: err for job, (rec, err) in out.items() if err}
    assert errors == {"https://courier.example/news/5": workers.DIED}
    assert all(rec is not None and rec.article.text for job, (rec, err) in out.items() if not err)
    # the broken pool is gone: the next batch gets a working one
    again = workers.extract_pages(dict(page(i) for i in range(100, 104)), topic, 2)
    assert all(err is None for _, err in again.values())
    assert workers.extraction_pool(2) is crashing_pools[-1] and len(crashing_pools) >= 3


def test_a_lone_page_is_extracted_in_the_pool_too(crashing_pools):
    """A batch of one page (a small scheduled run) gets the pool's crash isolation as well: inline,
    a page that kills its process would take the flow with it."""
    job, p = page(7, poisoned=True)
    out = workers.extract_pages({job: p}, load_topic("ukraine-security"), 2)
    assert out == {job: (None, workers.DIED)}
    assert len(crashing_pools) >= 2  # the pool, then the one-at-a-time retry's


def test_a_page_over_the_time_limit_fails_alone_and_its_worker_goes_on(crashing_pools):
    # page 2 loops; page 6 loops inside an `except Exception` that would swallow an ordinary error
    pages = dict(page(i, slow=(i == 2), stubborn=(i == 6)) for i in range(workers.CHUNK_PAGES + 2))
    out = workers.extract_pages(pages, load_topic("ukraine-security"), 2)
    errors = {job.url: err for job, (rec, err) in out.items() if err}
    over = "extract failed: the page took longer than 0.5 s (the time limit per page)"
    assert errors == {"https://courier.example/news/2": over, "https://courier.example/news/6": over}
    assert all(rec is not None for job, (rec, err) in out.items() if not err)
    assert len(crashing_pools) == 1  # no process died: the same pool did it all


def test_start_workers_starts_the_processes_before_any_page_is_sent():
    """ingest (and the CLI, before Prefect starts) calls start_workers so that the fork server's
    loading and the forks overlap the run's start instead of delaying its first pages."""
    n = 2
    if n in workers._pools:  # a pool earlier tests used: start from a new one
        workers._forget_pool(n, workers._pools[n])
    pool = workers.extraction_pool(n)
    try:
        workers.start_workers(n)
        workers.start_workers(n)  # idempotent: no more submissions, no more processes
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
                len(pool._processes) == n and all(p.is_alive() for p in pool._processes.values())):
            time.sleep(0.05)
        assert len(pool._processes) == n and all(p.is_alive() for p in pool._processes.values())
        assert pool._queue_count == n  # the two no-op tasks, nothing else
    finally:
        workers._forget_pool(n, pool)
    workers.start_workers(1)  # one worker: extraction runs inline, nothing to start
    assert 1 not in workers._pools
