"""News sitemaps (and plain sitemaps): URLs with their dates, for backfills. Pure; never raises."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from extractors.dates import parse_date


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    published: datetime | None
    title: str | None = None


def parse_sitemap(body: bytes) -> tuple[list[SitemapEntry], list[str], str | None]:
    """(entries, child sitemap URLs, error). Reads ``<urlset>`` and ``<sitemapindex>`` documents;
    dates from ``news:publication_date``, else ``lastmod``. No entity expansion, no network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return [], [], f"not a sitemap: {exc}"
    if root is None:
        return [], [], "not a sitemap: empty document"

    def local(el) -> str:
        return etree.QName(el).localname if isinstance(el.tag, str) else ""

    entries, children = [], []
    for node in root:
        name = local(node)
        if name not in ("url", "sitemap"):
            continue
        loc = when = title = None
        for el in node.iter():
            tag = local(el)
            text = (el.text or "").strip()
            if tag == "loc" and loc is None:
                loc = text
            elif tag == "publication_date" and text:
                when = parse_date(text) or when
            elif tag == "lastmod" and text and when is None:
                when = parse_date(text)
            elif tag == "title" and text:
                title = text
        if not loc:
            continue
        if name == "sitemap":
            children.append(loc)
        else:
            entries.append(SitemapEntry(url=loc, published=when, title=title))
    if local(root) not in ("urlset", "sitemapindex"):
        return [], [], f"not a sitemap: root element <{local(root)}>"
    return entries, children, None
