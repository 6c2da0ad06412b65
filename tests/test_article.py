"""Golden-fixture and robustness tests for extractors.article (no network, no shared data)."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.article import VERSION, Article, decode_html, extract_article
from extractors.dates import parse_date
from extractors.metadata import clean_author

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "article"
NAMES = sorted(p.stem for p in FIX.glob("*.html"))
sys.path.insert(0, str(ROOT / "scripts"))
import score_article_fixtures as scorer  # noqa: E402


@pytest.mark.parametrize("name", NAMES)
def test_golden_fixture(name):
    failed = [(c, d) for c, ok, d in scorer.check_fixture(name) if not ok]
    assert not failed, failed


def test_fixture_scorer_meets_floors():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_article_fixtures.py")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_fixture_corpus_is_large_and_carries_expected_text():
    assert len(NAMES) >= 25
    for name in NAMES:
        exp = json.loads((FIX / f"{name}.json").read_text(encoding="utf-8"))
        assert "text" in exp or exp.get("empty"), name


def test_shingle_scorer_matches_official_definition():
    assert scorer.page_pr("a b c d e", "a b c d e") == (1.0, 1.0)
    assert scorer.page_pr("", "a b c d") == (None, 0.0)
    figs = scorer.text_figures([("one two three four five", "one two three four six"), ("", "")])
    assert figs["text_recall"] == 0.5 and figs["text_precision"] == 0.75


def test_gate_refuses_changed_corpus_and_never_lowers_floors(tmp_path):
    floors = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
    stale = tmp_path / "floors.json"
    stale.write_text(json.dumps({"article": dict(floors["article"], corpus_sha256="0" * 64)}))
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_article_fixtures.py"), "--floors", str(stale)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2 and "--pin" in proc.stderr
    high = tmp_path / "high.json"
    high.write_text(json.dumps({"other": {"x": 1}, "article": dict(floors["article"], text_f1=1.01)}))
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_article_fixtures.py"), "--floors", str(high),
                           "--pin"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1 and "refusing to lower" in proc.stderr
    assert json.loads(high.read_text())["article"]["text_f1"] == 1.01  # untouched


def _load(name):
    exp = json.loads((FIX / f"{name}.json").read_text(encoding="utf-8"))
    return decode_html((FIX / f"{name}.html").read_bytes(), exp.get("content_type")), exp


def test_paragraphs_separated_by_blank_lines_and_quotes_whole():
    html, exp = _load("harbourgazette_jsonld_precedence")
    art = extract_article(html, exp["url"])
    paras = art.text.split("\n\n")
    assert len(paras) >= 4
    assert any(p.startswith("Opponents argued") and p.endswith("councillor Teodor Blanc.") for p in paras)
    assert art.version == VERSION == "article-8"
    assert art.site_name == "Harbour Gazette"
    assert art.modified == datetime(2024, 3, 5, 11, 0, tzinfo=timezone.utc)


def test_teaser_links_promotions_and_ad_markers_inside_the_body_are_dropped():
    paras = ["5 min read",
             "The harbour board voted on Tuesday to extend the ferry subsidy for another three years, "
             "after a long debate about the cost of running the service through the winter months.",
             "READ MORE: Ferry fares to rise in spring, board warns",
             "Councillor Ines Marlow said the vote was close but the service would stay, and that the board "
             "would look again at the timetable before the summer season begins.",
             "Advertisement 1Story continues below",
             "More: Ten things to do in Harbourton this weekend",
             "Get the latest news from the Harbour Gazette in your inbox.",
             "Follow harbourgazette.example on Twitter and Facebook for the latest news updates.",
             "More than forty residents attended the meeting, many of them regular passengers who had written "
             "to the board asking for the later evening sailings to be kept."]
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = f"<html><head><title>Ferry subsidy extended</title></head><body><article>{body}</article></body></html>"
    text = extract_article(html, "https://harbourgazette.example/ferry").text
    assert "Ferry fares to rise" not in text and "Story continues below" not in text and "Ten things" not in text
    assert "inbox" not in text and "Twitter" not in text and "min read" not in text
    assert "Councillor Ines Marlow said" in text and text.count("More than forty residents") == 1


def test_the_outlet_talking_to_the_reader_is_dropped_and_the_story_kept():
    paras = ["The port authority of Wick Harbour approved a new dredging contract on Monday, ending a year of "
             "delays that had kept larger ferries out of the northern channel.",
             "Reviews and recommendations are unbiased and products are independently selected. Harbour Gazette "
             "may earn an affiliate commission from purchases made through links on this page.",
             "Brokers may earn a commission on each ticket they sell, the authority's report noted.",
             "Do you have a story to tell? Email: newsdesk@harbourgazette.example",
             "Harbour master Ona Ferrand said the contract would be reviewed every six months and that the "
             "authority had set aside money for the spring.",
             "For more stories like this, check our news page.",
             "Most read in Harbourton",
             "With files from the Coastal Press Agency",
             "Join our commenting forum",
             "Comments"]
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = f"<html><head><title>Dredging contract approved</title></head><body><article>{body}</article></body></html>"
    text = extract_article(html, "https://harbourgazette.example/dredging").text
    for gone in ("affiliate commission", "story to tell", "newsdesk@", "stories like this", "Most read", "With files from",
                 "commenting forum", "\nComments"):
        assert gone not in text
    # the story stays, including a sentence that merely mentions a commission
    assert "Harbour master Ona Ferrand said" in text and "port authority of Wick Harbour" in text
    assert "Brokers may earn a commission on each ticket" in text


def test_agency_credits_app_promotions_and_breaking_news_notes_are_dropped():
    paras = ["This is a breaking news story - more to follow",
             "The harbour board of Wick approved the new ferry timetable on Friday, adding two late sailings "
             "on weekdays and a Sunday service that had been cut in the winter.",
             "CLICK HERE TO GET THE HARBOUR GAZETTE APP",
             "Reporting from the quayside, the board's clerk Ona Ferrand counted more than forty passengers "
             "waiting for the first of the new sailings.",
             "• Email: ferrand@harbourgazette.example",
             "Reporting by Ines Marlow in Wick, Tam Roe in Harbourton and Ola Brin in Leith; Writing by Ines "
             "Marlow; Editing by Tam Roe",
             "Additional reporting from Coastal Press Agency"]
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = f"<html><head><title>New ferry timetable</title></head><body><article>{body}</article></body></html>"
    text = extract_article(html, "https://harbourgazette.example/timetable").text
    for gone in ("breaking news story", "GAZETTE APP", "ferrand@", "Reporting by", "Additional reporting"):
        assert gone not in text
    # a sentence that begins the same way stays
    assert "Reporting from the quayside" in text and "two late sailings" in text


def test_the_headline_in_another_wording_is_not_part_of_the_text():
    # the page's title is the SEO headline; the body opens with the on-page headline, reworded
    body = ("<p>Saltmere ferry strike ends as harbour board agrees new pay deal with crews</p>"
            "<p>Crews return to work on Saturday with a two-year deal and back pay for the strike days</p>"
            "<p>The nine-day strike by ferry crews in the fictional port of Saltmere ended on Friday after the harbour "
            "board agreed a two-year pay deal, the crews' union said in a statement.</p>"
            "<p>Services between Saltmere and Wick Harbour will resume on Saturday morning, the board said, with "
            "extra sailings over the weekend to clear the backlog of passengers and freight.</p>")
    html = (f"<html><head><title>Saltmere ferry strike ends after board agrees pay deal</title></head>"
            f"<body><article>{body}</article></body></html>")
    text = extract_article(html, "https://harbourgazette.example/strike").text
    assert "harbour board agrees new pay deal with crews" not in text
    assert text.startswith("Crews return to work on Saturday")  # a standfirst shares few words with the title: kept
    assert "The nine-day strike by ferry crews" in text and "extra sailings over the weekend" in text


def test_cp1251_and_latin1_bytes_readable():
    ru, _ = _load("severvesti_cp1251")
    assert "Городской совет Северограда" in ru
    fr, _ = _load("echodebelcote_latin1")
    assert "Élodie Marchand" in fr and "Ã" not in fr


def test_decode_html_precedence():
    body = "<meta charset='utf-8'><p>Grüße aus München, schöne Straße</p>".encode("utf-8")
    assert "Grüße" in decode_html(body, "text/html; charset=ISO-8859-1")  # mislabelled UTF-8
    assert "Grüße" in decode_html(body)
    latin = "<p>Grüße aus München</p>".encode("latin-1")
    assert "Grüße" in decode_html(latin, "text/html; charset=iso-8859-1")
    assert decode_html(b"\xef\xbb\xbf<p>ok</p>", "text/html; charset=latin-1") == "<p>ok</p>"
    assert decode_html(b"") == ""


def test_bogus_authors_filtered():
    assert clean_author("By Staff") == []
    assert clean_author("Senior Reporter") == []
    assert clean_author("The Associated Press") == []
    assert clean_author("Harbour Gazette", {"harbour gazette"}) == []
    assert clean_author("By Ana Ruiz and Tom Berg, Political Correspondent") == ["Ana Ruiz", "Tom Berg"]
    assert clean_author("Von Karla Stein | dpa") == ["Karla Stein"]


def test_dates_never_before_1990_or_in_future_and_naive_is_utc():
    assert parse_date("1989-12-31T00:00:00Z") is None
    assert parse_date("2999-01-01") is None
    d = parse_date("2024-05-03 10:00")
    assert d == datetime(2024, 5, 3, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("html", ["", "   ", "plain text, no markup at all", "<html></html>", "\x00\x01<p",
                                  "<?xml version='1.0' encoding='utf-8'?><html><body></body></html>"])
def test_unusable_pages_give_reason(html):
    art = extract_article(html)
    assert isinstance(art, Article)
    assert art.text == "" and art.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(s):
    art = extract_article(s, "https://example.com/x")
    assert isinstance(art, Article)
    assert art.text or art.reason


_TAGS = st.sampled_from(["p", "div", "script", "title", "h1", "time", "meta", "article", "a", "span", "</p",
                         "!--", "html", "head", "body", "figure"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TAGS, st.text(max_size=40)), max_size=30), st.sampled_from([None, "", "nonsense", "https://a.example/2024/01/02/x"]))
def test_arbitrary_html_never_raises(parts, url):
    html = "".join(f"<{t} content='{x}' datetime='{x}' type='application/ld+json'>{x}" for t, x in parts)
    art = extract_article(html, url)
    assert isinstance(art, Article)
    assert art.published is None or art.published.tzinfo is not None


_FIRST_PAGES = r"""
import pathlib, sys
import extractors.article as a
pages = [a.decode_html(p.read_bytes()) for p in sorted(pathlib.Path(sys.argv[1]).glob("*.html"))]
before = set(sys.modules)
for html in pages:  # every layout, a French page, fallbacks included
    a.extract_article(html, "https://example.org/x")
a.extract_article("<html><body><div>" + "<span>a b c d e f g h</span>" * 50 + "</div></body></html>")
print(" ".join(sorted(set(sys.modules) - before)))
"""


def test_importing_the_cleaning_loads_everything_its_pages_use():
    """The models (trafilatura, the language-id model, justext's stoplists, the fallbacks) load
    when extractors.article is imported, so the first page costs what any other does: cleaning
    every fixture page in a fresh process imports nothing more."""
    proc = subprocess.run([sys.executable, "-c", _FIRST_PAGES, str(FIX)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []


_FLOW_SIDE = r"""
import pickle, sys
import flows.cli, flows.ingest, flows.reprocess, flows.serve, warehouse.load
art = pickle.loads(bytes.fromhex(sys.argv[1]))  # as the flow unpickles the workers' records
print(art.title, "extractors.article" in sys.modules, "trafilatura" in sys.modules, "py3langid" in sys.modules)
"""


def test_the_flow_process_carries_articles_without_loading_the_cleaning():
    """The ingest flow's process imports the flows and unpickles Articles, but never loads the
    cleaning's models (~0.6 s and ~90 MiB): only the extraction workers use them."""
    import pickle

    art = extract_article((FIX / "corranherald_amp.html").read_text(encoding="utf-8"), "https://example.org/x")
    proc = subprocess.run([sys.executable, "-c", _FLOW_SIDE, pickle.dumps(art).hex()], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-3:] == ["False", "False", "False"]
    assert art.title and proc.stdout.startswith(art.title)
