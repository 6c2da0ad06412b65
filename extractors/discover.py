"""Feed discovery, the pure part: which URLs of a site might be its feeds.

From a page's HTML: ``<link rel="alternate">`` feed links (RSS, Atom, RDF, JSON Feed) and
feed-looking ``<a href>`` links; from its URL: the common feed paths at the site's root.
Checking that a candidate really is a feed needs HTTP and lives in ``flows.feeds_admin``.
No network here; never raises on bad HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rdf",
    "application/feed+json": "json",
    "application/json": "json",
    "application/x.atom+xml": "atom",
    "application/x-atom+xml": "atom",
    "text/xml": None,
    "application/xml": None,
}
COMMON_PATHS = ("/feed", "/rss", "/atom.xml", "/feed.xml", "/rss.xml", "/index.xml", "/feed.json")
MAX_A_LINKS = 10  # feed-looking <a href> links checked per page, at most

VIA_GIVEN = "given URL"
VIA_ALTERNATE = "link rel=alternate"
VIA_ANCHOR = "a href"
VIA_COMMON = "common path"

# A path that names a feed: /feed, /rss/, /atom.xml, /feeds/world.rss, /index.json?format=feed ...
_FEEDY_PATH = re.compile(
    r"(?:^|/)(?:feeds?|rss|atom|rss2|jsonfeed)(?:/|\.(?:xml|rss|atom|json|rdf)|$)"
    r"|\.(?:rss|atom|rdf)$|(?:^|/)index\.xml$"
    r"|(?:^|[/_.-])(?:rss|atom|feed)[_.-]?(?:\d+)?\.(?:xml|json)$",
    re.IGNORECASE)
_FEEDY_TEXT = re.compile(r"^\W*(?:rss|atom|json feed|feed|rss feed|atom feed|subscribe via rss)\W*$", re.IGNORECASE)
_COMMENTS = re.compile(r"/comments?/|[?&]comments?=|\bcomments?\s+feed\b|^comments\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A URL that may be a feed, and where it was found."""

    url: str
    via: str
    title: str | None = None  # the link's title attribute or text
    kind: str | None = None  # rss / atom / rdf / json, from the link's type attribute


def _http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _join(base: str, href: str | None) -> str | None:
    if not href or not href.strip():
        return None
    try:
        url = urljoin(base, href.strip())
    except ValueError:
        return None
    if not _http(url):
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))  # no #fragment


def is_comment_feed(url: str, title: str | None = None) -> bool:
    """A per-post or site-wide comments feed (WordPress and friends): not news."""
    return bool(_COMMENTS.search(urlsplit(url).path + ("?" + urlsplit(url).query if urlsplit(url).query else ""))
                or (title and _COMMENTS.search(title)))


def feed_links(html: str | bytes, page_url: str) -> list[Candidate]:
    """Feed candidates a page links to: ``<link rel="alternate">`` feeds first, then feed-looking
    ``<a href>`` links (at most ``MAX_A_LINKS``). Relative links resolve against ``<base href>`` or
    ``page_url``; comment feeds are left out; order is the page's, without duplicates."""
    from lxml import html as lhtml

    try:
        doc = lhtml.document_fromstring(html if html else "<html></html>")
    except Exception:  # noqa: BLE001 - lxml on hostile input: no links then
        return []
    base = page_url
    for b in doc.iter("base"):
        joined = _join(page_url, b.get("href"))
        if joined:
            base = joined
        break
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(c: Candidate) -> None:
        if c.url not in seen and not is_comment_feed(c.url, c.title):
            seen.add(c.url)
            out.append(c)

    for link in doc.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        ctype = (link.get("type") or "").split(";")[0].strip().lower()
        href = _join(base, link.get("href"))
        if not href:
            continue
        if "alternate" in rels and ctype in FEED_TYPES:
            if FEED_TYPES[ctype] is None and not _FEEDY_PATH.search(urlsplit(href).path):
                continue  # text/xml alternates are feeds only when they look like one
            if ctype == "application/json" and not _FEEDY_PATH.search(urlsplit(href).path):
                continue  # plain JSON alternates are often oEmbed or API links
            add(Candidate(href, VIA_ALTERNATE, (link.get("title") or "").strip() or None, FEED_TYPES[ctype]))
        elif "feed" in rels and not ctype.startswith("text/html"):
            add(Candidate(href, VIA_ALTERNATE, (link.get("title") or "").strip() or None, FEED_TYPES.get(ctype)))
    anchors = 0
    for a in doc.iter("a"):
        if anchors >= MAX_A_LINKS:
            break
        href = _join(base, a.get("href"))
        if not href or href in seen:
            continue
        ctype = (a.get("type") or "").split(";")[0].strip().lower()
        try:
            text = " ".join(a.text_content().split())
        except Exception:  # noqa: BLE001
            text = ""
        path = urlsplit(href).path
        if (ctype in FEED_TYPES and FEED_TYPES[ctype]) or _FEEDY_PATH.search(path) or _FEEDY_TEXT.match(text):
            anchors += 1
            add(Candidate(href, VIA_ANCHOR, (a.get("title") or text or "").strip()[:200] or None,
                          FEED_TYPES.get(ctype)))
    return out


def site_root(url: str) -> str:
    """The home page of ``url``'s site: ``scheme://host/``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def common_paths(url: str) -> list[Candidate]:
    """The usual feed locations at the root of ``url``'s site."""
    root = site_root(url)
    return [Candidate(urljoin(root, p), VIA_COMMON) for p in COMMON_PATHS]


def same_feed_key(url: str) -> str:
    """A key under which two spellings of one feed URL match (scheme/host case, trailing slash)."""
    url = url.strip()
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
