"""The warehouse: migrations, idempotent loads on natural keys, duplicate linking, trend views."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from extractors.article import Article
from extractors.dedup import content_hash, simhash
from extractors.quotes import Quote
from extractors.stance import ArticleSignal, Signal
from warehouse import connect
from warehouse.db import migrations
from warehouse.load import load_article, load_articles, record_feed_poll
from warehouse.records import ArticleRecord, Page

T0 = datetime(2024, 1, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def con(tmp_path):
    c = connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def quote_at(text, words, speaker, kind="direct", role=None):
    start = text.index(words)
    return Quote(start=start, end=start + len(words), text=words, kind=kind, speaker=speaker, role=role,
                 cue="said")


def record(url, text, quotes=(), signals=(), published=T0, outlet="Gazette", frames=None):
    art = Article(text=text, title=url.rsplit("/", 1)[-1], published=published, language="en")
    body = text.encode()
    page = Page(url=url, final_url=url, status=200, headers={}, fetched_at=T0, body=body)
    return ArticleRecord(url=url, canonical_url=url, feed_url="https://g.example/rss", outlet=outlet,
                         topic="ukraine-security", page=page, article=art, quotes=tuple(quotes),
                         signals=tuple(signals), frames=frames or {}, relevance=1.0,
                         content_hash=content_hash(text), simhash=simhash(text), extractor_version="test-1")


TEXT = ('"Membership is the only real guarantee," said Minister Lina Korsak. '
        'Critics called the idea premature.\n\n"We will not wait forever," Korsak added.')


def korsak_record(text=TEXT, url="https://g.example/a/1", published=T0):
    quotes = [quote_at(text, w, "Lina Korsak", role="Minister") for w in
              ("Membership is the only real guarantee,", "We will not wait forever,") if w in text]
    sig = Signal(target="nato_membership", label="pro", score=0.8, cues=("only real guarantee",),
                 evidence_start=0, evidence_end=10)
    signals = [ArticleSignal(target="nato_membership", quote_index=0, signal=sig, evidence_start=1,
                             evidence_end=40)]
    return record(url, text, quotes, signals, published=published, frames={"guarantees": 1})


def count(con, table):
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def test_migrations_apply_once_and_are_recorded(tmp_path):
    path = tmp_path / "m.duckdb"
    connect(path).close()
    c = connect(path)
    versions = [r[0] for r in c.execute("select version from schema_migrations order by 1").fetchall()]
    assert versions == [v for v, _, _ in migrations()]
    assert count(c, "schema_migrations") == len(versions)


def test_loading_twice_changes_nothing(con):
    first = load_article(con, korsak_record())
    snapshot = {t: count(con, t) for t in ("articles", "quotes", "stance_signals", "speakers", "pages")}
    second = load_article(con, korsak_record())
    assert first["articles"] == 1 and first["quotes"] == 2 and first["signals"] == 1
    assert second == {"articles": 0, "quotes": 0, "signals": 0, "speakers": 0}
    assert {t: count(con, t) for t in snapshot} == snapshot == {
        "articles": 1, "quotes": 2, "stance_signals": 1, "speakers": 1, "pages": 1}


def test_updated_article_keeps_the_quotes_still_in_it(con):
    load_article(con, korsak_record())
    kept = con.execute("select quote_id from quotes where text like 'Membership%'").fetchone()[0]
    updated = TEXT.replace('"We will not wait forever," Korsak added.', "The talks continue.")
    load_article(con, korsak_record(updated))
    rows = con.execute("select quote_id, text from quotes").fetchall()
    assert rows == [(kept, "Membership is the only real guarantee,")]
    assert count(con, "articles") == 1
    assert con.execute("select text from articles").fetchone()[0] == updated


def test_one_batch_updates_a_stored_article_and_adds_a_new_one(con):
    load_article(con, korsak_record())
    first_seen = con.execute("select first_seen_at from articles").fetchone()[0]
    updated = TEXT.replace("Critics called the idea premature.", "Critics called the idea late.")
    other = record("https://g.example/a/2", "A different story about grain exports and shipping lanes.")
    counts = load_articles(con, [korsak_record(updated), other])
    assert counts["articles"] == 2
    rows = dict(con.execute("select url, text from articles").fetchall())
    assert rows == {"https://g.example/a/1": updated, "https://g.example/a/2": other.article.text}
    # the stored one was updated in place: it keeps the time it was first seen
    assert con.execute("select first_seen_at from articles where url = 'https://g.example/a/1'").fetchone()[0] == first_seen
    assert count(con, "quotes") == 2


def test_syndicated_copy_links_to_the_earliest_whatever_the_load_order(con):
    later = korsak_record(url="https://other.example/copy", published=datetime(2024, 1, 11, tzinfo=timezone.utc))
    load_article(con, later)
    load_article(con, korsak_record())
    rows = dict(con.execute("select url, duplicate_of from articles").fetchall())
    original = con.execute("select article_id from articles where url = 'https://g.example/a/1'").fetchone()[0]
    assert rows == {"https://g.example/a/1": None, "https://other.example/copy": original}
    assert count(con, "counted_articles") == 1


def test_a_different_story_is_not_a_duplicate(con):
    load_article(con, korsak_record())
    other = record("https://g.example/a/2", "Farmers in the region expect a late harvest after a wet spring. " * 5)
    load_article(con, other)
    assert con.execute("select count(*) from articles where duplicate_of is not null").fetchone()[0] == 0


def test_feed_state_counts_consecutive_failures_and_resets(con):
    kw = dict(url="https://g.example/rss", topic="t", outlet="G", title=None, polled_at=T0, etag=None,
              last_modified=None, entries=0)
    record_feed_poll(con, status=500, error="http 500", **kw)
    record_feed_poll(con, status=500, error="http 500", **kw)
    assert con.execute("select consecutive_failures, last_error from feeds").fetchone() == (2, "http 500")
    record_feed_poll(con, status=200, error=None, **{**kw, "etag": '"e1"', "entries": 3})
    assert con.execute("select consecutive_failures, last_error, etag, entries_seen from feeds").fetchone() == \
        (0, None, '"e1"', 3)


def test_stance_monthly_matches_hand_computed_rows(con):
    def sig(label, score, start):
        return ArticleSignal(target="security_guarantees", quote_index=None,
                             signal=Signal(target="security_guarantees", label=label, score=score),
                             evidence_start=start, evidence_end=start + 5)
    jan = record("https://g.example/jan", "January text about security guarantees. More text here.",
                 signals=[sig("pro", 0.5, 0), sig("con", -0.7, 20)], published=datetime(2024, 1, 31, 23, tzinfo=timezone.utc))
    feb = record("https://g.example/feb", "February text about security guarantees, again, differently.",
                 signals=[sig("pro", 0.9, 0)], published=datetime(2024, 2, 1, 1, tzinfo=timezone.utc))
    load_article(con, jan)
    load_article(con, feb)
    rows = con.execute("select target, strftime(month, '%Y-%m'), signals, pro, con, neutral, net_score "
                       "from stance_monthly order by month").fetchall()
    assert rows == [("security_guarantees", "2024-01", 2, 1, 1, 0, -0.1),
                    ("security_guarantees", "2024-02", 1, 1, 0, 0, 0.9)]
    own = con.execute("select distinct speaker, speaker_kind from signals_enriched").fetchall()
    assert own == [("Gazette (own voice)", "outlet")]


def test_framing_shares_per_month(con):
    load_article(con, korsak_record())
    other = record("https://g.example/a/3", "Officials spoke of assurances and assurances again, and one guarantee.",
                   frames={"assurances": 2, "guarantees": 1})
    load_article(con, other)
    rows = con.execute("select term, mentions, share from framing_monthly order by term").fetchall()
    assert rows == [("assurances", 2, 0.5), ("guarantees", 2, 0.5)]


def test_a_known_speaker_is_rewritten_only_when_an_article_adds_to_it(con):
    first = load_article(con, korsak_record())
    assert first["speakers"] == 1
    # the same speaker, saying the same things about herself in another article: nothing to write
    text2 = '"Membership is the only real guarantee," said Minister Lina Korsak again on Friday.'
    again = load_article(con, korsak_record(text2, url="https://g.example/a/2"))
    assert again["articles"] == 1 and again["quotes"] == 1 and again["speakers"] == 0
    # a new role for her: the stored speaker gains it, and keeps what it had
    text3 = '"We will not wait forever," said Lina Korsak, the deputy prime minister.'
    rec = record("https://g.example/a/3", text3,
                 [quote_at(text3, "We will not wait forever,", "Lina Korsak", role="deputy prime minister")])
    added = load_article(con, rec)
    assert added["speakers"] == 1
    (sid, roles), = con.execute("select speaker_id, roles from speakers").fetchall()
    assert "Minister" in roles and "deputy prime minister" in roles
    assert count(con, "quotes") == 4
    assert {r[0] for r in con.execute("select distinct speaker_id from quotes").fetchall()} == {sid}
