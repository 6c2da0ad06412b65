"""The reprocess flow: re-run the current extractors over the raw pages already stored.

Derived rows (articles' text and metadata, quotes, speakers, stance signals, frames) are
replaced idempotently; quote ids survive where a quote's words are unchanged. The run reports
what changed: articles re-extracted, quotes added and removed, signals whose label changed.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from extractors.topic import Feed
from flows.config import DEFAULT_TOPIC, load_topic
from flows.feeds_admin import apply_feed_settings
from flows.process import EXTRACTOR_VERSION, PageJob
from flows.workers import default_workers, extract_pages
from warehouse.db import default_db_path
from warehouse.load import finish_run, load_articles, start_run
from warehouse.pagestore import bodies
from warehouse.records import Page
from warehouse.writer import open_db


def _derived(con, article_ids: list[str]) -> dict[str, tuple[set, dict]]:
    """Each article's quote ids and signal labels, for many articles in two queries."""
    out: dict[str, tuple[set, dict]] = {aid: (set(), {}) for aid in article_ids}
    for aid, qid in con.execute("SELECT article_id, quote_id FROM quotes WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                                [article_ids]).fetchall():
        out[aid][0].add(qid)
    for aid, sid, label in con.execute("SELECT article_id, signal_id, label FROM stance_signals"
                                       " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids]).fetchall():
        out[aid][1][sid] = label
    return out


BATCH = 256  # articles re-extracted (in the worker processes) and loaded (in one transaction) at a time


@flow(name="reprocess")
def reprocess(db: str | None = None, topic: str | None = None, only_outdated: bool = True,
              lock_wait: float = 60.0, extract_workers: int | None = None) -> dict:
    """Re-extract stored pages; by default only articles made by an older extractor version.

    Pages are re-extracted BATCH at a time in ``extract_workers`` processes (default: one per
    core), and each batch is loaded in one transaction; an article whose load fails is retried
    alone, so one bad record fails only itself."""
    log = get_run_logger()
    run_id = str(flow_run.id or "local")
    counts: Counter = Counter()
    workers = default_workers() if extract_workers is None else extract_workers
    with open_db(Path(db) if db else default_db_path(), lock_wait) as con:
        start_run(con, run_id, "reprocess", {"topic": topic, "only_outdated": only_outdated,
                                             "extractor_version": EXTRACTOR_VERSION})
        try:
            # metadata first (small), then the bodies streamed file by file: a warehouse's raw pages
            # never have to fit in memory at once
            sql = ("SELECT a.article_id, a.url, a.feed_url, a.outlet, a.published_at, a.topic, p.sha256, p.url,"
                   " p.final_url, p.status, p.headers, p.fetched_at, p.body_file"
                   " FROM articles a JOIN page_meta p ON p.sha256 = a.page_sha256")
            params: list = []
            if only_outdated:
                sql += " WHERE a.extractor_version IS DISTINCT FROM ?"
                params.append(EXTRACTOR_VERSION)
            by_page: dict[str, list[tuple]] = {}
            body_files: dict[str, str | None] = {}
            for row in con.execute(sql + " ORDER BY a.article_id", params).fetchall():
                by_page.setdefault(row[6], []).append(row)
                body_files[row[6]] = row[12]
            counts["seen"] = sum(len(v) for v in by_page.values())
            topics = {}
            found: set[str] = set()
            # topic -> {job: (old article id, page, the topic's entry for the feed)}: one page per job in a batch
            pending: dict[str, dict[PageJob, tuple[str, Page, Feed | None]]] = {}

            def flush(name: str) -> None:
                batch = pending.pop(name, {})
                if not batch:
                    return
                extracted = extract_pages({job: page for job, (_, page, _) in batch.items()}, topics[name], workers)
                old = _derived(con, [aid for aid, _, _ in batch.values()])
                done = []
                for job, (aid, _, feed) in batch.items():
                    rec, error = extracted[job]
                    if rec is None:
                        counts["failed"] += 1
                        log.warning("reprocess of %s failed: %s", job.url, error)
                        continue
                    done.append((aid, apply_feed_settings(rec, feed)))  # per-feed outlet/language hold
                try:  # one transaction for the batch
                    counts["articles"] += load_articles(con, [rec for _, rec in done])["articles"]
                    loaded = done
                except Exception:  # noqa: BLE001 - rolled back: load one by one, so only a bad record fails
                    loaded = []
                    for aid, rec in done:
                        try:
                            counts["articles"] += load_articles(con, [rec])["articles"]
                            loaded.append((aid, rec))
                        except Exception as exc:  # noqa: BLE001
                            counts["failed"] += 1
                            log.warning("reprocess of %s failed: %s: %s", rec.url, type(exc).__name__, exc)
                new = _derived(con, [rec.article_id for _, rec in loaded])
                for aid, rec in loaded:
                    (old_quotes, old_labels), (new_quotes, new_labels) = old[aid], new[rec.article_id]
                    counts["quotes_added"] += len(new_quotes - old_quotes)
                    counts["quotes_removed"] += len(old_quotes - new_quotes)
                    counts["signals_added"] += len(new_labels.keys() - old_labels.keys())
                    counts["signals_removed"] += len(old_labels.keys() - new_labels.keys())
                    counts["signals_relabelled"] += sum(1 for k in new_labels.keys() & old_labels.keys()
                                                        if new_labels[k] != old_labels[k])

            for sha, body in bodies(con, body_files):
                found.add(sha)
                for aid, url, feed_url, outlet, published, topic_name, _, purl, final, status, headers, fetched, _ \
                        in by_page[sha]:
                    name = topic or topic_name or DEFAULT_TOPIC
                    cfg = topics.get(name) or topics.setdefault(name, load_topic(name))
                    page = Page(url=purl, final_url=final or purl, status=status or 200,
                                headers=json.loads(headers) if headers else {}, fetched_at=fetched, body=body)
                    feed = cfg.feed(feed_url)
                    job = PageJob(url=url, feed_url=feed_url, outlet=outlet, published_hint=published,
                                  language=feed.language if feed else None)
                    if job in pending.get(name, {}):
                        flush(name)
                    pending.setdefault(name, {})[job] = (aid, page, feed)
                    if len(pending[name]) >= BATCH:
                        flush(name)
            for name in list(pending):
                flush(name)
            for sha in body_files.keys() - found:  # its store file is gone (not copied with the .duckdb)
                counts["missing_body"] += len(by_page[sha])
                for row in by_page[sha]:
                    log.warning("reprocess of %s skipped: the raw page is missing from the page store", row[1])
            result = {k: counts[k] for k in ("seen", "articles", "quotes_added", "quotes_removed", "signals_added",
                                            "signals_removed", "signals_relabelled", "failed", "missing_body")}
            result["extractor_version"] = EXTRACTOR_VERSION
            finish_run(con, run_id, result, "completed")
        except Exception as exc:
            finish_run(con, run_id, dict(counts), "failed", f"{type(exc).__name__}: {exc}")
            raise
    log.info("reprocess to %s: %d stored pages, %d re-extracted; quotes +%d -%d; signals +%d -%d, %d relabelled; "
             "%d failed, %d without a stored body", EXTRACTOR_VERSION, result["seen"], result["articles"], result["quotes_added"],
             result["quotes_removed"], result["signals_added"], result["signals_removed"],
             result["signals_relabelled"], result["failed"], result["missing_body"])
    return result
