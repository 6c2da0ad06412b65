"""Records handed from the flows to the loader: fetch attempts, raw pages, extracted articles."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Sequence

from extractors.article import Article
from extractors.quotes import Quote
from extractors.stance import ArticleSignal


def short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def article_id_for(canonical_url: str) -> str:
    return short_hash(canonical_url)


@dataclass(frozen=True)
class FetchAttempt:
    """One HTTP attempt, as logged in ``fetch_log``."""

    kind: str  # feed | page
    url: str
    fetched_at: datetime
    status: int | None = None
    error: str | None = None
    final_url: str | None = None
    bytes: int | None = None
    elapsed_ms: float | None = None
    attempt: int = 1


@dataclass(frozen=True)
class Page:
    """A fetched body with its provenance, stored verbatim."""

    url: str
    final_url: str
    status: int
    headers: dict
    fetched_at: datetime
    body: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True)
class ArticleRecord:
    """Everything the extractors made of one page, ready to load."""

    url: str  # as linked from the feed
    canonical_url: str
    feed_url: str | None
    outlet: str | None
    topic: str | None
    page: Page | None
    article: Article
    quotes: Sequence[Quote]
    signals: Sequence[ArticleSignal]
    frames: dict[str, int]
    relevance: float
    content_hash: str
    simhash: int
    extractor_version: str
    published_hint: datetime | None = None  # from the feed entry, used when the page has no date
    extra: dict = field(default_factory=dict)

    @property
    def article_id(self) -> str:
        return article_id_for(self.canonical_url)
