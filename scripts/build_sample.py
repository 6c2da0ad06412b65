#!/usr/bin/env python3
"""Render the bundled synthetic sample corpus (stdlib only, deterministic).

    python scripts/build_sample.py             # -> sample/site/ + sample/manifest.json
    python scripts/build_sample.py --fixtures  # -> tests/fixtures/site/ + tests/fixtures/site/manifest.json
    python scripts/build_sample.py --check     # rebuild both into a temp dir and diff against the repo

The article content lives in sample/src/*.py (data only). Every outlet and person is fictional.
Absolute URLs use the literal placeholder ``{{BASE}}``; the loopback server replaces it with
``http://127.0.0.1:PORT`` when serving. Output is byte-for-byte reproducible: no clock, no randomness.
"""
from __future__ import annotations

import argparse
import filecmp
import html
import json
import re
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "sample" / "src"
BASE = "{{BASE}}"
TOPIC = "ukraine-security"

sys.path.insert(0, str(SRC))
import articles_2023  # noqa: E402
import articles_2024  # noqa: E402
import fixtures  # noqa: E402
import outlets  # noqa: E402
import speakers  # noqa: E402

sys.path.pop(0)

SPEAKERS = speakers.SPEAKERS
OUTLETS = outlets.OUTLETS
TARGETS = {"M": "nato_membership", "G": "security_guarantees"}
STANCES = {"+": "pro", "-": "con", "0": "neutral"}
KINDS = {"d": "direct", "s": "direct", "p": "partial", "i": "indirect"}

# {speaker/kind/stance[/mention]: text}
MARK = re.compile(r"\{([a-z_0-9]+)/([dspi])/([MG+\-0hc]*)(?:/([^:{}]*))?: ([^{}]*)\}")
STANCE_TOKEN = re.compile(r"([MG])([+\-0])([hc]*)")


# ---------------------------------------------------------------------------------------- text
def smarten(s: str) -> str:
    """Typeset straight quotes as curly ones. One character in, one character out."""
    out: list[str] = []
    for ch in s:
        prev = out[-1] if out else ""
        opener = prev == "" or prev.isspace() or prev in "([{—–-/‘“"
        if ch == '"':
            out.append("“" if opener else "”")
        elif ch == "'":
            out.append("‘" if opener else "’")
        else:
            out.append(ch)
    return "".join(out)


def single_quote_headline(s: str) -> str:
    """Continental Post style: quotes inside headlines are single curly quotes."""
    return smarten(s).replace("“", "‘").replace("”", "’")


def typeset_body(s: str, outlet: str) -> str:
    return s if OUTLETS[outlet]["typography"] == "straight" else smarten(s)


def typeset_title(s: str, outlet: str) -> str:
    style = OUTLETS[outlet]["typography"]
    if style == "straight":
        return s
    if style == "curly-single-headlines":
        return single_quote_headline(s)
    return smarten(s)


def parse_stance(code: str) -> list[dict]:
    out, pos = [], 0
    while pos < len(code):
        m = STANCE_TOKEN.match(code, pos)
        if not m:
            raise ValueError(f"bad stance code {code!r}")
        out.append(dict(target=TARGETS[m.group(1)], stance=STANCES[m.group(2)],
                        hedged="h" in m.group(3), conditional="c" in m.group(3)))
        pos = m.end()
    return out


def parse_paragraph(raw: str) -> tuple[str, list[dict]]:
    """Strip quote markup; return plain (straight-quoted) text and the quote spans in it."""
    plain, spans, last = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[last:m.start()]
        plain.append(chunk)
        length += len(chunk)
        sid, kind, stance, mention, text = m.groups()
        if sid not in SPEAKERS:
            raise KeyError(f"unknown speaker {sid!r}")
        spans.append(dict(speaker_id=sid, code=kind, stance=stance, mention=mention,
                          start=length, end=length + len(text)))
        plain.append(text)
        length += len(text)
        last = m.end()
    plain.append(raw[last:])
    text = "".join(plain)
    if "{" in text or "}" in text:
        raise ValueError(f"unparsed markup in: {raw[:80]}")
    return text, spans


QUOTED = re.compile(r'"([^"]+)"')


def scare_quotes(plain: str, spans: list[dict]) -> list[tuple[int, int]]:
    """Double-quoted spans that are not (inside) an annotated quote: scare quotes, not speech."""
    out = []
    for m in QUOTED.finditer(plain):
        s, e = m.start(1), m.end(1)
        if not any(sp["start"] <= e and s <= sp["end"] for sp in spans):
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------- model
def dt(s: str) -> datetime:
    d = datetime.fromisoformat(s)
    if d.tzinfo is None:
        raise ValueError(f"timestamp without timezone: {s}")
    return d


def slugify(name: str) -> str:
    s = name.lower()
    for a, b in (("ł", "l"), ("ï", "i"), ("ü", "u"), ("é", "e"), ("á", "a"), ("ú", "u"), ("í", "i"), ("ö", "o")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def article_path(a: dict) -> str:
    d = dt(a["published"])
    section = slugify(a["section"])
    o = a["outlet"]
    if o == "northgate-herald":
        return f"northgate-herald/{d:%Y/%m/%d}/{a['slug']}.html"
    if o == "meridian-wire":
        return f"meridian-wire/{section}/{a['slug']}-{d:%Y-%m-%d}.html"
    if o == "dnipro-courier":
        return f"dnipro-courier/{section}/{a['dcid']}-{a['slug']}.html"
    if o == "continental-post":
        return f"continental-post/{section}/{d:%Y/%m}/{a['slug']}.html"
    raise KeyError(o)


def prepare(raw_articles: list[dict]) -> list[dict]:
    """Resolve syndication, strip markup, typeset, compute paths and quote records."""
    by_id = {a["id"]: a for a in raw_articles}
    if len(by_id) != len(raw_articles):
        raise ValueError("duplicate article ids")
    prepared: dict[str, dict] = {}
    errors: list[str] = []

    def build(a: dict) -> dict:
        if a["id"] in prepared:
            return prepared[a["id"]]
        art = dict(a)
        art.setdefault("on_topic", True)
        art.setdefault("editor", None)
        if a.get("syndicate_of"):
            src = build(by_id[a["syndicate_of"]])
            # Verbatim republication: same title, summary, authors and body text (as typeset by the
            # original outlet); only the template, URL, date and picture credit differ.
            art.update(title=src["title"], description=src["description"], authors=src["authors"],
                       on_topic=src["on_topic"], body_paras=list(src["body_paras"]),
                       quotes=[dict(q) for q in src["quotes"]], scare=list(src["scare"]),
                       syndicated_of=src["path"], syndicated_of_id=src["id"],
                       syndicated_from_outlet=src["outlet"])
        else:
            paras, quotes, scare, offset = [], [], [], 0
            split_group = 0
            for pi, raw in enumerate(a["paras"]):
                plain, spans = parse_paragraph(raw)
                for s, e in scare_quotes(plain, spans):
                    scare.append(dict(paragraph=pi, start=offset + s, end=offset + e))
                typeset = typeset_body(plain, a["outlet"])
                for sp in spans:
                    spk = SPEAKERS[sp["speaker_id"]]
                    mention = sp["mention"]
                    if mention is not None and mention not in typeset:
                        errors.append(f"{a['id']}: mention {mention!r} not in paragraph {pi}")
                    if mention is None:
                        name = spk["name"]
                        cands = [name, name.split()[-1]] if spk["kind"] == "person" else [name, name[0].upper() + name[1:]]
                        for cand in cands + [smarten(c) for c in cands]:
                            if cand in typeset:
                                mention = cand
                                break
                        else:
                            print(f"warning: {a['id']}: no mention found for {name} in paragraph {pi}", file=sys.stderr)
                    split = sp["code"] == "s"
                    group = None
                    if split:
                        prev = quotes[-1] if quotes else None
                        if prev and prev["speaker_id"] == sp["speaker_id"] and prev["paragraph"] == pi:
                            if prev["split_group"] is None:
                                split_group += 1
                                prev["split_group"] = split_group
                            group = prev["split_group"]
                        else:
                            split_group += 1
                            group = split_group
                    q = dict(
                        speaker=spk["name"], speaker_id=sp["speaker_id"], speaker_kind=spk["kind"],
                        role=spk.get("role"), country=spk.get("country"), mention=mention,
                        kind=KINDS[sp["code"]], split_group=group,
                        text=typeset[sp["start"]:sp["end"]], paragraph=pi,
                        start=offset + sp["start"], end=offset + sp["end"],
                        targets=parse_stance(sp["stance"]),
                    )
                    quotes.append(q)
                paras.append(typeset)
                offset += len(typeset) + 2  # paragraphs are joined with "\n\n"
            art.update(title=typeset_title(a["title"], a["outlet"]), body_paras=paras, quotes=quotes,
                       description=typeset_body(a["description"], a["outlet"]),
                       scare=scare, syndicated_of=None, syndicated_of_id=None, syndicated_from_outlet=None)
            body = "\n\n".join(paras)
            for s in scare:
                s["text"] = body[s["start"]:s["end"]]
            for q in quotes:
                assert body[q["start"]:q["end"]] == q["text"], (a["id"], q["text"])
        art["caption"] = typeset_body(art["caption"], art["outlet"])
        art["path"] = article_path(art)
        prepared[a["id"]] = art
        return art

    out = [build(a) for a in raw_articles]
    if errors:
        raise ValueError("\n".join(errors))
    out.sort(key=lambda a: (dt(a["published"]).astimezone(timezone.utc), a["id"]))
    paths = [a["path"] for a in out]
    if len(set(paths)) != len(paths):
        raise ValueError("duplicate article paths")
    return out


def feed_link(a: dict, idx: int) -> str:
    """The link as it appears in the feed: most links carry tracking parameters."""
    url = f"{BASE}/{a['path']}"
    use_utm = a.get("utm", idx % 4 != 3)
    return f"{url}?{OUTLETS[a['outlet']]['feed']['utm']}" if use_utm else url


# ---------------------------------------------------------------------------------------- html helpers
def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def jsonld(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2).replace("</", "<\\/")


def people(names: list[str]) -> list[dict]:
    return [{"@type": "Person", "name": n} for n in names]


def and_join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def related_for(a: dict, pool: list[dict], n: int = 3) -> list[dict]:
    same = [b for b in pool if b["outlet"] == a["outlet"] and b["id"] != a["id"] and b["on_topic"]]
    same.sort(key=lambda b: (abs((dt(b["published"]) - dt(a["published"])).total_seconds()), b["id"]))
    return same[:n]


def head_common(a: dict, site_name: str, published_meta: bool, extra: str = "") -> str:
    url = f"{BASE}/{a['path']}"
    lines = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(a['title'])} | {esc(site_name)}</title>",
        f'<meta name="description" content="{attr(a["description"])}">',
        f'<link rel="canonical" href="{attr(url)}">',
        f'<meta property="og:title" content="{attr(a["title"])}">',
        f'<meta property="og:description" content="{attr(a["description"])}">',
        f'<meta property="og:url" content="{attr(url)}">',
        f'<meta property="og:site_name" content="{attr(site_name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:image" content="{BASE}/{a["outlet"]}/static/img/{a["id"]}.jpg">',
    ]
    if published_meta:
        lines.append(f'<meta property="article:published_time" content="{a["published"]}">')
        lines.append(f'<meta property="article:modified_time" content="{a["modified"]}">')
    lines.append(f'<meta property="article:section" content="{attr(a["section"])}">')
    if extra:
        lines.append(extra)
    return "\n".join(lines)


def news_article_ld(a: dict, site_name: str, logo: str, **extra) -> str:
    url = f"{BASE}/{a['path']}"
    obj = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["description"],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": a["published"],
        "dateModified": a["modified"],
        "author": people(a["authors"]),
        "publisher": {"@type": "Organization", "name": site_name,
                      "logo": {"@type": "ImageObject", "url": f"{BASE}/{a['outlet']}/static/{logo}"}},
        "image": [f"{BASE}/{a['outlet']}/static/img/{a['id']}.jpg"],
        "articleSection": a["section"],
        "inLanguage": "en",
    }
    obj.update(extra)
    return f'<script type="application/ld+json">\n{jsonld(obj)}\n</script>'


# ---------------------------------------------------------------------------------------- templates
def render_northgate(a: dict, pool: list[dict]) -> str:
    site = OUTLETS["northgate-herald"]["name"]
    d = dt(a["published"])
    tzname = {"+01:00": "BST", "+00:00": "GMT"}.get(a["published"][-6:], "UTC")
    shown = f"{d:%a} {d.day} {d:%b %Y} {d:%H.%M} {tzname}"
    related = related_for(a, pool)
    body = []
    for i, p in enumerate(a["body_paras"]):
        body.append(f"      <p>{esc(p)}</p>")
        if i == 2 and related:
            r = related[0]
            body.append(f'      <aside class="nh-inline-promo"><strong>Read more:</strong> '
                        f'<a href="/{r["path"]}">{esc(r["title"])}</a></aside>')
    rel = "\n".join(f'        <li class="nh-related__item"><a href="/{r["path"]}">{esc(r["title"])}</a></li>'
                    for r in related)
    byline_links = [f'<a class="nh-byline__name" rel="author" href="/northgate-herald/profile/{slugify(n)}">{esc(n)}</a>'
                    for n in a["authors"]]
    if len(byline_links) == 1:
        byline = byline_links[0]
    else:
        byline = ", ".join(byline_links[:-1]) + " and " + byline_links[-1]
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
{head_common(a, site, True, '<meta name="author" content="' + attr(and_join(a["authors"])) + '">')}
<link rel="stylesheet" href="/northgate-herald/static/herald.css">
{news_article_ld(a, site, "herald-logo.png")}
</head>
<body class="nh-page nh-page--article">
<div id="nh-cookie-consent" class="nh-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies and similar technologies to improve your experience, measure audiences and show you personalised advertising. You can change your choices at any time in Privacy settings.</p>
  <button class="nh-consent__accept">Yes, I'm happy</button> <button class="nh-consent__manage">Manage my cookies</button>
</div>
<header class="nh-masthead">
  <a class="nh-masthead__logo" href="/northgate-herald/">The Northgate Herald</a>
  <nav class="nh-nav" aria-label="Sections">
    <ul>
      <li><a href="/northgate-herald/news/">News</a></li>
      <li><a href="/northgate-herald/world/">World</a></li>
      <li><a href="/northgate-herald/local/">Northgate</a></li>
      <li><a href="/northgate-herald/opinion/">Opinion</a></li>
      <li><a href="/northgate-herald/sport/">Sport</a></li>
      <li><a href="/northgate-herald/culture/">Culture</a></li>
    </ul>
  </nav>
  <a class="nh-masthead__support" href="/northgate-herald/support/">Support the Herald</a>
</header>
<main class="nh-main">
  <article class="nh-article">
    <header class="nh-article__header">
      <a class="nh-kicker" href="/northgate-herald/{slugify(a['section'])}/">{esc(a['section'])}</a>
      <h1 class="nh-headline">{esc(a['title'])}</h1>
      <p class="nh-standfirst">{esc(a['description'])}</p>
      <div class="nh-byline">
        <p class="nh-byline__names">By {byline}</p>
        <p class="nh-byline__date"><time datetime="{a['published']}">{shown}</time></p>
      </div>
      <div class="nh-share" aria-label="Share this article">
        <span>Share</span>
        <a href="#" class="nh-share__fb">Facebook</a> <a href="#" class="nh-share__x">X</a> <a href="#" class="nh-share__email">Email</a> <a href="#" class="nh-share__copy">Copy link</a>
      </div>
    </header>
    <figure class="nh-figure">
      <img src="/northgate-herald/static/img/{a['id']}.jpg" alt="{attr(a['caption'])}" width="860" height="516">
      <figcaption class="nh-figure__caption">{esc(a['caption'])} <span class="nh-figure__credit">Photograph: {esc(a['credit'])}</span></figcaption>
    </figure>
    <div class="nh-article__body" itemprop="articleBody">
{chr(10).join(body)}
    </div>
    <footer class="nh-article__footer">
      <p class="nh-topics">Topics: <a href="/northgate-herald/world/">World news</a> &middot; <a href="/northgate-herald/world/ukraine">Ukraine</a> &middot; <a href="/northgate-herald/world/nato">Nato</a></p>
    </footer>
  </article>
  <aside class="nh-newsletter">
    <h2>Sign up to First Edition</h2>
    <p>Our morning email breaks down the key stories of the day, telling you what's happening and why it matters.</p>
    <form action="/northgate-herald/newsletters/subscribe" method="post"><input type="email" name="email" placeholder="Your email address"> <button>Sign up</button></form>
    <p class="nh-newsletter__small">Privacy notice: newsletters may contain info about charities, online ads, and content funded by outside parties.</p>
  </aside>
  <section class="nh-related" aria-labelledby="nh-related-h">
    <h2 id="nh-related-h">More on this story</h2>
    <ul>
{rel}
    </ul>
  </section>
  <section class="nh-comments-teaser">
    <h2>Comments</h2>
    <p>Comments on this piece are premoderated to ensure discussion remains on the topics raised by the article. <a href="/northgate-herald/community-standards">Community standards</a></p>
    <a class="nh-comments-teaser__btn" href="#comments">View comments</a>
  </section>
</main>
<footer class="nh-footer">
  <ul class="nh-footer__links">
    <li><a href="/northgate-herald/about/">About us</a></li>
    <li><a href="/northgate-herald/contact/">Contact us</a></li>
    <li><a href="/northgate-herald/complaints/">Complaints &amp; corrections</a></li>
    <li><a href="/northgate-herald/privacy/">Privacy policy</a></li>
    <li><a href="/northgate-herald/cookies/">Cookie policy</a></li>
    <li><a href="/northgate-herald/rss.xml">RSS</a></li>
  </ul>
  <p class="nh-footer__copy">&copy; Northgate Herald Media Ltd. All rights reserved. The Northgate Herald is a fictional publication.</p>
</footer>
</body>
</html>
"""


def render_meridian(a: dict, pool: list[dict]) -> str:
    site = OUTLETS["meridian-wire"]["name"]
    d = dt(a["published"]).astimezone(timezone.utc)
    m = dt(a["modified"]).astimezone(timezone.utc)

    def wire_time(x: datetime) -> str:
        h = x.hour % 12 or 12
        return f"{x:%B} {x.day}, {x:%Y} {h}:{x:%M} {'AM' if x.hour < 12 else 'PM'} UTC"

    related = related_for(a, pool)
    paras = "\n".join(f'        <p class="Paragraph-paragraph" data-testid="paragraph-{i}">{esc(p)}</p>'
                      for i, p in enumerate(a["body_paras"]))
    rel = "\n".join(f'          <li><a class="StoryCard-link" href="/{r["path"]}"><span class="StoryCard-title">{esc(r["title"])}</span>'
                    f'<time class="StoryCard-time" datetime="{r["published"]}">{dt(r["published"]).astimezone(timezone.utc):%B} {dt(r["published"]).day}</time></a></li>'
                    for r in related)
    reporters = and_join(a["authors"])
    credits = f"Reporting by {esc(reporters)}"
    if a.get("editor"):
        credits += f"; Editing by {esc(a['editor'])}"
    if a.get("syndicated_from_outlet"):
        credits = (f"Written by {esc(reporters)} for {esc(OUTLETS[a['syndicated_from_outlet']]['name'])}; "
                   f"distributed by Meridian Wire")
    ld = news_article_ld(a, site, "meridian-logo.svg",
                         **({"editor": {"@type": "Person", "name": a["editor"]}} if a.get("editor") else {}))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head_common(a, site, True, '<meta name="twitter:card" content="summary_large_image">')}
<link rel="stylesheet" href="/meridian-wire/static/app.css">
{ld}
</head>
<body>
<div class="ConsentBanner-root" id="onetrust-banner" aria-live="polite">
  <div class="ConsentBanner-text">By clicking "Accept All Cookies", you agree to the storing of cookies on your device to enhance site navigation, analyse site usage, and assist in our marketing efforts.</div>
  <button class="ConsentBanner-accept">Accept All Cookies</button>
  <button class="ConsentBanner-settings">Cookies Settings</button>
</div>
<header class="SiteHeader-root">
  <a class="SiteHeader-logo" href="/meridian-wire/" aria-label="Meridian Wire home">MERIDIAN WIRE</a>
  <nav class="SiteHeader-nav">
    <a href="/meridian-wire/world/">World</a>
    <a href="/meridian-wire/business/">Business</a>
    <a href="/meridian-wire/markets/">Markets</a>
    <a href="/meridian-wire/technology/">Technology</a>
    <a href="/meridian-wire/investigations/">Investigations</a>
  </nav>
  <a class="SiteHeader-cta" href="/meridian-wire/account/register">Register</a>
</header>
<main id="main-content" class="ArticlePage-root">
  <div class="ArticlePage-layout">
    <div class="ArticleHeader-root">
      <nav class="Breadcrumbs-root"><a href="/meridian-wire/{slugify(a['section'])}/">{esc(a['section'])}</a></nav>
      <h1 class="ArticleHeader-headline" data-testid="Heading">{esc(a['title'])}</h1>
      <div class="ArticleHeader-info">
        <span class="ArticleHeader-date">{wire_time(d)}</span>
        <span class="ArticleHeader-updated">Updated {wire_time(m)}</span>
      </div>
      <div class="ShareBar-root"><button>Share</button><a href="#">X</a><a href="#">LinkedIn</a><a href="#">Email</a><button class="ShareBar-save">Save</button></div>
    </div>
    <figure class="ArticleMedia-root">
      <div class="ArticleMedia-image"><img src="/meridian-wire/static/img/{a['id']}.jpg" alt="" loading="lazy"></div>
      <figcaption class="ArticleMedia-caption">{esc(a['caption'])} <span class="ArticleMedia-credit">{esc(a['credit'])}/File Photo</span> <a href="/meridian-wire/licensing">Purchase Licensing Rights</a></figcaption>
    </figure>
    <div class="ArticleBody-container" data-testid="ArticleBody">
{paras}
        <p class="ArticleBody-credits" data-testid="Credits">{credits}</p>
        <p class="ArticleBody-trust"><a href="/meridian-wire/trust-principles">Our Standards: The Meridian Wire Trust Principles.</a></p>
    </div>
    <div class="NewsletterSignup-root">
      <h3>Daily Briefing</h3>
      <p>Sign up for the Meridian Daily Briefing, the top stories of the day delivered to your inbox.</p>
      <a class="NewsletterSignup-button" href="/meridian-wire/newsletters">Sign up</a>
    </div>
    <section class="RelatedContent-root">
      <h2 class="RelatedContent-heading">Read Next</h2>
      <ul class="RelatedContent-list">
{rel}
      </ul>
    </section>
    <div class="Comments-teaser"><a href="#comments">Discussion</a> is available to registered readers.</div>
  </div>
</main>
<footer class="SiteFooter-root">
  <div class="SiteFooter-links">
    <a href="/meridian-wire/about">About Meridian Wire</a> <a href="/meridian-wire/careers">Careers</a> <a href="/meridian-wire/terms">Terms of Use</a> <a href="/meridian-wire/privacy">Privacy</a> <a href="/meridian-wire/atom.xml">Atom feed</a>
  </div>
  <p class="SiteFooter-copy">All quotes delayed a minimum of 15 minutes. &copy; Meridian Wire, a fictional news agency.</p>
</footer>
</body>
</html>
"""


def render_dnipro(a: dict, pool: list[dict]) -> str:
    site = OUTLETS["dnipro-courier"]["name"]
    d = dt(a["published"])
    shown = f"{d.day} {d:%B %Y}, {d:%H:%M}"
    related = related_for(a, pool)
    body = []
    for i, p in enumerate(a["body_paras"]):
        body.append(f"<p>{esc(p)}</p>")
        if i == 1:
            body.append('<div class="dc-ad" data-slot="inarticle-1"><span class="dc-ad__label">Advertisement</span></div>')
    authors = ", ".join(f'<a rel="author" class="dc-author-card__name" href="/dnipro-courier/authors/{slugify(n)}">{esc(n)}</a>'
                        for n in a["authors"])
    source = ""
    if a.get("syndicated_from_outlet"):
        source = (f'\n        <p class="dc-source">Source: <a href="{BASE}/{a["syndicated_of"]}">'
                  f'{esc(OUTLETS[a["syndicated_from_outlet"]]["name"])}</a></p>')
    rel = "\n".join(f'          <li><a href="/{r["path"]}">{esc(r["title"])}</a></li>' for r in related)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
{head_common(a, site, True, '<meta name="author" content="' + attr(", ".join(a["authors"])) + '">')}
<link rel="stylesheet" href="/dnipro-courier/wp-content/themes/courier/style.css">
{news_article_ld(a, site, "courier-logo.png")}
</head>
<body class="post-template-default single single-post">
<div class="dc-gdpr" id="dc-gdpr">
  <p>This website uses cookies. By continuing to browse you agree to our <a href="/dnipro-courier/privacy-policy/">privacy policy</a>.</p>
  <button type="button" class="dc-gdpr__ok">OK</button>
</div>
<div class="dc-topbar"><a href="/dnipro-courier/support-us/" class="dc-topbar__donate">Support independent journalism from Ukraine</a> <a href="/dnipro-courier/ua/">UA</a> | <a href="/dnipro-courier/">EN</a></div>
<header class="dc-header">
  <div class="dc-logo"><a href="/dnipro-courier/">Dnipro Courier</a></div>
  <ul class="dc-menu">
    <li class="menu-item"><a href="/dnipro-courier/news/">News</a></li>
    <li class="menu-item"><a href="/dnipro-courier/politics/">Politics</a></li>
    <li class="menu-item"><a href="/dnipro-courier/war/">War</a></li>
    <li class="menu-item"><a href="/dnipro-courier/business/">Business</a></li>
    <li class="menu-item"><a href="/dnipro-courier/opinion/">Opinion</a></li>
    <li class="menu-item"><a href="/dnipro-courier/interviews/">Interviews</a></li>
  </ul>
</header>
<div class="dc-wrap">
  <main class="dc-content">
    <article class="dc-post post type-post status-publish">
      <div class="dc-post__cat"><a href="/dnipro-courier/{slugify(a['section'])}/">{esc(a['section'])}</a></div>
      <h1 class="dc-post__title entry-title">{esc(a['title'])}</h1>
      <div class="dc-post__meta">
        <div class="dc-author-card">{authors}</div>
        <span class="dc-date">{shown}</span>{source}
      </div>
      <div class="dc-social">
        <a class="dc-social__tg" href="#">Telegram</a> <a class="dc-social__fb" href="#">Facebook</a> <a class="dc-social__x" href="#">X</a>
      </div>
      <figure class="wp-block-image dc-post__thumb">
        <img src="/dnipro-courier/wp-content/uploads/{d:%Y/%m}/{a['id']}.jpg" alt="{attr(a['caption'])}">
        <figcaption class="wp-element-caption">{esc(a['caption'])} (Photo: {esc(a['credit'])})</figcaption>
      </figure>
      <div class="dc-post__content entry-content">
{chr(10).join(body)}
      </div>
      <div class="dc-donate-box">
        <h3>We keep reporting from Ukraine. Help us do it.</h3>
        <p>The Dnipro Courier is reader-funded. Become a member from $5 a month.</p>
        <a class="dc-donate-box__btn" href="/dnipro-courier/support-us/">Become a member</a>
      </div>
      <div class="dc-tags">Tags: <a href="/dnipro-courier/tag/nato/">NATO</a>, <a href="/dnipro-courier/tag/security-guarantees/">Security guarantees</a>, <a href="/dnipro-courier/tag/diplomacy/">Diplomacy</a></div>
    </article>
    <section class="dc-related">
      <h2 class="dc-related__title">Read also</h2>
      <ul>
{rel}
      </ul>
    </section>
    <div class="dc-comments-teaser" id="comments"><p>Join the discussion. Comments are available to members. <a href="/dnipro-courier/login/">Log in</a></p></div>
  </main>
  <aside class="dc-sidebar">
    <div class="dc-widget dc-newsletter"><h3>Newsletter</h3><p>Get the Dnipro Courier morning digest.</p><form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
    <div class="dc-widget dc-most-read"><h3>Most read</h3><ol><li><a href="/dnipro-courier/war/">War updates</a></li><li><a href="/dnipro-courier/politics/">Politics</a></li></ol></div>
  </aside>
</div>
<footer class="dc-footer">
  <nav><a href="/dnipro-courier/about/">About us</a> <a href="/dnipro-courier/team/">Team</a> <a href="/dnipro-courier/editorial-policy/">Editorial policy</a> <a href="/dnipro-courier/contacts/">Contacts</a> <a href="/dnipro-courier/rss.xml">RSS</a></nav>
  <p>&copy; Dnipro Courier. A fictional outlet created for the stancewire sample corpus.</p>
</footer>
</body>
</html>
"""


def render_continental(a: dict, pool: list[dict]) -> str:
    site = OUTLETS["continental-post"]["name"]
    d = dt(a["published"])
    related = related_for(a, pool)
    body = []
    for i, p in enumerate(a["body_paras"]):
        body.append(f'        <p class="cp-p">{esc(p)}</p>')
        if i == 3:
            body.append('        <div class="cp-newsletter-inline"><p><b>Europe Brief.</b> The stories shaping the continent, every weekday. '
                        '<a href="/continental-post/newsletters/europe-brief">Subscribe</a></p></div>')
    authors = ", ".join(f'<a rel="author" href="/continental-post/authors/{slugify(n)}">{esc(n)}</a>' for n in a["authors"])
    rel = "\n".join(f'        <li class="cp-more__item"><a href="/{r["path"]}"><span>{esc(r["title"])}</span></a></li>' for r in related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head_common(a, site, False)}
<link rel="stylesheet" href="/continental-post/assets/cp.min.css">
{news_article_ld(a, site, "cp-logo.svg")}
</head>
<body data-template="story">
<section class="cp-consent" aria-label="Privacy">
  <h2>Your privacy</h2>
  <p>We and our 187 partners store and access information on your device for personalised ads and content, audience measurement and product development.</p>
  <button class="cp-consent__agree">Agree and close</button> <button class="cp-consent__reject">Continue without agreeing</button>
</section>
<div class="cp-top">
  <a href="/continental-post/" class="cp-top__brand">The Continental Post</a>
  <nav class="cp-top__nav">
    <a href="/continental-post/europe/">Europe</a> <a href="/continental-post/world/">World</a> <a href="/continental-post/economy/">Economy</a> <a href="/continental-post/sport/">Sport</a> <a href="/continental-post/culture/">Culture</a> <a href="/continental-post/ideas/">Ideas</a>
  </nav>
  <a href="/continental-post/subscribe" class="cp-top__subscribe">Subscribe from &euro;1</a>
</div>
<div class="cp-wrapper">
  <section class="cp-story">
    <div class="cp-story__head">
      <span class="cp-story__rubric">{esc(a['section'])}</span>
      <h1 class="cp-story__title">{esc(a['title'])}</h1>
      <h2 class="cp-story__lede">{esc(a['description'])}</h2>
      <div class="cp-story__meta">
        <address class="cp-authors">{authors}</address>
        <time class="cp-dateline" datetime="{a['published']}">{d.day} {d:%B %Y}</time>
      </div>
    </div>
    <ul class="cp-share"><li><a href="#">Share</a></li><li><a href="#">Gift this article</a></li><li><a href="#">Save</a></li></ul>
    <figure class="cp-visual">
      <picture><img src="/continental-post/media/{a['id']}.jpg" alt=""></picture>
      <figcaption><span class="cp-visual__caption">{esc(a['caption'])}</span> <span class="cp-visual__credit">&copy; {esc(a['credit'])}</span></figcaption>
    </figure>
    <div class="cp-story__text">
{chr(10).join(body)}
    </div>
    <div class="cp-paywall-teaser"><p>Enjoying the Continental Post? Subscribe for unlimited access to our reporting from 27 capitals.</p><a href="/continental-post/subscribe">See offers</a></div>
  </section>
  <section class="cp-more">
    <h3 class="cp-more__title">On the same subject</h3>
    <ul>
{rel}
    </ul>
  </section>
  <section class="cp-reactions"><h3>Reactions</h3><p>Readers' reactions are reserved for subscribers. <a href="/continental-post/login">Sign in</a></p></section>
</div>
<footer class="cp-footer">
  <ul><li><a href="/continental-post/legal">Legal notice</a></li><li><a href="/continental-post/privacy">Privacy</a></li><li><a href="/continental-post/cookies">Cookie management</a></li><li><a href="/continental-post/help">Help</a></li><li><a href="/continental-post/feed.atom">Feeds</a></li></ul>
  <p>The Continental Post is a fictional publication.</p>
</footer>
</body>
</html>
"""


RENDERERS = {"northgate-herald": render_northgate, "meridian-wire": render_meridian,
             "dnipro-courier": render_dnipro, "continental-post": render_continental}


# ---------------------------------------------------------------------------------------- feeds
def xesc(s: str) -> str:
    return html.escape(s, quote=False)


def rfc822(s: str) -> str:
    return format_datetime(dt(s))


def feed_entries(outlet: str, articles: list[dict], missing: list[dict]) -> list[dict]:
    """Feed entries for an outlet, newest first: (title, link, guid, published, summary, authors)."""
    own = [a for a in articles if a["outlet"] == outlet]
    entries = []
    for idx, a in enumerate(own):
        entries.append(dict(article=a, title=a["title"], link=feed_link(a, idx), path=a["path"],
                            published=a["published"], modified=a["modified"], summary=a["description"],
                            authors=a["authors"], section=a["section"], id=a["id"]))
    for m in missing:
        if m["outlet"] == outlet:
            entries.append(dict(article=None, title=typeset_title(m["title"], outlet),
                                link=f"{BASE}/{m['path']}" + (f"?{OUTLETS[outlet]['feed']['utm']}" if m.get("utm", True) else ""), path=m["path"],
                                published=m["published"], modified=m["published"], summary=m["description"],
                                authors=m["authors"], section="World", id=Path(m["path"]).stem))
    entries.sort(key=lambda e: (dt(e["published"]).astimezone(timezone.utc), e["id"]), reverse=True)
    return entries


def rss_northgate(entries: list[dict]) -> str:
    items = []
    for e in entries:
        items.append(f"""    <item>
      <title>{xesc(e['title'])}</title>
      <link>{xesc(e['link'])}</link>
      <description>{xesc(e['summary'])}</description>
      <category>{xesc(e['section'])}</category>
      <pubDate>{rfc822(e['published'])}</pubDate>
      <guid isPermaLink="false">northgate-herald:{xesc(e['id'])}</guid>
      <dc:creator>{xesc(and_join(e['authors']))}</dc:creator>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>World news | The Northgate Herald</title>
    <link>{BASE}/northgate-herald/world/</link>
    <description>Latest world news from The Northgate Herald (a fictional outlet)</description>
    <language>en-gb</language>
    <copyright>Northgate Herald Media Ltd</copyright>
    <atom:link href="{BASE}/northgate-herald/rss.xml" rel="self" type="application/rss+xml"/>
    <lastBuildDate>{rfc822(entries[0]['published'])}</lastBuildDate>
    <ttl>15</ttl>
{chr(10).join(items)}
  </channel>
</rss>
"""


def rss_dnipro(entries: list[dict]) -> str:
    items = []
    for e in entries:
        a = e["article"]
        first = a["body_paras"][0] if a else e["summary"]
        img = f'{BASE}/dnipro-courier/wp-content/uploads/{dt(e["published"]):%Y/%m}/{e["id"]}.jpg'
        items.append(f"""    <item>
      <title>{xesc(e['title'])}</title>
      <link>{xesc(e['link'])}</link>
      <dc:creator><![CDATA[{', '.join(e['authors'])}]]></dc:creator>
      <pubDate>{rfc822(e['published'])}</pubDate>
      <category><![CDATA[{e['section']}]]></category>
      <guid isPermaLink="true">{BASE}/{e['path']}</guid>
      <description><![CDATA[<p><img src="{img}" alt="" /></p><p>{html.escape(e['summary'], quote=False)}</p>]]></description>
      <content:encoded><![CDATA[<p>{html.escape(first, quote=False)}</p><p><a href="{BASE}/{e['path']}">Read more</a></p>]]></content:encoded>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
  <title>Dnipro Courier</title>
  <atom:link href="{BASE}/dnipro-courier/rss.xml" rel="self" type="application/rss+xml" />
  <link>{BASE}/dnipro-courier/</link>
  <description>Independent news from Ukraine in English (fictional outlet)</description>
  <lastBuildDate>{rfc822(entries[0]['published'])}</lastBuildDate>
  <language>en-US</language>
  <sy:updatePeriod>hourly</sy:updatePeriod>
  <sy:updateFrequency>1</sy:updateFrequency>
  <generator>https://wordpress.org/?v=6.2</generator>
{chr(10).join(items)}
</channel>
</rss>
"""


def atom_meridian(entries: list[dict]) -> str:
    out = []
    for e in entries:
        d = dt(e["published"])
        authors = "\n".join(f"    <author><name>{xesc(n)}</name></author>" for n in e["authors"])
        out.append(f"""  <entry>
    <id>tag:meridianwire.example,{d:%Y-%m-%d}:{xesc(e['id'])}</id>
    <title type="text">{xesc(e['title'])}</title>
    <link rel="alternate" type="text/html" href="{xesc(e['link'])}"/>
    <published>{e['published']}</published>
    <updated>{e['modified']}</updated>
{authors}
    <category term="{xesc(e['section'])}"/>
    <summary type="text">{xesc(e['summary'])}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:meridianwire.example,2023:feeds/topnews</id>
  <title>Meridian Wire: Top News</title>
  <subtitle>Breaking news from Meridian Wire, a fictional news agency</subtitle>
  <link rel="self" type="application/atom+xml" href="{BASE}/meridian-wire/atom.xml"/>
  <link rel="alternate" type="text/html" href="{BASE}/meridian-wire/"/>
  <updated>{entries[0]['modified']}</updated>
  <rights>Meridian Wire</rights>
{chr(10).join(out)}
</feed>
"""


def atom_continental(entries: list[dict]) -> str:
    out = []
    for e in entries:
        a = e["article"]
        teaser = html.escape(f"<p>{html.escape(a['body_paras'][0], quote=False)}</p>", quote=False) if a else ""
        authors = "\n".join(f"    <author><name>{xesc(n)}</name></author>" for n in e["authors"])
        out.append(f"""  <entry>
    <title>{xesc(e['title'])}</title>
    <link href="{xesc(e['link'])}"/>
    <id>urn:continentalpost:{xesc(e['id'])}</id>
    <updated>{e['modified']}</updated>
    <published>{e['published']}</published>
{authors}
    <summary>{xesc(e['summary'])}</summary>
    <content type="html">{teaser}</content>
  </entry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Continental Post - Europe</title>
  <link href="{BASE}/continental-post/feed.atom" rel="self"/>
  <link href="{BASE}/continental-post/"/>
  <id>urn:continentalpost:feed:europe</id>
  <updated>{entries[0]['modified']}</updated>
  <generator>cp-cms</generator>
{chr(10).join(out)}
</feed>
"""


FEED_RENDERERS = {"northgate-herald": rss_northgate, "dnipro-courier": rss_dnipro,
                  "meridian-wire": atom_meridian, "continental-post": atom_continental}

# A feed that was cut off mid-transfer by a misbehaving CMS: truncated inside the first item and
# carrying an unescaped ampersand and a mismatched tag before that. Not well-formed XML; no usable entries.
BROKEN_OPINION = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Dnipro Courier - Opinion & Analysis</title>
  <link>{BASE}/dnipro-courier/opinion/</link>
  <description>Columns & commentary</descripton>
  <language>en-US</language>
  <item>
    <title><![CDATA[Opinion: Guarantees without membership are a waiting room
"""


# ---------------------------------------------------------------------------------------- site
def index_html(title: str, feeds: list[dict]) -> str:
    lis = "\n".join(f'  <li><a href="/{f["path"]}">{esc(f["outlet_name"])}: {esc(f["path"])}</a>'
                    f'{" (intentionally broken)" if f["broken"] else ""}</li>' for f in feeds)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{esc(title)}</title></head>
<body>
<h1>{esc(title)}</h1>
<p>Synthetic news corpus for stancewire. All outlets and all people are fictional.</p>
<ul>
{lis}
</ul>
</body>
</html>
"""


def speaker_entries() -> dict:
    return {sid: {k: v for k, v in s.items()} for sid, s in SPEAKERS.items()}


def build(raw_articles: list[dict], missing: list[dict], out_dir: Path, manifest_path: Path,
          title: str, fixture: bool) -> dict:
    arts = prepare(raw_articles)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    files: dict[str, str] = {}
    pool = [a for a in arts]
    for a in arts:
        files[a["path"]] = RENDERERS[a["outlet"]](a, pool)

    outlets_used = sorted({a["outlet"] for a in arts}, key=list(OUTLETS).index)
    feeds_manifest = []
    feed_entries_by_path: dict[str, list[dict]] = {}
    for o in outlets_used:
        meta = OUTLETS[o]
        entries = feed_entries(o, arts, missing)
        files[meta["feed"]["path"]] = FEED_RENDERERS[o](entries)
        feed_entries_by_path[meta["feed"]["path"]] = entries
        feeds_manifest.append(dict(
            path=meta["feed"]["path"], url=f"{BASE}/{meta['feed']['path']}", outlet=o, outlet_name=meta["name"],
            kind=meta["feed"]["kind"], broken=False, entry_count=len(entries),
            article_entries=sum(1 for e in entries if e["article"]),
            missing_entries=[dict(path=e["path"], url_path=f"/{e['path']}", link=e["link"], title=e["title"],
                                  expected_status=404) for e in entries if not e["article"]],
            utm_links=sum(1 for e in entries if "utm_" in e["link"]),
        ))
    for o in outlets_used:
        for extra in OUTLETS[o].get("extra_feeds", []):
            if extra.get("broken") and (not fixture or o == "dnipro-courier"):
                files[extra["path"]] = BROKEN_OPINION
                feeds_manifest.append(dict(path=extra["path"], url=f"{BASE}/{extra['path']}", outlet=o,
                                           outlet_name=OUTLETS[o]["name"], kind=extra["kind"], broken=True,
                                           entry_count=0, article_entries=0, missing_entries=[], utm_links=0,
                                           expected="feedparser sets bozo=1 and yields no usable entries"))
    if fixture and "dnipro-courier" not in outlets_used:
        p = OUTLETS["dnipro-courier"]["extra_feeds"][0]["path"]
        files[p] = BROKEN_OPINION
        feeds_manifest.append(dict(path=p, url=f"{BASE}/{p}", outlet="dnipro-courier",
                                   outlet_name=OUTLETS["dnipro-courier"]["name"], kind="rss2.0", broken=True,
                                   entry_count=0, article_entries=0, missing_entries=[], utm_links=0,
                                   expected="feedparser sets bozo=1 and yields no usable entries"))
    files["index.html"] = index_html(title, feeds_manifest)

    for rel, text in files.items():
        p = out_dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8"))

    link_of = {e["path"]: e["link"] for es in feed_entries_by_path.values() for e in es}
    art_manifest = []
    for a in arts:
        body = "\n\n".join(a["body_paras"])
        art_manifest.append(dict(
            id=a["id"], outlet=a["outlet"], outlet_name=OUTLETS[a["outlet"]]["name"], path=a["path"],
            url_path=f"/{a['path']}", url=f"{BASE}/{a['path']}", feed_link=link_of[a["path"]],
            published=a["published"], modified=a["modified"], month=a["published"][:7],
            title=a["title"], description=a["description"], section=a["section"], authors=a["authors"],
            on_topic=a["on_topic"], syndicated_of=a["syndicated_of"], syndicated_of_id=a["syndicated_of_id"],
            paragraph_count=len(a["body_paras"]), word_count=len(body.split()),
            first_paragraph=a["body_paras"][0], last_paragraph=a["body_paras"][-1],
            text=body, scare_quotes=a["scare"], quotes=a["quotes"],
        ))
        for span in a["quotes"] + a["scare"]:  # offsets index exactly this text
            if body[span["start"]:span["end"]] != span["text"]:
                raise ValueError(f"{a['id']}: span {span['start']}:{span['end']} does not match {span['text']!r}")
    originals = [a for a in art_manifest if not a["syndicated_of"]]
    all_quotes = [q for a in originals for q in a["quotes"]]
    kinds: dict[str, int] = {}
    for q in all_quotes:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    spk = sorted({q["speaker_id"] for q in all_quotes})
    stance_counts: dict[str, int] = {}
    for q in all_quotes:
        for t in q["targets"]:
            key = f"{t['target']}:{t['stance']}"
            stance_counts[key] = stance_counts.get(key, 0) + 1
    stats = dict(
        articles=len(art_manifest), original_articles=len(originals),
        syndicated_copies=len(art_manifest) - len(originals),
        on_topic=sum(a["on_topic"] for a in art_manifest), off_topic=sum(not a["on_topic"] for a in art_manifest),
        months=sorted({a["month"] for a in art_manifest}),
        per_outlet={o: sum(a["outlet"] == o for a in art_manifest) for o in outlets_used},
        quotes_in_originals=len(all_quotes), quotes_by_kind=dict(sorted(kinds.items())),
        split_quote_parts=sum(1 for q in all_quotes if q["split_group"] is not None),
        speakers_quoted=len(spk),
        named_people_quoted=sorted(SPEAKERS[s]["name"] for s in spk if SPEAKERS[s]["kind"] == "person"),
        target_stances=dict(sorted(stance_counts.items())),
        scare_quotes=sum(len(a["scare_quotes"]) for a in originals),
    )
    timeline: dict[str, dict[str, list]] = {}
    for a in originals:
        for q in a["quotes"]:
            if q["speaker_kind"] != "person":
                continue
            for t in q["targets"]:
                timeline.setdefault(q["speaker_id"], {}).setdefault(t["target"], []).append(dict(
                    published=a["published"], stance=t["stance"], hedged=t["hedged"],
                    conditional=t["conditional"], kind=q["kind"], article=a["id"]))
    for per in timeline.values():
        for lst in per.values():
            lst.sort(key=lambda x: (dt(x["published"]).astimezone(timezone.utc), x["article"]))
    manifest = dict(
        name="stancewire fixture site" if fixture else "stancewire sample corpus",
        topic=TOPIC, fictional=True, base_placeholder=BASE,
        notes=[
            "All outlets and all people are fictional; countries, institutions and events are real.",
            "{{BASE}} in feeds and pages is replaced by the serving origin (http://127.0.0.1:PORT).",
            "paths are relative to the site root; url_path is the request path.",
            "quote text is exactly the characters between the quotation marks (direct, partial) or the "
            "reported clause (indirect); start/end index the body: paragraphs joined with '\\n\\n'.",
            "a split quote is recorded as one direct quote per part sharing split_group.",
            "mention is the speaker as written in the quote's paragraph (name, surname, pronoun, role).",
            "targets lists the intended stance per topic target; hedged/conditional mark the cue type.",
            "scare_quotes are quoted spans that are NOT speech and must not become quotes.",
            "syndicated_of gives the original's path; the copy's body text is identical to the original's.",
            "text is the exact expected main text of the page: the body paragraphs joined with '\\n\\n' "
            "(no headline, standfirst, byline, dates, captions, credits, promos or newsletter boxes); "
            "quote and scare-quote start/end offsets index into it.",
        ],
        feeds=feeds_manifest, speakers=speaker_entries(), outlets={o: OUTLETS[o] for o in outlets_used},
        stats=stats, stance_timeline=dict(sorted(timeline.items())), articles=art_manifest,
    )
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return manifest


def build_sample(root: Path = ROOT) -> dict:
    return build(articles_2023.ARTICLES + articles_2024.ARTICLES, outlets.MISSING,
                 root / "sample" / "site", root / "sample" / "manifest.json",
                 "stancewire sample corpus", fixture=False)


def build_fixtures(root: Path = ROOT) -> dict:
    return build(fixtures.FIXTURE_ARTICLES, fixtures.FIXTURE_MISSING,
                 root / "tests" / "fixtures" / "site", root / "tests" / "fixtures" / "site" / "manifest.json",
                 "stancewire fixture site", fixture=True)


def check() -> int:
    """Rebuild into a temp dir and compare with the committed output."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        build_sample(t)
        build_fixtures(t)
        bad = []
        for rel in ("sample/site", "tests/fixtures/site"):
            cmp = filecmp.dircmp(t / rel, ROOT / rel)
            stack = [cmp]
            while stack:
                c = stack.pop()
                bad += [f"{c.left}/{n}" for n in c.diff_files + c.left_only + c.right_only]
                stack += list(c.subdirs.values())
        if not filecmp.cmp(t / "sample/manifest.json", ROOT / "sample/manifest.json", shallow=False):
            bad.append("sample/manifest.json")
        for b in bad:
            print("differs:", b)
        print("ok: output is up to date" if not bad else f"{len(bad)} difference(s)")
        return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", action="store_true", help="build tests/fixtures/site instead of sample/site")
    ap.add_argument("--all", action="store_true", help="build both")
    ap.add_argument("--check", action="store_true", help="verify the committed output is reproducible")
    args = ap.parse_args(argv)
    if args.check:
        return check()
    if args.fixtures or args.all:
        m = build_fixtures()
        print(f"fixtures: {m['stats']['articles']} articles, {len(m['feeds'])} feeds -> tests/fixtures/site/")
    if not args.fixtures or args.all:
        m = build_sample()
        s = m["stats"]
        print(f"sample: {s['articles']} articles ({s['syndicated_copies']} syndicated copy), "
              f"{len(s['months'])} months, {s['quotes_in_originals']} quotes {s['quotes_by_kind']}, "
              f"{s['speakers_quoted']} speakers -> sample/site/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
