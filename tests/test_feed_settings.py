"""Per-feed settings ([[feeds]] keys) validated in the topic and applied by the ingest flow, and JSON
Feed 1.1 parsed like RSS and Atom. All sites, outlets and people here are fictional."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from conftest import rows
from extractors.feeds import parse_feed
from extractors.topic import Feed, TopicError, parse_topic
from flows.feeds_admin import apply_feed_settings, entry_page, wanted_entries

HEAD = 'name = "local"\nkeywords = ["NATO"]\n[[targets]]\nname = "nato_membership"\nphrases = ["NATO membership"]\n'


def topic_with(feed_toml: str):
    return parse_topic(HEAD + "[[feeds]]\n" + feed_toml, source="topics/local.toml")


# --- validation ------------------------------------------------------------------------------


def test_settings_are_parsed():
    t = topic_with('url = "https://a.example/rss"\noutlet = "Alder Post"\ntitle = "Alder: world"\n'
                   'category = "World/Europe"\npoll_interval = 3600\nlanguage = "EN-gb"\nfull_content = true\n'
                   'include = ["/world/"]\nexclude = "/live-"\n')
    (f,) = t.feeds
    assert f == Feed(url="https://a.example/rss", outlet="Alder Post", title="Alder: world", category="World/Europe",
                     poll_interval=3600, language="en-gb", full_content=True, include=("/world/",),
                     exclude=("/live-",))
    assert t.feed("https://a.example/rss") is f and t.feed("https://b.example/rss") is None


def test_a_plain_feed_has_no_settings():
    (f,) = topic_with('url = "https://a.example/rss"\n').feeds
    assert f.full_content is False and f.include == () and f.poll_interval is None and not f.has_settings


@pytest.mark.parametrize("bad, key", [
    ('poll_interval = "hourly"', "poll_interval"),
    ("poll_interval = 30", "poll_interval"),
    ("poll_interval = 3600.5", "poll_interval"),
    ("poll_interval = true", "poll_interval"),
    ('language = "English"', "language"),
    ("language = 7", "language"),
    ('full_content = "yes"', "full_content"),
    ('include = ["(unclosed"]', "include"),
    ('exclude = ["ok", ""]', "exclude"),
    ("exclude = 3", "exclude"),
    ('outlet = ""', "outlet"),
    ("category = 5", "category"),
    ('full-content = true', "full-content"),
])
def test_bad_settings_name_the_file_and_the_key(bad, key):
    with pytest.raises(TopicError) as err:
        topic_with(f'url = "https://a.example/rss"\n{bad}\n')
    message = str(err.value)
    assert message.startswith("topics/local.toml: feeds[0]") and f"'{key}'" in message
    assert "https://a.example/rss" in message


def test_include_and_exclude_patterns():
    f = Feed(url="https://a.example/rss", include=(r"/world/", r"/europe/"), exclude=(r"/live-",))
    assert f.wants("https://a.example/world/x.html") and f.wants("https://a.example/europe/y.html")
    assert not f.wants("https://a.example/sport/z.html")
    assert not f.wants("https://a.example/world/live-blog.html")
    assert Feed(url="u", exclude=("sport",)).wants("https://a.example/world/x")


# --- JSON Feed -------------------------------------------------------------------------------

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Rowanbridge Bulletin",
    "home_page_url": "https://rowanbridge.example/",
    "feed_url": "https://rowanbridge.example/feed.json",
    "authors": [{"name": "Bulletin desk"}],
    "items": [
        {"id": "rb-3", "url": "https://rowanbridge.example/2024/05/ferry.html", "title": "Ferry timetable changes",
         "content_html": '<p onclick="x()">The ferry <a href="/ferries">runs</a> later.</p><script>bad()</script>',
         "summary": "Later ferries.", "date_published": "2024-05-02T08:30:00+02:00",
         "date_modified": "2024-05-03T09:00:00Z", "authors": [{"name": "Ilse Marrow"}, {"name": "Tomas Reed"}]},
        {"id": 2, "url": "/2024/05/market.html", "title": "Market day",
         "content_text": "First paragraph.\n\nSecond <paragraph>.", "date_published": "2024-05-01T07:00:00Z"},
        {"id": "rb-1", "external_url": "https://elsewhere.example/story", "title": "Linked elsewhere",
         "date_published": "not a date"},
        {"id": "rb-0", "title": "No link at all"},
        "not an item",
    ],
}


def test_json_feed_items_become_entries():
    feed = parse_feed(json.dumps(JSON_FEED).encode(), "https://rowanbridge.example/feed.json",
                      "application/feed+json")
    assert feed.error is None and feed.version == "json11" and feed.title == "Rowanbridge Bulletin"
    assert [e.url for e in feed.entries] == ["https://rowanbridge.example/2024/05/ferry.html",
                                             "https://rowanbridge.example/2024/05/market.html",
                                             "https://elsewhere.example/story"]
    ferry, market, linked = feed.entries
    assert ferry.guid == "rb-3" and market.guid == "2"
    assert ferry.published == datetime(2024, 5, 2, 6, 30, tzinfo=timezone.utc)
    assert ferry.updated == datetime(2024, 5, 3, 9, 0, tzinfo=timezone.utc)
    assert ferry.author == "Ilse Marrow, Tomas Reed" and market.author == "Bulletin desk"
    assert ferry.summary == "Later ferries." and market.summary.startswith("First paragraph.")
    assert "onclick" not in ferry.content and "<script" not in ferry.content
    assert 'href="https://rowanbridge.example/ferries"' in ferry.content
    assert market.content == "<p>First paragraph.</p>\n<p>Second &lt;paragraph&gt;.</p>"
    assert linked.published is None and linked.content is None
    assert "skipped" in feed.warning


def test_json_feed_1_0_and_content_sniffing():
    body = json.dumps({"version": "https://jsonfeed.org/version/1", "title": "Old",
                       "items": [{"id": "1", "url": "https://o.example/1", "author": {"name": "Ann Oak"}}]}).encode()
    feed = parse_feed(body, "https://o.example/feed.json")  # no content type: sniffed from the body
    assert feed.version == "json10" and feed.entries[0].author == "Ann Oak"


def test_json_feed_dates_outside_the_plausible_range_are_dropped():
    items = [{"id": "a", "url": "https://o.example/a", "date_published": "1970-01-01T00:00:00Z"},
             {"id": "b", "url": "https://o.example/b", "date_published": "2099-01-01T00:00:00Z"},
             {"id": "c", "url": "https://o.example/c", "date_published": "2024-01-01T00:00:00"}]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    feed = parse_feed(body, "https://o.example/f.json", now=datetime(2024, 6, 1, tzinfo=timezone.utc))
    assert [e.published for e in feed.entries] == [None, None, datetime(2024, 1, 1, tzinfo=timezone.utc)]


@pytest.mark.parametrize("body, ctype, error", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json", "bad JSON at line 1"),
    (b'{"title": "no version"}', "application/json", "not a JSON Feed"),
    (b"[1, 2]", "application/json", "not a JSON Feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', None, "'items' array"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 1}]}', None, "usable url"),
    (b"", "application/feed+json", "bad JSON"),
    (b"[" * 100000, "application/json", "bad JSON"),
])
def test_bad_json_feeds_are_errors_not_exceptions(body, ctype, error):
    feed = parse_feed(body, "https://o.example/feed.json", ctype)
    assert feed.entries == () and error in feed.error


def test_an_empty_json_feed_is_a_feed():
    feed = parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "title": "Quiet", "items": []}',
                      "https://o.example/f.json")
    assert feed.error is None and feed.entries == () and feed.title == "Quiet"


def test_rss_served_as_json_still_parses_as_rss():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>x</title><link>https://o.example/x</link></item></channel></rss>")
    feed = parse_feed(body, "https://o.example/rss", "application/json")
    assert feed.error is None and feed.version == "rss20" and len(feed.entries) == 1


# --- helpers the flow uses -----------------------------------------------------------------


def test_entry_page_carries_the_entry_content_and_metadata():
    feed = parse_feed(json.dumps(JSON_FEED).encode(), "https://rowanbridge.example/feed.json")
    fetched = datetime(2024, 5, 4, tzinfo=timezone.utc)
    page = entry_page(feed.entries[0], fetched, "https://rowanbridge.example/feed.json")
    assert page.url == page.final_url == "https://rowanbridge.example/2024/05/ferry.html"
    assert page.status == 200 and page.fetched_at == fetched
    html = page.body.decode()
    assert "<title>Ferry timetable changes</title>" in html and "The ferry" in html
    assert '2024-05-02T06:30:00+00:00' in html and "Ilse Marrow" in html
    assert entry_page(feed.entries[2], fetched, "x") is None  # no content: the page is fetched instead


def test_wanted_entries_and_overrides():
    feed = parse_feed(json.dumps(JSON_FEED).encode(), "https://rowanbridge.example/feed.json")
    assert len(wanted_entries(feed.entries, None)) == 3
    kept = wanted_entries(feed.entries, Feed(url="u", include=("/2024/",), exclude=("market",)))
    assert [e.url for e in kept] == ["https://rowanbridge.example/2024/05/ferry.html"]

    from flows.process import PageJob, process_page
    topic = parse_topic(HEAD)
    page = entry_page(feed.entries[0], datetime(2024, 5, 4, tzinfo=timezone.utc), "x")
    record = process_page(page, PageJob(url=page.url, feed_url="x", outlet=None), topic)
    changed = apply_feed_settings(record, Feed(url="x", outlet="Rowanbridge Bulletin", language="de"))
    assert changed.outlet == "Rowanbridge Bulletin" and changed.article.language == "de"
    assert apply_feed_settings(record, None) is record
    # set in the worker (the job carries the feed's settings), the record needs no copy in the flow,
    # so the keys the worker computed travel with it
    job = PageJob(url=page.url, feed_url="x", outlet="Rowanbridge Bulletin", language="de")
    made = process_page(page, job, topic)
    assert made.article.language == "de" and made.outlet == "Rowanbridge Bulletin"
    assert apply_feed_settings(made, Feed(url="x", outlet="Rowanbridge Bulletin", language="de")) is made
    assert "quote_keys" in made.__dict__ and "speakers" in made.__dict__


# --- end to end through the ingest flow ----------------------------------------------------

PARAGRAPHS = [
    'Foreign ministers of the fictional Northern Council met in Tallowmere on Tuesday to discuss Ukraine '
    'and the alliance, and the question of NATO membership dominated the talks.',
    '"Ukraine deserves a clear path to NATO membership, and we will push for it," said Maren Holt, the '
    'foreign minister of Esterland, speaking to reporters after the session.',
    'Other delegations were more cautious. "Membership is not for now; security guarantees must come '
    'first," said Piet Ambrose, a senior diplomat from Wendmark, who asked for patience.',
    'The ministers agreed to meet again in the autumn, when a working group is due to report on long-term '
    'security commitments and on the training missions that several members already run.',
]


def article_html(title: str, base: str, path: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Page Says Outlet">'
            f'<link rel="canonical" href="{base}{path}">'
            f'<meta property="article:published_time" content="2024-05-0{len(path) % 9 + 1}T08:00:00Z"></head>'
            f"<body><header><nav><a href='/'>Home</a></nav></header><article><h1>{title}</h1>\n{body}"
            f"</article><footer>Fictional footer</footer></body></html>")


@pytest.fixture()
def settings_site(tmp_path):
    """A loopback site with three feeds: an RSS feed to filter, a JSON Feed and an RSS feed carrying
    full content (whose article pages do not exist: fetching them would 404)."""
    from flows.sample_server import SampleServer

    root = tmp_path / "site"
    root.mkdir()
    with SampleServer(root) as server:
        base = server.base
        filtered = ["/world/summit.html", "/world/live-updates.html", "/sport/regatta.html",
                    "/world/europe/ministers.html"]
        for path in filtered:
            (root / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / path.lstrip("/")).write_text(article_html(f"Story {path}", base, path))
        items = "".join(f"<item><title>Story {p}</title><link>{base}{p}</link><guid>{p}</guid>"
                        f"<pubDate>Wed, 0{i + 1} May 2024 08:00:00 GMT</pubDate></item>"
                        for i, p in enumerate(filtered))
        (root / "filtered.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                           f"<title>Filtered</title>{items}</channel></rss>")
        content = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        (root / "full.json").write_text(json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Full JSON",
            "items": [{"id": f"j{i}", "url": f"{base}/json/{i}.html", "title": f"JSON story {i}",
                       "content_html": content.replace("Tuesday", f"Tuesday ({i})"),
                       "date_published": f"2024-05-1{i}T09:00:00Z", "authors": [{"name": "Orla Finch"}]}
                      for i in range(2)]}))
        rss_items = "".join(
            f"<item><title>RSS story {i}</title><link>{base}/rss/{i}.html</link><guid>r{i}</guid>"
            f"<pubDate>Mon, 2{i} May 2024 10:00:00 GMT</pubDate><description>Teaser only.</description>"
            f"<content:encoded><![CDATA[{content.replace('Tuesday', f'Wednesday ({i})')}]]></content:encoded></item>"
            for i in range(2))
        (root / "full.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Full RSS</title>{rss_items}</channel></rss>")
        server.root_path = root
        yield server


def test_per_feed_settings_through_the_ingest_flow(prefect_server, settings_site, tmp_path):
    from flows.ingest import ingest

    s = settings_site
    topic = tmp_path / "local.toml"
    topic.write_text(
        HEAD
        + f'[[feeds]]\nurl = "{s.url("filtered.xml")}"\noutlet = "Tallowmere Times"\nlanguage = "uk"\n'
          f'include = ["/world/"]\nexclude = ["/live-"]\npoll_interval = 7200\n'
        + f'[[feeds]]\nurl = "{s.url("full.json")}"\nfull_content = true\noutlet = "Finch Notes"\n'
        + f'[[feeds]]\nurl = "{s.url("full.xml")}"\nfull_content = true\n')
    db = tmp_path / "w.duckdb"
    counts = ingest(topic=str(topic), db=str(db), min_delay=0)
    assert counts["feeds_failed"] == 0 and counts["pages_failed"] == 0, counts["errors"]
    assert counts["entries_filtered"] == 2 and counts["pages_from_entries"] == 4

    # include/exclude: only the /world/ stories that are not live pages, and nothing else was fetched
    fetched = {r[0] for r in rows(db, "select url from fetch_log where kind = 'page'")}
    assert fetched == {s.url("world/summit.html"), s.url("world/europe/ministers.html")}
    loaded = dict(rows(db, "select url, outlet from articles where feed_url = ?", s.url("filtered.xml")))
    assert set(loaded) == fetched
    # outlet and language overrides
    assert set(loaded.values()) == {"Tallowmere Times"}
    assert {r[0] for r in rows(db, "select language from articles where feed_url = ?", s.url("filtered.xml"))} == {"uk"}
    assert rows(db, "select outlet, poll_interval_s from feeds where url = ?", s.url("filtered.xml")) == [
        ("Tallowmere Times", 7200)]

    # full_content: articles from the entries' own content, no page fetched, extraction as usual
    for feed, n in (("full.json", 2), ("full.xml", 2)):
        arts = rows(db, "select article_id, url, title, text, outlet from articles where feed_url = ?", s.url(feed))
        assert len(arts) == n
        for article_id, url, title, text, outlet in arts:
            assert "/json/" in url or "/rss/" in url
            assert title.startswith(("JSON story", "RSS story")) and "Maren Holt" in text
            assert "Teaser only" not in text
            assert rows(db, "select count(*) from quotes where article_id = ?", article_id)[0][0] >= 2
    assert {r[0] for r in rows(db, "select outlet from articles where feed_url = ?", s.url("full.json"))} == {
        "Finch Notes"}
    assert not rows(db, "select url from fetch_log where kind = 'page' and (url like '%/json/%' or url like '%/rss/%')")
    pages = rows(db, "select url from pages where url like '%/json/%' or url like '%/rss/%'")
    assert len(pages) == 4  # the built pages are stored, so reprocess can re-extract them

    again = ingest(topic=str(topic), db=str(db), min_delay=0, force=True)
    assert again["articles"] == 0 and again["pages_failed"] == 0
