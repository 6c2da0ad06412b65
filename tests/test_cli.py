"""The CLI: a thin layer over the API, every command documented, output formats that parse."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from flows.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in commands():
        assert re.search(rf"stancewire {name}\b", readme), f"README does not document `stancewire {name}`"


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: stancewire {name}" in out and "--db" in out


@pytest.fixture()
def seeded(tmp_path):
    from warehouse import connect

    db = tmp_path / "cli.duckdb"
    con = connect(db)
    con.execute("insert into feeds (url, title) values ('https://a.example/rss', 'A, with comma'), "
                "('https://b.example/rss', 'B')")
    con.close()
    return db


def test_sql_table_csv_json(seeded, capsys):
    query = "select url, title from feeds order by url"
    assert main(["sql", query, "--db", str(seeded)]) == 0
    table = capsys.readouterr().out
    assert "https://a.example/rss" in table and "(2 rows)" in table
    assert main(["sql", query, "--db", str(seeded), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["url", "title"], ["https://a.example/rss", "A, with comma"], ["https://b.example/rss", "B"]]
    assert main(["sql", query, "--db", str(seeded), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[1] == {"url": "https://b.example/rss", "title": "B"}


def test_sql_is_read_only_and_errors_are_clear(seeded, capsys):
    assert main(["sql", "delete from feeds", "--db", str(seeded)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()
    assert main(["sql", "select nope from feeds", "--db", str(seeded)]) == 1
    assert "nope" in capsys.readouterr().err


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["sql", "select 1", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no database" in capsys.readouterr().err


def test_trends_on_an_empty_warehouse(seeded, capsys):
    assert main(["trends", "--db", str(seeded), "--by", "week", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_ingest_with_a_bad_topic_names_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n')
    assert main(["ingest", "--topic", str(bad), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "bad.toml" in capsys.readouterr().err
