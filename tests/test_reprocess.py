"""Reprocess: stored raw pages re-extracted when the extractor version changes; idempotent."""
from __future__ import annotations

import duckdb
import pytest


@pytest.mark.parametrize("batch,workers", [(256, None), (2, 1)], ids=["one-batch-worker-processes", "batches-of-2-inline"])
def test_reprocess_replaces_derived_rows_and_reports_changes(prefect_server, fixture_site, tmp_path, monkeypatch,
                                                             batch, workers):
    import flows.reprocess
    from flows.ingest import ingest
    from flows.reprocess import reprocess

    monkeypatch.setattr(flows.reprocess, "BATCH", batch)

    db = tmp_path / "r.duckdb"
    ingest(feeds=[fixture_site.url("northgate-herald/rss.xml")], db=str(db), min_delay=0)
    con = duckdb.connect(str(db))
    before = con.execute("select count(*), list(quote_id order by quote_id) from quotes").fetchone()
    # Pretend an older extractor made these rows, and lost a quote on the way.
    con.execute("update articles set extractor_version = 'article-0+quotes-0+stance-0'")
    con.execute("delete from quotes where quote_id = (select min(quote_id) from quotes)")
    con.close()

    first = reprocess(db=str(db), only_outdated=True, extract_workers=workers)
    assert first["articles"] == 3 and first["quotes_added"] == 1 and first["quotes_removed"] == 0
    report = reprocess(db=str(db), only_outdated=True)
    assert report["seen"] == 0  # everything is current now
    con = duckdb.connect(str(db), read_only=True)
    after = con.execute("select count(*), list(quote_id order by quote_id) from quotes").fetchone()
    assert after == before  # same quotes, same ids: nothing duplicated, the lost one is back
    versions = {r[0] for r in con.execute("select distinct extractor_version from articles").fetchall()}
    assert len(versions) == 1 and "quotes-0" not in versions.pop()
    con.close()
    full = reprocess(db=str(db), only_outdated=False)
    assert full["seen"] == 3 and full["articles"] == 0 and full["quotes_added"] == full["quotes_removed"] == 0


def test_reprocess_without_the_page_store_skips_and_says_so(prefect_server, fixture_site, tmp_path):
    import shutil

    from flows.ingest import ingest
    from flows.reprocess import reprocess

    db = tmp_path / "r.duckdb"
    ingest(feeds=[fixture_site.url("northgate-herald/rss.xml")], db=str(db), min_delay=0)
    shutil.rmtree(tmp_path / "r.pages")  # the .duckdb copied without its .pages folder
    con = duckdb.connect(str(db))
    quotes = con.execute("select count(*) from quotes").fetchone()[0]
    con.execute("update articles set extractor_version = 'article-0+quotes-0+stance-0'")
    con.close()
    report = reprocess(db=str(db), only_outdated=True)
    assert report["seen"] == 3 and report["missing_body"] == 3 and report["articles"] == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from quotes").fetchone()[0] == quotes  # nothing lost either
    con.close()
