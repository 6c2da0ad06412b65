"""Page metadata (title, authors, dates, language, canonical URL, site name) from an lxml tree.

Order of trust: JSON-LD, then OpenGraph/meta tags, then <time> elements, then bylines, then
the URL. Every function is pure and never raises on odd markup.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Iterator

from lxml import etree

from .dates import date_from_url, parse_date

_ART_TYPES = re.compile(r"article|posting|report|story|liveblog|newsarticle|analysis|opinion|review", re.I)
_WS = re.compile(r"\s+")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(s) -> str:
    if s is None:
        return ""
    if not isinstance(s, str):
        s = str(s)
    s = htmllib.unescape(htmllib.unescape(s)) if "&" in s else s
    return _WS.sub(" ", s.replace("\u200b", "").replace("\xad", "")).strip()


@dataclass
class Meta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    site_name: str | None = None
    ld_body: str | None = None
    publisher: str | None = None
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- JSON-LD

def _walk(obj, depth=0):
    if depth > 12:
        return
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v, depth + 1)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, depth + 1)


def _load_json(text: str):
    text = (text or "").strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = _CTRL.sub(" ", text.strip().rstrip(";"))
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:  # several objects pasted together, or trailing junk
        dec = json.JSONDecoder(strict=False)
        out, i = [], 0
        while i < len(text):
            while i < len(text) and text[i] in " \t\r\n,;":
                i += 1
            if i >= len(text):
                break
            obj, i = dec.raw_decode(text, i)
            out.append(obj)
        return out
    except ValueError:
        return None


def _types(d: dict) -> str:
    t = d.get("@type") or ""
    return " ".join(map(str, t)) if isinstance(t, list) else str(t)


def jsonld_objects(tree) -> list[dict]:
    objs = []
    for s in tree.iter("script"):
        if "ld+json" not in (s.get("type") or "").lower():
            continue
        data = _load_json(s.text or "")
        if data is None:
            continue
        objs.extend(d for d in _walk(data) if isinstance(d, dict))
    return objs


def _article_ld(objs: list[dict]) -> dict | None:
    best, score = None, -1
    for d in objs:
        t = _types(d)
        if not _ART_TYPES.search(t):
            continue
        s = ("headline" in d) * 2 + ("datePublished" in d) + ("author" in d) + bool(d.get("articleBody")) \
            + ("NewsArticle" in t)
        if s > score:
            best, score = d, s
    return best


def _names(value, depth=0) -> list[tuple[str, str]]:
    """(name, kind) pairs from a JSON-LD author value; kind is 'person', 'org' or ''."""
    if depth > 4 or value is None:
        return []
    if isinstance(value, str):
        return [(value, "")]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, depth + 1)]
    if isinstance(value, dict):
        t = _types(value).lower()
        kind = "org" if ("organization" in t or "organisation" in t or "corporation" in t) else (
            "person" if "person" in t else "")
        name = value.get("name")
        if isinstance(name, list):
            name = " ".join(map(str, name))
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName', '')} {value.get('familyName', '')}"
        return [(str(name), kind)] if name else []
    return []


# ---------------------------------------------------------------- authors

_BOGUS = {
    "staff", "staff writer", "staff reporter", "editor", "editors", "the editors", "editorial", "editorial staff",
    "editorial board", "editorial team", "news desk", "newsdesk", "web desk", "digital desk", "desk", "admin",
    "administrator", "redaktion", "red", "online-redaktion", "onlineredaktion", "nachrichtenredaktion", "redaction",
    "rédaction", "redacción", "redazione", "redactie", "guest", "guest author", "contributor", "contributors",
    "reporter", "senior reporter", "correspondent", "news", "team", "unknown", "anonymous", "none", "null",
    "author", "authors", "agency", "agencies", "wire", "wires", "wire services", "press release",
    "dpa", "afp", "ap", "reuters", "sid", "sda", "kna", "epd", "apa", "efe", "ansa", "dts", "kyodo", "xinhua",
    "tass", "pa", "pa media", "bloomberg", "associated press", "the associated press", "agence france-presse",
    "agence france presse", "europa press", "upi", "aa", "ian", "ians", "pti", "ani", "tt", "ntb", "anp", "belga",
    "keystone-sda", "press association", "agenturen", "agentur", "nachrichtenagentur", "quelle", "folgen",
    "twitter", "facebook", "instagram", "linkedin", "whatsapp", "email", "e mail", "share", "teilen", "follow",
    "twitter facebook", "more", "mehr",
}
_ROLE_WORDS = re.compile(
    r"\b(reporter|correspondent|editor|writer|columnist|journalist|contributor|staff|producer|analyst|"
    r"redakteur(in)?|korrespondent(in)?|autor(in)?|autoren|autorinnen|authors?|unsere|our|all|chefredakteur(in)?|redaktion|photographer|fotograf|"
    r"political|senior|chief|deputy|managing|head of|news|desk|bureau|agency|newsroom|team|media|press|"
    r"nachrichten|zeitung|online|digital|magazine|times|post|daily|tribune|herald|gazette)\b", re.I)
_BY = re.compile(
    r"^\s*(?:written\s+by|reported\s+by|by|von|vom|par|door|por|di|da|de|av|af|від|автор|от|przez|yazan)\b[:\s]+",
    re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\ben\b|\boch\b|\bi\b|\bve\b|\bu\b)\s*",
                    re.I)
_EMAIL = re.compile(r"\S+@\S+")
_DOMAINISH = re.compile(r"\w\.(com|de|at|ch|uk|org|net|fr|es|it|be|nl|no|is|jp|kr|tr|in|cn|ru|ua|pl)\b", re.I)


def _norm_key(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.casefold()).strip()


def clean_author(raw: str, outlet_names: set[str] = frozenset()) -> list[str]:
    """Split a byline into person names and drop non-persons (roles, outlets, agencies)."""
    s = clean(raw)
    if not s or "http" in s.lower() or len(s) > 200:
        return []
    s = _EMAIL.sub(" ", s)
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", s)
    s = _BY.sub("", s)
    s = re.sub(r"\s*(기자|특파원|記者|特派員)(\s|$)", " ", s)
    s = re.sub(r"\s*[-–—|:]\s*(?=[A-ZÄÖÜ]?[a-zäöü\s]*(reporter|correspondent|editor|writer|redakteur|autor))",
               ",", s, flags=re.I)
    out = []
    for part in _SPLIT.split(s):
        part = _BY.sub("", part.strip(" .,-–—:·•*'\"“”"))
        part = re.sub(r"^(dr|prof|mr|mrs|ms)\.?\s+", lambda m: m.group(0), part, flags=re.I)
        if not part:
            continue
        key = _norm_key(part)
        words = part.split()
        if key in _BOGUS or key in outlet_names or any(key == o or (o and key.startswith(o + " ")) for o in outlet_names):
            continue
        if len(words) > 5 or re.search(r"\d", part) or _DOMAINISH.search(part):
            continue
        if _ROLE_WORDS.search(part) and len(words) <= 3 and not _looks_like_name(words):
            continue
        if _ROLE_WORDS.search(part) and len(words) > 3:
            continue
        latin = re.search(r"[A-Za-zÀ-ÿ]", part)
        if latin and not any(w[:1].isupper() for w in words):
            continue  # "kesm", "red": lower-case handles and initials
        if latin and len(words) == 1 and len(part) <= 3:
            continue
        out.append(part)
    return out


def _looks_like_name(words: list[str]) -> bool:
    return all(w[:1].isupper() for w in words) and not any(_ROLE_WORDS.fullmatch(w) for w in words)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen, out = set(), []
    for n in names:
        k = _norm_key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return tuple(out)


# ---------------------------------------------------------------- helpers

_META_KEY_ATTRS = ("property", "name", "itemprop", "http-equiv")


def meta_rows(tree) -> list[tuple[tuple[str, ...], str | None]]:
    """Every <meta> once, in document order: its (property, name, itemprop, http-equiv) keys,
    stripped and lower-cased ("" when absent), and its value (content, else datetime/value).
    Built once per page and handed to _meta, which is asked a dozen questions about it."""
    rows = []
    for m in tree.iter("meta"):
        get = m.get
        v = get("content")
        if v is None:
            v = get("datetime") or get("value")
        rows.append((tuple((get(a) or "").strip().lower() for a in _META_KEY_ATTRS), v))
    return rows


def _meta(rows, *keys: str) -> list[str]:
    """Content of <meta> tags whose name/property/itemprop equals one of keys (case-insensitive).

    rows: meta_rows(tree), or the tree itself."""
    if not isinstance(rows, list):
        rows = meta_rows(rows)
    want = {k.lower() for k in keys}
    found: dict[str, list[str]] = {}
    for attr_keys, v in rows:
        for k in attr_keys:
            if k in want:
                if v and v.strip():
                    found.setdefault(k, []).append(v.strip())
                break
    return [v for k in keys for v in found.get(k.lower(), [])]


def _first_date(values, now=None) -> datetime | None:
    for v in values:
        d = parse_date(v, now)
        if d:
            return d
    return None


_TITLE_SEP = re.compile(r"\s+[|–—·•:-]\s+|\s+[|]\s*|\s*[|]\s+")


def _strip_site(title: str, site_names: list[str]) -> str:
    for name in site_names:
        if not name:
            continue
        for sep in (" | ", " - ", " – ", " — ", " · ", " :: ", ": ", "-", "|", " ", "ㅣ"):
            for cand in (sep + name, name + sep):
                if title.lower().endswith(cand.lower()) and len(title) > len(cand) + 5 and cand.startswith(sep):
                    return title[: -len(cand)].strip()
                if title.lower().startswith(cand.lower()) and len(title) > len(cand) + 5 and cand.endswith(sep):
                    return title[len(cand):].strip()
    return title


def _title(tree, ld: dict | None, site_names: list[str], metas=None) -> str | None:
    cands: list[tuple[str, str]] = []
    if ld:
        for k in ("headline", "name", "alternativeHeadline"):
            v = ld.get(k)
            if isinstance(v, str) and clean(v):
                cands.append(("ld", clean(v)))
                break
    metas = tree if metas is None else metas
    for v in _meta(metas, "og:title")[:1]:
        cands.append(("og", _strip_site(clean(v), site_names)))
    for v in _meta(metas, "twitter:title")[:1]:
        cands.append(("tw", _strip_site(clean(v), site_names)))
    h1s = [clean(h.text_content()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if 5 <= len(h) <= 300]
    if h1s:
        cands.append(("h1", h1s[0]))
    t = tree.find(".//title")
    if t is not None and clean(t.text_content()):
        cands.append(("title", _strip_site(clean(t.text_content()), site_names)))
    if not cands:
        return None
    keys = [c[1].casefold() for c in cands]
    # Agreement vote: the title most sources agree on; ties go to the most trusted source.
    weight = {"ld": 1.3, "og": 1.2, "h1": 1.25, "tw": 1.0, "title": 0.8}
    best, best_score = None, -1.0
    def supports(k: str, other: str) -> bool:
        # "Title | Site" and "Title - Section" support "Title"
        return other == k or (len(other) > len(k) + 2 and other.startswith(k)
                              and other[len(k):].lstrip()[:1] in "|-–—:·•｜ㅣ")
    for i, (src, val) in enumerate(cands):
        score = sum(weight[cands[j][0]] for j, k in enumerate(keys) if supports(keys[i], k))
        if src == "title" and score < 1.0:
            score -= 0.5  # a lone <title> is often a SEO variant
        if score > best_score:
            best, best_score = val, score
    return best or None


def _html_lang(tree, metas=None) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for v in [root.get("lang"), root.get("xml:lang")] + _meta(tree if metas is None else metas, "og:locale", "content-language", "language",
                                                                 "dc.language"):
        if v:
            code = re.split(r"[-_]", v.strip().lower())[0]
            if re.fullmatch(r"[a-z]{2}", code):
                return code
    return None


def _strict(names: list[str]) -> list[str]:
    """Names from low-trust places (links, byline-ish classes) must look like full names."""
    out = []
    for n in names:
        if re.search(r"[A-Za-zÀ-ÿ]", n):
            if 2 <= len(n.split()) <= 4:
                out.append(n)
        elif 2 <= len(n.replace(" ", "")) <= 4 and "の" not in n:
            out.append(n)
    return out


# XPath expressions compiled once
_XP_AUTHOR_MARKUP = etree.XPath('//a[@rel="author"] | //*[@itemprop="author"]//*[@itemprop="name"]')
# Found by walking the tree in Python rather than by XPath: `//*[contains(translate(@class, …))]`
# evaluates string functions on every element of a 300 KB page (2.4 ms), the walk 0.9 ms, and the
# walks stop at the first matches they need. Same elements, same (document) order.
_AUTHOR_HREFS = ("/autor", "/author", "/journalist", "/profile/", "/redakteur")
_LOWER_BYLINE = str.maketrans("BYLINEAUTHOR", "bylineauthor")
_LOWER_CANONICAL = str.maketrans("CANONIL", "canonil")


def _author_links(tree) -> Iterator:
    for a in tree.iter("a"):
        href = a.get("href")
        if href and any(k in href for k in _AUTHOR_HREFS):
            yield a


def _byline_elements(tree) -> Iterator:
    """Elements whose class says byline or author, or whose itemprop says author."""
    for el in tree.iter(etree.Element):
        cls = el.get("class")
        if cls is not None:
            cls = cls.translate(_LOWER_BYLINE)
            if "byline" in cls or "author" in cls:
                yield el
                continue
        prop = el.get("itemprop")
        if prop is not None and "author" in prop:
            yield el


def _times(tree) -> Iterator:
    return (t for t in tree.iter("time") if t.get("datetime") is not None)


def _canonical_href(tree) -> str | None:
    for link in tree.iter("link"):
        rel, href = link.get("rel"), link.get("href")
        if rel is not None and href is not None and rel.translate(_LOWER_CANONICAL) == "canonical":
            return href
    return None


def _byline_authors(tree, outlets: set[str]) -> list[str]:
    return _strict(_byline_authors_loose(tree, outlets))


def _byline_authors_loose(tree, outlets: set[str]) -> list[str]:
    names: list[str] = []
    for a in _XP_AUTHOR_MARKUP(tree):
        names += clean_author(a.text_content() or a.get("content") or "", outlets)
    if names:
        return names
    for a in islice(_author_links(tree), 6):
        txt = clean(a.text_content())
        if 3 < len(txt) < 60:
            names += clean_author(txt, outlets)
    if names:
        return names
    for el in islice(_byline_elements(tree), 12):
        if el.tag in ("meta", "link", "script", "style", "img", "body", "html", "article", "main"):
            continue
        txt = clean(el.text_content())
        if 0 < len(txt) < 100:
            names += clean_author(txt, outlets)
        if names:
            break
    return names


def extract_metadata(tree, url: str | None = None, now: datetime | None = None,
                     fallback_authors: str | None = None) -> Meta:
    m = Meta()
    metas = meta_rows(tree)
    try:
        objs = jsonld_objects(tree)
    except Exception:  # noqa: BLE001
        objs = []
    ld = _article_ld(objs)
    # site / publisher names (used to reject outlet names as authors and strip title suffixes)
    site = [clean(v) for v in _meta(metas, "og:site_name", "application-name", "twitter:site")]
    pub = None
    if ld and isinstance(ld.get("publisher"), (dict, list)):
        pn = _names(ld["publisher"])
        pub = clean(pn[0][0]) if pn else None
    if pub is None:
        for d in objs:
            if re.search(r"organization|newsmediaorganization", _types(d), re.I) and isinstance(d.get("name"), str):
                pub = clean(d["name"])
                break
    m.site_name = next((s for s in site if s and not s.startswith("@")), None) or pub
    m.publisher = pub
    site_names = [s.lstrip("@") for s in site if s] + ([pub] if pub else [])
    outlets = {_norm_key(s) for s in site_names if s}
    if url:
        host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
        outlets |= {_norm_key(host), _norm_key(host.rsplit(".", 1)[0])}
    outlets.discard("")

    m.title = _title(tree, ld, site_names, metas)

    # authors
    names: list[str] = []
    if ld and ld.get("author") is not None:
        for n, kind in _names(ld["author"]):
            if kind != "org":
                names += clean_author(n, outlets)
    if not names:
        for v in _meta(metas, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                       "dcterms.creator", "byl", "cxenseparse:author", "twitter:misc:written by",
                       "twitter:data1"):
            names += clean_author(v, outlets)
            if names:
                break
    if not names:
        names = _byline_authors(tree, outlets)
    if not names and fallback_authors:
        names = [n for n in clean_author(fallback_authors, outlets) if len(n.split()) >= 2]
    m.authors = _dedupe(names)

    # dates
    pub_vals, mod_vals = [], []
    if ld:
        pub_vals += [ld.get("datePublished"), ld.get("dateCreated")]
        mod_vals.append(ld.get("dateModified"))
    pub_vals += _meta(metas, "article:published_time", "og:article:published_time", "og:published_time",
                      "datePublished", "published_time", "pubdate", "publishdate", "publish-date", "publish_date",
                      "date.published", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "dcterms.date",
                      "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
                      "date", "last-modified")
    m.published = _first_date([v for v in pub_vals if v], now)
    if m.published is None:
        for t in islice(_times(tree), 5):
            m.published = parse_date(t.get("datetime"), now)
            if m.published:
                break
    if m.published is None:
        m.published = date_from_url(url, now)
    mod_vals += _meta(metas, "article:modified_time", "og:updated_time", "dateModified", "dcterms.modified")
    m.modified = _first_date([v for v in mod_vals if v], now)

    # the rest
    canon = _canonical_href(tree)
    m.canonical_url = (canon.strip() if canon is not None else None) or next(iter(_meta(metas, "og:url")), None) or url
    desc = (ld.get("description") if ld and isinstance(ld.get("description"), str) else None) \
        or next(iter(_meta(metas, "og:description", "description", "twitter:description")), None)
    m.description = clean(desc) or None
    m.language = _html_lang(tree, metas)
    if ld:
        il = ld.get("inLanguage")
        if isinstance(il, str) and re.fullmatch(r"[a-z]{2}", re.split(r"[-_]", il.strip().lower())[0] or ""):
            m.extra["ld_language"] = re.split(r"[-_]", il.strip().lower())[0]
        body = ld.get("articleBody")
        if isinstance(body, str) and body.strip():
            m.ld_body = body
    return m
