"""extractors.fastxpath: trafilatura's XPaths evaluated in Python select exactly what lxml selects."""
from __future__ import annotations

import pathlib
import sys

import lxml.html
import pytest
from lxml import etree

from extractors import fastxpath
from extractors.article import decode_html, extract_article

ROOT = pathlib.Path(__file__).resolve().parent.parent
NS = {"re": "http://exslt.org/regular-expressions"}

# Corners of the subset: attribute order for @id|@class, empty and missing attributes, case, the
# two meanings of [1], nested matches, text in comments and processing instructions.
CORNERS = """<html><body>
<div id="main"><!-- a comment --><?pi x?>
  <div class="xcookie" id="a">class first</div><div id="b" class="cookie">id first</div>
  <div class="">empty class</div><div data-lp-replacement-content="">empty data attribute</div>
  <section class="Fulltext story-content"><p class="post-text">one</p><p class="post-text">two</p></section>
  <article class="articleBody"><div class="article-body">inner<div class="article-body">nested</div></div></article>
  <div class="share-bar social">s</div><span class="Teaser">t</span><p id="TeaserBox">u</p>
  <div role="Navigation">n</div><div style="display: none">hidden</div><div aria-hidden="true">h</div>
  <ul class="comment-list"><li>c</li></ul><ol id="comments">d</ol><div class="commentary">not comments</div>
  <div class="mvp-post-add-box"><h1>h</h1></div><div class="infinite-scroll"><h1>kept</h1></div>
  <div class="infinitescroll">dropped</div><div class="reply-to" id="x">r</div><div id="reply-1" class="y">r</div>
  <main class="MainContent page-Content">m</main><div class="content-body">b</div><div id="content">c</div>
  <figure><div class="caption">cap</div></figure><header class="byline">by</header><p class=" ad ">ad</p>
</div></body></html>"""


def _trafilatura_xpaths():
    """(name, translation) of every expression install() replaced: 'LIST[k]' for a slot of
    trafilatura.xpaths' lists, 'baseline.NAME' for a module attribute of trafilatura.baseline."""
    import trafilatura.xpaths as xp

    fastxpath.install()
    out = []
    for name, value in vars(xp).items():
        if isinstance(value, list):
            out += [(f"{name}[{k}]", e) for k, e in enumerate(value) if isinstance(e, fastxpath.FastXPath)]
    baseline = sys.modules["trafilatura.baseline"]  # (the package's attribute of that name is a function)
    out += [(f"baseline.{name}", e) for name, e in vars(baseline).items() if isinstance(e, fastxpath.FastXPath)]
    return out


def _same(a, b) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def test_install_translates_the_body_and_boilerplate_expressions():
    names = {name.split("[")[0] for name, _ in _trafilatura_xpaths()}
    assert {"BODY_XPATH", "OVERALL_DISCARD_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "RAW_TREE_PRUNE_XPATH",
            "TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "baseline.BASIC_CLEAN_XPATH"} <= names
    assert fastxpath.install() == len(_trafilatura_xpaths())  # idempotent


@pytest.mark.parametrize("name,fast", _trafilatura_xpaths(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_translation_selects_what_lxml_selects_on_the_corner_page(name, fast):
    tree = lxml.html.document_fromstring(CORNERS)
    contexts = [tree, *tree.iter(etree.Element)]  # every element as the context node, too
    for node in contexts:
        assert _same(fast(node), fast._fallback(node)), (name, node.tag, node.get("class"))


def test_corner_semantics_one_by_one():
    tree = lxml.html.document_fromstring(CORNERS)
    cases = [
        ".//*[re:test(@id|@class, 'cookie')]",  # the first of the two attributes in source order
        ".//*[starts-with(@id|@class, 'reply-')]",
        ".//*[self::div or self::p][@class='']",
        ".//*[@data-lp-replacement-content]",
        ".//*[self::p][re:test(@class, 'post')][1]",  # first among siblings
        "(.//*[self::div or self::article][re:test(@class, 'article-?body|articleBody')])[1]",
        ".//*[self::div][re:test(@class, 'article-?body')][1]",
        ".//*[re:test(@class, 'fulltext', 'i')]",
        ".//*[contains(translate(@role, 'N', 'n'), 'nav') or contains(translate(@class, 'CP', 'cp'), 'page-content')]",
        ".//*[contains(translate(@class, 'ABC', 'a'), 'Mainontent')]",  # translate deletes unpaired characters
        ".//*[self::div][re:test(@class, 'infinite-?scroll')][not(.//h1) or re:test(@class, 'mvp')]",
        ".//*[not(self::ol or self::ul) and (@aria-hidden='true' or contains(@style, 'display: none'))]",
        ".//*[@id='b' or @class='cookie' and @id='b']",
        ".//*[re:test(@class, '^[Cc]omment(?!ary)|(?:article|post)-comments') or re:test(@id, '^comments')]",
        "(.//article)[1]",  # a name test alone
        ".//p",
        # a union: each element once, in document order, nested matches included
        ".//article|.//div[contains(@class|@id, 'body')]|.//ul|.//*[re:test(@class, 'cookie', 'i') or @id='b']",
    ]
    for path in cases:
        fast = fastxpath.compile_xpath(path)
        assert fast is not None, path
        want = etree.XPath(path, namespaces=NS)
        for node in (tree, *tree.iter(etree.Element)):
            assert _same(fast(node), want(node)), (path, node.tag)
        assert fast(tree), path  # every case selects something on the page


@pytest.mark.parametrize("path", [
    "//div[@class='x']",  # absolute
    ".//*[self::div][2]",  # another position
    ".//*[rel='me']",  # a child element's text
    "(.//*[self::div][@id])[1]|(.//main)[1]",  # a union of first matches
    ".//p|.//*[self::div][1]",  # a first among siblings in a union
    ".//*[re:test(@class, 'x')]/p",  # a second step
    ".//*[local-name()='annotation']",
])
def test_expressions_outside_the_subset_stay_with_lxml(path):
    assert fastxpath.compile_xpath(path) is None


def _pages():
    for p in sorted((ROOT / "tests" / "fixtures" / "article").glob("*.html")):
        yield decode_html(p.read_bytes()), None
    site = ROOT / "sample" / "site"
    for p in sorted(site.rglob("*.html")):
        yield p.read_text(encoding="utf-8").replace("{{BASE}}", "http://127.0.0.1:8765"), None
    yield CORNERS, None


@pytest.fixture
def swap():
    """swap(name, value) puts value in trafilatura.xpaths' list slot 'LIST[k]', or in the module
    attribute 'baseline.NAME', until the test ends."""
    import trafilatura.xpaths as xp

    saved = []

    def put(name, value):
        if name.startswith("baseline."):
            module, attr = sys.modules["trafilatura.baseline"], name.split(".", 1)[1]
            saved.append((setattr, module, attr, getattr(module, attr)))
            setattr(module, attr, value)
            return
        listname, k = name[:-1].split("[")
        seq = getattr(xp, listname)
        saved.append((type(seq).__setitem__, seq, int(k), seq[int(k)]))
        seq[int(k)] = value

    yield put
    for put_back, where, key, value in reversed(saved):
        put_back(where, key, value)


def test_extraction_calls_select_the_same_elements_as_lxml(swap):
    """Every call trafilatura makes while cleaning our pages, asked of both the translation and
    lxml: the same elements every time."""
    calls, differ = [0], []

    class Both:
        def __init__(self, name, fast):
            self.name, self.fast, self.path = name, fast, fast.path

        def __call__(self, node, **kw):
            got, want = self.fast(node, **kw), self.fast._fallback(node, **kw)
            calls[0] += 1
            if not _same(got, want):
                differ.append(self.name)
            return want

    for name, fast in _trafilatura_xpaths():
        swap(name, Both(name, fast))
    pages = list(_pages())
    for html, url in pages:
        extract_article(html, url)
    assert calls[0] >= 5 * len(pages) and not differ, differ


def test_cleaning_gives_the_same_article_with_and_without_the_translations(swap):
    pages = list(_pages())
    fast = [extract_article(html, url) for html, url in pages]
    for name, translated in _trafilatura_xpaths():
        swap(name, translated._fallback)
    slow = [extract_article(html, url) for html, url in pages]
    assert fast == slow
