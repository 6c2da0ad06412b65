"""Feed parsing (RSS, Atom, RDF) with feedparser. Never raises: errors come back as data."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import feedparser

VERSION = "feeds-1"

MAX_ENTRIES = 2000
MAX_FIELD = 2000  # characters kept of a title or summary


@dataclass(frozen=True)
class Entry:
    url: str  # the entry's link as given (absolute)
    guid: str | None
    title: str | None
    published: datetime | None
    updated: datetime | None
    summary: str | None
    author: str | None
    content: str | None  # full content (content:encoded / Atom content), when the feed carries it


@dataclass(frozen=True)
class ParsedFeed:
    url: str
    title: str | None
    entries: tuple[Entry, ...]
    error: str | None = None  # why the feed is unusable; None when it parsed
    warning: str | None = None  # a recoverable problem (feedparser's bozo on a feed that still parsed)
    version: str | None = None  # "rss20", "atom10", ...


def _when(entry: dict, key: str, now: datetime | None = None) -> datetime | None:
    parsed = dict.get(entry, key + "_parsed")  # bypass feedparser's deprecated updated->published alias
    if not parsed:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None
    if when.year < 1990 or (now is not None and when > now + timedelta(days=1)):
        return None  # 1970 placeholders and dates in the future are not dates
    return when


def _clip(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:MAX_FIELD] or None


def parse_feed(body: bytes, url: str, content_type: str | None = None, now: datetime | None = None) -> ParsedFeed:
    """Parse a feed body. ``url`` resolves relative links; ``content_type`` carries the charset;
    entry dates after ``now`` (+1 day) are dropped, as are dates before 1990."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # feedparser promises not to raise; a defect there must not stop a run
        return ParsedFeed(url=url, title=None, entries=(), error=f"feed parser crashed: {type(exc).__name__}: {exc}")
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc else "malformed feed"
    entries = []
    for e in parsed.get("entries", [])[:MAX_ENTRIES]:
        link = e.get("link") or ""
        if not link:
            for alt in e.get("links", []) or []:
                if alt.get("href"):
                    link = alt["href"]
                    break
        if not link:
            continue
        content = None
        if e.get("content"):
            content = "\n".join(c.get("value", "") for c in e["content"]) or None
        entries.append(Entry(
            url=link.strip(), guid=_clip(e.get("id")), title=_clip(e.get("title")),
            published=_when(e, "published", now) or _when(e, "updated", now), updated=_when(e, "updated", now),
            summary=_clip(e.get("summary")), author=_clip(e.get("author")), content=content,
        ))
    title = _clip(parsed.get("feed", {}).get("title"))
    version = parsed.get("version") or None
    head = body[:512].lstrip().lower()
    if not entries and (head.startswith((b"<!doctype html", b"<html")) or "html" in (content_type or "").lower()):
        return ParsedFeed(url=url, title=title, entries=(), version=version,
                          error="not a feed: an HTML page (look for its <link rel=\"alternate\"> feed)")
    if not entries and problem:
        return ParsedFeed(url=url, title=title, entries=(), error=f"not a usable feed: {problem}", version=version)
    if not entries and not version:
        return ParsedFeed(url=url, title=title, entries=(), error="not a feed: no RSS, Atom or RDF content found")
    return ParsedFeed(url=url, title=title, entries=tuple(entries), warning=problem, version=version)
