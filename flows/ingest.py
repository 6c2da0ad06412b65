"""The ingest flow: one Prefect flow run = one poll of a topic's feeds.

poll feeds (conditional GET, feedparser) → fetch new pages → clean, quotes, stance →
load into DuckDB, one transaction per article, by this flow alone (the single writer).
Per-feed and per-page failures become rows in ``fetch_log`` and ``feeds``; the run goes on.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.feeds import ParsedFeed, parse_feed
from extractors.topic import Topic
from extractors.urls import canonicalize_url
from flows.config import DEFAULT_TOPIC, load_topic
from flows.fetch import FetchConfig, Fetcher, FetchResult
from flows.process import PageJob, process_page
from warehouse import connect
from warehouse.load import (
    feed_state, finish_run, ingested_urls, load_article, log_fetches, record_feed_poll, start_run,
)
from warehouse.records import ArticleRecord, FetchAttempt, Page

BATCH_SIZE = 8


class IngestFailed(RuntimeError):
    """Raised at the end of a ``strict`` run that recorded failures."""


@dataclass(frozen=True)
class FeedPoll:
    url: str
    fetch: FetchResult
    parsed: ParsedFeed | None = None

    @property
    def error(self) -> str | None:
        if self.fetch.not_modified:
            return None
        if self.fetch.error:
            return self.fetch.error
        return self.parsed.error if self.parsed else "no body"


@dataclass(frozen=True)
class PageOutcome:
    job: PageJob
    attempts: tuple[FetchAttempt, ...]
    record: ArticleRecord | None = None
    error: str | None = None


@dataclass
class Counts:
    feeds: int = 0
    feeds_failed: int = 0
    feeds_unchanged: int = 0
    entries: int = 0
    entries_known: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    articles: int = 0
    quotes: int = 0
    signals: int = 0
    errors: list = field(default_factory=list)

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["errors"] = self.errors[:50]
        return d


@task(name="poll-feed", cache_policy=NO_CACHE, task_run_name="poll {url}")
def poll_feed(url: str, etag: str | None, last_modified: str | None, config: FetchConfig) -> FeedPoll:
    """Fetch one feed (conditionally) and parse it. Never raises for a bad feed."""
    with Fetcher(config) as fetcher:
        res = fetcher.get(url, "feed", etag=etag, last_modified=last_modified)
    if not res.ok:
        return FeedPoll(url, res)
    parsed = parse_feed(res.body or b"", res.final_url or url, res.headers.get("content-type"))
    return FeedPoll(url, res, parsed)


def _fetch_and_process(fetcher: Fetcher, job: PageJob, topic: Topic) -> PageOutcome:
    res = fetcher.get(job.url, "page")
    if not res.ok:
        return PageOutcome(job, res.attempts, error=res.error or f"http {res.status}")
    page = Page(url=job.url, final_url=res.final_url or job.url, status=res.status or 0, headers=res.headers,
                fetched_at=res.fetched_at, body=res.body or b"")
    try:
        record = process_page(page, job, topic)
    except Exception as exc:  # an extractor defect on one page must not stop the run
        return PageOutcome(job, res.attempts, error=f"extract failed: {type(exc).__name__}: {exc}")
    return PageOutcome(job, res.attempts, record=record)


@task(name="fetch-extract-batch", cache_policy=NO_CACHE)
def fetch_extract_batch(jobs: list[PageJob], topic: Topic, config: FetchConfig) -> list[PageOutcome]:
    """Fetch a batch of pages (a few at a time, politely per host) and run the extractors on each."""
    with Fetcher(config) as fetcher, ThreadPoolExecutor(max_workers=config.per_host) as pool:
        return list(pool.map(lambda j: _fetch_and_process(fetcher, j, topic), jobs))


def _feed_outlets(topic: Topic) -> dict[str, str | None]:
    return {f.url: f.outlet for f in topic.feeds}


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=4))
def ingest(
    topic: str = DEFAULT_TOPIC,
    feeds: list[str] | None = None,
    db: str | None = None,
    limit: int | None = None,
    strict: bool = False,
) -> dict:
    """Poll a topic's feeds (or ``feeds``, replacing the topic's list) and load what is new.

    Returns the run's counts. Completes even when feeds or pages fail (they are recorded);
    with ``strict`` any failure makes the run fail after everything else is loaded.
    """
    log = get_run_logger()
    cfg = load_topic(topic)
    outlets = _feed_outlets(cfg)
    feed_urls = list(dict.fromkeys(feeds or [f.url for f in cfg.feeds]))
    run_id = str(flow_run.id or "local")
    fetch_cfg = FetchConfig()
    counts = Counts()
    con = connect(Path(db) if db else None)
    start_run(con, run_id, "ingest", {"topic": cfg.name, "feeds": feed_urls, "limit": limit, "strict": strict})
    try:
        states = {u: feed_state(con, u) for u in feed_urls}
        polled = [u for u in feed_urls if states[u]["enabled"] or feeds]
        futures = [poll_feed.submit(u, states[u]["etag"], states[u]["last_modified"], fetch_cfg) for u in polled]
        polls: list[FeedPoll] = [f.result() for f in futures]

        jobs: list[PageJob] = []
        seen: set[str] = set()
        for p in polls:
            counts.feeds += 1
            log_fetches(con, run_id, p.fetch.attempts)
            if p.fetch.not_modified:
                counts.feeds_unchanged += 1
                continue
            if p.error:
                counts.feeds_failed += 1
                counts.errors.append({"url": p.url, "error": p.error})
                log.warning("feed %s failed: %s", p.url, p.error)
                continue
            entries = p.parsed.entries
            counts.entries += len(entries)
            canon = {e.url: canonicalize_url(e.url) for e in entries}
            known = ingested_urls(con, list(canon.values()) + [e.url for e in entries])
            for e in entries:
                c = canon[e.url]
                if c in known or e.url in known:
                    counts.entries_known += 1
                    continue
                if c in seen:
                    continue
                seen.add(c)
                jobs.append(PageJob(url=e.url, feed_url=p.url, outlet=outlets.get(p.url),
                                    published_hint=e.published, title_hint=e.title))
        if limit is not None:
            jobs = jobs[: max(0, limit)]

        batches = [jobs[i:i + BATCH_SIZE] for i in range(0, len(jobs), BATCH_SIZE)]
        page_futures = [fetch_extract_batch.submit(b, cfg, fetch_cfg) for b in batches]
        for fut in page_futures:
            for out in fut.result():
                log_fetches(con, run_id, out.attempts)
                if out.record is None:
                    counts.pages_failed += 1
                    counts.errors.append({"url": out.job.url, "error": out.error})
                    log.warning("page %s failed: %s", out.job.url, out.error)
                    continue
                counts.pages_fetched += 1
                loaded = load_article(con, out.record)
                counts.articles += loaded["articles"]
                counts.quotes += loaded["quotes"]
                counts.signals += loaded["signals"]

        # Feed state (ETag, Last-Modified) is saved only after the feed's pages are loaded, so a
        # crash mid-run never leaves a feed marked as seen with its new entries missing.
        for p in polls:
            record_feed_poll(
                con, url=p.url, topic=cfg.name, outlet=outlets.get(p.url),
                title=p.parsed.title if p.parsed else None, polled_at=p.fetch.fetched_at,
                status=p.fetch.status, error=p.error,
                etag=p.fetch.headers.get("etag"), last_modified=p.fetch.headers.get("last-modified"),
                entries=len(p.parsed.entries) if p.parsed else 0,
            )
        failed = counts.feeds_failed + counts.pages_failed
        if strict and failed:
            finish_run(con, run_id, counts.as_dict(), "failed", f"strict: {failed} feed/page failures")
        else:
            finish_run(con, run_id, counts.as_dict(), "completed")
        log.info(
            "ingest %s: %d feeds (%d failed, %d unchanged), %d new pages (%d failed), %d articles, %d quotes, %d signals",
            cfg.name, counts.feeds, counts.feeds_failed, counts.feeds_unchanged, len(jobs), counts.pages_failed,
            counts.articles, counts.quotes, counts.signals,
        )
    except Exception as exc:
        finish_run(con, run_id, counts.as_dict(), "failed", f"{type(exc).__name__}: {exc}")
        raise
    finally:
        con.close()
    if strict and failed:
        raise IngestFailed(f"{failed} feed/page failures (strict run); see fetch_log for run {run_id}")
    return counts.as_dict()
