"""Feed discovery against fictional loopback sites: each kind of feed link, pages with none, and
`stancewire feeds discover --add` writing the topic file."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import FIXTURES
from extractors.discover import (VIA_ALTERNATE, VIA_ANCHOR, VIA_COMMON, VIA_GIVEN, common_paths, feed_links,
                                 same_feed_key)
from extractors.topic import parse_topic
from flows.cli import main

SITES = FIXTURES / "discover"


@pytest.fixture()
def serve():
    """Serve one of the fixture sites on loopback: ``serve("rss-alternate")``."""
    from flows.sample_server import SampleServer

    servers = []

    def start(name: str):
        server = SampleServer(SITES / name).start()
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()


@pytest.fixture()
def fetcher():
    from flows.fetch import FetchConfig, Fetcher

    with Fetcher(FetchConfig(min_delay=0, retries=0)) as f:
        yield f


def found(site, start, fetcher, **kw):
    from flows.feeds_admin import discover

    d = discover(site.url(start), fetcher, **kw)
    return d, [(f.url.removeprefix(site.base), f.via, f.version, f.entries) for f in d.feeds]


@pytest.mark.parametrize("name, start, expected", [
    ("rss-alternate", "/", [("/news/rss.xml", VIA_ALTERNATE, "rss20", 2)]),
    ("rss-alternate", "/news/harbour-vote.html", [("/news/rss.xml", VIA_ALTERNATE, "rss20", 2)]),
    ("atom-alternate", "/", [("/atom/dispatch.atom", VIA_ALTERNATE, "atom10", 1)]),
    ("jsonfeed-alternate", "/", [("/feeds/notes.json", VIA_ALTERNATE, "json11", 3)]),
    ("common-path", "/", [("/feed.xml", VIA_COMMON, "rss20", 1)]),
    ("anchor-only", "/", [("/syndication/world.rss", VIA_ANCHOR, "rss20", 3)]),
    ("home-only", "/world/bridge.html", [("/world/feed.xml", f"{VIA_ALTERNATE} (home page)", "rss20", 1)]),
    ("rss-alternate", "/news/rss.xml", [("/news/rss.xml", VIA_GIVEN, "rss20", 2)]),
])
def test_each_kind_of_feed_link_is_found_and_checked(serve, fetcher, name, start, expected):
    site = serve(name)
    d, feeds = found(site, start, fetcher)
    assert feeds == expected and d.error is None


def test_titles_and_last_entry_dates(serve, fetcher):
    site = serve("jsonfeed-alternate")
    d, _ = found(site, "/", fetcher)
    (feed,) = d.feeds
    assert feed.title == "Saltmarsh Notes" and feed.last_entry == datetime(2024, 4, 2, 6, 15, tzinfo=timezone.utc)
    site = serve("anchor-only")
    (feed,) = found(site, "/", fetcher)[0].feeds
    assert feed.title == "Ashgrove Courier: world" and feed.last_entry == datetime(2024, 6, 11, 8, tzinfo=timezone.utc)


def test_dead_links_are_rejected_and_comment_feeds_not_even_tried(serve, fetcher):
    site = serve("rss-alternate")
    d, _ = found(site, "/", fetcher)
    assert [(r.url.removeprefix(site.base), r.error) for r in d.rejected] == [("/gone.rss", "http 404")]
    assert not any("comments" in r.url for r in d.rejected + d.feeds)


@pytest.mark.parametrize("start", ["/", "/news/allotments.html"])
def test_a_site_without_feeds(serve, fetcher, start):
    site = serve("no-feeds")
    d, feeds = found(site, start, fetcher)
    assert feeds == [] and d.error is None
    assert {r.url.removeprefix(site.base) for r in d.rejected} == {
        "/feed", "/rss", "/atom.xml", "/feed.xml", "/rss.xml", "/index.xml", "/feed.json"}


def test_probe_false_and_true(serve, fetcher):
    site = serve("common-path")
    assert found(site, "/", fetcher, probe=False)[1] == []
    site = serve("rss-alternate")
    d, feeds = found(site, "/", fetcher, probe=True)
    assert feeds == [("/news/rss.xml", VIA_ALTERNATE, "rss20", 2)]  # probed paths all 404 there
    assert len(d.rejected) == 1 + len(common_paths(site.base))


def test_an_unreachable_page_is_reported(fetcher):
    from flows.feeds_admin import discover

    d = discover("http://127.0.0.1:9/", fetcher, probe=False)
    assert d.feeds == [] and d.error.startswith("connection")


def test_private_addresses_of_other_hosts_are_refused(serve, fetcher, tmp_path):
    """A public page cannot make discovery probe a private address: only the page's own host."""
    from flows.feeds_admin import discover
    from flows.sample_server import SampleServer

    target = serve("rss-alternate")
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        f'<link rel="alternate" type="application/rss+xml" href="{target.url("news/rss.xml").replace("127.0.0.1", "localhost")}">')
    with SampleServer(root) as page_site:
        d = discover(page_site.url("/"), fetcher, probe=False)
    assert d.feeds == [] and d.rejected[0].error.startswith("refused private address")


# --- the pure part ---------------------------------------------------------------------------


def test_feed_links_in_markup():
    html = """<html><head><base href="https://b.example/sub/">
    <link rel="alternate" type="application/rss+xml" title="Main" href="feed.xml">
    <link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="/atom">
    <link rel="alternate" type="application/rss+xml" title="Post Comments Feed" href="/post/1/feed/">
    <link rel="alternate" type="application/json+oembed" href="/oembed">
    <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
    <link rel="alternate" type="application/feed+json" href="/feed.json#top">
    <link rel="alternate" hreflang="de" href="/de/">
    <link rel="alternate" type="text/xml" href="/sitemap-news.xml">
    </head><body><a href="/feedback">Feedback</a> <a href="/rss/world">World RSS</a>
    <a href="/subscribe">RSS</a> <a href="javascript:void(0)">RSS</a> <a href="/feed.xml">again</a></body></html>"""
    links = feed_links(html, "https://a.example/page.html")
    assert [(c.url, c.via, c.kind) for c in links] == [
        ("https://b.example/sub/feed.xml", VIA_ALTERNATE, "rss"),
        ("https://b.example/atom", VIA_ALTERNATE, "atom"),
        ("https://b.example/feed.json", VIA_ALTERNATE, "json"),
        ("https://b.example/rss/world", VIA_ANCHOR, None),
        ("https://b.example/subscribe", VIA_ANCHOR, None),
        ("https://b.example/feed.xml", VIA_ANCHOR, None),
    ]
    assert links[0].title == "Main"


@pytest.mark.parametrize("body", [b"", b"\x00\xff\xfe", b"<a href='http://[::1'>RSS</a>", "<<<>>>" * 1000])
def test_feed_links_never_raise(body):
    assert isinstance(feed_links(body, "https://a.example/"), list)


def test_common_paths_are_at_the_site_root():
    urls = [c.url for c in common_paths("https://a.example/news/2024/story.html?x=1")]
    assert urls[0] == "https://a.example/feed" and "https://a.example/index.xml" in urls
    assert same_feed_key("HTTPS://A.example/feed/") == same_feed_key("https://a.example/feed")


# --- the CLI ---------------------------------------------------------------------------------

TOPIC = """name = "local"   # a comment that must survive
keywords = ["NATO"]

[[targets]]
name = "nato_membership"
phrases = ["NATO membership"]

[[feeds]]
url = "https://already.example/rss"

[fetch]
min_delay = 2.0
"""


def test_cli_discover_prints_the_feeds(serve, capsys):
    site = serve("anchor-only")
    other = serve("jsonfeed-alternate")
    assert main(["feeds", "discover", site.url("/"), other.url("/"), "--min-delay", "0"]) == 0
    out = capsys.readouterr().out
    assert "Ashgrove Courier: world" in out and "rss20" in out and "2024-06-11 08:00" in out
    assert "Saltmarsh Notes" in out and "json11" in out and "(2 rows)" in out


def test_cli_discover_fails_when_nothing_is_found(serve, capsys):
    site = serve("no-feeds")
    assert main(["feeds", "discover", site.url("/"), "--min-delay", "0", "-v"]) == 1
    err = capsys.readouterr().err
    assert "no feeds found" in err and "not a feed: " + site.url("/feed.json") in err


def test_cli_discover_add_writes_the_topic_once(serve, tmp_path, capsys):
    topic = tmp_path / "local.toml"
    topic.write_text(TOPIC)
    a, b = serve("rss-alternate"), serve("atom-alternate")
    args = ["feeds", "discover", a.url("/news/harbour-vote.html"), b.url("/"), "--min-delay", "0",
            "--add", str(topic)]
    assert main(args) == 0
    text = topic.read_text()
    assert text.startswith(TOPIC.split("[fetch]")[0]) and text.rstrip().endswith("[fetch]\nmin_delay = 2.0")
    feeds = parse_topic(text).feeds
    assert [(f.url, f.title) for f in feeds] == [
        ("https://already.example/rss", None),
        (a.url("news/rss.xml"), "Quillmouth Tribune: all news"),
        (b.url("atom/dispatch.atom"), "Brackenfield Dispatch"),
    ]
    capsys.readouterr()
    assert main(args) == 0  # again: nothing added twice
    assert topic.read_text() == text and "skipped 2" in capsys.readouterr().err


def test_cli_discover_pick(serve, tmp_path, capsys):
    topic = tmp_path / "local.toml"
    topic.write_text(TOPIC)
    a, b = serve("rss-alternate"), serve("common-path")
    base = ["feeds", "discover", a.url("/"), b.url("/"), "--min-delay", "0", "--add", str(topic)]
    assert main(base + ["--pick", "3"]) == 2
    assert "--pick: 3 is not one of the 2 feeds found" in capsys.readouterr().err
    assert main(base + ["--pick", "2", "--dry-run"]) == 0 and topic.read_text() == TOPIC
    assert main(base + ["--pick", "2"]) == 0
    assert [f.url for f in parse_topic(topic.read_text()).feeds][1:] == [b.url("feed.xml")]
