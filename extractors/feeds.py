"""Feed parsing (RSS, Atom, RDF with feedparser; JSON Feed 1.0/1.1 by hand). Never raises: errors
come back as data."""
from __future__ import annotations

import calendar
import html
import importlib.util
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

import feedparser

VERSION = "feeds-1"

# feedparser asks xml.sax for the "drv_libxml2" driver first, on every parse; that Python 2 era
# binding is not installed here, and the failed import searched sys.path again each time: ~0.13 ms
# of a ~0.56 ms parse of a small feed. Without the driver, expat is what xml.sax uses anyway.
if importlib.util.find_spec("drv_libxml2") is None:
    feedparser.api.PREFERRED_XML_PARSERS[:] = [p for p in feedparser.api.PREFERRED_XML_PARSERS if p != "drv_libxml2"]

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


JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or ("json" in (content_type or "").lower() and not head.startswith(b"<"))


def _json_date(value: object, now: datetime | None) -> datetime | None:
    """An RFC 3339 date of a JSON Feed item; None when absent, unreadable, before 1990 or in the future."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when = when.astimezone(timezone.utc)
    if when.year < 1990 or (now is not None and when > now + timedelta(days=1)):
        return None
    return when


def _json_author(item: dict) -> str | None:
    authors = item.get("authors")
    if isinstance(authors, list):  # 1.1
        names = [a.get("name") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
        names = [n.strip() for n in names if n.strip()]
        if names:
            return _clip(", ".join(names))
    author = item.get("author")  # 1.0
    if isinstance(author, dict):
        return _clip(author.get("name"))
    return None


def _json_link(value: object, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        link = urljoin(base, value.strip())
    except ValueError:
        return None
    return link if link.lower().startswith(("http://", "https://")) else None


def _text_html(text: str) -> str:
    """Plain text (JSON Feed content_text) as HTML paragraphs."""
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paras if p)


def _clean_html(fragment: str, base: str) -> str:
    """Sanitise entry HTML the way feedparser does for RSS and Atom, relative links made absolute."""
    try:
        from feedparser.sanitizer import _sanitize_html
        from feedparser.urls import resolve_relative_uris

        return _sanitize_html(resolve_relative_uris(fragment, base, "utf-8", "text/html"), "utf-8", "text/html")
    except Exception:  # noqa: BLE001 - a private feedparser API; without it, keep the text only
        from lxml import html as lhtml

        try:
            return _text_html(lhtml.fromstring(fragment).text_content())
        except Exception:  # noqa: BLE001
            return ""


def parse_json_feed(body: bytes, url: str, now: datetime | None = None) -> ParsedFeed:
    """Parse a JSON Feed (https://jsonfeed.org, versions 1 and 1.1) into the same entries as RSS/Atom."""
    try:
        data = json.loads(body.lstrip(b"\xef\xbb\xbf") if isinstance(body, bytes) else body)
    except (ValueError, RecursionError) as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return ParsedFeed(url=url, title=None, entries=(), error=f"not a usable feed: bad JSON{where}: {reason}")
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or not version.startswith(JSON_FEED_PREFIX):
        return ParsedFeed(url=url, title=None, entries=(),
                          error="not a feed: JSON, but not a JSON Feed (no https://jsonfeed.org/version/ 'version')")
    number = version[len(JSON_FEED_PREFIX):].strip("/")
    version_name = {"1": "json10", "1.0": "json10", "1.1": "json11"}.get(number, "json1x")
    title = _clip(data.get("title"))
    base = _json_link(data.get("feed_url"), url) or url
    items = data.get("items")
    if not isinstance(items, list):
        return ParsedFeed(url=url, title=title, entries=(), version=version_name,
                          error="not a usable feed: JSON Feed without an 'items' array")
    entries = []
    skipped = 0
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            skipped += 1
            continue
        link = _json_link(item.get("url"), base) or _json_link(item.get("external_url"), base)
        if not link:
            skipped += 1
            continue
        guid = item.get("id")
        content = None
        if isinstance(item.get("content_html"), str) and item["content_html"].strip():
            content = _clean_html(item["content_html"], link) or None
        elif isinstance(item.get("content_text"), str) and item["content_text"].strip():
            content = _text_html(item["content_text"]) or None
        summary = item.get("summary")
        if not (isinstance(summary, str) and summary.strip()) and isinstance(item.get("content_text"), str):
            summary = item["content_text"]
        updated = _json_date(item.get("date_modified"), now)
        entries.append(Entry(
            url=link, guid=_clip(str(guid)) if isinstance(guid, (str, int, float)) and not isinstance(guid, bool)
            else None, title=_clip(item.get("title")),
            published=_json_date(item.get("date_published"), now) or updated, updated=updated,
            summary=_clip(summary), author=_json_author(item) or _json_author(data), content=content,
        ))
    warning = f"{skipped} JSON Feed items without a usable url skipped" if skipped else None
    if not entries and items:
        return ParsedFeed(url=url, title=title, entries=(), version=version_name,
                          error="not a usable feed: no JSON Feed item has a usable url")
    return ParsedFeed(url=url, title=title, entries=tuple(entries), warning=warning, version=version_name)


def parse_feed(body: bytes, url: str, content_type: str | None = None, now: datetime | None = None) -> ParsedFeed:
    """Parse a feed body: RSS, Atom, RDF or JSON Feed. ``url`` resolves relative links;
    ``content_type`` carries the charset; entry dates after ``now`` (+1 day) are dropped, as are
    dates before 1990."""
    if isinstance(body, (bytes, bytearray)) and _looks_like_json(bytes(body), content_type):
        try:
            return parse_json_feed(bytes(body), url, now)
        except Exception as exc:  # noqa: BLE001 - never raise on a feed
            return ParsedFeed(url=url, title=None, entries=(),
                              error=f"JSON Feed parser crashed: {type(exc).__name__}: {exc}")
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
        return ParsedFeed(url=url, title=title, entries=(),
                          error="not a feed: no RSS, Atom, RDF or JSON Feed content found")
    return ParsedFeed(url=url, title=title, entries=tuple(entries), warning=problem, version=version)
