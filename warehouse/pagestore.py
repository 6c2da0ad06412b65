"""Raw page bodies, kept beside the DuckDB file in zstd-compressed Parquet files.

Bodies are most of a warehouse's bytes (~42 KiB a page against ~6 KiB of everything extracted
from it), and DuckDB rewrites the open row group of a table at every checkpoint: with bodies in
a table, the writer's memory peaks grew with the number of pages stored (a 10,000-page ingest
peaked 40% higher than a 1,000-page one). So bodies go, once, to an immutable Parquet file per
write window in ``<db name>.pages/`` (``data/stancewire.pages/`` for the default database), and
the table ``page_meta`` keeps one row per page with the file its body is in. Small files (a
scheduled run adds one per write window) are merged once there are COMPACT_AFTER of them.

SQL is unchanged: ``pages`` is a view with the documented columns (sha256, url, final_url,
status, headers, fetched_at, body). The writer recreates it (with the store's absolute path) at
every writable open, so any DuckDB client sees the bodies; read-only connections of stancewire
shadow it with a temporary view, so a moved warehouse (the .duckdb file and its .pages folder)
still reads. A body is found through ``page_meta.body_file``, so a file left by a load that was
rolled back (or killed between writing the file and committing) is never read twice; bodies
stored before migration 005 stay in ``page_bodies_legacy`` and the view reads them from there.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from warehouse.bulk import registered

VARIABLE = "stancewire_page_store"
EMPTY = "0-empty.parquet"  # read_parquet refuses a glob that matches nothing; this file always does
COMPACT_AFTER = 64  # small files in the store before they are merged into one
SMALL_FILE_BYTES = 16 << 20  # files from this size up are left as they are


def store_dir(db: Path | str) -> Path:
    """The page store of a database file: ``data/stancewire.duckdb`` → ``data/stancewire.pages``;
    an in-memory database gets a temporary folder, removed when the process exits."""
    if str(db) == ":memory:":
        tmp = Path(tempfile.mkdtemp(prefix="stancewire-pages-"))
        atexit.register(shutil.rmtree, tmp, True)
        return tmp
    db = Path(db).resolve()
    return db.with_name((db.name if db.suffix == ".pages" else db.stem) + ".pages")  # never the file itself


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _view_sql(directory: Path | None, *, temp: bool) -> str:
    kind = "TEMP VIEW" if temp else "VIEW"
    legacy = "LEFT JOIN page_bodies_legacy l ON l.sha256 = m.sha256"
    if directory is None:  # the store is missing: metadata only, every body NULL
        body, files = "l.body", ""
    else:
        d = directory.as_posix()
        body = "coalesce(l.body, f.body)"
        files = (f" LEFT JOIN read_parquet({_sql_string(d + '/*.parquet')}, filename = true) f"
                 f" ON f.sha256 = m.sha256 AND f.filename = {_sql_string(d + '/')} || m.body_file")
    return (f"CREATE OR REPLACE {kind} pages AS SELECT m.sha256, m.url, m.final_url, m.status, m.headers,"
            f" m.fetched_at, {body} AS body, m.body_bytes, m.body_file FROM page_meta m {legacy}{files}")


def attach(con: duckdb.DuckDBPyConnection, directory: Path, *, read_only: bool) -> None:
    """Make ``pages`` read from ``directory`` on this connection and tell the loader where to write."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'page_meta'").fetchall()[0][0]:
        return  # a warehouse from before migration 005, opened read-only: its pages table is as it was
    if read_only:
        if (directory / EMPTY).exists():
            con.execute(_view_sql(directory, temp=True))
        else:  # a copied .duckdb without its folder: the stored view still names the original store
            try:
                con.execute("SELECT body FROM pages LIMIT 0").fetchall()
            except duckdb.Error:  # and that is gone too: metadata only
                con.execute(_view_sql(None, temp=True))
    else:
        directory.mkdir(parents=True, exist_ok=True)
        if not (directory / EMPTY).exists():
            _copy_out(con, "SELECT NULL::VARCHAR AS sha256, NULL::BLOB AS body WHERE false", directory / EMPTY)
        con.execute(_view_sql(directory, temp=False))
    con.execute(f"SET VARIABLE {VARIABLE} = {_sql_string(directory.as_posix())}")
    if not read_only:
        compact(con, directory)


def _store(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The page store this connection was attached to (by warehouse.db.connect), if any."""
    directory = con.execute(f"SELECT getvariable('{VARIABLE}')").fetchall()[0][0]
    return Path(directory) if directory else None


def _copy_out(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    part = path.with_name(path.name + ".part")
    # row groups of 1,024 bodies: the Parquet writer holds one in memory (~40 MiB), not 122,880
    con.execute(f"COPY ({query}) TO {_sql_string(part.as_posix())}"
                " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1024)").fetchall()
    part.replace(path)  # a reader never sees half a file


def _new_name() -> str:
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.parquet"


def compact(con: duckdb.DuckDBPyConnection, directory: Path, *, after: int | None = None) -> int:
    """Once the store holds ``after`` small files (a scheduled run adds one per write window,
    often with a handful of pages), merge them into one, and delete the files no page refers to
    (left by a load killed before it committed). Only the single writer calls this, on open,
    before it writes anything. Returns the number of files removed."""
    after = COMPACT_AFTER if after is None else after
    files = [p for p in directory.glob("*.parquet") if p.name != EMPTY]
    if len(files) < after:
        return 0
    referenced = {r[0] for r in con.execute(
        "SELECT DISTINCT body_file FROM page_meta WHERE body_file IS NOT NULL").fetchall()}
    gone = [p for p in files if p.name not in referenced]
    small = [p for p in files if p.name in referenced and p.stat().st_size < SMALL_FILE_BYTES]
    if len(small) >= after:
        # every body in a referenced file is referenced (a window's file holds only the pages its
        # committed transaction added), so a plain scan streams them: no join holding bodies
        name = _new_name()
        listed = "[" + ", ".join(_sql_string(p.as_posix()) for p in small) + "]"
        _copy_out(con, f"SELECT sha256, body FROM read_parquet({listed})", directory / name)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("UPDATE page_meta SET body_file = ? WHERE body_file IN (SELECT unnest(?::VARCHAR[]))",
                        [name, [p.name for p in small]]).fetchall()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            (directory / name).unlink(missing_ok=True)
            raise
        gone += small
    gone += directory.glob("*.part")  # a COPY killed half-way
    for p in gone:
        p.unlink(missing_ok=True)
    return len(gone)


def write_bodies(con: duckdb.DuckDBPyConnection, bodies: dict[str, bytes]) -> str | None:
    """Write ``{sha256: body}`` to a new file of the store; return its name (for ``page_meta.body_file``)."""
    if not bodies:
        return None
    directory = _store(con)
    if directory is None:
        raise RuntimeError("this connection has no page store: open the warehouse with warehouse.db.connect")
    name = _new_name()
    with registered(con, "_page_bodies", ("sha256", "body"), list(bodies.items())) as view:
        _copy_out(con, f"SELECT sha256, CAST(body AS BLOB) AS body FROM {view}", directory / name)
    return name


def discard(con: duckdb.DuckDBPyConnection, name: str | None) -> None:
    """Remove a file whose load was rolled back (nothing refers to it)."""
    directory = _store(con)
    if name and directory is not None:
        (directory / name).unlink(missing_ok=True)


def bodies(con: duckdb.DuckDBPyConnection, wanted: dict[str, str | None], chunk: int = 64) -> Iterator[tuple[str, bytes]]:
    """Yield ``(sha256, body)`` for the pages of ``wanted`` (``{sha256: body_file}``, as in
    page_meta) whose body is stored, a few at a time: file by file, streamed through a cursor of
    its own, so neither the whole store nor one merged file is ever in memory, and the caller may
    write on ``con`` between two bodies. Pages whose body is missing are left out."""
    directory = _store(con)
    by_file: dict[str | None, list[str]] = {}
    for sha, name in wanted.items():
        by_file.setdefault(name, []).append(sha)
    reader = con.cursor()
    try:
        for name, shas in by_file.items():
            if name is None:
                sql, params = "SELECT sha256, body FROM page_bodies_legacy WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))", [shas]
            elif directory is not None and (directory / name).exists():
                sql = (f"SELECT sha256, body FROM read_parquet({_sql_string((directory / name).as_posix())})"
                       " WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))")
                params = [shas]
            else:
                continue
            result = reader.execute(sql, params)
            while rows := result.fetchmany(chunk):
                for sha, body in rows:
                    yield sha, bytes(body)
    finally:
        reader.close()
