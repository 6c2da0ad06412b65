"""Faults and hostile input: one ingest run against a loopback site where every feed and page
misbehaves in its own way. The run completes, every failure is a row with a clear reason,
everything good is ingested, nothing is fetched from a private address, and memory stays bounded."""
from __future__ import annotations

import json
import resource

import duckdb
import pytest

from hostile import FEED_FAULTS, PAGE_FAULTS, HostileSite


@pytest.fixture(scope="module")
def hostile_run(prefect_server, tmp_path_factory):
    from flows.ingest import ingest

    tmp = tmp_path_factory.mktemp("hostile")
    with HostileSite() as site:
        feeds = [site.url("/feeds/pages.xml")] + [site.url(p) for p in FEED_FAULTS]
        topic = tmp / "hostile.toml"
        topic.write_text(
            'name = "hostile"\nkeywords = ["NATO", "Ukraine"]\n[[targets]]\nname = "nato_membership"\n'
            'phrases = ["NATO membership"]\n[fetch]\nread_timeout = 1.0\ntotal_timeout = 2.0\nretries = 1\n'
            'backoff = 0.05\nmin_delay = 0\nper_host = 8\n' + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in feeds))
        db = tmp / "hostile.duckdb"
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        counts = ingest(topic=str(topic), db=str(db), lock_wait=5)
        rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        yield {"counts": counts, "db": db, "site": site, "rss_growth_mb": rss_growth_mb}


@pytest.fixture()
def con(hostile_run):
    c = duckdb.connect(str(hostile_run["db"]), read_only=True)
    yield c
    c.close()


def test_the_run_completes_and_is_recorded(hostile_run, con):
    assert con.execute("select status from runs").fetchall() == [("completed",)]
    assert hostile_run["counts"]["feeds"] == len(FEED_FAULTS) + 1


@pytest.mark.parametrize("route, expected", sorted(FEED_FAULTS.items()))
def test_each_feed_fault_is_recorded_with_a_clear_reason(hostile_run, con, route, expected):
    url = hostile_run["site"].url(route)
    (error,) = con.execute("select last_error from feeds where url = ?", [url]).fetchone()
    if expected is None:
        assert error is None
    else:
        assert error and error.startswith(expected), error
        assert con.execute("select count(*) from fetch_log where url = ? and error is not null", [url]).fetchone()[0]


@pytest.mark.parametrize("link, expected", sorted(PAGE_FAULTS.items()))
def test_each_page_fault_is_recorded_or_the_page_loaded(hostile_run, con, link, expected):
    url = hostile_run["site"].url(link)
    if url.startswith("file:"):  # feedparser normalises file:///x to file://x; the scheme is what counts
        url = "file:%"
    errors = [r[0] for r in con.execute("select error from fetch_log where kind = 'page' and url like ?", [url]).fetchall()]
    assert errors, f"no fetch_log row for {url}"
    if expected is None:
        assert errors[-1] is None
        assert con.execute("select count(*) from articles where url = ?", [url]).fetchone()[0] == 1
    else:
        assert errors[-1] and errors[-1].startswith(expected), errors


def test_everything_good_is_ingested(hostile_run, con):
    site = hostile_run["site"]
    good = [site.url(f"/pages/good-{i}") for i in range(5)]
    loaded = {r[0] for r in con.execute("select url from articles").fetchall()}
    assert set(good) <= loaded  # good-3 came after a 429, good-4 from a feed with no Content-Type
    assert con.execute("select count(*) from quotes").fetchone()[0] > 0


def test_nothing_private_was_contacted_and_no_file_was_read(con):
    rows = con.execute("select url, status, bytes from fetch_log where url like '%169.254%' or url like '%10.20.30.40%'"
                       " or url like 'file:%'").fetchall()
    assert rows and all(status is None and not size for _, status, size in rows)
    dumped = json.dumps(con.execute("select * from feed_entries").fetchall(), default=str)
    dumped += json.dumps(con.execute("select title, text from articles").fetchall(), default=str)
    assert "root:x:0:0" not in dumped


def test_bombs_and_huge_bodies_never_fill_memory(hostile_run):
    # A 1 GB gzip bomb, a 1 GB deflate bomb and 20 MB bodies were served; each read stops at the cap.
    assert hostile_run["rss_growth_mb"] < 300


def test_odd_feed_content_is_tamed(hostile_run, con):
    site = hostile_run["site"]
    titles = con.execute("select max(length(title)) from feed_entries").fetchone()[0]
    assert titles <= 2000  # a 1 MB title is clipped
    dates = con.execute("select title, published_at from feed_entries where feed_url = ?",
                        [site.url("/feeds/bad-dates")]).fetchall()
    assert dates and all(published is None for _, published in dates)  # 2100 and 1970 are not dates
    assert con.execute("select count(*) from feed_entries where feed_url = ?",
                       [site.url("/feeds/duplicate-guids")]).fetchone()[0] == 1
    assert con.execute("select entries_seen from feeds where url = ?", [site.url("/feeds/empty")]).fetchone() == (0,)


def test_feed_text_never_reaches_sql_as_code(prefect_server, tmp_path):
    from datetime import datetime, timezone

    from warehouse import connect
    from warehouse.load import record_entries

    evil = "x'); DROP TABLE articles; --"
    con = connect(tmp_path / "sql.duckdb")
    record_entries(con, evil, [(evil, evil, evil, None, None, None)], datetime.now(timezone.utc))
    assert con.execute("select title from feed_entries").fetchone() == (evil,)
    assert con.execute("select count(*) from articles").fetchone() == (0,)
