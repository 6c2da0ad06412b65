"""Feed parsing: every fixture states what it checks in its first comment."""
from datetime import datetime, timezone

from extractors.feeds import parse_feed
from conftest import FIXTURES

FEEDS = FIXTURES / "feeds"


def parse(name, url="https://gazette.example/rss.xml"):
    return parse_feed((FEEDS / name).read_bytes(), url, "application/rss+xml; charset=utf-8")


def test_rss2_entries_keep_links_and_dates():
    feed = parse("rss2_tracking_links.xml")
    assert feed.error is None and feed.title == "The Fictional Gazette"
    assert [e.title for e in feed.entries] == ["Ministers meet in Vilnius", "Second story"]
    first = feed.entries[0]
    assert first.url.endswith("ministers-meet.html?utm_source=rss&utm_medium=feed")
    assert first.published == datetime(2023, 7, 11, 7, 30, tzinfo=timezone.utc)
    assert first.guid == "gazette-1"


def test_relative_links_resolve_against_the_feed_url():
    feed = parse("rss2_tracking_links.xml")
    assert feed.entries[1].url == "https://gazette.example/2023/07/12/second.html"


def test_atom_with_content_and_updated_only():
    feed = parse("atom_full_content.xml", "https://wire.example/atom.xml")
    assert feed.error is None and feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.url == "https://wire.example/a/1"
    assert entry.published == datetime(2024, 2, 1, 8, 0, tzinfo=timezone.utc)
    assert "Full text here." in entry.content


def test_broken_xml_is_an_error_not_an_exception():
    feed = parse("broken_truncated.xml")
    assert feed.entries == ()
    assert feed.error.startswith("not a usable feed") and "no element found" in feed.error


def test_html_page_is_not_a_feed():
    feed = parse("html_not_feed.xml")
    assert feed.entries == ()
    assert feed.error


def test_garbage_bytes_never_raise():
    for body in (b"", b"\x00\xff\xfe garbage", b"<rss>" * 1000, "ünïcode".encode("latin-1")):
        feed = parse_feed(body, "https://x.example/feed")
        assert feed.entries == () and feed.error


def test_parsing_a_feed_looks_for_no_missing_xml_driver():
    """feedparser asks for the "drv_libxml2" driver first; where it is not installed, a parse must
    not search for it again (a failed import on every feed cost a quarter of a small feed's parse)."""
    import sys

    looked_for = []

    class Spy:
        def find_spec(self, name, path=None, target=None):
            looked_for.append(name)
            return None

    body = (FIXTURES / "feeds" / "rss2_tracking_links.xml").read_bytes()
    sys.meta_path.insert(0, Spy())
    try:
        parsed = parse_feed(body, "https://example.org/feed.xml")
    finally:
        sys.meta_path.pop(0)
    assert parsed.entries and parsed.error is None
    assert "drv_libxml2" not in looked_for
