"""From a fetched page to an :class:`~warehouse.load.ArticleRecord`: the extractors chained.

Pure apart from what it is given: no network, no database. Runs in worker processes.
"""
from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from extractors import quotes as quotes_x
from extractors import stance as stance_x
from extractors.article_types import VERSION as ARTICLE_VERSION
from extractors.dedup import content_hash, simhash
from extractors.encoding import decode_html
from extractors.topic import Topic
from extractors.urls import canonicalize_url
from warehouse.records import ArticleRecord, Page

EXTRACTOR_VERSION = f"{ARTICLE_VERSION}+{quotes_x.VERSION}+{stance_x.VERSION}"


@dataclass(frozen=True)
class PageJob:
    """A page to process, with what the feed said about it."""

    url: str
    feed_url: str | None
    outlet: str | None
    published_hint: datetime | None = None
    title_hint: str | None = None
    language: str | None = None  # the feed's ``language`` setting, over what the page says


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def choose_canonical(final_url: str, declared: str | None) -> str:
    """The page's own rel=canonical when it stays on the same host, else the fetched URL.

    A syndicated copy often points its canonical link at the original outlet; keeping such
    copies as their own rows (linked by ``duplicate_of``) lets trends count the story once
    while quote spread still sees every outlet that ran it.
    """
    if declared and _host(declared) == _host(final_url) and declared.lower().startswith(("http://", "https://")):
        return canonicalize_url(declared)
    return canonicalize_url(final_url)


def relevance(topic: Topic, title: str | None, text: str) -> float:
    """Topic keyword hits per 1,000 characters of title + text (0 when off-topic)."""
    rx = topic.keyword_regex()
    body = f"{title or ''}\n{text}"
    if rx is None or not text:
        return 0.0
    hits = sum(1 for _ in rx.finditer(body))
    return round(1000.0 * hits / max(len(body), 1), 3)


def process_page(page: Page, job: PageJob, topic: Topic) -> ArticleRecord:
    """Clean the page, extract quotes and stance toward the topic's targets."""
    content_type = page.headers.get("content-type") or page.headers.get("Content-Type")
    # imported here: importing it loads the cleaning's models, which the flow's process (it
    # imports this module for PageJob) never needs
    from extractors.article import extract_article

    html = decode_html(page.body, content_type)
    art = extract_article(html, page.final_url or page.url)
    if job.language and art.language != job.language:  # set here, so the record needs no copy later
        art = replace(art, language=job.language)
    text = art.text or ""
    quotes = quotes_x.extract_quotes(text) if text else []
    signals = stance_x.article_signals(text, quotes, topic.targets, topic.cues) if text else []
    frames = stance_x.frame_counts(text, topic.framing_terms) if text else {}
    return ArticleRecord(
        url=job.url,
        canonical_url=choose_canonical(page.final_url or page.url, art.canonical_url),
        feed_url=job.feed_url,
        outlet=job.outlet or art.site_name,
        topic=topic.name,
        page=page,
        article=art,
        quotes=tuple(quotes),
        signals=tuple(signals),
        frames=frames,
        relevance=relevance(topic, art.title, text),
        content_hash=content_hash(text),
        simhash=simhash(text) if text else 0,
        extractor_version=EXTRACTOR_VERSION,
        published_hint=job.published_hint,
    ).precompute()


_WARM_PAGE = ("<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
              + "<p>This page is extracted once so that everything loaded on first use is loaded.</p>" * 4
              + "</article></body></html>")


def warm() -> None:
    """Import the cleaning (which loads its models: trafilatura, the language-id model) and run
    one page through it, so that a process forked afterwards starts with everything loaded."""
    from extractors.article import extract_article

    extract_article(_WARM_PAGE, "https://example.org/warm-up")


class PageTimeLimit(BaseException):
    """A page took longer than the time limit of the process extracting it. A BaseException, like
    KeyboardInterrupt, so that an extractor's ``except Exception`` cannot swallow it (and the
    timer fires again every PAGE_TIME_REPEAT_S until the page is given up, in case one does)."""


PAGE_TIME_REPEAT_S = 1.0


_time_limit_s: float | None = None  # set in worker processes only (see set_page_time_limit)


def _page_over_time(signum, frame):
    raise PageTimeLimit()


def set_page_time_limit(seconds: float | None) -> None:
    """Give each page at most ``seconds`` of wall time in this process (a worker's initializer
    calls it: the limit is a SIGALRM timer, so it needs the process's main thread, and a flow
    process, whose threads and whose own users may need the signal, never sets one). A page over
    the limit (a pathological page sending a regular expression into catastrophic backtracking,
    say) becomes an error, and the worker goes on with the next page."""
    global _time_limit_s
    _time_limit_s = seconds
    if seconds:
        signal.signal(signal.SIGALRM, _page_over_time)


def extract_one(page: Page, job: PageJob, topic: Topic) -> tuple[ArticleRecord | None, str | None]:
    """Run the extractors on one page (in a worker process); an extractor defect becomes an error."""
    limit = _time_limit_s
    if limit:
        signal.setitimer(signal.ITIMER_REAL, limit, PAGE_TIME_REPEAT_S)
    try:
        return process_page(page, job, topic), None
    except PageTimeLimit:
        return None, f"extract failed: the page took longer than {limit:g} s (the time limit per page)"
    except Exception as exc:  # one bad page must not stop the run
        return None, f"extract failed: {type(exc).__name__}: {exc}"
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)


def extract_many(pages: Sequence[Page], jobs: Sequence[PageJob], topic: Topic) -> list[tuple[ArticleRecord | None, str | None]]:
    """:func:`extract_one` over several pages: one message to a worker process and one back,
    instead of one each way per page."""
    return [extract_one(page, job, topic) for page, job in zip(pages, jobs)]
