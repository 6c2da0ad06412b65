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
    r"embed-consent|externer-inhalt|external-content|author-bio|authorbio|"
    r"lire-aussi|a-lire|voir-aussi|leer-mas|lee-tambien|mehr-zum-thema|compartir|partage|partager|"
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post)([-_ ]|$)",
    re.I)
# promotion boxes (newsletter sign-up, subscribe/donate appeals, reader-comment teasers); these
# tokens are also looked for inside CamelCase class names such as "NewsletterSignup-root"
_PROMO_TOKEN = re.compile(
    r"(^|[-_ ])(newsletters?|signup|sign-up|subscribe|donate|donation|reactions|comments-teaser|paywall-(?:teaser|offer|prompt|message|banner|cta|notice|box|inline))([-_ ]|$)", re.I)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_KEEP_TOKEN = re.compile(r"(^|[-_ ])(article|story|content|body|text|main|post|entry)([-_ ]|$)", re.I)
_DROP_TAGS = ("figcaption", "button", "dialog")


# The options of the parser trafilatura builds its own trees with: comments and processing
# instructions dropped (never text, and they slow every tree walk), no id index (ids are not unique
# on the web). Every element is a plain lxml.html HtmlElement, chosen in C: lxml.html's default
# lookup calls a Python method for each element proxy it creates (to give <form>, <input>... their
# own classes, which nothing here uses), and trafilatura and our tree walks create ~1000 a page.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))
# characters XML (and so lxml's text setters) rejects; rare, so looked for with cheap substring
# scans before the (slower) regex pass
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INVALID_XML_CHARS = tuple(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse(html: str):
    """Parse HTML into an lxml tree; fall back to BeautifulSoup for markup lxml rejects."""
    if any(c in html for c in _INVALID_XML_CHARS):
        html = _INVALID_XML.sub("", html)
    # lxml refuses str input with an XML encoding declaration
    html = _XML_DECL.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
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


def _junk_word(word: str, _cache: dict = {}) -> bool:  # noqa: B006 - deliberate memo
    """Does one whitespace-free class/id token name page furniture? Memoised: class vocabularies
    repeat within a page and across the pages of a site."""
    hit = _cache.get(word)
    if hit is None:
        # CamelCase class names (NewsletterSignup-root) hold several tokens
        hit = bool(_JUNK_TOKEN.search(word) or _PROMO_TOKEN.search(_CAMEL.sub(r"\1 \2", word)))
        if len(_cache) > 100000:
            _cache.clear()
        _cache[word] = hit
    return hit


def _junk_attrs(attrs: str, _cache: dict = {}) -> bool:  # noqa: B006 - deliberate memo
    """Does a class/id/role string name page furniture? Word by word (no pattern holds a space, and
    a space is a token boundary for all of them); memoised, as pages repeat class strings."""
    hit = _cache.get(attrs)
    if hit is None:
        hit = any(_junk_word(w) for w in attrs.split())
        if len(_cache) > 50000:
            _cache.clear()
        _cache[attrs] = hit
    return hit


_SKIP_TAGS = frozenset(("script", "style", "template"))  # never furniture, nor anything inside them
_PLAIN_TAGS = frozenset(("html", "body", "main", "article"))  # never furniture themselves


def _norm_len_at_least(text: str, n: float) -> bool:
    """len(norm_line(text)) >= n, normalising only as much of text as the answer needs.

    A prefix never normalises to more characters than the whole text, so a long enough prefix
    settles the question; the page text is often 100k+ characters (inline scripts included) and
    the question is about a few tens of thousands."""
    end = max(int(2 * n), 4096)
    while True:
        if len(norm_line(text[:end])) >= n:
            return True
        if end >= len(text):
            return False
        end *= 4


def furniture_text(tree, max_share: float = 0.08, small_chars: int = 300) -> str:
    """Normalised text of page furniture: share bars, related lists, captions, banners, footers.

    Used as a veto list for the extractor's output lines rather than to prune the tree, so a
    wrongly matched wrapper can never take the article with it. An element holding more than
    max_share of the page's text (and more than small_chars characters: a sign-up box on a short
    page is still furniture) is ignored, and the elements inside it are looked at instead.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    page_text = None  # text of the page, taken only when a large junk element is met
    taken: set = set()  # elements whose text is in chunks: their descendants are covered
    chunks: list[str] = []
    for el in root.iterdescendants(etree.Element):  # document order; comments and PIs left out
        get = el.get
        attrs = " ".join(filter(None, (get("class"), get("id"), get("role"), get("data-component"))))
        tag = el.tag
        if not attrs and tag not in _DROP_TAGS:
            continue  # the common case, settled without a call
        tag = tag.lower()
        if tag in _PLAIN_TAGS or tag in _SKIP_TAGS:
            continue
        junk = tag in _DROP_TAGS or (
            _junk_attrs(attrs) and not (tag == "p" and _KEEP_TOKEN.search(attrs)))
        if not junk or any(a in taken or a.tag in _SKIP_TAGS for a in el.iterancestors()):
            continue
        txt = norm_line(el.text_content())
        if not txt or len(txt) >= 2000:
            continue
        if len(txt) > small_chars:
            if page_text is None:
                page_text = root.text_content()
            if not _norm_len_at_least(page_text, len(txt) / max_share):
                continue
        chunks.append(txt)
        taken.add(el)
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
    r"zur startseite|back to top|lire aussi|à lire aussi|voir aussi|lea también|leer más)\W*$|^(©|copyright\s*(©|\d{4}))|"
    r"privatsphäre-einstellungen|cookie-einstellungen|accept (all )?cookies|"
    r"enable javascript|javascript (is )?disabled|ad blocker",
    re.I)
# Teaser links and ad slots that run inside the article body on news templates: "READ MORE: ...",
# "ALSO READ: ...", "MORE: ...", "Watch: ...", and the Postmedia-style "Article content" /
# "Advertisement ... Story continues below" markers (matched at the start of a line)
_TEASER_LINE = re.compile(
    r"(?:[-\u2013\u2022]\s*)?(?:read more|read next|read also|also read|more|see also|related|recommended|"
    r"watch|listen|most read|trending)\s*[:|\u00bb>]\s*\S.{0,200}$"
    r"|(?:article content|recommended videos)\W*$|.{0,80}story continues below(?: advertisement)?\W*$", re.I)
# The outlet talking to the reader: newsletter and app promotions, "Follow us on ...", "Got a
# story?", log-in prompts of the comment system (a line of at most PROMO_MAX_CHARS saying one of
# these; the regex runs only on lines holding one of _PROMO_WORDS)
PROMO_MAX_CHARS = 220
_PROMO_WORDS = ("inbox", "follow", "got a", "sign up", "download", "journalism", "log", "sign in", "subscribe", "click")
_PROMO_LINE = re.compile(
    r"\b(?:in|to|straight to) your inbox\b|^follow (?:us|@?[\w.]+) on (?:twitter|facebook|instagram|x|linkedin)\b"
    r"|^got a (?:story|tip|news tip)\b|\bsign up (?:for|to) (?:our|the)\b.*\b(?:newsletter|email|bulletin)"
    r"|\bdownload (?:our|the) (?:free )?app\b|\bsupport (?:our|independent) journalism\b"
    r"|^(?:please )?(?:log ?in|log ?out|sign in) (?:to|and)\b|\bsubscribe (?:now|today|to (?:our|the))\b"
    r"|^click here to (?:get|download|install) (?:the|our)\b.{0,40}\bapp\b|^this is a (?:breaking|developing)(?: news)? story\b"
    r"|^(?:this story is developing|this is a developing story)\b|\bmore to follow\W*$")


# The outlet talking to the reader, again (article-6, from the lines we output that the fundus
# expectations of its English-language pages do not have): tip-line and contact lines with an email
# address, "For more stories like this …", comment-system prompts, affiliate-commission
# disclosures, "Most read in …", agency credits ("With files from …", "… contributed to this
# report"). Only lines of at most READER_MAX_CHARS; each pattern is anchored to the start or end of
# the line, needs an email address, or is a phrase of the outlet's own voice ("may earn us a
# commission"); none matches a line of the fundus, fixture or PolNeAR texts.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT = re.compile(r"\be-?mail\s*:|\b(?:get in touch|story to (?:tell|share)|email(?:ing)? us|contact us|news ?team|tip ?off|"
                      r"send (?:us )?(?:your )?(?:tips?|stories|pictures|photos|videos))\b", re.I)
_READER_LINE = re.compile(
    r"^for more (?:stories|news|articles|content) like this\b|^join (?:our|the) commenting forum\b"
    r"|^join thought-provoking conversations\b|^comments?$|^you must confirm your public display name\b"
    r"|^log in or create an account\b|^enjoying our latest content\W*$|^most read(?: in [\w &'-]{1,30})?$"
    r"|\b(?:may|might|could) earn (?:us )?an? (?:small )?affiliate commission\b|\bmay earn us a (?:small )?commission\b"
    r"|^follow [\w .'-]{1,40} on google news\b|^\W{0,3}with (?:files|reporting) from\b|^\W{0,3}with reporting by\b"
    r"|\bcontributed (?:reporting )?to this (?:report|story|article)\W*$|\bsigning up to our (?:free )?(?:\w+ ){0,2}newsletter\b",
    re.I)
READER_MAX_CHARS = 250


def _promo_line(line: str) -> bool:
    if len(line) > READER_MAX_CHARS:
        return False
    if _READER_LINE.search(line) or ("@" in line and _EMAIL.search(line) and _CONTACT.search(line)):
        return True
    if len(line) > PROMO_MAX_CHARS:
        return False
    low = line.lower()
    return any(w in low for w in _PROMO_WORDS) and _PROMO_LINE.search(low) is not None


# "Lesedauer: 4 Minuten", "5 min read", "3 Minuten Lesezeit": the reading time, near the top
_READING_TIME = re.compile(
    r"^(?:[-\u2013\u2022]\s*)?(?:(?:lesedauer|lesezeit|reading time|read time|temps de lecture|tiempo de lectura|"
    r"tempo di lettura|leestijd|l\u00e4stid|lesetid)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten|minutes?|minutos|minuti|"
    r"minutter|minuter)|\d+\s*(?:min\.?|minuten|minutes?|minutos|minuti|minutter|minuter)\.?\s*(?:read|lesezeit|"
    r"lesedauer|de lecture|de lectura|di lettura|leestijd|l\u00e4stid|lesetid|lesing))\W*$", re.I)
_STAMP = re.compile(r"^(stand|updated?|aktualisiert|veröffentlicht|published|publié|erstellt)\s*:?\s*[\d.: ,/-]*(uhr)?\s*$"
                    r"|^[\d.:/, -]{6,}\s*(uhr|am|pm)?\s*$", re.I)
_STAMP_PREFIX = re.compile(
    r"^(last\s+)?(updated?|modified|published|first\s+published|posted|stand|aktualisiert|veröffentlicht|"
    r"erstellt|publié|mis\s+à\s+jour|actualizado|publicado|aggiornato|pubblicato)(\s+(on|at|am|le|el|il))?\s*:?\s*",
    re.I)
_DATE_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
januar februar märz mai juni juli oktober dezember jänner
janvier février mars avril juin juillet août septembre octobre novembre décembre
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
montag dienstag mittwoch donnerstag freitag samstag sonntag
lundi mardi mercredi jeudi vendredi samedi dimanche
am pm a m p uhr h at on um à le de del el the of
utc gmt bst cet cest est edt cst cdt pst pdt mst mdt et pt ct mez mesz ist aest aedt
""".split())
_MONTHS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec januar februar märz mai juni juli oktober dezember jänner
janvier février mars avril juin juillet août septembre octobre novembre décembre
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
""".split())


def is_date_stamp(line: str) -> bool:
    """A line that is nothing but a date/time, optionally 'Updated'/'Published' etc. in front.

    'July 11, 2024 6:00 AM UTC', 'Updated 3 May 2024, 14:05', 'Thu 11 Jul 2024 06.00 BST',
    'Stand: 03.05.2024 17:12 Uhr'. Needs a year-like number, or a month name with a day.
    """
    s = line.strip()
    if not s or len(s) > 80:
        return False
    rest = _STAMP_PREFIX.sub("", s, count=1)
    words = re.findall(r"[^\W\d_]+", rest)
    if any(w.casefold() not in _DATE_WORDS for w in words):
        return False
    nums = re.findall(r"\d+", rest)
    if not nums:
        return False
    has_year = any(len(n) == 4 and n[:2] in ("19", "20") for n in nums)
    has_month = any(w.casefold() in _MONTHS for w in words)
    return (has_year and (has_month or len(nums) >= 2)) or (has_month and len(nums) >= 1) or (len(nums) >= 3 and rest != s)


# staff credit lines under a story: "Reporting by A and B; Editing by C",
# "Written by A for Outlet; distributed by Agency". Names must be capitalised, so a sentence such as
# "Reporting by the local press found ..." is not matched.
_NAME = r"[A-ZÀ-ÞĀ-Ž][\w'’.-]*(?:\s+(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|de|da|di|del|van|von|der|den|la|le|bin|al|ibn))*"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
# "Maya Roe in Beirut, Ann Doe in The Hague and Tom Poe in London": a name, then where it was written
_PLACED_NAME = rf"{_NAME}(?:\s+(?i:in|for|from|at)\s+{_NAME})?"
_PLACED_NAMES = rf"{_PLACED_NAME}(?:\s*(?:,|\band\b|&)\s*{_PLACED_NAME})*"
_CREDIT_SEG = (rf"(?i:(?:additional\s+|further\s+)?(?:reporting|writing|written|editing|edited|compiled|produced|"
               rf"translated|translation|graphics|research|verification|fact-checking)"
               rf"(?:\s+(?:and|&)\s+\w+)?\s+by)\s+{_PLACED_NAMES}"
               rf"|(?i:(?:additional|further)\s+reporting\s+from)\s+{_PLACED_NAMES}"
               rf"|(?i:distributed|syndicated|supplied|provided)\s+(?i:by)\s+{_NAMES}")
_CREDIT_LINE = re.compile(rf"^\(?(?:{_CREDIT_SEG})(?:\s*[;,|]\s*(?:{_CREDIT_SEG}))*\s*\)?\.?$")
_TRUST_LINE = re.compile(r"^our standards\s*:", re.I)
_SIGNUP_LINE = re.compile(
    r"^(sign up|sign-up|signup|subscribe)\b.{0,120}\b(newsletters?|briefing|digest|bulletin|inbox|"
    r"e-?mails?|alerts)\b|^get (our|the) .{0,60}\bnewsletter\b|^sign up (to|for)\b.{0,50}$|"
    r"delivered (straight |directly )?to your inbox|"
    r"\b(reserved|available) (only )?(for|to) (paying |registered )?(subscribers|members|registered (readers|users))\b"
    r".{0,40}\b(sign in|log in|subscribe|register|join)\W*$",
    re.I)


def is_furniture_line(line: str) -> bool:
    """Staff credit lines, 'Our Standards' trust links, newsletter sign-up and subscriber-only prompts."""
    if len(line) > 250:
        return False
    return bool(_CREDIT_LINE.match(line) or _TRUST_LINE.match(line) or _SIGNUP_LINE.search(line))


_BYLINE = re.compile(r"^(von|by|par|door|por|di|av|af)\s+\S.{0,80}$", re.I)


HEADLINE_VARIANT_OVERLAP = 0.6


def _headline_variant(line: str, n: str, title_n: str) -> bool:
    """A short first line without a closing full stop that shares most of its words with the title:
    the headline again, in another wording (SEO title vs on-page headline)."""
    if len(line) >= 160 or line.endswith((".", ":", ";")) or len(line.split()) < 4:
        return False  # (a line of a script without spaces between words is never judged by its 'words')
    words, title_words = set(n.split()), set(title_n.split())
    return len(words) >= 4 and len(words & title_words) >= HEADLINE_VARIANT_OVERLAP * max(len(words), len(title_words))


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
        if title_n and idx < 5 and (n == title_n or (idx < 2 and _headline_variant(line, n, title_n))):
            continue
        if len(line) < 160 and (_CREDIT.search(line) or _JUNK_LINE.search(line)) or _TEASER_LINE.match(line) \
                or _promo_line(line):
            continue
        if idx < 6 and len(line) < 60 and (_STAMP.match(line) or _READING_TIME.match(line)):
            continue
        if is_date_stamp(line) or is_furniture_line(line):
            continue
        if idx < 6 and _BYLINE.match(line) and (not author_n or any(a and a in n for a in author_n)):
            continue
        out.append(line)
    return "\n\n".join(out)
