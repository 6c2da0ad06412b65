"""Article cleaning: main text and metadata from a page's HTML. (contract stub)"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

VERSION = "article-0"


@dataclass(frozen=True)
class Article:
    text: str = ""  # main text, paragraphs separated by blank lines
    title: str | None = None
    authors: tuple[str, ...] = ()  # person names only
    published: datetime | None = None  # timezone-aware
    modified: datetime | None = None
    language: str | None = None  # ISO 639-1
    canonical_url: str | None = None
    description: str | None = None
    site_name: str | None = None
    reason: str | None = None  # why text is empty, when it is
    version: str = VERSION


def extract_article(html: str, url: str | None = None) -> Article:
    raise NotImplementedError
