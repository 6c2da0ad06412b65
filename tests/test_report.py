"""The static report: PNG charts and one self-contained, escaped HTML page, from a read-only database."""
from __future__ import annotations

import base64
import re
from datetime import datetime, timezone

import duckdb
import pytest

from flows.report import CHART_FILES, write_report
from test_views import build, seed
from warehouse import connect
from warehouse.load import load_article

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EVIL_QUOTE = 'We will <script>alert("pwned")</script> never accept this $5bn deal & its $\\frac{ terms'
EVIL_OUTLET = "Evil <b>Outlet</b>"
EVIL_SPEAKER = "Eve <img src=x onerror=alert(1)> Mallory"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "seeded.duckdb"
    con = connect(path)
    seed(con)
    # Feed-controlled text in a quote, a speaker's name and an outlet, repeated in two stories so
    # it is also in the quote-spread chart and table.
    for i, outlet in enumerate((EVIL_OUTLET, "Beta Post")):
        text = (f'"{EVIL_QUOTE}," said {EVIL_SPEAKER} at a rally on security guarantees and NATO membership. '
                + ["The crowd was small, the speeches long, and the weather cold and wet all afternoon.",
                   "Reporters counted three tractors, two brass bands and a stall selling paprika sausages."][i])
        load_article(con, build(f"https://evil.example/{i}", outlet, datetime(2024, 2, 10 + i, tzinfo=timezone.utc),
                                text, [(EVIL_QUOTE, EVIL_SPEAKER, "direct")],
                                [(0, "nato_membership", "con", -0.5, False, False)], {"guarantees": 1}))
    con.close()
    return path


@pytest.fixture(scope="module")
def report(seeded_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    paths = write_report(seeded_db, out)
    return out, paths


def test_writes_the_charts_and_the_page(report):
    out, paths = report
    assert paths[0] == out / "index.html"
    assert [p.name for p in paths[1:]] == list(CHART_FILES)
    for p in paths[1:]:
        data = p.read_bytes()
        assert data[:8] == PNG_MAGIC, p
        assert len(data) > 10_000, (p, len(data))  # a real chart, not an empty canvas


def test_page_is_self_contained_with_every_chart_embedded(report):
    out, paths = report
    page = (out / "index.html").read_text(encoding="utf-8")
    embedded = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(embedded) == len(CHART_FILES)
    assert sorted(base64.b64decode(e) for e in embedded) == sorted(p.read_bytes() for p in paths[1:])
    # no external assets: nothing is loaded from anywhere but the page itself
    assert not re.search(r'src\s*=\s*"(?!data:)', page)
    assert re.findall(r'href\s*=\s*"([^"]*)"', page) == ["#stance-by-country", "#framing", "#top-speakers",
                                                            "#quote-spread"]  # in-page links only
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_summary_at_the_top(report):
    out, _ = report
    page = (out / "index.html").read_text(encoding="utf-8")
    head = page[: page.index("<h2")]
    assert "<b>6</b> stories counted" in head          # a1–a4 and the two seeded stories; a5 is a copy
    assert "of 7 stored" in head
    assert "2024-01-10 to 2024-02-20" in head
    assert "Ukraine&#x27;s NATO membership" in head     # the target's label, from the topic file


def test_feed_text_is_escaped(report):
    out, _ = report
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<b>Outlet</b>" not in page
    assert "We will &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; never accept this $5bn deal &amp; its $\\frac{ terms" in page
    assert "Eve &lt;img src=x onerror=alert(1)&gt; Mallory" in page
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in page
    # the only tags are the page's own
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "b", "code",
                    "img", "table", "thead", "tbody", "tr", "th", "td", "a"}
    assert len(re.findall(r"<img\b", page)) == len(CHART_FILES)


def test_database_is_opened_read_only(seeded_db, tmp_path):
    before = seeded_db.stat().st_mtime_ns, seeded_db.read_bytes()
    ro = duckdb.connect(str(seeded_db), read_only=True)  # a concurrent reader does not block the report
    try:
        write_report(seeded_db, tmp_path / "again")
    finally:
        ro.close()
    assert (seeded_db.stat().st_mtime_ns, seeded_db.read_bytes()) == before


def test_empty_database_says_there_is_no_data_yet(tmp_path):
    db = tmp_path / "empty.duckdb"
    connect(db).close()
    out = tmp_path / "out"
    out.mkdir()
    (out / "framing.png").write_bytes(PNG_MAGIC)  # left over from an earlier report
    paths = write_report(db, out)
    assert paths == [out / "index.html"]
    page = paths[0].read_text(encoding="utf-8")
    assert "No data yet" in page and "<img" not in page
    assert not (out / "framing.png").exists()


def test_a_file_without_the_schema_is_no_data_too(tmp_path):
    db = tmp_path / "bare.duckdb"
    duckdb.connect(str(db)).close()
    paths = write_report(db, tmp_path / "out")
    assert "No data yet" in paths[0].read_text(encoding="utf-8")


def test_stories_without_signals_or_quotes_do_not_crash(tmp_path):
    db = tmp_path / "plain.duckdb"
    con = connect(db)
    load_article(con, build("https://plain.example/1", "Plain News", datetime(2024, 3, 1, tzinfo=timezone.utc),
                            "A plain story about NATO with no quotes and no framing at all, just facts.", [], [], {}))
    con.close()
    paths = write_report(db, tmp_path / "out")
    assert paths == [tmp_path / "out" / "index.html"]
    page = paths[0].read_text(encoding="utf-8")
    assert "<b>1</b> stories counted" in page and "no stance signals" in page
