"""Scheduled runs that really fire: `stancewire serve` against a real local Prefect server,
an ad-hoc `prefect deployment run --param` picked up, and a clean stop on Ctrl-C.
Also: two ingest processes started at once end with the same rows as one run."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from conftest import cli_env, row_counts
from flows.serve import _free_port

BIN = Path(sys.executable).parent


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def runs(db):
    if not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.IOException:  # the flow is writing right now
        return []
    try:
        return con.execute("select parameters, status from runs where flow = 'ingest' order by started_at").fetchall()
    except duckdb.CatalogException:
        return []
    finally:
        con.close()


def test_schedules_fire_and_adhoc_runs_are_picked_up(tmp_path, fixture_site):
    db = tmp_path / "served.duckdb"
    env = cli_env(tmp_path, "prefect")
    port = _free_port(0)
    proc = subprocess.Popen(
        # 15 s: longer than a run takes here, so scheduled runs never pile up in front of the ad-hoc one
        # (the deployment's concurrency_limit is 1, and runs are taken oldest first).
        [str(BIN / "stancewire"), "serve", "--interval", "15", "--feed", fixture_site.url("northgate-herald/rss.xml"),
         "--db", str(db), "--min-delay", "0", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    out: list[str] = []
    threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True).start()
    try:
        api = wait_for(lambda: next((m.group(1) for line in out for m in [re.search(r"Prefect API (\S+);", line)] if m),
                                    None), 120, "the local server to start")
        assert api == f"http://127.0.0.1:{port}/api" and any("UI http://127.0.0.1" in line for line in out)
        # Two scheduled runs, nobody asking: the first loads the feed, the second gets a 304.
        wait_for(lambda: len([r for r in runs(db) if r[1] == "completed"]) >= 2, 120, "two scheduled runs")
        env_api = {**env, "PREFECT_API_URL": api}
        subprocess.run([str(BIN / "prefect"), "deployment", "run", "ingest/ukraine-security", "--param", "limit=1",
                        "--param", "force=true"], env=env_api, check=True, capture_output=True, timeout=60)
        adhoc = wait_for(lambda: [r for r in runs(db) if json.loads(r[0]).get("limit") == 1 and r[1] == "completed"],
                         180, "the ad-hoc run")
        assert json.loads(adhoc[0][0])["force"] is True
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError("serve did not stop within 90 s of Ctrl-C:\n" + "".join(out[-40:])) from None
    assert code == 0, "".join(out[-40:])
    assert any("Stopped" in line for line in out)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] >= 1
    assert con.execute("select count(*) from fetch_log where kind = 'feed' and status = 304").fetchone()[0] >= 1


def test_two_ingest_processes_at_once_end_like_one_run(tmp_path, fixture_site):
    feeds = ["--feed", fixture_site.url("northgate-herald/rss.xml"), "--feed", fixture_site.url("meridian-wire/atom.xml")]

    def start(db, name):
        return subprocess.Popen([str(BIN / "stancewire"), "ingest", *feeds, "--db", str(db), "--min-delay", "0"],
                                env=cli_env(tmp_path, name), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    both = [start(tmp_path / "shared.duckdb", "a"), start(tmp_path / "shared.duckdb", "b")]
    single = start(tmp_path / "single.duckdb", "c")
    for p in both + [single]:
        assert p.wait(timeout=180) == 0, p.stdout.read().decode()[-3000:]

    assert row_counts(tmp_path / "shared.duckdb") == row_counts(tmp_path / "single.duckdb")
    assert not list(tmp_path.glob("shared.duckdb.journal/*.batch"))
