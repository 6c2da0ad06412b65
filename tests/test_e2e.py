"""End to end: the real ingest flow (Prefect, HTTP on loopback, feedparser, DuckDB) over the fixture site."""
from __future__ import annotations

import gc
import json

import duckdb
import pytest

from conftest import FIXTURES, row_counts

MANIFEST = json.loads((FIXTURES / "site" / "manifest.json").read_text())
DATA_TABLES = ("articles", "quotes", "speakers", "stance_signals", "pages", "feeds", "article_frames")


def feed_urls(server):
    return [server.url(f["path"]) for f in MANIFEST["feeds"]]


def counts(db):
    return row_counts(db, DATA_TABLES)


@pytest.fixture(scope="module")
def ingested(prefect_server, tmp_path_factory):
    """Run the flow twice against the same loopback site; hand back the db and both runs' results."""
    from flows.ingest import ingest
    from flows.sample_server import SampleServer

    db = tmp_path_factory.mktemp("e2e") / "stancewire.duckdb"
    gc_before = (gc.get_threshold(), gc.get_freeze_count())
    with SampleServer(FIXTURES / "site") as server:
        first = ingest(topic="ukraine-security", feeds=feed_urls(server), db=str(db), min_delay=0)
        after_first = counts(db)
        second = ingest(topic="ukraine-security", feeds=feed_urls(server), db=str(db), min_delay=0)
        after_second = counts(db)
        yield {"db": db, "server": server, "first": first, "second": second,
               "after_first": after_first, "after_second": after_second,
               "gc_before": gc_before, "gc_after": (gc.get_threshold(), gc.get_freeze_count())}


@pytest.fixture()
def con(ingested):
    c = duckdb.connect(str(ingested["db"]), read_only=True)
    yield c
    c.close()


def q(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_every_reachable_article_is_loaded(ingested, con):
    expected = [a for a in MANIFEST["articles"]]
    assert ingested["first"]["articles"] == len(expected)
    titles = {r[0] for r in q(con, "select title from articles")}
    assert {a["title"] for a in expected} == titles


def test_tracking_parameters_are_gone_from_canonical_urls(con):
    urls = [r[0] for r in q(con, "select canonical_url from articles")]
    assert urls and not any("utm_" in u for u in urls)
    assert any("utm_" in r[0] for r in q(con, "select url from articles"))  # as linked, kept verbatim


def test_broken_feed_and_404_are_recorded_and_the_run_goes_on(ingested, con):
    broken = [f for f in MANIFEST["feeds"] if f.get("broken")]
    assert broken
    for f in broken:
        (err,) = q(con, "select last_error from feeds where url = ?", ingested["server"].url(f["path"]))[0]
        assert err and "feed" in err
    rows = q(con, "select status, error from fetch_log where kind = 'page' and status = 404")
    assert rows and all(r[1] == "http 404" for r in rows)
    assert ingested["first"]["pages_failed"] >= 1 and ingested["first"]["feeds_failed"] == len(broken)
    (status,) = q(con, "select status from runs order by started_at limit 1")[0]
    assert status == "completed"


def test_syndicated_copy_points_at_the_original(con):
    dups = q(con, "select a.outlet, o.outlet from articles a join articles o on a.duplicate_of = o.article_id")
    assert len(dups) == 1 and dups[0][0] != dups[0][1]
    assert q(con, "select count(*) from counted_articles")[0][0] == \
        q(con, "select count(*) from articles where relevance > 0")[0][0] - 1


def test_quotes_have_speakers_and_roles(con):
    direct = q(con, "select speaker, speaker_role, speaker_id from quotes where kind = 'direct'")
    assert direct and all(r[0] and r[2] for r in direct)
    assert any(r[1] for r in direct)
    expected_speakers = {qq["speaker"] for a in MANIFEST["articles"] for qq in a.get("quotes", [])
                         if qq.get("kind") == "direct"}
    names = {r[0] for r in q(con, "select name from speakers")}
    assert expected_speakers <= names


def test_stance_signals_reach_the_trend_views(con):
    labels = {r[0] for r in q(con, "select label from stance_signals")}
    assert labels & {"pro", "con"}
    targets = {r[0] for r in q(con, "select target from stance_monthly")}
    assert targets & {"nato_membership", "security_guarantees"}
    assert q(con, "select count(*) from stance_by_speaker_monthly")[0][0] > 0


def test_a_run_leaves_the_garbage_collector_as_it_found_it(ingested):
    # the flow freezes the heap and makes full collections rarer for its run only: a long-lived
    # `serve` process must not keep a frozen heap (it would never be collected) or the run's
    # collection thresholds between runs
    assert ingested["gc_after"] == ingested["gc_before"]


def test_second_run_adds_nothing(ingested):
    assert ingested["after_second"] == ingested["after_first"]
    second = ingested["second"]
    assert second["articles"] == 0 and second["quotes"] == 0
    assert second["feeds_unchanged"] >= 1  # conditional GET: the server answered 304


def test_every_run_is_accounted_for(con):
    rows = q(con, "select flow, status, counts from runs order by started_at")
    assert [r[:2] for r in rows] == [("ingest", "completed")] * 2
    assert json.loads(rows[0][2])["articles"] > 0
