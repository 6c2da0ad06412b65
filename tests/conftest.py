"""Test set-up: Prefect state in a temp dir, no telemetry, one temporary Prefect server per session."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports prefect: never touch the user's real Prefect home, send no telemetry.
_PREFECT_HOME = tempfile.mkdtemp(prefix="stancewire-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("STANCEWIRE_DB", None)

import pytest  # noqa: E402

# Import prefect now, while sys.stderr is pytest's session-long stream: Prefect's console log
# handler binds to the stream it first sees, and a test's capsys stream is closed afterwards.
import prefect  # noqa: E402,F401

FIXTURES = Path(__file__).parent / "fixtures"
DATA_TABLES = ("articles", "quotes", "speakers", "stance_signals", "pages", "feeds", "feed_entries")


def rows(db, sql, *params) -> list[tuple]:
    """The rows of a query on a DuckDB file, opened read-only for just this query."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def row_counts(db, tables=DATA_TABLES) -> dict[str, int]:
    """Rows per table in a DuckDB file, opened read-only."""
    return {t: rows(db, f"select count(*) from {t}")[0][0] for t in tables}


def cli_env(tmp_path, name, api_url: str | None = None) -> dict:
    """Environment for a `stancewire` subprocess: its own Prefect home, no telemetry, and either
    the given Prefect API or none (then it starts a temporary server of its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / name), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


@pytest.fixture(scope="session")
def prefect_server():
    """A temporary Prefect server for the whole session (flows run for real against it)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
        _silence_prefect_console()  # the harness logs its shutdown after pytest has closed its streams


def _silence_prefect_console():
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    for logger in [logging.getLogger()] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, PrefectConsoleHandler):
                handler.setLevel(logging.CRITICAL)


@pytest.fixture()
def fixture_site():
    """The small fixture news site served on loopback for the duration of a test."""
    from flows.sample_server import SampleServer

    with SampleServer(FIXTURES / "site") as server:
        yield server
