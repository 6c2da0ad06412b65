"""Article cleaning: main text and metadata from a page's HTML.

Pipeline: parse once with lxml (BeautifulSoup's soupparser as the fallback for markup lxml
rejects) -> metadata in order of trust (JSON-LD, OpenGraph/meta, <time>, bylines, URL;
extractors.metadata) -> main text from trafilatura (given the same tree), then line-level vetoes from a page-furniture
map (share bars, related lists, captions, cookie banners, newsletter/subscribe/donate boxes;
extractors.html.furniture_text) and line rules (headline repeats, photo credits, date-stamp-only
and "Updated ..." lines, byline lines, staff credit lines such as "Reporting by ...; Editing by ...",
"Our Standards" trust links, sign-up and subscriber-only prompts) -> fallbacks when the
text is missing or thin: JSON-LD articleBody, then readability-lxml -> language from py3langid
(model shipped inside the package), else <html lang>.
"""
from __future__ import annotations

import copy
import json
import logging
import re
import warnings
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from . import fastxpath
from .article_types import VERSION, Article  # noqa: F401  (part of this module's contract)
from .dates import parse_date
from .encoding import decode_html  # noqa: F401  (part of this module's contract)
from .html import furniture_text, norm_line, parse, postfilter
from .metadata import extract_metadata
from .urls import canonicalize_url, is_http_url

MIN_TEXT_CHARS = 200  # below this the main-text extractor is considered to have failed
WITH_METADATA = False
MIN_KEEP_CHARS = 40  # shorter 'main text' is a menu or a fragment, not an article
# trafilatura runs on our parsed tree (one parse per page; it copies the tree), first in its fast
# mode (no readability/justext comparison, comments pruned) with the page chrome it deletes anyway
# (TRAFILATURA_STRIP) already gone. The full cascade reruns on the whole page only when the fast text
# covers less than FULL_RERUN_SHARE of the page's <p> text, or is a dump of menus. On fundus-pages
# only pages below 0.2 gained from the rerun (0.2-0.6 cost ~30 ms each and one lost 0.5 F1).
# (keyword arguments of trafilatura.settings.Extractor)
TRAFILATURA_OPTIONS: dict = {"fast": True, "comments": False}
TRAFILATURA_FULL_OPTIONS: dict = {"comments": False}
FULL_RERUN_SHARE = 0.2
# Inline SVG, styles, noscript and template fragments are element-heavy and never article text:
# they go right after parsing, so that no pass walks them (fundus pages: 49.8 -> 52.3 pages/s when
# trafilatura stopped walking them, F1 unchanged at 4 decimals but one: 0.9506 -> 0.9505). Scripts
# stay: fewer elements than text, no gain, and JSON-LD lives in them. Page chrome (nav, aside,
# footer) trafilatura deletes anyway: it goes just before trafilatura, after the furniture,
# metadata and paragraph passes have read it.
INERT_TAGS = ("style", "noscript", "svg", "template")
TRAFILATURA_STRIP = ("nav", "aside", "footer")
CHROME_MAX_CHARS = 2000  # a chrome element with more text than this is not used as a veto (as for furniture)
MENU_DUMP_LINES = 30  # a fast text of at least this many lines ...
PROSE_LINE_CHARS = 80  # ... with less than MENU_DUMP_PROSE_SHARE of it in lines this long is menus
MENU_DUMP_PROSE_SHARE = 0.3

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


_EXTRACTORS: dict[bool, object] = {}  # trafilatura's options object for each mode (full?), see _load_models


def _extractor(full: bool, url: str | None):
    """trafilatura's options object for one page: a copy of the one built at import (building one
    reads trafilatura's config file section value by value, ~0.3 ms a page)."""
    options = copy.copy(_EXTRACTORS[full])
    options.url = options.source = url
    return options


def _trafilatura(page, url: str | None, full: bool = False):
    """trafilatura on our parsed tree (it works on a copy, leaving the tree as it was) or on HTML."""
    try:
        import trafilatura

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return trafilatura.bare_extraction(page, options=_extractor(full, url))
    except Exception:  # noqa: BLE001 - third-party extractor on untrusted input
        return None


def _htmldate(html: str) -> datetime | None:
    """Last-resort publication date from htmldate's heuristics (date in text, URL, markup)."""
    try:
        from htmldate import find_date

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = find_date(html, original_date=True, extensive_search=False)
        return parse_date(found) if found else None
    except Exception:  # noqa: BLE001
        return None


def _readability(html: str) -> str:
    try:
        import lxml.html
        from readability import Document

        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
        paras = []
        for el in root.iter("p", "h2", "h3", "h4", "li", "blockquote", "pre"):
            if any(a.tag in ("p", "li", "blockquote") for a in el.iterancestors()):
                continue
            t = " ".join(el.text_content().split())
            if t:
                paras.append(t)
        return "\n".join(paras)
    except Exception:  # noqa: BLE001
        return ""


_LAYOUT_CELLS = etree.XPath("//td[p or h1 or h2 or div/p]")


def _unwrap_layout_tables(tree) -> bool:
    """Turn layout tables (cells holding headings/paragraphs) into divs, in place; True if any.

    trafilatura renders a table as '| cell | cell |' rows, so a 1990s-style page laid out in a
    table comes back as one line with the menu and the footer glued to the story. Runs after the
    metadata step, which reads the original tree (the furniture step looks at attributes only)."""
    cells = _LAYOUT_CELLS(tree)
    if not cells:
        return False
    tables = {t for c in cells for t in c.iterancestors("table")}
    for t in tables:
        for el in [t, *t.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            el.tag = "div"
    return True


def _menu_dump(text: str) -> bool:
    """Is the text a dump of menus (many lines, hardly any of them prose)? trafilatura's baseline
    rescue returns the page's link lists when its main extractor found nothing."""
    lines = text.count("\n") + 1
    if lines < MENU_DUMP_LINES:
        return False
    prose = sum(len(ln) for ln in text.split("\n") if len(ln) >= PROSE_LINE_CHARS)
    return prose < MENU_DUMP_PROSE_SHARE * len(text)


def _paragraph_chars(tree) -> int:
    """Characters of <p> text on the page (whitespace runs counted as one)."""
    return sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))


RECOVER_MIN_CHARS = 30  # a paragraph shorter than this (normalised) is not recovered
RECOVER_MIN_FOUND = 2  # the container class must hold at least this many paragraphs the extractor kept
RECOVER_BELOW_SHARE = 0.8  # looked for only when the text is under this share of the page's <p> text


def _family(box) -> tuple:
    """A container's tag and class, and its parent's."""
    up = box.getparent()
    return box.tag, box.get("class"), None if up is None else up.tag, None if up is None else up.get("class")


def _recover_split_body(tree, raw: str) -> str:
    """Paragraphs of a story split over sibling containers, which the main-text extractor missed.

    Some templates cut one story into several sibling containers of the same class, one per block
    between ads ("body__inner-container"); trafilatura keeps the first. A <p> in a container that
    has the same tag and class as one the extractor kept paragraphs from, inside a parent of the
    same tag and class as that one's, is part of the story: it goes in after the kept paragraph
    that precedes it in the page. Containers the extractor took from are left alone (what it
    dropped there it dropped on purpose), and so are paragraphs that are mostly link text."""
    lines = [ln for ln in raw.split("\n") if ln.strip()]
    if not lines:
        return raw
    norm = [norm_line(ln) for ln in lines]
    where = {n: i for i, n in enumerate(norm) if n}
    paras = []
    kept_in: dict = {}  # container element -> paragraphs kept from it
    for p in tree.iter("p"):
        t = p.text_content()
        n = norm_line(t)
        if not n:
            continue
        box = p.getparent()
        at = where.get(n)
        paras.append((p, t, n, box, at))
        if at is not None and box is not None and box.get("class"):
            kept_in[box] = kept_in.get(box, 0) + 1
    if not kept_in:
        return raw
    families = {_family(b) for b, k in kept_in.items() if k >= RECOVER_MIN_FOUND}
    if not families:
        return raw
    joined = "\n".join(norm)
    after: dict[int, list[str]] = {}
    last = -1
    for p, t, n, box, at in paras:
        if at is not None:
            last = at
            continue
        if last < 0 or box is None or box in kept_in or len(n) < RECOVER_MIN_CHARS or n in joined:
            continue
        if _family(box) not in families:
            continue
        if sum(len(a.text_content()) for a in p.iter("a")) > 0.3 * len(t):
            continue  # mostly link text: a teaser
        after.setdefault(last, []).append(" ".join(t.split()))
    if not after:
        return raw
    out = []
    for i, ln in enumerate(lines):
        out.append(ln)
        out += after.get(i, ())
    return "\n".join(out)


_NEXT_PUSH = re.compile(r"self\.__next_f\.push\((\[.*?\])\)\s*;?\s*</script>", re.S)
_LONG_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.){200,})"', re.S)


def _embedded_html(html: str) -> str | None:
    """The article HTML a Next.js page ships only inside its streamed payload
    (``self.__next_f.push([1, "..."])``, the HTML itself a JSON string inside that): the pieces
    holding paragraphs, decoded, in order, once each, as one document; None if there are none."""
    if "__next_f" not in html:
        return None
    pieces: dict[str, None] = {}
    for m in _NEXT_PUSH.finditer(html):
        try:
            rows = json.loads(m.group(1))
        except ValueError:
            continue
        for row in rows:
            if not isinstance(row, str) or "<p" not in row:
                continue
            for sm in _LONG_JSON_STRING.finditer(row):
                try:
                    value = json.loads(f'"{sm.group(1)}"')
                except ValueError:
                    continue
                if value.count("<p") >= 2:
                    pieces.setdefault(value)
            if not pieces and row.count("<p") >= 2 and "<" in row:  # a raw text row: "1c:T3a4,<p>..."
                pieces.setdefault(row[row.index("<"):])
    return "<html><body>" + "\n".join(pieces) + "</body></html>" if pieces else None


def _ld_text(body: str) -> str:
    body = re.sub(r"<[^>]{1,200}>", " ", body)  # some sites put markup in articleBody
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\r\n|\n", body)]
    return "\n".join(p for p in paras if p)


_langid = None  # py3langid's identifier, loaded at import (_load_models)
# characters of text given to the language identifier: it walks their bytes in Python; on
# fundus-pages 300 characters already agree with 2000 on every page
LANGID_PREFIX = 300


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and confidence from py3langid (its model ships inside the wheel)."""
    if not text or len(text) < 20:
        return None, 0.0
    try:
        lang, prob = _langid.classify(text[:LANGID_PREFIX])
        return lang, float(prob)
    except Exception:  # noqa: BLE001
        return None, 0.0


def _canonical(found: str | None, url: str | None) -> str | None:
    cand = urljoin(url, found) if (found and url) else (found or url)
    if cand and is_http_url(cand):
        return canonicalize_url(cand)
    return canonicalize_url(url) if url and is_http_url(url) else None


def extract_article(html: str, url: str | None = None) -> Article:
    """Main text and metadata of a news page. Pure; never raises on bad HTML."""
    try:
        return _extract(html, url)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never raise on a page
        return Article(reason=f"error: {type(exc).__name__}")


def _extract(html, url: str | None, embedded: bool = False) -> Article:
    if isinstance(html, (bytes, bytearray)):
        html = decode_html(bytes(html))
    if not isinstance(html, str) or not html.strip():
        return Article(reason="empty document")
    if "<" not in html:
        return Article(reason="not html")
    tree = parse(html)
    if tree is None:
        return Article(reason="unparseable html")
    etree.strip_elements(tree, *INERT_TAGS, with_tail=False)
    para_chars = _paragraph_chars(tree)
    meta = extract_metadata(tree, url)  # before the layout-table unwrapping below edits the tree
    if _unwrap_layout_tables(tree):
        import lxml.html

        html = lxml.html.tostring(tree, encoding="unicode")  # the page the rerun and fallbacks read
    # trafilatura deletes page chrome (nav, aside, footer) from its copy anyway; deleting it first
    # spares its ~20 walks of the tree half the elements. The rare full rerun reads the whole page.
    # The furniture map is built without the page chrome (its tree walk is the costly part, and
    # chrome is where most elements are); what the chrome says goes into the map whole, so a menu
    # item or teaser that trafilatura also finds in the body is vetoed as well.
    chrome = [t for t in (norm_line(el.text_content()) for el in tree.iter(*TRAFILATURA_STRIP))
              if 0 < len(t) < CHROME_MAX_CHARS]
    etree.strip_elements(tree, *TRAFILATURA_STRIP, with_tail=False)
    try:
        furniture = "\n".join([furniture_text(tree), *chrome])
    except Exception:  # noqa: BLE001
        furniture = ""
    doc = _trafilatura(tree, url)
    if TRAFILATURA_OPTIONS.get("fast"):
        fast_text = (getattr(doc, "text", None) or "") if doc else ""
        got = len(fast_text)
        if got < FULL_RERUN_SHARE * para_chars or _menu_dump(fast_text):
            full = _trafilatura(html, url, full=True)
            if full is not None and len(getattr(full, "text", None) or "") > got:
                doc = full

    raw = (getattr(doc, "text", None) or "") if doc else ""
    if len(raw) < RECOVER_BELOW_SHARE * para_chars:
        raw = _recover_split_body(tree, raw)
    text = postfilter(raw, meta.title, meta.authors, furniture)
    source = "trafilatura" if text else None
    if len(text) < MIN_TEXT_CHARS:
        ld = postfilter(_ld_text(meta.ld_body), meta.title, meta.authors, "") if meta.ld_body else ""
        if len(ld) > max(len(text), MIN_TEXT_CHARS // 2):
            text, source = ld, "jsonld"
    if len(text) < MIN_TEXT_CHARS:
        rd = postfilter(_readability(html), meta.title, meta.authors, furniture)
        if len(rd) > max(len(text) * 1.5, MIN_TEXT_CHARS):
            text, source = rd, "readability"
    if len(text) < MIN_TEXT_CHARS and not embedded:
        inner = _embedded_html(html)  # a client-rendered Next.js page: the text is in its payload
        if inner is not None:
            got = postfilter(_extract(inner, url, embedded=True).text, meta.title, meta.authors, furniture)
            if len(got) > max(len(text), MIN_TEXT_CHARS):
                text, source = got, "nextjs-payload"

    published = meta.published
    if published is None and doc is not None and getattr(doc, "date", None):
        published = parse_date(doc.date)
    if published is None:
        published = _htmldate(html)

    language = meta.language
    sample = text or meta.description or meta.title or ""
    lang, prob = detect_language(sample)
    if lang and (len(sample) >= 200 or prob >= 0.9 or not language):
        language = lang

    reason = None
    if text and len(text) < MIN_KEEP_CHARS:
        text, source, reason = "", None, f"main text shorter than {MIN_KEEP_CHARS} characters"
    if not text and reason is None:
        page = parse(html)  # the whole page again: the tree has lost its page chrome
        reason = "no main text found" if page is not None and norm_line(page.text_content()) else "page has no text"
    return Article(
        text=text,
        title=meta.title or (getattr(doc, "title", None) if doc else None),
        authors=meta.authors,
        published=published,
        modified=meta.modified,
        language=language,
        canonical_url=_canonical(meta.canonical_url, url),
        description=meta.description,
        site_name=meta.site_name,
        reason=reason,
        text_source=source,
    )


def _load_models() -> None:
    """Load what cleaning uses, once, at import: trafilatura with fastxpath's translations of its
    XPaths and its options object for each mode, justext's stoplists (trafilatura's full mode),
    the fallbacks (readability-lxml, htmldate) and py3langid's model. ~0.6 s, most of it the
    language model's LZMA decompression, paid by whoever imports this module rather than by its
    first page. The extraction workers' fork server imports it once a run; the ingest flow's own
    process needs only the Article record and imports extractors.article_types instead."""
    global _langid
    import htmldate  # noqa: F401
    import readability  # noqa: F401
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    from trafilatura import external
    from trafilatura.settings import Extractor

    fastxpath.install()
    for full, opts in ((False, TRAFILATURA_OPTIONS), (True, TRAFILATURA_FULL_OPTIONS)):
        _EXTRACTORS[full] = Extractor(output_format="python", with_metadata=WITH_METADATA, **opts)
    if external.JT_STOPLIST is None:
        external.jt_stoplist_init()
    # the loader's name differs between py3langid releases
    load = getattr(LanguageIdentifier, "from_pickled_model", None) or LanguageIdentifier.from_model_file
    _langid = load(MODEL_FILE, norm_probs=True)


_load_models()
