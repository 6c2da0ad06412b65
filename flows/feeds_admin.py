"""Managing a topic's feed list: discover a site's feeds, import and export OPML, add feeds to a
topic file without disturbing the rest of it; and the per-feed settings the ingest flow applies.

Discovery fetches with :class:`flows.fetch.Fetcher` (polite; private addresses only on the
site's own host) and checks every candidate with :func:`extractors.feeds.parse_feed`.
"""
from __future__ import annotations

import html
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from extractors.discover import (VIA_ALTERNATE, VIA_GIVEN, Candidate, common_paths, feed_links,
                                 same_feed_key, site_root)
from extractors.feeds import Entry, ParsedFeed, parse_feed
from extractors.topic import Feed, Topic, TopicError, parse_topic
from warehouse.records import ArticleRecord, Page

# ---------------------------------------------------------------------------------------------
# Discovery


@dataclass(frozen=True)
class FoundFeed:
    """A candidate that was checked: a feed (``error`` None) or why it is not one."""

    url: str  # as found (what goes into the topic file)
    via: str  # given URL / link rel=alternate / a href / common path (… on the home page)
    final_url: str | None = None
    title: str | None = None
    version: str | None = None  # rss20, atom10, json11 ...
    entries: int = 0
    last_entry: datetime | None = None
    error: str | None = None
    page: str | None = None  # the page the search started from


@dataclass
class Discovery:
    """Everything one ``discover`` of one URL found and checked."""

    url: str
    feeds: list[FoundFeed] = field(default_factory=list)  # the real feeds, in the order found
    rejected: list[FoundFeed] = field(default_factory=list)  # candidates that are not feeds
    error: str | None = None  # the page itself could not be fetched


def _found(candidate: Candidate, parsed: ParsedFeed | None, final_url: str | None, error: str | None,
           page: str) -> FoundFeed:
    if parsed is None or error:
        return FoundFeed(candidate.url, candidate.via, final_url, candidate.title, error=error, page=page)
    dates = [e.published or e.updated for e in parsed.entries if e.published or e.updated]
    return FoundFeed(candidate.url, candidate.via, final_url, parsed.title or candidate.title, parsed.version,
                     len(parsed.entries), max(dates, default=None), parsed.error, page)


def discover(url: str, fetcher, probe: bool | None = None) -> Discovery:
    """Find the feeds of the site ``url`` belongs to (a home page, an article page, or a feed).

    Candidates, in this order: ``url`` itself when it is a feed; the page's ``<link
    rel="alternate">`` feeds and feed-looking ``<a href>`` links; when the page links to no feed,
    the home page's; and the common feed paths (/feed, /rss, /atom.xml, /feed.xml, /rss.xml,
    /index.xml, /feed.json) when nothing else was found, or always with ``probe=True``
    (``probe=False`` never). Every candidate is fetched and parsed; one feed reachable under two
    URLs (a redirect, or the same entries) is listed once.
    """
    result = Discovery(url)
    res = fetcher.get(url, "page")
    candidates: list[Candidate] = []
    if res.ok:
        body, final = res.body or b"", res.final_url or url
        parsed = parse_feed(body, final, res.headers.get("content-type"), now=res.fetched_at)
        if not parsed.error:
            result.feeds.append(_found(Candidate(url, VIA_GIVEN), parsed, final, None, url))
            return result
        candidates += feed_links(body, final)
    else:
        result.error = res.error or f"http {res.status}"
    if not any(c.via == VIA_ALTERNATE for c in candidates) and same_feed_key(site_root(url)) != same_feed_key(url):
        home = fetcher.get(site_root(url), "page", origin=url)
        if home.ok:
            candidates += [replace(c, via=f"{c.via} (home page)")
                           for c in feed_links(home.body or b"", home.final_url or site_root(url))]
    if probe or (probe is None and not candidates):
        candidates += common_paths(url)
    checked: set[str] = {url}
    seen_final: set[str] = set()
    seen_entries: set[tuple] = set()
    for c in candidates:
        if c.url in checked:
            continue
        checked.add(c.url)
        r = fetcher.get(c.url, "feed", origin=url)
        if not r.ok:
            result.rejected.append(_found(c, None, r.final_url, r.error or f"http {r.status}", url))
            continue
        final = r.final_url or c.url
        parsed = parse_feed(r.body or b"", final, r.headers.get("content-type"), now=r.fetched_at)
        found = _found(c, parsed, final, parsed.error, url)
        if parsed.error:
            result.rejected.append(found)
            continue
        key = (parsed.title, tuple(e.url for e in parsed.entries))
        if same_feed_key(final) in seen_final or (parsed.entries and key in seen_entries):
            continue  # the same feed under another URL
        seen_final.add(same_feed_key(final))
        seen_entries.add(key)
        result.feeds.append(found)
    return result


# ---------------------------------------------------------------------------------------------
# Writing [[feeds]] tables into a topic file


def _toml_str(value: str) -> str:
    """A TOML basic string."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def feed_table(feed: Feed) -> str:
    """A ``[[feeds]]`` table for ``feed``: its URL and whatever settings it has."""
    lines = ["[[feeds]]", f"url = {_toml_str(feed.url)}"]
    for key in ("outlet", "title", "category", "language"):
        v = getattr(feed, key)
        if v:
            lines.append(f"{key} = {_toml_str(v)}")
    if feed.poll_interval:
        lines.append(f"poll_interval = {int(feed.poll_interval)}")
    if feed.full_content:
        lines.append("full_content = true")
    for key in ("include", "exclude"):
        v = getattr(feed, key)
        if v:
            lines.append(f"{key} = [{', '.join(_toml_str(p) for p in v)}]")
    return "\n".join(lines) + "\n"


_HEADER = re.compile(r"^\[\[?\s*[A-Za-z0-9_.\"' -]+\s*\]\]?\s*(?:#.*)?$")
_FEEDS_HEADER = re.compile(r"^\[\[\s*feeds\s*\]\]\s*(?:#.*)?$")


def _insert_after_feeds(text: str, block: str) -> str:
    """``text`` with ``block`` after its last ``[[feeds]]`` table (before the comments that open the
    next table), else at the end."""
    lines = text.splitlines(keepends=True)
    last = max((i for i, ln in enumerate(lines) if _FEEDS_HEADER.match(ln)), default=None)
    if last is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + "\n" + block
    end = next((j for j in range(last + 1, len(lines)) if _HEADER.match(lines[j])), len(lines))
    while end > last + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    before = "".join(lines[:end])
    if not before.endswith("\n"):
        before += "\n"
    after = "".join(lines[end:])
    return before + "\n" + block + ("\n" if after and not after.startswith("\n") else "") + after


@dataclass(frozen=True)
class AddResult:
    path: Path
    added: tuple[Feed, ...]
    skipped: tuple[tuple[str, str], ...]  # (url, why)


def add_feeds(path: str | Path, feeds: Iterable[Feed], *, comment: str | None = None,
              dry_run: bool = False) -> AddResult:
    """Add ``feeds`` to the topic file at ``path`` as ``[[feeds]]`` tables, after its last one.

    Feeds it lists already (same URL up to scheme/host case and a trailing slash) are skipped;
    the rest of the file is kept byte for byte. The new text must parse as a topic with exactly
    the old feeds plus the new, else nothing is written (:class:`TopicError`). The file is
    replaced atomically.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    topic = parse_topic(text, source=str(path))
    have = {same_feed_key(f.url) for f in topic.feeds}
    added, skipped = [], []
    for f in feeds:
        k = same_feed_key(f.url)
        if k in have:
            skipped.append((f.url, "already in the topic"))
            continue
        have.add(k)
        added.append(f)
    if not added or dry_run:
        return AddResult(path, tuple(added), tuple(skipped))
    block = (f"# {comment}\n" if comment else "") + "\n".join(feed_table(f) for f in added)
    expected = [f.url for f in topic.feeds] + [f.url for f in added]
    new_text = None
    for candidate in (_insert_after_feeds(text, block),
                      text + ("" if text.endswith("\n") else "\n") + "\n" + block):
        try:
            if [f.url for f in parse_topic(candidate, source=str(path)).feeds] == expected:
                new_text = candidate
                break
        except TopicError:
            continue
    if new_text is None:
        raise TopicError(f"{path}: cannot add [[feeds]] tables to this file (are its feeds an inline array, "
                         f"feeds = [...]? write them as [[feeds]] tables)")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(new_text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return AddResult(path, tuple(added), tuple(skipped))


# ---------------------------------------------------------------------------------------------
# OPML


def import_opml(opml_path: str | Path, topic_path: str | Path, dry_run: bool = False):
    """Add an OPML file's feeds (titles and categories kept) to a topic file. Returns
    (AddResult, the OPML's warnings). Raises :class:`extractors.opml.OpmlError` on bad OPML."""
    from extractors.opml import parse_opml

    opml_path = Path(opml_path)
    doc = parse_opml(opml_path.read_bytes(), source=str(opml_path))
    feeds = [Feed(url=f.url, title=f.title, category=f.category) for f in doc.feeds]
    result = add_feeds(topic_path, feeds, comment=f"Imported from {opml_path.name}", dry_run=dry_run)
    return result, doc.warnings


def export_opml(topic: Topic) -> bytes:
    """The topic's feeds as OPML 2.0, categories as nested outlines."""
    from extractors.opml import render_opml

    return render_opml(topic.feeds, title=topic.title)


# ---------------------------------------------------------------------------------------------
# Per-feed settings in the ingest flow


def wanted_entries(entries: Sequence[Entry], feed: Feed | None) -> list[Entry]:
    """The entries a feed's ``include``/``exclude`` URL patterns let through."""
    if feed is None or not (feed.include or feed.exclude):
        return list(entries)
    return [e for e in entries if feed.wants(e.url)]


def entry_page(entry: Entry, fetched_at: datetime, feed_url: str) -> Page | None:
    """A page built from a feed entry's own content, for a ``full_content`` feed: the entry's
    (already sanitised) HTML as the body, its title, date and author as the page's metadata, its
    link as the URL. The normal extractors then run on it. None when the entry has no content
    (its page is fetched instead)."""
    if not entry.content or not entry.content.strip():
        return None
    esc = lambda v: html.escape(v, quote=True)  # noqa: E731
    head = ['<meta charset="utf-8">']
    if entry.title:
        head.append(f"<title>{esc(entry.title)}</title>")
    if entry.published:
        head.append(f'<meta property="article:published_time" content="{entry.published.isoformat()}">')
    if entry.updated:
        head.append(f'<meta property="article:modified_time" content="{entry.updated.isoformat()}">')
    if entry.author:
        head.append(f'<meta name="author" content="{esc(entry.author)}">')
    h1 = f"<h1>{esc(entry.title)}</h1>\n" if entry.title else ""
    body = (f"<!doctype html>\n<html><head>{''.join(head)}</head>\n<body><article>\n{h1}{entry.content}\n"
            f"</article></body></html>\n")
    return Page(url=entry.url, final_url=entry.url, status=200,
                headers={"content-type": "text/html; charset=utf-8",
                         "x-stancewire-source": f"feed entry content: {feed_url}"},
                fetched_at=fetched_at, body=body.encode("utf-8"))


def apply_feed_settings(record: ArticleRecord, feed: Feed | None) -> ArticleRecord:
    """A feed's ``outlet`` and ``language`` settings override what the page said."""
    if feed is None:
        return record
    if feed.language and record.article.language != feed.language:
        record = replace(record, article=replace(record.article, language=feed.language))
    if feed.outlet and record.outlet != feed.outlet:
        record = replace(record, outlet=feed.outlet)
    return record
