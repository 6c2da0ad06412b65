"""OPML feed lists (what feed readers import and export): read them, write them. Pure.

Reading keeps every ``<outline xmlUrl=...>`` with its title and its category: the path of the
outlines it is nested in ("World/Europe"), else its own ``category`` attribute. Malformed OPML
fails with :class:`OpmlError` naming the line and the reason. The XML parser resolves no
entities and fetches nothing (no DTDs, no network).
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

CATEGORY_SEP = "/"


class OpmlError(ValueError):
    """OPML that cannot be read; the message names the source, the line and the reason."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None = None
    category: str | None = None  # "World/Europe"
    html_url: str | None = None  # the site's home page, when the OPML gives it


@dataclass(frozen=True)
class OpmlDocument:
    title: str | None
    feeds: tuple[OpmlFeed, ...]
    warnings: tuple[str, ...] = ()  # outlines skipped, and why


def _attr(el, name: str) -> str | None:
    """An attribute by case-insensitive name (exporters write xmlUrl, xmlurl, XMLURL ...), stripped."""
    for k, v in el.attrib.items():
        if isinstance(k, str) and k.lower() == name.lower():
            v = " ".join(v.split())
            return v or None
    return None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _category_attr(value: str | None) -> str | None:
    """The first of an outline's comma-separated ``category`` paths, as "A/B"."""
    if not value:
        return None
    first = value.split(",")[0]
    parts = [p.strip() for p in first.split(CATEGORY_SEP) if p.strip()]
    return CATEGORY_SEP.join(parts) or None


def parse_opml(data: bytes | str, source: str = "<opml>") -> OpmlDocument:
    """Read an OPML file's feeds. Raises :class:`OpmlError` (with ``.line``) when it is unusable."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else None)
        reason = (exc.msg or str(exc)).strip()
        reason = reason.split(", line ")[0] if ", line " in reason else reason
        raise OpmlError(f"{source}:{line}: not well-formed OPML: {reason}", line) from None
    if root is None:
        raise OpmlError(f"{source}:1: not OPML: empty document", 1)
    if _local(root.tag) != "opml":
        raise OpmlError(f"{source}:{root.sourceline}: not OPML: the root element is <{_local(root.tag)}>, "
                        f"expected <opml>", root.sourceline)
    body = next((c for c in root if _local(c.tag) == "body"), None)
    if body is None:
        raise OpmlError(f"{source}:{root.sourceline}: not OPML: no <body> element", root.sourceline)
    head = next((c for c in root if _local(c.tag) == "head"), None)
    title = None
    if head is not None:
        t = next((c for c in head if _local(c.tag) == "title"), None)
        title = " ".join((t.text or "").split()) or None if t is not None else None

    feeds: list[OpmlFeed] = []
    warnings: list[str] = []
    seen: set[str] = set()

    def walk(el, path: tuple[str, ...]) -> None:
        for child in el:
            if _local(child.tag) != "outline":
                continue
            url = _attr(child, "xmlUrl")
            label = _attr(child, "title") or _attr(child, "text")
            if url is None:
                walk(child, path + ((label.replace(CATEGORY_SEP, "-"),) if label else ()))
                continue
            if not url.lower().startswith(("http://", "https://")):
                warnings.append(f"{source}:{child.sourceline}: skipped outline: xmlUrl {url!r} is not an http(s) URL")
                continue
            if url in seen:
                warnings.append(f"{source}:{child.sourceline}: skipped outline: {url} is listed twice")
                continue
            seen.add(url)
            text = _attr(child, "title") or _attr(child, "text")
            feeds.append(OpmlFeed(
                url=url, title=None if text == url else text,
                category=CATEGORY_SEP.join(path) if path else _category_attr(_attr(child, "category")),
                html_url=_attr(child, "htmlUrl"),
            ))

    walk(body, ())
    return OpmlDocument(title=title, feeds=tuple(feeds), warnings=tuple(warnings))


def _xml_text(value: str) -> str:
    """``value`` without the control characters XML 1.0 cannot carry."""
    return "".join(ch for ch in value if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"
                                                            and not 0xD800 <= ord(ch) <= 0xDFFF))


def render_opml(feeds, title: str | None = None) -> bytes:
    """OPML 2.0 for ``feeds`` (objects with ``url``, ``title``, ``category``), categories as nested
    outlines in first-seen order. Deterministic: the same feeds give the same bytes."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_text(title or "stancewire feeds")
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}

    def folder(path: tuple[str, ...]):
        if path not in folders:
            parent = folder(path[:-1])
            label = _xml_text(path[-1])
            folders[path] = etree.SubElement(parent, "outline", text=label, title=label)
        return folders[path]

    for f in feeds:
        cat = getattr(f, "category", None)
        path = tuple(p.strip() for p in cat.split(CATEGORY_SEP) if p.strip()) if cat else ()
        attrs = {"type": "rss", "text": _xml_text(f.title or f.url)}
        if f.title:
            attrs["title"] = _xml_text(f.title)
        attrs["xmlUrl"] = _xml_text(f.url)
        if getattr(f, "html_url", None):
            attrs["htmlUrl"] = _xml_text(f.html_url)
        etree.SubElement(folder(path), "outline", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
