"""The documented trend views, row for row, on a small hand-built warehouse.

The seed (see ``seed``): three outlets, four quoted speakers in three countries, two months
(January and February 2024, three ISO weeks), framing counts, one quote repeated word for word
by a second outlet, and one syndicated copy. Every expected row below is computed by hand from
that table; docs/trends.md documents the views.

    article  outlet        published (UTC)    week        quotes (speaker, kind)                 signals (target, score)
    a1       Alpha Times   2024-01-10 12:00   2024-01-08  q1 Kovalenko direct, q2 Nagy direct    q1 nato +0.8, q2 nato -0.6, own sg 0.0
    a2       Beta Post     2024-01-12 09:00   2024-01-08  q3 Martin direct, q4 Kovalenko direct  q3 sg +0.5, q3 nato -0.2, q4 nato +0.6
                                                          (q4 has the same words as q1)
    a5       Gamma Wire    2024-01-11 10:00   (copy of a1: duplicate, left out of every view except quote_spread)
    a3       Gamma Wire    2024-02-05 08:00   2024-02-05  q5 Nagy direct, q6 Martin partial      q5 sg -0.9, q6 sg +0.4 (conditional)
    a4       Alpha Times   2024-02-20 15:00   2024-02-19  q7 Kovalenko direct, q8 Bondar indirect q7 nato +1.0, q8 nato 0.0, own nato -0.4

Countries come from roles: Kovalenko and Bondar are Ukrainian, Martin French, Nagy Hungarian.
Frames: a1 guarantees 2, article_5 1; a2 guarantees 1, assurances 1; a3 assurances 3,
security_arrangements 1; a4 article_5 2.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from extractors.article import Article
from extractors.dedup import content_hash, simhash
from extractors.quotes import Quote
from extractors.stance import ArticleSignal, Signal
from warehouse import connect
from warehouse.load import load_article
from warehouse.records import ArticleRecord, Page

NATO, SG = "nato_membership", "security_guarantees"
KOV, NAGY, MARTIN, BONDAR = "person:anna-kovalenko", "person:laszlo-nagy", "person:pierre-martin", "person:oleh-bondar"
ROLES = {"Anna Kovalenko": "Ukrainian Foreign Minister", "Laszlo Nagy": "Hungarian Prime Minister",
         "Pierre Martin": "French President", "Oleh Bondar": "Ukrainian Defence Minister"}

Q1 = "Membership in the alliance is our only real security guarantee"
Q2 = "We will block any invitation to join before the war ends"
Q3 = "Security guarantees for Kyiv must come before any talk of membership"
Q5 = "These security assurances are a provocation and we reject them"
Q6 = "back a pact once the fighting stops"
Q7 = "Our place is in NATO and nowhere else"
Q8 = "Ukraine was not asking for charity"


def utc(*a):
    return datetime(*a, tzinfo=timezone.utc)


def build(url, outlet, published, text, quotes, signals, frames):
    """quotes: (words, speaker, kind); signals: (quote index or None, target, label, score, hedged, conditional)."""
    qs = []
    for words, speaker, kind in quotes:
        start = text.index(words)
        qs.append(Quote(start=start, end=start + len(words), text=words, kind=kind, speaker=speaker,
                        role=ROLES.get(speaker), cue="said"))
    sigs = []
    for i, (qi, target, label, score, hedged, conditional) in enumerate(signals):
        start = qs[qi].start if qi is not None else 10 * i
        sigs.append(ArticleSignal(target=target, quote_index=qi, evidence_start=start, evidence_end=start + 20,
                                  signal=Signal(target=target, label=label, score=score, hedged=hedged,
                                                conditional=conditional)))
    art = Article(text=text, title=f"{outlet}: {url.rsplit('/', 1)[-1]}", published=published, language="en")
    page = Page(url=url, final_url=url, status=200, headers={}, fetched_at=published, body=text.encode())
    return ArticleRecord(url=url, canonical_url=url, feed_url=f"https://{outlet.split()[0].lower()}.example/rss",
                         outlet=outlet, topic="ukraine-security", page=page, article=art, quotes=tuple(qs),
                         signals=tuple(sigs), frames=frames, relevance=1.0, content_hash=content_hash(text),
                         simhash=simhash(text), extractor_version="test-1")


A1_TEXT = (f'"{Q1}," Foreign Minister Anna Kovalenko said in Kyiv on Wednesday, pressing allies before the '
           f'summit. Budapest was unmoved. "{Q2}," said Laszlo Nagy, the Hungarian prime minister. The newspaper '
           "noted that the word guarantee now appears in every communique, alongside Article 5 and a second "
           "guarantee of continued arms deliveries.")
A2_TEXT = (f'In Paris the mood was different. "{Q3}," President Pierre Martin told reporters at the Elysee '
           f'after a long lunch with his counterparts. Kovalenko repeated her line: "{Q1}." French officials '
           "spoke of assurances rather than a guarantee, and of a timetable nobody would yet write down.")
A3_TEXT = (f'Hungary hardened its position on Monday. "{Q5}," Nagy said at a press conference in Budapest, where '
           f"winter farm protests filled the square. Martin said France would {Q6}, a line his aides described "
           "as assurances, assurances and more assurances, within new security arrangements for the region.")
A4_TEXT = (f'"{Q7}," Kovalenko said on Tuesday at a defence fair in Lviv where drone makers showed new models. '
           f"Her colleague Oleh Bondar said {Q8}. Analysts doubted the pace: Article 5 would not stretch that "
           "far soon, and Article 5 debates may drag into the autumn.")


def seed(con) -> None:
    jan10, jan11, jan12 = utc(2024, 1, 10, 12), utc(2024, 1, 11, 10), utc(2024, 1, 12, 9)
    feb05, feb20 = utc(2024, 2, 5, 8), utc(2024, 2, 20, 15)
    a1_quotes = [(Q1, "Anna Kovalenko", "direct"), (Q2, "Laszlo Nagy", "direct")]
    a1_signals = [(0, NATO, "pro", 0.8, False, False), (1, NATO, "con", -0.6, False, False),
                  (None, SG, "neutral", 0.0, False, False)]
    a1_frames = {"guarantees": 2, "article_5": 1}
    load_article(con, build("https://alpha.example/a1", "Alpha Times", jan10, A1_TEXT, a1_quotes, a1_signals,
                            a1_frames))
    load_article(con, build("https://beta.example/a2", "Beta Post", jan12, A2_TEXT,
                            [(Q3, "Pierre Martin", "direct"), (Q1, "Anna Kovalenko", "direct")],
                            [(0, SG, "pro", 0.5, False, False), (0, NATO, "con", -0.2, False, False),
                             (1, NATO, "pro", 0.6, False, False)],
                            {"guarantees": 1, "assurances": 1}))
    # a5: Gamma Wire runs a1 word for word a day later (a syndicated copy)
    load_article(con, build("https://gamma.example/a5", "Gamma Wire", jan11, A1_TEXT, a1_quotes, a1_signals,
                            a1_frames))
    load_article(con, build("https://gamma.example/a3", "Gamma Wire", feb05, A3_TEXT,
                            [(Q5, "Laszlo Nagy", "direct"), (Q6, "Pierre Martin", "partial")],
                            [(0, SG, "con", -0.9, False, False), (1, SG, "pro", 0.4, False, True)],
                            {"assurances": 3, "security_arrangements": 1}))
    load_article(con, build("https://alpha.example/a4", "Alpha Times", feb20, A4_TEXT,
                            [(Q7, "Anna Kovalenko", "direct"), (Q8, "Oleh Bondar", "indirect")],
                            [(0, NATO, "pro", 1.0, False, False), (1, NATO, "neutral", 0.0, False, False),
                             (None, NATO, "con", -0.4, True, False)],
                            {"article_5": 2}))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = connect(tmp_path_factory.mktemp("views") / "views.duckdb")
    seed(c)
    yield c
    c.close()


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_the_seed_is_what_the_docstring_says(con):
    """Only a5 is a copy (of a1); speakers and their countries come from the roles."""
    ids = dict(rows(con, "SELECT url, article_id FROM articles"))
    dups = dict(rows(con, "SELECT url, duplicate_of FROM articles"))
    assert dups == {"https://alpha.example/a1": None, "https://beta.example/a2": None,
                    "https://gamma.example/a3": None, "https://alpha.example/a4": None,
                    "https://gamma.example/a5": ids["https://alpha.example/a1"]}
    assert rows(con, "SELECT speaker_id, name, kind, country FROM speakers ORDER BY speaker_id") == [
        (KOV, "Anna Kovalenko", "person", "Ukraine"), (NAGY, "Laszlo Nagy", "person", "Hungary"),
        (BONDAR, "Oleh Bondar", "person", "Ukraine"), (MARTIN, "Pierre Martin", "person", "France")]
    assert rows(con, "SELECT count(*) FROM counted_articles") == [(4,)]


def test_stance_by_speaker_monthly(con):
    """Grain: one row per (target, speaker, month); quoted speakers only, never an outlet's own voice.

    net_score is the mean score of the speaker's signals on the target that month, rounded to 3 places.
    """
    got = rows(con, "SELECT target, speaker_id, speaker, speaker_kind, country, month, signals, pro, con, net_score"
                    " FROM stance_by_speaker_monthly ORDER BY target, month, speaker_id")
    assert got == [
        (NATO, KOV, "Anna Kovalenko", "person", "Ukraine", date(2024, 1, 1), 2, 2, 0, 0.7),  # q1 +0.8, q4 +0.6
        (NATO, NAGY, "Laszlo Nagy", "person", "Hungary", date(2024, 1, 1), 1, 0, 1, -0.6),
        (NATO, MARTIN, "Pierre Martin", "person", "France", date(2024, 1, 1), 1, 0, 1, -0.2),
        (NATO, KOV, "Anna Kovalenko", "person", "Ukraine", date(2024, 2, 1), 1, 1, 0, 1.0),
        (NATO, BONDAR, "Oleh Bondar", "person", "Ukraine", date(2024, 2, 1), 1, 0, 0, 0.0),
        (SG, MARTIN, "Pierre Martin", "person", "France", date(2024, 1, 1), 1, 1, 0, 0.5),
        (SG, NAGY, "Laszlo Nagy", "person", "Hungary", date(2024, 2, 1), 1, 0, 1, -0.9),
        (SG, MARTIN, "Pierre Martin", "person", "France", date(2024, 2, 1), 1, 1, 0, 0.4),
    ]


def test_stance_by_country_monthly(con):
    """Grain: one row per (target, country, month); signals whose speaker has a known country.

    February's NATO row for Ukraine pools two speakers (Kovalenko +1.0, Bondar 0.0 -> 0.5); own-voice
    signals (no country) and the syndicated copy are not in it.
    """
    got = rows(con, "SELECT target, country, month, signals, pro, con, net_score FROM stance_by_country_monthly"
                    " ORDER BY target, month, country")
    assert got == [
        (NATO, "France", date(2024, 1, 1), 1, 0, 1, -0.2),
        (NATO, "Hungary", date(2024, 1, 1), 1, 0, 1, -0.6),
        (NATO, "Ukraine", date(2024, 1, 1), 2, 2, 0, 0.7),
        (NATO, "Ukraine", date(2024, 2, 1), 2, 1, 0, 0.5),
        (SG, "France", date(2024, 1, 1), 1, 1, 0, 0.5),
        (SG, "France", date(2024, 2, 1), 1, 1, 0, 0.4),
        (SG, "Hungary", date(2024, 2, 1), 1, 0, 1, -0.9),
    ]


def test_stance_by_outlet_monthly(con):
    """Grain: one row per (target, outlet, month); every signal in the outlet's counted stories,
    quoted or own voice. Gamma Wire has no January row: its January story is a copy of Alpha's."""
    got = rows(con, "SELECT target, outlet, month, signals, pro, con, net_score FROM stance_by_outlet_monthly"
                    " ORDER BY target, month, outlet")
    assert got == [
        (NATO, "Alpha Times", date(2024, 1, 1), 2, 1, 1, 0.1),   # +0.8, -0.6
        (NATO, "Beta Post", date(2024, 1, 1), 2, 1, 1, 0.2),     # -0.2, +0.6
        (NATO, "Alpha Times", date(2024, 2, 1), 3, 1, 1, 0.2),   # +1.0, 0.0, own -0.4
        (SG, "Alpha Times", date(2024, 1, 1), 1, 0, 0, 0.0),     # own voice, neutral
        (SG, "Beta Post", date(2024, 1, 1), 1, 1, 0, 0.5),
        (SG, "Gamma Wire", date(2024, 2, 1), 2, 1, 1, -0.25),    # -0.9, +0.4
    ]


def test_stance_monthly(con):
    """Grain: one row per (target, month); all signals, with hedged and conditional shares."""
    got = rows(con, "SELECT target, month, signals, pro, con, neutral, net_score, hedged_share, conditional_share"
                    " FROM stance_monthly ORDER BY target, month")
    assert got == [
        (NATO, date(2024, 1, 1), 4, 2, 2, 0, 0.15, 0.0, 0.0),
        (NATO, date(2024, 2, 1), 3, 1, 1, 1, 0.2, 0.333, 0.0),
        (SG, date(2024, 1, 1), 2, 1, 0, 1, 0.25, 0.0, 0.0),
        (SG, date(2024, 2, 1), 2, 1, 1, 0, -0.25, 0.0, 0.5),
    ]


def test_attention_weekly(con):
    """Grain: one row per (target, ISO week starting Monday, UTC): signals (mentions) and distinct stories."""
    got = rows(con, "SELECT target, week, mentions, articles FROM attention_weekly ORDER BY target, week")
    assert got == [
        (NATO, date(2024, 1, 8), 4, 2),
        (NATO, date(2024, 2, 19), 3, 1),
        (SG, date(2024, 1, 8), 2, 2),
        (SG, date(2024, 2, 5), 2, 1),
    ]


def test_quote_volume_weekly(con):
    """Grain: one row per ISO week: quotes in counted stories by kind, stories and distinct speakers."""
    got = rows(con, "SELECT week, quotes, direct, partial, indirect, articles, speakers FROM quote_volume_weekly"
                    " ORDER BY week")
    assert got == [
        (date(2024, 1, 8), 4, 4, 0, 0, 2, 3),    # a1 + a2; Kovalenko twice
        (date(2024, 2, 5), 2, 1, 1, 0, 1, 2),
        (date(2024, 2, 19), 2, 1, 0, 1, 1, 2),
    ]


def test_framing_monthly(con):
    """Grain: one row per (framing term, month); share = the term's part of that month's framing mentions."""
    got = rows(con, "SELECT term, month, mentions, share FROM framing_monthly ORDER BY month, term")
    assert got == [
        ("article_5", date(2024, 1, 1), 1, 0.2),
        ("assurances", date(2024, 1, 1), 1, 0.2),
        ("guarantees", date(2024, 1, 1), 3, 0.6),             # 2 (a1) + 1 (a2); not a5's copy
        ("article_5", date(2024, 2, 1), 2, 0.333),
        ("assurances", date(2024, 2, 1), 3, 0.5),
        ("security_arrangements", date(2024, 2, 1), 1, 0.167),
    ]


def test_speaker_activity(con):
    """Grain: one row per speaker quoted in a counted story: quotes, stories, outlets, first and last
    quoted, and the mean score of their quoted signals (all targets, whole period)."""
    got = rows(con, "SELECT speaker_id, name, kind, country, roles, quotes, articles, outlets, first_quoted,"
                    " last_quoted, signals, net_score FROM speaker_activity ORDER BY speaker_id")
    assert got == [
        (KOV, "Anna Kovalenko", "person", "Ukraine", ["Ukrainian Foreign Minister"], 3, 3, 2,
         utc(2024, 1, 10, 12), utc(2024, 2, 20, 15), 3, 0.8),          # +0.8, +0.6, +1.0
        (NAGY, "Laszlo Nagy", "person", "Hungary", ["Hungarian Prime Minister"], 2, 2, 2,
         utc(2024, 1, 10, 12), utc(2024, 2, 5, 8), 2, -0.75),
        (BONDAR, "Oleh Bondar", "person", "Ukraine", ["Ukrainian Defence Minister"], 1, 1, 1,
         utc(2024, 2, 20, 15), utc(2024, 2, 20, 15), 1, 0.0),
        (MARTIN, "Pierre Martin", "person", "France", ["French President"], 2, 2, 2,
         utc(2024, 1, 12, 9), utc(2024, 2, 5, 8), 3, 0.233),           # +0.5, -0.2, +0.4
    ]


def test_quote_spread(con):
    """Grain: one row per distinct normalised wording of a direct or partial quote (20+ characters).

    All copies count, syndicated ones included: q1 was said in a1 (Alpha), repeated by Beta Post and
    carried by Gamma Wire's copy; q2 travelled only through the copy. The indirect q8 is not in it.
    """
    got = rows(con, "SELECT text, speaker, first_seen, first_outlet, articles, outlets, outlet_list FROM quote_spread"
                    " ORDER BY outlets DESC, articles DESC, first_seen, text")
    assert got == [
        (Q1, "Anna Kovalenko", utc(2024, 1, 10, 12), "Alpha Times", 3, 3, ["Alpha Times", "Beta Post", "Gamma Wire"]),
        (Q2, "Laszlo Nagy", utc(2024, 1, 10, 12), "Alpha Times", 2, 2, ["Alpha Times", "Gamma Wire"]),
        (Q3, "Pierre Martin", utc(2024, 1, 12, 9), "Beta Post", 1, 1, ["Beta Post"]),
        (Q5, "Laszlo Nagy", utc(2024, 2, 5, 8), "Gamma Wire", 1, 1, ["Gamma Wire"]),
        (Q6, "Pierre Martin", utc(2024, 2, 5, 8), "Gamma Wire", 1, 1, ["Gamma Wire"]),
        (Q7, "Anna Kovalenko", utc(2024, 2, 20, 15), "Alpha Times", 1, 1, ["Alpha Times"]),
    ]


# --- a second topic: the same views, with no code that knows its targets -------------------------

TOPIC2 = Path(__file__).parent / "fixtures" / "topic2"


def test_a_second_topic_needs_no_code(tmp_path):
    """topics/eu-farm-subsidies.toml, run through the real extractors on a tiny fixture feed, fills
    the same views with its own targets, speakers and framing terms."""
    from extractors.feeds import parse_feed
    from flows.config import load_topic
    from flows.process import PageJob, process_page

    topic = load_topic("eu-farm-subsidies")
    assert [t.name for t in topic.targets] == ["cap_budget", "green_conditions", "mercosur_deal"]
    assert topic.feeds and all(f.url.startswith("https://") for f in topic.feeds)
    base = "https://lowland-ledger.example"
    raw = (TOPIC2 / "lowland-ledger" / "rss.xml").read_text(encoding="utf-8").replace("{{BASE}}", base)
    feed = parse_feed(raw.encode(), base + "/lowland-ledger/rss.xml")
    assert feed.error is None and len(feed.entries) == 3
    con = connect(tmp_path / "farm.duckdb")
    for e in sorted(feed.entries, key=lambda e: e.published):
        body = (TOPIC2 / e.url.removeprefix(base + "/")).read_text(encoding="utf-8").replace("{{BASE}}", base)
        page = Page(url=e.url, final_url=e.url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                    fetched_at=utc(2024, 4, 1), body=body.encode())
        rec = process_page(page, PageJob(url=e.url, feed_url=feed.url, outlet=None, published_hint=e.published),
                           topic)
        assert rec.relevance > 0, e.url
        load_article(con, rec)

    assert rows(con, "SELECT DISTINCT topic, outlet FROM articles") == [("eu-farm-subsidies", "The Lowland Ledger")]
    assert rows(con, "SELECT DISTINCT target FROM stance_monthly ORDER BY 1") == [
        ("cap_budget",), ("green_conditions",), ("mercosur_deal",)]
    by_speaker = {(t, s): (c, n, pro, cn, net) for t, s, c, n, pro, cn, net in rows(
        con, "SELECT target, speaker, country, sum(signals), sum(pro), sum(con), round(avg(net_score), 3)"
             " FROM stance_by_speaker_monthly GROUP BY ALL")}
    # the farm union leader: for the subsidies, against the fallow-land rule
    assert by_speaker[("cap_budget", "Joris Verbeek")][0] == "Netherlands"
    assert by_speaker[("cap_budget", "Joris Verbeek")][2] >= 1
    assert by_speaker[("green_conditions", "Joris Verbeek")][3] >= 2   # "unworkable", "drowning in paperwork"
    # Paris against the Mercosur deal, Berlin for it
    assert by_speaker[("mercosur_deal", "Claire Fontaine")][:1] == ("France",)
    assert by_speaker[("mercosur_deal", "Claire Fontaine")][4] < 0
    assert by_speaker[("mercosur_deal", "Jonas Albrecht")][:1] == ("Germany",)
    assert by_speaker[("mercosur_deal", "Jonas Albrecht")][4] > 0
    # the commissioner's hedged, conditional line
    assert rows(con, "SELECT hedged, conditional FROM signals_enriched WHERE speaker = 'Elena Marchetti'"
                     " AND target = 'green_conditions'") == [(True, True)]
    terms = {r[0] for r in rows(con, "SELECT term FROM framing_monthly")}
    assert {"red_tape", "food_security", "subsidies", "public_goods"} <= terms <= set(topic.framing_terms)
    con.close()
