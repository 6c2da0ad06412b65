"""The reprocess flow: re-run the current extractors over the raw pages already stored."""
from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows.config import DEFAULT_TOPIC, load_topic
from flows.process import EXTRACTOR_VERSION, PageJob, process_page
from warehouse import connect
from warehouse.load import finish_run, load_article, start_run
from warehouse.records import Page


@flow(name="reprocess")
def reprocess(db: str | None = None, topic: str | None = None, only_outdated: bool = True) -> dict:
    """Re-extract stored pages; by default only articles made by an older extractor version."""
    log = get_run_logger()
    con = connect(Path(db) if db else None)
    run_id = str(flow_run.id or "local")
    start_run(con, run_id, "reprocess", {"topic": topic, "only_outdated": only_outdated})
    counts = {"articles": 0, "quotes": 0, "signals": 0, "failed": 0, "seen": 0}
    try:
        sql = ("SELECT a.url, a.feed_url, a.outlet, a.published_at, a.topic, p.url, p.final_url, p.status,"
               " p.headers, p.fetched_at, p.body FROM articles a JOIN pages p ON p.sha256 = a.page_sha256")
        params: list = []
        if only_outdated:
            sql += " WHERE a.extractor_version IS DISTINCT FROM ?"
            params.append(EXTRACTOR_VERSION)
        rows = con.execute(sql, params).fetchall()
        topics = {}
        for url, feed_url, outlet, published, topic_name, purl, final, status, headers, fetched, body in rows:
            counts["seen"] += 1
            name = topic or topic_name or DEFAULT_TOPIC
            cfg = topics.get(name) or topics.setdefault(name, load_topic(name))
            page = Page(url=purl, final_url=final or purl, status=status or 200,
                        headers=json.loads(headers) if headers else {}, fetched_at=fetched, body=bytes(body))
            try:
                rec = process_page(page, PageJob(url=url, feed_url=feed_url, outlet=outlet, published_hint=published), cfg)
                loaded = load_article(con, rec)
            except Exception as exc:
                counts["failed"] += 1
                log.warning("reprocess of %s failed: %s: %s", url, type(exc).__name__, exc)
                continue
            for k in ("articles", "quotes", "signals"):
                counts[k] += loaded[k]
        finish_run(con, run_id, counts, "completed")
        log.info("reprocess: %(seen)d stored pages, %(articles)d articles re-extracted, %(failed)d failed", counts)
    except Exception as exc:
        finish_run(con, run_id, counts, "failed", f"{type(exc).__name__}: {exc}")
        raise
    finally:
        con.close()
    return counts
