"""Records handed from the flows to the loader: fetch attempts, raw pages, extracted articles."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Sequence

from extractors.article_types import Article
from extractors.quotes import Quote
from extractors.speakers import Speaker, local_speakers
from extractors.stance import ArticleSignal


def short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def article_id_for(canonical_url: str) -> str:
    return short_hash(canonical_url)


_WORD = re.compile(r"\w+")


def norm_words(text: str) -> str:
    """Lower-cased words joined by single spaces: the quote key that ignores punctuation."""
    return " ".join(_WORD.findall(text.lower()))


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

    @cached_property
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

    # Keys are computed once, where the record is made (a worker process), and travel with it, so
    # the single writer only inserts. ``dataclasses.replace`` makes a fresh record: they are recomputed.
    @cached_property
    def article_id(self) -> str:
        return article_id_for(self.canonical_url)

    @cached_property
    def quote_keys(self) -> tuple[tuple[str, str], ...]:
        """(quote_id, normalised words) per quote. A quote's id is stable while its kind and words
        are: the n-th quote with the same words in the article gets the same id on every load."""
        seen: Counter = Counter()
        keys = []
        for q in self.quotes:
            words = norm_words(q.text)
            seen[(q.kind, words)] += 1
            keys.append((short_hash(self.article_id, q.kind, words, seen[(q.kind, words)]), words))
        return tuple(keys)

    @cached_property
    def signal_ids(self) -> tuple[str, ...]:
        """Per signal: its id (article, quote or evidence offset, target)."""
        qids = [k[0] for k in self.quote_keys]
        out = []
        for s in self.signals:
            qi = s.quote_index
            qid = qids[qi] if qi is not None and 0 <= qi < len(qids) else None
            out.append(short_hash(self.article_id, qid or f"s{s.evidence_start}", s.target))
        return tuple(out)

    @cached_property
    def speakers(self) -> tuple[Speaker | None, ...]:
        """Per quote: its speaker's identity within this article (linked to known speakers on load)."""
        return tuple(local_speakers(self.quotes))

    def precompute(self) -> "ArticleRecord":
        """Compute the keys now (in the worker that made the record); returns the record."""
        _ = self.page.sha256 if self.page is not None else None
        _ = self.signal_ids, self.speakers
        return self
