"""Opening the DuckDB file and applying numbered migrations.

Migrations are ``warehouse/migrations/NNN_name.sql``; each runs in its own transaction and is
recorded in ``schema_migrations``, so an interrupted migration leaves the previous version
intact and the next start applies it again.
"""
from __future__ import annotations

import functools
import os
import re
from importlib import resources
from pathlib import Path

import duckdb

from warehouse import pagestore

DEFAULT_DB = Path("data") / "stancewire.duckdb"


class WarehouseError(RuntimeError):
    """The database file cannot be opened or migrated; the message says why."""


def default_db_path() -> Path:
    return Path(os.environ.get("STANCEWIRE_DB") or DEFAULT_DB)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration file, in order."""
    found = []
    for entry in resources.files("warehouse").joinpath("migrations").iterdir():
        m = re.fullmatch(r"(\d+)_(\w+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {version:03d}_{name} failed: {exc}") from exc
        applied.append(version)
    return applied


def expected_objects(versions: set[int] | None = None) -> set[str]:
    """Every table and view the migrations create (and do not drop for good); only those of
    ``versions`` when given (a database opened read-only may be behind the code)."""
    return set(_created_by(tuple(m for m in migrations() if versions is None or m[0] in versions)))


@functools.lru_cache(maxsize=8)
def _created_by(applied: tuple) -> frozenset[str]:
    names: set[str] = set()
    for _, _, sql in applied:
        for verb, name in re.findall(r"\b(CREATE|DROP)\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(\w+)",
                                     sql, re.IGNORECASE):
            (names.add if verb.upper() == "CREATE" else names.discard)(name.lower())
    return frozenset(names)


def verify_schema(con: duckdb.DuckDBPyConnection, where: str = "the database") -> None:
    """Refuse a database that lacks a table or view its recorded migrations promise."""
    present = {r[0].lower() for r in con.execute(
        "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal"
    ).fetchall()}
    applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    missing = sorted(expected_objects(applied) - present)
    if missing:
        raise WarehouseError(
            f"{where} is missing {', '.join(missing)} although schema_migrations records the migrations that create them; "
            "it was changed by hand or damaged. Restore it from a copy, or move it aside and re-ingest "
            "(raw pages can be re-extracted with `stancewire reprocess` from a good copy).")


def connect(path: str | os.PathLike | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse and bring its schema up to date.

    ``path`` defaults to ``$STANCEWIRE_DB``, else ``data/stancewire.duckdb``; ``":memory:"`` works
    for tests. Read-only connections are not migrated.
    """
    target = ":memory:" if str(path) == ":memory:" else Path(path or default_db_path())
    if target != ":memory:":
        if read_only and not target.exists():
            raise WarehouseError(f"no database at {target}: run `stancewire demo` or `stancewire ingest` first")
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseError(
                f"{target} is in use by another process (DuckDB allows one writer per file): {exc}"
            ) from exc
        raise WarehouseError(f"cannot open {target}: {exc}") from exc
    try:
        if not read_only:
            migrate(con)
        if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'").fetchone()[0]:
            verify_schema(con, str(target))
        pagestore.attach(con, pagestore.store_dir(target), read_only=read_only)
    except Exception:
        con.close()
        raise
    return con
