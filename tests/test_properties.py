"""Property tests: arbitrary text and bytes never make an extractor raise, and every offset it
returns points inside the text it was given."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.feeds import parse_feed
from extractors.sitemaps import parse_sitemap
from extractors.topic import Topic, TopicError, parse_topic

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

xmlish = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["<rss>", "<channel>", "<item>", "<title>", "</title>", "<link>", "</link>",
                              "</item>", "&amp;", "&lol;", "<![CDATA[", "]]>", "<feed>", "<entry>", "x", "\u2019",
                              "<urlset>", "<url><loc>", "</loc></url>", "http://a.example/1"]),
             max_size=60).map(lambda parts: "".join(parts).encode()),
)


@FAST
@given(body=xmlish, ctype=st.sampled_from([None, "application/rss+xml", "text/html; charset=latin-1", "x/y; charset=nope"]))
def test_parse_feed_never_raises(body, ctype):
    feed = parse_feed(body, "http://a.example/feed", ctype)
    assert (feed.error is None) or feed.entries == ()
    for e in feed.entries:
        assert e.url and (e.title is None or len(e.title) <= 2000)


@FAST
@given(body=xmlish)
def test_parse_sitemap_never_raises(body):
    entries, children, error = parse_sitemap(body)
    assert error is None or (entries == [] and children == [])


@FAST
@given(text=st.text(max_size=400))
def test_parse_topic_raises_only_topic_errors(text):
    try:
        topic = parse_topic(text, "fuzz.toml")
    except TopicError as exc:
        assert "fuzz.toml" in str(exc)
    else:
        assert isinstance(topic, Topic) and topic.targets
