"""Golden test: extract_article on every page of the bundled synthetic corpora.

For each article in sample/manifest.json and tests/fixtures/site/manifest.json the page is read,
{{BASE}} is substituted as the loopback server does at serve time, and the extracted main text must
equal the manifest's `text` (body paragraphs joined with blank lines; compared whitespace-normalised:
no date stamps, credit lines, newsletter boxes or other furniture), with the right title (no
" | Outlet" suffix), authors (person names only) and publication instant.
"""
from __future__ import annotations

import json
import pathlib
from datetime import datetime

import pytest

from extractors.article import extract_article

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"
CORPORA = {
    "sample": (ROOT / "sample" / "manifest.json", ROOT / "sample" / "site"),
    "fixtures": (ROOT / "tests" / "fixtures" / "site" / "manifest.json", ROOT / "tests" / "fixtures" / "site"),
}


def _cases():
    out = []
    for corpus, (manifest, site) in CORPORA.items():
        for art in json.loads(manifest.read_text(encoding="utf-8"))["articles"]:
            out.append(pytest.param(site, art, id=f"{corpus}:{art['id']}"))
    return out


CASES = _cases()


def _ws(s: str | None) -> str:
    return " ".join((s or "").split())


def test_manifests_carry_text():
    assert len(CASES) >= 50
    for case in CASES:
        _, art = case.values
        assert len(art["text"].split("\n\n")) == art["paragraph_count"]
        assert art["text"].startswith(art["first_paragraph"]) and art["text"].endswith(art["last_paragraph"])
        for q in art["quotes"] + art["scare_quotes"]:
            assert art["text"][q["start"]:q["end"]] == q["text"], (art["id"], q["text"])


@pytest.mark.parametrize("site,art", CASES)
def test_sample_page_extraction(site, art):
    html = (site / art["path"]).read_text(encoding="utf-8").replace("{{BASE}}", BASE)
    got = extract_article(html, art["url"].replace("{{BASE}}", BASE))
    assert _ws(got.text) == _ws(art["text"]), (got.text[:300], got.text[-300:])
    assert got.title == art["title"]
    assert list(got.authors) == art["authors"]
    assert got.published is not None
    assert got.published == datetime.fromisoformat(art["published"])
