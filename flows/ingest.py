"""The ingest flow: one Prefect flow run = one poll of a topic's feeds.

poll feeds (conditional GET, feedparser) → fetch new or updated pages → clean, quotes, stance →
load into DuckDB in write windows (one transaction per window of LOAD_BATCH to MAX_LOAD_BATCH
articles), by this flow alone (the single writer).
Per-feed and per-page failures become rows in ``fetch_log`` and ``feeds``; the run goes on.
A backfill run takes article URLs (or a news sitemap) instead of feeds.
"""
from __future__ import annotations

import functools
import gc
import re
import time
from collections import Counter, defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from extractors.feeds import Entry, ParsedFeed, parse_feed
from extractors.sitemaps import parse_sitemap
from extractors.topic import Topic
from extractors.urls import canonicalize_url
from flows.config import DEFAULT_TOPIC, load_topic
from flows.feeds_admin import apply_feed_settings, entry_page, wanted_entries
from flows.fetch import FetchConfig, FetchResult
from flows.polling import mean_entry_interval, next_interval
from flows.process import PageJob
from flows.workers import close_fetcher, default_workers, extract_pages, shared_fetcher, start_workers
from warehouse.load import entry_states, feed_states, feeds_due, ingested_urls
from warehouse.writer import DatabaseLocked, Writer
from warehouse.records import ArticleRecord, FetchAttempt, Page

BATCH_SIZE = 128  # pages per fetch-extract task
FIRST_POLL = 16  # feeds in a run's first poll task; each later one polls twice as many, up to MAX_POLL
MAX_POLL = 1024
LOAD_BATCH = 256  # articles a write window waits for (fewer only at the end of the run) ...
LOAD_EVERY_S = 5.0  # ... and seconds since the last window, unless MAX_LOAD_BATCH articles wait
MAX_LOAD_BATCH = 384
FULL_GC_EVERY = 100  # during a run: a full collection per 100 middle-generation ones (Python's default: 10)
IN_FLIGHT = 4  # page batches submitted ahead of the loader
POLL_THREADS = 8  # concurrent requests of a poll task per 50 of its feeds, up to MAX_POLL_THREADS
MAX_POLL_THREADS = 32
PERMANENT_PAGE_ERRORS = ("http 404", "http 410", "refused scheme", "refused private address",
                         "disallowed by robots.txt", "too large")


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
    feeds_not_due: int = 0
    entries: int = 0
    entries_known: int = 0
    entries_updated: int = 0
    entries_filtered: int = 0  # left out by their feed's include/exclude URL patterns
    pages_from_entries: int = 0  # built from the entry's own content (full_content feeds), not fetched
    pages_fetched: int = 0
    pages_failed: int = 0
    articles: int = 0
    quotes: int = 0
    signals: int = 0
    articles_journaled: int = 0
    batches_journaled: int = 0
    batches_pending: int = 0
    locked_by: str | None = None
    timings: dict = field(default_factory=lambda: defaultdict(float))
    errors: list = field(default_factory=list)

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["errors"] = self.errors[:50]
        d["timings"] = {k: round(v, 3) for k, v in self.timings.items()}
        return d


def poll_feed(url: str, etag: str | None, last_modified: str | None, config: FetchConfig) -> FeedPoll:
    """Fetch one feed (conditionally) and parse it. Never raises for a bad feed."""
    res = shared_fetcher(config).get(url, "feed", etag=etag, last_modified=last_modified)
    if not res.ok:
        return FeedPoll(url, res)
    parsed = parse_feed(res.body or b"", res.final_url or url, res.headers.get("content-type"),
                        now=res.fetched_at)
    if parsed.error:  # the attempt got a body, but not a feed: fetch_log says so
        res = replace(res, attempts=res.attempts[:-1] + (replace(res.attempts[-1], error=parsed.error),))
    return FeedPoll(url, res, parsed)


def poll_groups(feeds: list) -> list[list]:
    """The feeds a run's poll tasks take, in order: FIRST_POLL, then twice as many each time, up
    to MAX_POLL (a thousand feeds: 16, 32, 64, 128, 256, 504)."""
    groups, start, size = [], 0, FIRST_POLL
    while start < len(feeds):
        groups.append(feeds[start:start + size])
        start, size = start + size, min(size * 2, MAX_POLL)
    return groups


def window_due(pending: int, since_last: float, last_batch_left: bool = False) -> bool:
    """Whether ``pending`` extracted articles go to the warehouse now, ``since_last`` seconds after
    the last write window. Every window opens the file and checkpoints it when it closes, and a
    checkpoint rewrites the last row group of each table it appends to, which grows with the
    warehouse: windows of ~256 articles cost the loader ~0.88 ms an article over 8,000 articles,
    ~768 cost ~0.59. So a window waits for LOAD_BATCH articles and LOAD_EVERY_S seconds (a few
    hundred articles at full speed), and never holds more than MAX_LOAD_BATCH in memory: DuckDB's
    transient peaks grow with the window (the 10,000-article peak over the 1,000-article one:
    1.22x with windows of up to 1,024 articles, 1.15-1.20x with 512 while the flow ran ~90
    articles/s, 1.21-1.25x with 512 once it ran ~100-108 and most windows filled to the cap, 1.19
    with 384, 1.13-1.16x with 256).

    ``last_batch_left``: every page batch but the last is back. What waits is loaded now, while the
    workers extract the last batch, so that the window after the last page holds one batch: that
    window is the run's tail, with the workers idle (0.30 s for ~450 articles, 0.19 for one
    batch, in a 1,000-article trace)."""
    return pending > 0 and (pending >= MAX_LOAD_BATCH or last_batch_left
                            or (pending >= LOAD_BATCH and since_last >= LOAD_EVERY_S))


def _no_introspection():
    """``quote`` for task inputs that hold no futures, so Prefect does not walk every page job and
    the topic's lexicons looking for some (a second of CPU per 1,000 pages, twice per task), on
    the thread-pool runner; other runners (Dask's) hand the wrapper itself to the task."""
    ctx = FlowRunContext.get()
    if ctx is not None and isinstance(ctx.task_runner, ThreadPoolTaskRunner):
        return quote
    return lambda value: value


@task(name="poll-feeds", cache_policy=NO_CACHE)
def poll_feeds(feeds: list[tuple[str, str | None, str | None]], config: FetchConfig) -> list[FeedPoll]:
    """Poll a batch of feeds (url, etag, last_modified) concurrently: one task per batch, not per
    feed, so a thousand feeds cost a few task runs, not a thousand (each costs the temporary
    server ~30 ms of CPU)."""
    with ThreadPoolExecutor(max_workers=min(MAX_POLL_THREADS, POLL_THREADS * (1 + len(feeds) // 50))) as threads:
        return list(threads.map(lambda f: poll_feed(f[0], f[1], f[2], config), feeds))


@task(name="fetch-extract-batch", cache_policy=NO_CACHE)
def fetch_extract_batch(jobs: list[PageJob], topic: Topic, config: FetchConfig,
                        extract_workers: int = 1, inline: dict[str, Page] | None = None) -> list[PageOutcome]:
    """Fetch a batch of pages (politely: per-host limits live in the process's shared fetcher),
    then extract them, in worker processes when ``extract_workers`` > 1. A job whose URL is in
    ``inline`` is not fetched: that page (built from its feed entry's content) is extracted."""
    fetcher = shared_fetcher(config)
    inline = inline or {}
    to_fetch = [j for j in jobs if j.url not in inline]
    with ThreadPoolExecutor(max_workers=max(1, config.per_host)) as threads:
        fetched = dict(zip(to_fetch, threads.map(lambda j: fetcher.get(j.url, "page", origin=j.feed_url),
                                                 to_fetch)))
    results = [fetched.get(j) for j in jobs]  # None: an inline page
    pages = {}
    for job, res in zip(jobs, results):
        if res is None:
            pages[job] = inline[job.url]
        elif res.ok:
            pages[job] = Page(url=job.url, final_url=res.final_url or job.url, status=res.status or 0,
                              headers=res.headers, fetched_at=res.fetched_at, body=res.body or b"")
    extracted = extract_pages(pages, topic, extract_workers)
    outcomes = []
    for job, res in zip(jobs, results):
        if job not in pages:
            outcomes.append(PageOutcome(job, res.attempts, error=res.error or f"http {res.status}"))
        else:
            record, error = extracted[job]
            attempts = res.attempts if res is not None else ()
            if error and attempts:  # fetched, but the extractors failed on it: fetch_log says so
                attempts = attempts[:-1] + (replace(attempts[-1], error=error),)
            outcomes.append(PageOutcome(job, attempts, record=record, error=error))
    return outcomes


@task(name="read-sitemap", cache_policy=NO_CACHE)
def read_sitemap(url: str, config: FetchConfig, depth: int = 0) -> tuple[list, list[FetchAttempt], str | None]:
    """A sitemap's entries (following a sitemap index one level down)."""
    res = shared_fetcher(config).get(url, "feed")
    attempts = list(res.attempts)
    if not res.ok:
        return [], attempts, res.error
    entries, children, error = parse_sitemap(res.body or b"")
    for child in children[:50] if depth == 0 else []:
        more, more_attempts, _ = read_sitemap.fn(child, config, depth + 1)
        entries += more
        attempts += more_attempts
    return entries, attempts, error


def _in_range(when: datetime | None, since: datetime | None, until: datetime | None) -> bool:
    if when is None:
        return since is None and until is None
    return (since is None or when >= since) and (until is None or when < until)


def _as_utc(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)
    when = datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _summary_markdown(topic: str, run_id: str, counts: Counts, per_feed: dict) -> str:
    lines = [f"# Ingest `{topic}`", "",
             f"**{counts.articles}** new or updated articles, **{counts.quotes}** quotes, "
             f"**{counts.signals}** stance signals; {counts.feeds} feeds polled "
             f"({counts.feeds_unchanged} unchanged, {counts.feeds_failed} failed), "
             f"{counts.pages_failed} pages failed. Run `{run_id}`.", "",
             "| feed | status | new entries | articles | quotes | signals | page failures |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for url, c in sorted(per_feed.items()):
        status = (c.get("status") or "").replace("|", "\\|")
        lines.append(f"| {url} | {status} | {c['new']} | {c['articles']} | {c['quotes']} | {c['signals']} | "
                     f"{c['failed']} |")
    if counts.errors:
        lines += ["", "## Failures", ""] + [f"- {e['url']}: {e['error']}" for e in counts.errors[:50]]
    return "\n".join(lines)


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=4))
def ingest(
    topic: str = DEFAULT_TOPIC,
    feeds: list[str] | None = None,
    db: str | None = None,
    limit: int | None = None,
    strict: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
    urls: list[str] | None = None,
    sitemap: str | None = None,
    force: bool = False,
    min_delay: float | None = None,
    lock_wait: float = 60.0,
    extract_workers: int | None = None,
) -> dict:
    """Poll a topic's feeds (or ``feeds``, replacing the topic's list) and load what is new.

    ``urls`` / ``sitemap`` backfill article pages directly (``since``/``until`` bound the
    sitemap's dates and the feeds' entries). A scheduled run polls only feeds whose adaptive
    interval has come; explicit ``feeds`` or ``force`` poll every one. Returns the run's counts.
    Completes even when feeds or pages fail (they are recorded); with ``strict`` any failure
    makes the run fail after everything else is loaded. While another process holds the DuckDB
    file, batches are journaled beside it and loaded when the lock frees (waiting up to
    ``lock_wait`` seconds at the end of the run, else by the next run). Extraction runs in
    ``extract_workers`` processes (default: one per core; 1 extracts in the task's own thread,
    the right choice on a Dask cluster, whose workers are the parallelism).
    """
    log = get_run_logger()
    cfg = load_topic(topic)
    since, until = _as_utc(since), _as_utc(until)
    outlets = {f.url: f.outlet for f in cfg.feeds}
    settings = {f.url: f for f in cfg.feeds}  # per-feed settings ([[feeds]] tables), by URL
    backfill = bool(urls or sitemap)
    feed_urls = [] if backfill and not feeds else list(dict.fromkeys(feeds or [f.url for f in cfg.feeds]))
    run_id = str(flow_run.id or "local")
    counts = Counts()
    timings = counts.timings
    run_started = time.monotonic()
    per_feed: dict[str, Counter] = defaultdict(Counter)
    statuses: dict[str, str] = {}
    now = datetime.now(timezone.utc)
    fetch_cfg = FetchConfig.from_mapping(cfg.fetch, min_delay=min_delay,
                                         allow_private_hosts=cfg.allow_private_hosts or None)
    workers = default_workers() if extract_workers is None else extract_workers
    start_workers(workers)  # loading while the run reads its state and polls the first feeds
    writer = Writer(Path(db) if db else None)
    params = {"topic": cfg.name, "feeds": feed_urls, "limit": limit, "strict": strict, "since": since,
              "until": until, "urls": urls, "sitemap": sitemap, "force": force}

    def write(ops: list) -> list | None:
        done = writer.apply(ops)
        if done is None:
            counts.batches_journaled += 1
            counts.locked_by = writer.holder
            log.warning("database locked by %s: batch journaled in %s, loaded when the lock frees",
                        writer.holder, writer.journal_dir)
        return done

    # What we know already: feed validators, entries seen, articles loaded. Without the file
    # (locked), poll as if for the first time: idempotent loads make that safe, only slower.
    def read_state(con):
        return feed_states(con, feed_urls), (feed_urls if (feeds or force) else
                                                            feeds_due(con, feed_urls, now))
    try:
        states, polled = writer.read(read_state)
        locked_at_start = False
    except DatabaseLocked as exc:
        counts.locked_by = exc.holder
        log.warning("database locked by %s: polling without stored state", exc.holder)
        states, polled, locked_at_start = feed_states(None, feed_urls), feed_urls, True
    write([("start_run", (run_id, "ingest", params), {})])
    failed = 0
    # The flow process holds a large, long-lived heap (Prefect, pydantic, the extractors' tables)
    # and allocates many short-lived objects per page (the workers' records); every full collection
    # of the cyclic GC walked the whole heap: 12 of them took 2.1 s of a 3,000-article run's 16.5 s
    # of flow CPU. For the run, the heap that exists now is frozen (never scanned, never collected),
    # and thawed at the end, so a long-lived `serve` process collects it as usual. (Collecting young
    # objects less often saved another ~0.5 s but raised the flow's peak memory by ~60 MiB.)
    # Full collections are also made rarer for the run (third threshold 10 -> FULL_GC_EVERY): with the
    # page outcomes emptied after use (below), what they found was a little cyclic garbage of the HTTP
    # client (httpx then) and Prefect's futures; 10 -> 1 full collection in a 3,000-article run, ~0.4 s
    # of CPU, same peak.
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], FULL_GC_EVERY))
    try:
        counts.feeds_not_due = len(feed_urls) - len(polled)
        states = {u: states[u] for u in polled}
        wanted = [(u, states[u]["etag"], states[u]["last_modified"]) for u in polled]
        polls: list[FeedPoll] = []
        jobs: list[PageJob] = []
        seen: set[str] = set()
        # an entry's URL is canonicalised when its feed is read, when its page is queued and when
        # the page comes back (~13 us a call): once per URL for the run
        canon = functools.lru_cache(maxsize=None)(canonicalize_url)
        entry_rows: dict[str, dict[str, list]] = defaultdict(dict)  # feed -> canonical -> row
        inline: dict[str, Page] = {}  # job URL -> page built from its entry's content (full_content feeds)
        page_attempts: list[FetchAttempt] = []  # written with the next write window (feed polls too)

        def add_job(url: str, feed_url: str | None, published, title, page: Page | None = None) -> None:
            c = canon(url)
            if c not in seen and (limit is None or len(jobs) < limit):
                seen.add(c)
                if page is not None:
                    inline[url] = page
                jobs.append(PageJob(url=url, feed_url=feed_url, outlet=outlets.get(feed_url),
                                    published_hint=published, title_hint=title,
                                    language=settings[feed_url].language if feed_url in settings else None))

        def take_polls(group: list[FeedPoll]) -> None:
            """Count a group of polled feeds and queue the pages of their new or updated entries."""
            # What is already loaded, and what each feed listed before: one read for the group.
            parsed_polls = [p for p in group if p.parsed is not None and not p.error]
            canonical = {e.url: canon(e.url) for p in parsed_polls for e in p.parsed.entries}

            def known_and_previous(con):
                urls_ = list(canonical.values()) + list(canonical)
                return ingested_urls(con, urls_), entry_states(con, [p.url for p in parsed_polls])

            known, previous_by_feed = set(), {}
            if parsed_polls and not locked_at_start:
                try:
                    known, previous_by_feed = writer.read(known_and_previous)
                except DatabaseLocked:
                    pass
            page_attempts.extend(a for p in group for a in p.fetch.attempts)
            for p in group:
                counts.feeds += 1
                if p.fetch.not_modified:
                    counts.feeds_unchanged += 1
                    statuses[p.url] = "304 not modified"
                    continue
                if p.error:
                    counts.feeds_failed += 1
                    counts.errors.append({"url": p.url, "error": p.error})
                    statuses[p.url] = p.error
                    log.warning("feed %s failed: %s", p.url, p.error)
                    continue
                statuses[p.url] = f"{len(p.parsed.entries)} entries" + (f" ({p.parsed.warning})" if p.parsed.warning else "")
                entries = [e for e in p.parsed.entries if since is None and until is None
                           or _in_range(e.published, since, until)]
                wanted_ = wanted_entries(entries, settings.get(p.url))  # include/exclude, before any fetch
                counts.entries_filtered += len(entries) - len(wanted_)
                entries = wanted_
                counts.entries += len(entries)
                previous = previous_by_feed.get(p.url, {})
                for e in entries:
                    c = canonical[e.url]
                    before = previous.get(c)
                    entry_rows[p.url][c] = [c, e.guid, e.title, e.published, e.updated, None]
                    updated = before is not None and e.updated is not None and (before[0] is None or e.updated > before[0])
                    if (c in known or e.url in known) and not updated:
                        counts.entries_known += 1
                        continue
                    if before is not None and before[1] and before[1].startswith(PERMANENT_PAGE_ERRORS) and not updated:
                        entry_rows[p.url][c][5] = before[1]
                        counts.entries_known += 1
                        continue
                    counts.entries_updated += int(updated)
                    per_feed[p.url]["new"] += 1
                    full = settings.get(p.url) is not None and settings[p.url].full_content
                    add_job(e.url, p.url, e.published, e.title, entry_page(e, p.fetch.fetched_at, p.url) if full else None)

        def take_backfill() -> None:
            """Queue the pages a backfill names (URLs, or a sitemap's entries not loaded yet)."""
            for u in urls or []:
                add_job(u, None, None, None)
            if sitemap:
                found, attempts, error = read_sitemap(sitemap, fetch_cfg)
                page_attempts.extend(attempts)
                if error:
                    counts.errors.append({"url": sitemap, "error": error})
                    counts.feeds_failed += 1
                in_range = [e for e in found if _in_range(e.published, since, until)]
                try:
                    known = writer.read(lambda con: ingested_urls(con, [canon(e.url) for e in in_range]))
                except DatabaseLocked:
                    known = set()
                for e in in_range:
                    if canon(e.url) not in known:
                        add_job(e.url, None, e.published, e.title)

        def job_batches():
            """Page jobs in batches of BATCH_SIZE, handed on while later feeds are still being polled:
            feeds are polled by tasks of FIRST_POLL, then twice, four times … as many feeds (up to
            MAX_POLL), and each task's new pages go to fetching and extraction before the next task
            polls (one state read per task: a thousand feeds cost six task runs and six reads). A
            small first task gets the workers going early. Until IN_FLIGHT batches have gone, a
            task's pages go even when they are fewer than BATCH_SIZE, so the workers start with the
            first. Same jobs, same order as polling every feed first."""
            groups = poll_groups(wanted)
            done, handed = 0, 0
            for k, group in enumerate(groups, 1):
                started = time.monotonic()
                got = poll_feeds.submit(as_is(group), fetch_cfg).result()
                timings["poll_wait_s"] += time.monotonic() - started
                polls.extend(got)
                take_polls(got)
                while len(jobs) - done >= BATCH_SIZE or (len(jobs) > done and handed < IN_FLIGHT
                                                         and k < len(groups)):
                    batch = jobs[done:done + BATCH_SIZE]
                    yield batch
                    done += len(batch)
                    handed += 1
            take_backfill()
            while done < len(jobs):
                yield jobs[done:done + BATCH_SIZE]
                done += BATCH_SIZE

        feed_outlets: dict[str, str] = {}  # a feed's outlet, when the topic does not name it: its pages' site
        as_is = _no_introspection()

        def submit(b: list[PageJob]):
            return fetch_extract_batch.submit(as_is(b), as_is(cfg), fetch_cfg, workers,
                                              as_is({j.url: inline[j.url] for j in b if j.url in inline} or None))

        def page_futures():
            """Batches in submission order, with at most IN_FLIGHT of them fetched or extracted at
            once: memory stays flat however long the backfill, and fetching still overlaps loading.
            Each comes with whether the last batch is then the only one left."""
            pending: deque = deque()
            for b in job_batches():
                pending.append(submit(b))
                if len(pending) >= IN_FLIGHT:
                    yield pending.popleft(), False
            while pending:
                yield pending.popleft(), len(pending) == 1
        records: list[ArticleRecord] = []
        last_window_at = run_started

        def flush_loads() -> None:
            """One write window for many batches' records: loading cost is per window, not per page."""
            nonlocal last_window_at
            if not page_attempts and not records:
                return
            ops = [("log_fetches", (run_id, list(page_attempts)), {}), ("load_articles", (list(records),), {})]
            started = time.monotonic()
            results = write(list(ops))
            timings["load_s"] += time.monotonic() - started
            if results is None:
                counts.articles_journaled += len(records)
            else:
                for k in ("articles", "quotes", "signals"):
                    setattr(counts, k, getattr(counts, k) + results[-1][k])
            page_attempts.clear()
            records.clear()
            last_window_at = time.monotonic()

        for fut, last_batch_left in page_futures():
            started = time.monotonic()
            outcomes = fut.result()
            timings["fetch_extract_wait_s"] += time.monotonic() - started
            for out in outcomes:
                page_attempts.extend(out.attempts)
                feed_count = per_feed[out.job.feed_url or "(backfill)"]
                row = entry_rows.get(out.job.feed_url, {}).get(canon(out.job.url))
                if out.record is None:
                    counts.pages_failed += 1
                    feed_count["failed"] += 1
                    counts.errors.append({"url": out.job.url, "error": out.error})
                    log.warning("page %s failed: %s", out.job.url, out.error)
                    if row is not None:
                        row[5] = out.error
                    continue
                counts.pages_fetched += 1
                record = apply_feed_settings(out.record, settings.get(out.job.feed_url))  # outlet, language
                if out.job.feed_url and record.outlet:
                    feed_outlets.setdefault(out.job.feed_url, record.outlet)
                feed_count["articles"] += 1
                feed_count["quotes"] += len(record.quotes)
                feed_count["signals"] += len(record.signals)
                records.append(record)
            # A finished task's future is a reference cycle that keeps the list it returned alive
            # until a full collection: emptied, each record goes as soon as it is loaded, and the
            # cyclic GC never walks a batch's quotes and signals while they wait for one.
            outcomes.clear()
            if window_due(len(records), time.monotonic() - last_window_at, last_batch_left):
                flush_loads()
        flush_loads()
        counts.pages_from_entries = sum(1 for j in jobs if j.url in inline)

        # Feed state (validators, entries seen) is saved only after the feed's pages are loaded,
        # so a crash mid-run never leaves a feed marked as seen with its new entries missing.
        entry_ops, poll_ops = [], []
        for p in polls:
            parsed_entries: tuple[Entry, ...] = p.parsed.entries if p.parsed else ()
            mean_gap = mean_entry_interval(e.published for e in parsed_entries) if parsed_entries else None
            new = per_feed[p.url]["new"] if p.url in per_feed else 0
            newest = max((e.published for e in parsed_entries if e.published), default=None)
            entry_ops.append((p.url, list(entry_rows.get(p.url, {}).values()), p.fetch.fetched_at))
            poll_ops.append(dict(
                url=p.url, topic=cfg.name, outlet=outlets.get(p.url) or feed_outlets.get(p.url),
                title=p.parsed.title if p.parsed else None, polled_at=p.fetch.fetched_at,
                status=p.fetch.status, error=p.error,
                etag=p.fetch.headers.get("etag"), last_modified=p.fetch.headers.get("last-modified"),
                entries=len(parsed_entries), new_entry_at=(newest or p.fetch.fetched_at) if new else None,
                mean_entry_interval_s=mean_gap,
                poll_interval_s=(settings[p.url].poll_interval if p.url in settings and settings[p.url].poll_interval
                                 else next_interval(mean_gap, states[p.url].get("poll_interval_s"), new)),
            ))
        ops = [("record_feeds_entries", (entry_ops,), {}), ("record_feed_polls", (poll_ops,), {})]
        failed = counts.feeds_failed + counts.pages_failed
        timings["total_s"] = time.monotonic() - run_started
        # The flow thread's own time: neither waiting for polls or page batches nor loading.
        timings["orchestration_s"] = timings["total_s"] - sum(
            timings[k] for k in ("poll_wait_s", "fetch_extract_wait_s", "load_s"))
        status, error = ("failed", f"strict: {failed} feed/page failures") if strict and failed else ("completed", None)
        ops.append(("finish_run", (run_id, counts.as_dict(), status, error), {}))
        write(ops)
        remaining = writer.flush(wait=lock_wait)
        counts.batches_pending = remaining
        if remaining:
            log.warning("database still locked by %s after %.0f s: %d batches wait in %s and are loaded by the "
                        "next ingest run", writer.holder, lock_wait, remaining,
                        writer.journal_dir)
        log.info(
            "ingest %s: %d feeds (%d failed, %d unchanged, %d not due), %d pages to fetch (%d failed), "
            "%d articles, %d quotes, %d signals",
            cfg.name, counts.feeds, counts.feeds_failed, counts.feeds_unchanged, counts.feeds_not_due, len(jobs),
            counts.pages_failed, counts.articles, counts.quotes, counts.signals,
        )
    except Exception as exc:
        writer.apply([("finish_run", (run_id, counts.as_dict(), "failed", f"{type(exc).__name__}: {exc}"), {})])
        raise
    finally:
        close_fetcher(fetch_cfg)
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    for url, status in statuses.items():
        per_feed[url]["status"] = status  # type: ignore[assignment]
    try:
        create_markdown_artifact(markdown=_summary_markdown(cfg.name, run_id, counts, per_feed),
                                 key=re.sub(r"[^a-z0-9-]+", "-", f"ingest-{cfg.name}".lower()), description=f"Ingest summary for {cfg.name}")
    except Exception as exc:  # the UI summary is a convenience; the runs row is the record
        log.warning("could not write the run's summary artifact: %s", exc)
    if strict and failed:
        raise IngestFailed(f"{failed} feed/page failures (strict run); see fetch_log for run {run_id}")
    return counts.as_dict()
