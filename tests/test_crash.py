"""Crashes: SIGKILL the ingest process at random points, many times, then run again — the
database opens, no row is duplicated, and the contents match an uninterrupted run. A migration
killed or failing half-way leaves the previous schema intact, and a damaged schema is reported."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import cli_env
from flows.config import SAMPLE_SITE

BIN = Path(sys.executable).parent
FEEDS = ["northgate-herald/rss.xml", "meridian-wire/atom.xml", "dnipro-courier/rss.xml"]
KILLS = int(os.environ.get("STANCEWIRE_CRASH_KILLS", "4"))
SEED = int(os.environ.get("STANCEWIRE_CRASH_SEED", "20261128"))

# What must match an uninterrupted run: natural keys and the content hanging off them.
CONTENT = {
    "articles": "select canonical_url, content_hash, duplicate_of, title from articles",
    "quotes": "select quote_id, article_id, kind, text, speaker_id from quotes",
    "speakers": "select speaker_id from speakers",
    "stance_signals": "select signal_id, target, label, score from stance_signals",
    "pages": "select sha256 from pages",
    "feeds": "select url, etag, last_error from feeds",
    "feed_entries": "select feed_url, entry_url, fetch_error from feed_entries",
    "article_frames": "select article_id, term, mentions from article_frames",
}


def snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, sql in CONTENT.items():
            rows = con.execute(sql).fetchall()
            assert len(rows) == len(set(rows)), f"duplicate rows in {table}"
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def ingest_cmd(server, db):
    feeds = [a for f in FEEDS for a in ("--feed", server.url(f))]
    return [str(BIN / "stancewire"), "ingest", *feeds, "--db", str(db), "--min-delay", "0", "--lock-wait", "30"]


def env(tmp_path, name):
    """Each ingest process talks to the session's Prefect server (no temporary server of its own to start)."""
    from prefect.settings import PREFECT_API_URL

    return cli_env(tmp_path, name, PREFECT_API_URL.value())


def test_sigkill_at_random_points_loses_and_duplicates_nothing(prefect_server, tmp_path):
    from flows.sample_server import SampleServer

    rng = random.Random(SEED)
    with SampleServer(SAMPLE_SITE) as server:
        reference = tmp_path / "reference.duckdb"
        started = time.monotonic()
        subprocess.run(ingest_cmd(server, reference), env=env(tmp_path, "ref"), check=True, capture_output=True,
                       timeout=300)
        full = time.monotonic() - started

        db = tmp_path / "crashed.duckdb"
        kill_times = []
        for i in range(KILLS):
            proc = subprocess.Popen(ingest_cmd(server, db), env=env(tmp_path, f"kill{i}"), start_new_session=True,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            delay = rng.uniform(0.3 * full, 1.0 * full)  # mostly past Prefect's start-up, into fetching and loading
            kill_times.append(round(delay, 1))
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        final = subprocess.run(ingest_cmd(server, db), env=env(tmp_path, "final"), capture_output=True, text=True,
                               timeout=300)
        assert final.returncode == 0, final.stderr[-3000:]

    assert snapshot(db) == snapshot(reference), f"kills at {kill_times} s (a full run took {full:.1f} s)"
    con = duckdb.connect(str(db), read_only=True)
    statuses = [r[0] for r in con.execute("select status from runs order by started_at").fetchall()]
    con.close()
    # Every killed run that got as far as recording itself is now 'interrupted', never left 'running'.
    assert statuses[-1] == "completed" and "running" not in statuses
    assert not list(tmp_path.glob("crashed.duckdb.journal/*.batch"))


def test_a_migration_killed_half_way_leaves_the_previous_schema(tmp_path):
    db = tmp_path / "m.duckdb"
    from warehouse import connect

    connect(db).close()
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('BEGIN TRANSACTION')\n"
        "con.execute('CREATE TABLE half_done (x INTEGER)')\n"
        "con.execute(\"INSERT INTO schema_migrations (version, name) VALUES (999, 'half_done')\")\n"
        "print('in migration', flush=True)\n"
        "con.execute('CREATE TABLE big AS SELECT range AS x FROM range(2000000000)')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "in migration"
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    con = connect(db)  # opens, verifies the schema, applies nothing new
    names = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "half_done" not in names and "big" not in names and "articles" in names
    assert 999 not in {r[0] for r in con.execute("select version from schema_migrations").fetchall()}


def test_a_failing_migration_is_rolled_back_and_named(tmp_path, monkeypatch):
    from warehouse import db as dbmod
    from warehouse.db import WarehouseError, connect

    real = dbmod.migrations()
    broken = real + [(999, "broken", "CREATE TABLE half (x INTEGER); CREATE TABLE oops (x NOPE_TYPE);")]
    monkeypatch.setattr(dbmod, "migrations", lambda: broken)
    path = tmp_path / "b.duckdb"
    with pytest.raises(WarehouseError, match="migration 999_broken failed"):
        connect(path)
    monkeypatch.setattr(dbmod, "migrations", lambda: real)
    con = connect(path)
    names = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "half" not in names and {"articles", "quotes", "runs"} <= names


def test_a_database_missing_a_table_is_reported_not_used(tmp_path):
    from warehouse.db import WarehouseError, connect

    path = tmp_path / "d.duckdb"
    con = connect(path)
    con.execute("DROP VIEW quote_spread")
    con.execute("DROP TABLE quotes")
    con.close()
    with pytest.raises(WarehouseError, match="missing quote_spread, quotes"):
        connect(path)
