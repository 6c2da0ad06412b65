"""Polling like a good citizen: updated entries, robots.txt, adaptive intervals, backfills,
disabled feeds, and a database locked by another process (journal, then recovery)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from conftest import FIXTURES, row_counts, rows
from flows.polling import MAX_INTERVAL_S, MIN_INTERVAL_S, mean_entry_interval, next_interval

NORTHGATE = "northgate-herald/rss.xml"
MERIDIAN = "meridian-wire/atom.xml"
T = datetime(2024, 1, 1, tzinfo=timezone.utc)


@pytest.fixture()
def site(tmp_path):
    """A writable copy of the fixture site, served on loopback."""
    from flows.sample_server import SampleServer

    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    with SampleServer(root) as server:
        server.path = root
        yield server


def run(server, db, feeds=(NORTHGATE,), **kw):
    from flows.ingest import ingest

    kw["feeds"] = [server.url(f) for f in feeds] if feeds else None
    return ingest(topic=kw.pop("topic", "ukraine-security"), db=str(db), min_delay=0, **kw)


# --- the policy, as pure functions ------------------------------------------------------------

def test_interval_follows_the_feed_rhythm():
    hourly = [T + timedelta(hours=h) for h in range(10)]
    assert mean_entry_interval(hourly) == 3600
    assert mean_entry_interval([T]) is None and mean_entry_interval([None, T]) is None
    assert next_interval(1200, None, new_entries=3) == MIN_INTERVAL_S  # ten minutes would be under the floor
    assert next_interval(4 * 3600, None, new_entries=1) == 2 * 3600
    assert next_interval(30 * 86400, None, new_entries=1) == MAX_INTERVAL_S


def test_quiet_polls_back_off_up_to_a_day():
    interval = next_interval(4 * 3600, None, new_entries=1)
    for _ in range(3):
        interval = next_interval(4 * 3600, interval, new_entries=0)
    assert interval == int(2 * 3600 * 1.5 ** 3)
    for _ in range(20):
        interval = next_interval(4 * 3600, interval, new_entries=0)
    assert interval == MAX_INTERVAL_S
    assert next_interval(4 * 3600, interval, new_entries=2) == 2 * 3600  # something new: back to the rhythm


def test_feeds_are_polled_in_few_tasks_that_start_small_and_double():
    """Every feed polled once, in order; the first task small so the workers start early, and a
    thousand feeds in six task runs (each costs the temporary server CPU), none over MAX_POLL."""
    from flows.ingest import FIRST_POLL, MAX_POLL, poll_groups

    feeds = [f"https://example.org/{i}.xml" for i in range(1000)]
    groups = poll_groups(feeds)
    assert [f for g in groups for f in g] == feeds
    assert [len(g) for g in groups] == [16, 32, 64, 128, 256, 504] and FIRST_POLL == 16
    many = poll_groups(list(range(10_000)))
    assert max(map(len, many)) == MAX_POLL and len(many) == 15
    assert poll_groups([]) == [] and poll_groups(["one"]) == [["one"]]


def test_write_windows_wait_for_articles_and_time_but_never_hold_too_many():
    """Fewer, larger write windows (each checkpoints the file), but memory stays bounded."""
    from flows.ingest import LOAD_BATCH, LOAD_EVERY_S, MAX_LOAD_BATCH, window_due

    assert not window_due(LOAD_BATCH - 1, 3600)  # a few articles wait for more (the run's end flushes them)
    assert not window_due(LOAD_BATCH, LOAD_EVERY_S / 2)
    assert window_due(LOAD_BATCH, LOAD_EVERY_S)
    assert window_due(MAX_LOAD_BATCH, 0.0)
    # once only the last page batch is still being extracted, whatever waits goes
    assert window_due(1, 0.0, last_batch_left=True) and not window_due(0, 3600, last_batch_left=True)


# --- against the loopback site ----------------------------------------------------------------

def test_an_updated_entry_is_fetched_again_and_keeps_its_unchanged_quotes(prefect_server, site, tmp_path):
    db = tmp_path / "w.duckdb"
    run(site, db, feeds=(MERIDIAN,))
    before = dict(rows(db, "select quote_id, q.text from quotes q join articles a using (article_id) "
                           "where a.url like '%us-and-ukraine%'"))
    feed = site.path / MERIDIAN
    feed.write_text(feed.read_text().replace(
        "<updated>2024-06-13T19:35:00+00:00</updated>", "<updated>2024-06-14T08:00:00+00:00</updated>"))
    page = next((site.path / "meridian-wire/world").glob("us-and-ukraine*.html"))
    page.write_text(page.read_text().replace(
        "</p>\n", "</p>\n<p>“We will keep our word,” said Ines Marlow, a spokeswoman for the mission.</p>\n", 1))
    second = run(site, db, feeds=(MERIDIAN,))
    assert second["entries_updated"] == 1 and second["articles"] == 1
    after = dict(rows(db, "select quote_id, q.text from quotes q join articles a using (article_id) "
                          "where a.url like '%us-and-ukraine%'"))
    assert set(before) <= set(after)  # every quote still in the text kept its id
    assert any("keep our word" in t for t in after.values())
    assert rows(db, "select count(*) from articles where url like '%us-and-ukraine%'")[0][0] == 1


def test_robots_txt_is_honoured(prefect_server, site, tmp_path):
    (site.path / "robots.txt").write_text("User-agent: *\nDisallow: /northgate-herald/2023/\n")
    db = tmp_path / "w.duckdb"
    counts = run(site, db)
    refused = rows(db, "select url from fetch_log where error = 'disallowed by robots.txt'")
    assert refused and all("/2023/" in r[0] for r in refused)
    assert not rows(db, "select url from articles where url like '%/2023/%'")
    assert counts["articles"] >= 1  # the rest of the feed still came in


def test_scheduled_runs_poll_only_feeds_that_are_due(prefect_server, site, tmp_path):
    topic = tmp_path / "local.toml"
    topic.write_text(f'name = "local"\nkeywords = ["NATO"]\n[[targets]]\nname = "nato_membership"\n'
                     f'phrases = ["NATO membership"]\n[[feeds]]\nurl = "{site.url(NORTHGATE)}"\n')
    db = tmp_path / "w.duckdb"
    from flows.ingest import ingest

    first = ingest(topic=str(topic), db=str(db), min_delay=0)
    assert first["feeds"] == 1 and first["feeds_not_due"] == 0
    (interval, next_poll), = rows(db, "select poll_interval_s, next_poll_at from feeds")
    assert MIN_INTERVAL_S <= interval <= MAX_INTERVAL_S and next_poll > datetime.now(timezone.utc)
    second = ingest(topic=str(topic), db=str(db), min_delay=0)
    assert second["feeds"] == 0 and second["feeds_not_due"] == 1
    forced = ingest(topic=str(topic), db=str(db), min_delay=0, force=True)
    assert forced["feeds"] == 1 and forced["feeds_unchanged"] == 1


def test_backfill_from_urls_and_a_news_sitemap(prefect_server, site, tmp_path):
    manifest = __import__("json").loads((site.path / "manifest.json").read_text())
    paths = [a["path"] for a in manifest["articles"]]
    dated = sorted((a["published"], a["path"]) for a in manifest["articles"])
    entries = "".join(
        f"<url><loc>{site.url(p)}</loc><news:news><news:publication_date>{d}</news:publication_date>"
        f"</news:news></url>" for d, p in dated)
    (site.path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>')
    db = tmp_path / "w.duckdb"
    since = datetime.fromisoformat(dated[2][0])
    counts = run(site, db, feeds=None, sitemap=site.url("sitemap.xml"), since=since)
    loaded = {r[0] for r in rows(db, "select url from articles")}
    assert counts["articles"] == len(dated) - 2 and loaded == {site.url(p) for _, p in dated[2:]}
    run(site, db, feeds=None, urls=[site.url(p) for p in paths])
    assert rows(db, "select count(*) from articles")[0][0] == len(paths)


def test_failing_feeds_are_disabled_and_one_command_enables_them(tmp_path):
    from flows.cli import main
    from warehouse import connect
    from warehouse.load import DISABLE_AFTER_FAILURES, feeds_due, record_feed_poll

    db = tmp_path / "w.duckdb"
    con = connect(db)
    kw = dict(topic="t", outlet=None, title=None, etag=None, last_modified=None, entries=0)
    for i in range(DISABLE_AFTER_FAILURES):
        record_feed_poll(con, url="https://a.example/rss", polled_at=T + timedelta(hours=i), status=503,
                         error="http 503", **kw)
    record_feed_poll(con, url="https://b.example/rss", polled_at=T, status=410, error="http 410", **kw)
    health = dict(con.execute("select url, health from feed_health").fetchall())
    assert health == {"https://a.example/rss": "disabled", "https://b.example/rss": "disabled"}
    reasons = dict(con.execute("select url, disabled_reason from feeds").fetchall())
    assert "5 consecutive failures" in reasons["https://a.example/rss"] and "410" in reasons["https://b.example/rss"]
    assert feeds_due(con, ["https://a.example/rss", "https://new.example/rss"], T) == ["https://new.example/rss"]
    con.close()
    assert main(["feeds", "enable", "https://a.example/rss", "--db", str(db)]) == 0
    assert rows(db, "select enabled, consecutive_failures, disabled_reason from feeds where url like '%a.example%'") \
        == [(True, 0, None)]
    assert main(["feeds", "enable", "https://nope.example/rss", "--db", str(db)]) == 1


def test_a_locked_database_loses_nothing(prefect_server, site, tmp_path):
    from warehouse import connect

    reference = tmp_path / "reference.duckdb"
    run(site, reference, feeds=(NORTHGATE, MERIDIAN))

    db = tmp_path / "w.duckdb"
    connect(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(float(sys.argv[2]))", str(db), "60"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    locked = run(site, db, feeds=(NORTHGATE, MERIDIAN), lock_wait=0)
    assert locked["locked_by"] and f"PID {holder.pid}" in locked["locked_by"]
    assert locked["batches_pending"] >= 1 and locked["articles"] == 0
    assert list(db.parent.glob("w.duckdb.journal/*.batch"))
    assert time.monotonic() - started < 50, "the run must not wait for the lock when lock_wait=0"
    holder.terminate()
    holder.wait()

    again = run(site, db, feeds=(NORTHGATE, MERIDIAN))  # replays the journal first, then polls: 304s
    assert again["feeds_unchanged"] == 2 and again["articles"] == 0
    assert not list(db.parent.glob("w.duckdb.journal/*.batch"))
    assert row_counts(db) == row_counts(reference)
    statuses = [r[0] for r in rows(db, "select status from runs order by started_at")]
    assert statuses == ["completed", "completed"]
