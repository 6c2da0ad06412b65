"""What article cleaning hands on: the :class:`Article` record and the cleaning's version.

Apart from :mod:`extractors.article` so that a process that only carries articles (the ingest
flow, which unpickles the workers' records and loads them) does not import the cleaning itself:
importing that loads its models (trafilatura, the language-id model; ~0.6 s and ~90 MiB).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

VERSION = "article-8"  # bump with any change to what extractors.article outputs


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
    text_source: str | None = None  # which extractor produced text: trafilatura, jsonld, readability
