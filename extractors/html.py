"""Main-text extraction: DOM pre-cleaning, trafilatura, fallbacks and line-level post-filtering."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

# class/id tokens of page furniture that main-content extractors often keep
_JUNK_TOKEN = re.compile(
    r"(^|[-_ ])(share|sharing|social|sharebar|share-bar|shariff|related|recommended|"
    r"newsletter|cookie|cookies|consent|gdpr|caption|figcaption|credit|credits|photo-credit|image-credit|"
    r"breadcrumb|breadcrumbs|outbrain|taboola|also-read|read-more|readmore|more-stories|most-read|mostread|"
    r"embed-consent|externer-inhalt|external-content|author-bio|authorbio)([-_ ]|$)",
    re.I)
_KEEP_TOKEN = re.compile(r"(^|[-_ ])(article|story|content|body|text|main|post|entry)([-_ ]|$)", re.I)
_DROP_TAGS = ("figcaption", "button", "dialog")


def parse(html: str):
    """Parse HTML into an lxml tree; fall back to BeautifulSoup for markup lxml rejects."""
    html = html.replace("\x00", "")
    # lxml refuses str input with an XML encoding declaration
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.document_fromstring(html)
        if tree is not None and len(tree):
            return tree
    except (etree.ParserError, ValueError, TypeError):
        pass
    try:
        from lxml.html import soupparser

        return soupparser.fromstring(html)
    except Exception:  # noqa: BLE001
        return None


def _text_len(el) -> int:
    return len(" ".join(el.itertext()).strip())


_NORM = re.compile(r"\W+")


def norm_line(s: str) -> str:
    return _NORM.sub(" ", s.casefold()).strip()


def furniture_text(tree, max_share: float = 0.08) -> str:
    """Normalised text of page furniture: share bars, related lists, captions, banners, footers.

    Used as a veto list for the extractor's output lines rather than to prune the tree, so a
    wrongly matched wrapper can never take the article with it. An element holding more than
    max_share of the page's text is ignored.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = len(norm_line(root.text_content())) or 1
    chunks: list[str] = []
    stack = list(reversed([c for c in root if isinstance(c.tag, str)]))
    while stack:
        el = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "template"):
            continue
        junk = tag in _DROP_TAGS
        if not junk and tag not in ("html", "body", "main", "article"):
            attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"),
                                           el.get("data-component"))))
            junk = bool(attrs) and bool(_JUNK_TOKEN.search(attrs)) and not (tag == "p" and _KEEP_TOKEN.search(attrs))
        if junk:
            txt = norm_line(el.text_content())
            if txt and len(txt) / total <= max_share and len(txt) < 2000:
                chunks.append(txt)
                continue
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    return "\n".join(chunks)


_CREDIT = re.compile(
    r"^(foto|fotos|photo|photos|bild|bilder|image|picture|credit|quelle|source|grafik|video|audio|illustration)"
    r"\s*:\s*\S.{0,100}$|(getty images|/ ?afp|/ ?dpa|/ ?reuters|/ ?ap|shutterstock|imago images|picture alliance"
    r"|keystone|istock(photo)?)\s*$",
    re.I)
_JUNK_LINE = re.compile(
    r"^(advertisement|anzeige|werbung|publicité|publicidad|pubblicità|read more|mehr zum thema|lesen sie auch|"
    r"auch interessant|related|related articles?|share|teilen|share this article|externer inhalt nicht verfügbar|"
    r"skip advertisement|continue reading|weiterlesen|click here|sign up|subscribe|jetzt abonnieren|"
    r"zur startseite|back to top)\W*$|privatsphäre-einstellungen|cookie-einstellungen|accept (all )?cookies|"
    r"enable javascript|javascript (is )?disabled|ad blocker",
    re.I)
_STAMP = re.compile(r"^(stand|updated?|aktualisiert|veröffentlicht|published|publié|erstellt)\s*:?\s*[\d.: ,/-]*(uhr)?\s*$"
                    r"|^[\d.:/, -]{6,}\s*(uhr|am|pm)?\s*$", re.I)
_BYLINE = re.compile(r"^(von|by|par|door|por|di|av|af)\s+\S.{0,80}$", re.I)


def postfilter(text: str, title: str | None, authors: tuple[str, ...], furniture: str) -> str:
    """Drop lines that are page furniture: headline repeats, credits, stamps, bylines, banners."""
    title_n = norm_line(title or "")
    author_n = [norm_line(a) for a in authors]
    out: list[str] = []
    lines = [ln.strip() for ln in (text or "").split("\n")]
    lines = [ln for ln in lines if ln]
    for idx, line in enumerate(lines):
        n = norm_line(line)
        if not n:
            continue
        if furniture and n in furniture:
            continue
        if title_n and n == title_n and idx < 5:
            continue
        if len(line) < 160 and (_CREDIT.search(line) or _JUNK_LINE.search(line)):
            continue
        if idx < 6 and len(line) < 60 and _STAMP.match(line):
            continue
        if idx < 6 and _BYLINE.match(line) and (not author_n or any(a and a in n for a in author_n)):
            continue
        out.append(line)
    return "\n\n".join(out)
