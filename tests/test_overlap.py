"""The ingest flow fetches and extracts the first feeds' pages while later feeds are still being
polled. A loopback site of 56 feeds (2 new articles each) whose feeds after the first 50 answer
slowly; the start and end of every request are logged. All sites, outlets and people are fictional."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import rows

FEEDS = 56
SLOW_FROM = 50  # feeds from this one on take SLOW_S to answer
SLOW_S = 0.5
ARTICLE = ("<html><head><title>Harbour talks {k}-{i}</title></head><body><article><h1>Harbour talks {k}-{i}</h1>"
           "<p>Delegates from the fictional port towns of Saltmere and Wick Harbour met on Tuesday to discuss "
           "the shared ferry timetable and the cost of dredging the northern channel this winter.</p>"
           "<p>\u201cWe agreed on the timetable, and we will share the dredging bill,\u201d said Ona Ferrand, "
           "the harbour master of Saltmere, after the meeting.</p></article></body></html>")


class _Site(BaseHTTPRequestHandler):
    log: list = []

    def do_GET(self):  # noqa: N802
        self.log.append((time.monotonic(), "start", self.path))
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/feeds/"):
            k = int(self.path.split("/")[-1].split(".")[0])
            if k >= SLOW_FROM:
                time.sleep(SLOW_S)
            items = "".join(f"<item><title>Harbour talks {k}-{i}</title><link>{host}/a/{k}-{i}.html</link>"
                            f"<guid>{k}-{i}</guid><pubDate>Tue, 0{i + 1} Oct 2024 08:00:00 GMT</pubDate></item>"
                            for i in range(2))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {k}</title>{items}</channel></rss>'
            kind = "application/rss+xml"
        elif self.path.startswith("/a/"):
            k, i = self.path.split("/")[-1].removesuffix(".html").split("-")
            body, kind = ARTICLE.format(k=k, i=i), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.log.append((time.monotonic(), "end", self.path))

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture()
def slow_feeds_site():
    _Site.log = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Site.log
    finally:
        server.shutdown()
        server.server_close()


def test_pages_are_fetched_while_later_feeds_are_polled(prefect_server, slow_feeds_site, tmp_path):
    from flows.ingest import ingest

    base, log = slow_feeds_site
    topic = tmp_path / "harbour.toml"
    topic.write_text('name = "harbour"\nallow_private_hosts = true\nkeywords = ["harbour"]\n'
                     '[[targets]]\nname = "shared_dredging"\nphrases = ["dredging"]\n'
                     "[fetch]\nmin_delay = 0\nper_host = 8\nrespect_robots = false\n"
                     + "".join(f'[[feeds]]\nurl = "{base}/feeds/{k}.xml"\n' for k in range(FEEDS)))
    db = tmp_path / "w.duckdb"
    counts = ingest(topic=str(topic), db=str(db), min_delay=0)

    # everything is loaded once, as when every feed was polled first
    assert counts["feeds"] == FEEDS and counts["feeds_failed"] == 0
    assert counts["articles"] == rows(db, "select count(*) from articles")[0][0] == 2 * FEEDS
    assert rows(db, "select count(*) from fetch_log where kind = 'feed'")[0][0] == FEEDS
    # the first page was requested before the last feed had answered
    first_page = min(t for t, what, path in log if what == "start" and path.startswith("/a/"))
    last_feed = max(t for t, what, path in log if what == "end" and path.startswith("/feeds/"))
    assert first_page < last_feed - SLOW_S / 2
    # Loading overlapped the extraction of the last batch: once every batch but the last was back,
    # what waited was loaded, so the window after the last page held only that batch. The batches
    # were one per poll group: feeds 0-15, 16-47 and the slow 48-55, two pages each.
    windows = [n for _, n in rows(db, "select first_seen_at, count(*) from articles group by 1 order by 1")]
    assert windows == [2 * 48, 2 * (FEEDS - 48)], windows
