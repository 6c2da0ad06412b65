"""Past one machine, tried locally: the same ingest flow on a Dask task runner (prefect-dask).

On a real cluster, point ``DaskTaskRunner(address=...)`` at the scheduler; here an in-process
LocalCluster (threads, so its workers share this test's temporary Prefect server) runs the tasks
and the flow stays the single writer.
"""
from __future__ import annotations

import duckdb
import pytest

prefect_dask = pytest.importorskip("prefect_dask", reason="prefect-dask is part of the test extras")


def test_ingest_on_a_dask_task_runner(prefect_server, fixture_site, tmp_path):
    from prefect_dask import DaskTaskRunner

    from flows.ingest import ingest

    runner = DaskTaskRunner(cluster_kwargs={"processes": False, "n_workers": 2, "threads_per_worker": 2,
                                            "dashboard_address": None})
    db = tmp_path / "dask.duckdb"
    feeds = [fixture_site.url("northgate-herald/rss.xml"), fixture_site.url("meridian-wire/atom.xml")]
    counts = ingest.with_options(task_runner=runner)(feeds=feeds, db=str(db), min_delay=0, extract_workers=1)
    assert counts["articles"] == 5 and counts["pages_failed"] == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 5
    assert con.execute("select count(*) from quotes").fetchone()[0] > 0
