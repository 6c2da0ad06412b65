"""Raw page bodies live in Parquet files beside the DuckDB file; `pages` still reads them in SQL."""
from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest

from tests.test_warehouse import korsak_record, record
from warehouse import connect
from warehouse.db import migrations
from warehouse.load import load_articles


def test_bodies_go_to_the_store_and_read_back_through_pages(tmp_path):
    db = tmp_path / "w.duckdb"
    body = "<html><body><p>Ünïcode — and a NUL \x00 byte</p></body></html>".encode()
    rec = record("https://g.example/a/0", "Some text of the first story.")
    rec = replace(rec, page=replace(rec.page, body=body))
    con = connect(db)
    load_articles(con, [rec, korsak_record()])
    rows = con.execute("select sha256, body, body_bytes, body_file from pages order by url").fetchall()
    con.close()
    assert [r[1] for r in rows] == [body, korsak_record().page.body]
    assert rows[0][2] == len(body)
    files = sorted(p.name for p in (tmp_path / "w.pages").glob("*.parquet"))
    assert rows[0][3] in files and len(files) == 2  # the window's file and the store's empty file
    # the database file itself holds no body: page_meta has no such column
    assert "body" not in {c[0] for c in duckdb.connect(str(db), read_only=True).execute(
        "describe page_meta").fetchall()}


def test_loading_again_writes_no_new_file(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_articles(con, [korsak_record()])
    before = sorted((tmp_path / "w.pages").iterdir())
    load_articles(con, [korsak_record()])
    assert sorted((tmp_path / "w.pages").iterdir()) == before
    assert con.execute("select count(*) from pages").fetchone()[0] == 1
    con.close()


def test_a_load_that_fails_leaves_no_body_behind(tmp_path, monkeypatch):
    con = connect(tmp_path / "w.duckdb")
    from warehouse import load

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load, "_assign_duplicates", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        load_articles(con, [korsak_record()])
    assert [p.name for p in (tmp_path / "w.pages").glob("*.parquet")] == ["0-empty.parquet"]
    assert con.execute("select count(*) from pages").fetchone()[0] == 0
    monkeypatch.undo()
    load_articles(con, [korsak_record()])  # and the same load goes through afterwards
    assert con.execute("select count(*) from pages where body is not null").fetchone()[0] == 1
    con.close()


def test_a_moved_warehouse_reads_its_bodies_read_only(tmp_path):
    con = connect(tmp_path / "a" / "w.duckdb")
    load_articles(con, [korsak_record()])
    con.close()
    shutil.move(tmp_path / "a", tmp_path / "b")
    ro = connect(tmp_path / "b" / "w.duckdb", read_only=True)
    assert ro.execute("select body from pages").fetchone()[0] == korsak_record().page.body
    ro.close()
    shutil.rmtree(tmp_path / "b" / "w.pages")  # copied without its store: metadata still reads
    ro = connect(tmp_path / "b" / "w.duckdb", read_only=True)
    assert ro.execute("select url, body from pages").fetchall() == [(korsak_record().url, None)]
    ro.close()


def test_a_copied_file_reads_the_original_store(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    load_articles(con, [korsak_record()])
    con.close()
    shutil.copy(tmp_path / "w.duckdb", tmp_path / "copy.duckdb")  # the file alone, as the README shows
    ro = connect(tmp_path / "copy.duckdb", read_only=True)
    assert ro.execute("select body from pages").fetchone()[0] == korsak_record().page.body
    ro.close()


def test_bodies_stored_before_the_page_store_still_read(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for version, name, sql in migrations():
        if version < 5:
            old.execute(sql)
            old.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    old.execute("INSERT INTO pages VALUES ('abc', 'https://g.example/old', NULL, 200, '{}', now(), 'old body'::BLOB)")
    old.close()
    ro = connect(path, read_only=True)  # a reader does not migrate: the old table reads as it was
    assert ro.execute("select body from pages").fetchall() == [(b"old body",)]
    ro.close()
    con = connect(path)
    assert con.execute("select url, body, body_bytes from pages").fetchall() == [
        ("https://g.example/old", b"old body", 8)]
    load_articles(con, [korsak_record()])
    assert con.execute("select count(*) from pages where body is not null").fetchone()[0] == 2
    con.close()


def test_small_files_are_merged_and_unreferenced_ones_removed(tmp_path, monkeypatch):
    from warehouse import pagestore

    db, store = tmp_path / "w.duckdb", tmp_path / "w.pages"
    texts = {}
    for i in range(4):  # a run per page: one small file each
        con = connect(db)
        rec = record(f"https://g.example/a/{i}", f"Story number {i} of the run, with its own words.")
        texts[rec.url] = rec.page.body
        load_articles(con, [rec])
        con.close()
    (store / "20200101T000000-deadbeef0000.parquet").write_bytes(b"left by a load that never committed")
    (store / "x.parquet.part").write_bytes(b"half a file")
    monkeypatch.setattr(pagestore, "COMPACT_AFTER", 3)
    con = connect(db)  # the writer's open merges
    files = sorted(p.name for p in store.iterdir())
    assert len(files) == 2 and pagestore.EMPTY in files  # one merged file beside the empty one
    assert dict(con.execute("select url, body from pages").fetchall()) == texts
    assert con.execute("select count(distinct body_file) from page_meta").fetchone()[0] == 1
    con.close()
