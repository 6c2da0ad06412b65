#!/usr/bin/env python3
"""Score extractors.article on the golden fixtures in tests/fixtures/article/, with a CI gate.

Each <name>.html (bytes; decoded with decode_html and the fixture's content_type) has a
<name>.json: url, the expected main `text` (paragraphs joined by blank lines), title, authors,
published (ISO, compared as instants; null = must be None), language, canonical_url, empty, and
must_contain / must_not_contain snippets.

Figures: text precision/recall/F1 of word 4-gram shingles (the measure of ../shared/eval/
score_article.py: tokens are \\w+ runs, per-page precision and recall, mean over pages, F1 of
the means), title/authors/published/language/canonical accuracy, and the snippet checks.

Gate: the floors under "article" in tests/quality_floors.json carry `corpus_sha256`, a hash of
the fixture files. When the fixtures change the gate refuses to score (exit 2) until the floors
are re-pinned with --pin; --pin never lowers a floor without --allow-lower, and prints every
floor it moves. Exit 1 when a figure is below its floor.

    python scripts/score_article_fixtures.py [--verbose] [--json OUT] [--baselines]
    python scripts/score_article_fixtures.py --pin [--allow-lower]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import re
import sys
import time
from collections import Counter
from datetime import datetime

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.article import decode_html, extract_article  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "article"
FLOORS = ROOT / "tests" / "quality_floors.json"
WORD = re.compile(r"\w+")
GATED = ("text_f1", "text_precision", "text_recall", "title", "authors", "published", "language",
         "canonical_url", "text_present", "boilerplate_absent", "empty_with_reason", "all_checks")


def corpus_hash(folder: pathlib.Path = FIXTURES) -> str:
    """sha256 over the names and bytes of every fixture file (.html and .json)."""
    h = hashlib.sha256()
    for p in sorted(folder.glob("*")):
        if p.suffix in (".html", ".json"):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def shingles(text: str) -> Counter:
    toks = WORD.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def page_pr(pred: str, true: str) -> tuple[float | None, float | None]:
    """Shingle precision (None when nothing was extracted) and recall (None when nothing is expected)."""
    p, t = shingles(pred), shingles(true)
    tp = sum((p & t).values())
    return (tp / sum(p.values()) if p else None), (tp / sum(t.values()) if t else None)


def text_figures(pairs: list[tuple[str, str]]) -> dict:
    """Mean shingle precision over pages with output (an empty output on an empty-gold page counts
    1.0), mean recall over pages with gold text, F1 of the two means."""
    precs, recs = [], []
    for pred, gold in pairs:
        p, r = page_pr(pred, gold)
        if p is not None:
            precs.append(p if gold.strip() else 0.0)
        elif not gold.strip():
            precs.append(1.0)
        if r is not None:
            recs.append(r)
    P = sum(precs) / len(precs) if precs else 0.0
    R = sum(recs) / len(recs) if recs else 0.0
    return {"text_precision": round(P, 4), "text_recall": round(R, 4),
            "text_f1": round(2 * P * R / (P + R), 4) if P + R else 0.0}


def _fold(s) -> str:
    return " ".join(str(s or "").casefold().split())


def load_fixture(name: str) -> tuple[str, dict]:
    exp = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return decode_html((FIXTURES / f"{name}.html").read_bytes(), exp.get("content_type")), exp


def check_fixture(name: str, art=None) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for every expectation of one fixture."""
    html, exp = load_fixture(name)
    if art is None:
        art = extract_article(html, exp.get("url"))
    text = " ".join(art.text.split())
    out: list[tuple[str, bool, str]] = []
    for snip in exp.get("must_contain", []):
        out.append(("text_present", " ".join(snip.split()) in text, snip[:60]))
    for snip in exp.get("must_not_contain", []):
        out.append(("boilerplate_absent", snip not in text, snip[:60]))
    if "empty" in exp:
        ok = (not art.text and bool(art.reason)) if exp["empty"] else bool(art.text)
        out.append(("empty_with_reason", ok, f"text={art.text[:40]!r} reason={art.reason!r}"))
    if "title" in exp:
        out.append(("title", _fold(art.title) == _fold(exp["title"]), f"{art.title!r}"))
    if "authors" in exp:
        out.append(("authors", [_fold(a) for a in art.authors] == [_fold(a) for a in exp["authors"]],
                    f"{art.authors!r}"))
    if "published" in exp:
        want = exp["published"]
        if want is None:
            ok = art.published is None
        else:
            ok = art.published is not None and art.published.tzinfo is not None and \
                art.published == datetime.fromisoformat(want)
        out.append(("published", ok, f"{art.published!r}"))
    if "language" in exp:
        out.append(("language", art.language == exp["language"], f"{art.language!r}"))
    if "canonical_url" in exp:
        out.append(("canonical_url", art.canonical_url == exp["canonical_url"], f"{art.canonical_url!r}"))
    return out


def score() -> tuple[dict, list[tuple[str, str, bool, str]]]:
    names = sorted(p.stem for p in FIXTURES.glob("*.html"))
    rows, pairs = [], []
    for n in names:
        html, exp = load_fixture(n)
        art = extract_article(html, exp.get("url"))
        rows += [(n, c, ok, d) for c, ok, d in check_fixture(n, art)]
        if "text" in exp or exp.get("empty"):
            pairs.append((art.text, exp.get("text", "")))
    figures: dict = {"fixtures": len(names), "checks": len(rows), "text_pages": len(pairs)}
    figures.update(text_figures(pairs))
    for check in sorted({c for _, c, _, _ in rows}):
        sel = [ok for _, c, ok, _ in rows if c == check]
        figures[check] = round(sum(sel) / len(sel), 4)
    figures["all_checks"] = round(sum(ok for *_, ok, _ in rows) / len(rows), 4) if rows else 0.0
    return figures, rows


# ---------------------------------------------------------------- baselines

def _bs4_body(html: str, url) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for el in soup(["script", "style", "noscript", "template"]):
        el.decompose()
    body = soup.body or soup
    return body.get_text("\n", strip=True)


def _readability(html: str, url) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def _trafilatura(html: str, url) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def _ours(html: str, url) -> str:
    return extract_article(html, url).text


BASELINES = {"bs4 body get_text": _bs4_body, "readability-lxml": _readability,
             "trafilatura.extract": _trafilatura, "extract_article": _ours}


def baselines() -> dict[str, dict]:
    """Text shingle figures and pages/s of each extractor on the fixtures (pages with gold text)."""
    import logging

    logging.disable(logging.CRITICAL)
    fixtures = [load_fixture(p.stem) for p in sorted(FIXTURES.glob("*.html"))]
    fixtures = [(h, e) for h, e in fixtures if "text" in e or e.get("empty")]
    out = {}
    for label, fn in BASELINES.items():
        pairs, spent = [], 0.0
        for html, exp in fixtures:
            t0 = time.process_time()
            try:
                got = fn(html, exp.get("url"))
            except Exception:  # noqa: BLE001 - a baseline failing on a page scores as empty
                got = ""
            spent += time.process_time() - t0
            pairs.append((got, exp.get("text", "")))
        out[label] = text_figures(pairs) | {"pages_per_second": round(len(pairs) / spent, 1) if spent else None}
    logging.disable(logging.NOTSET)
    return out


# ---------------------------------------------------------------- gate

def pin(floors_path: pathlib.Path, figures: dict, allow_lower: bool) -> int:
    data = json.loads(floors_path.read_text(encoding="utf-8")) if floors_path.exists() else {}
    old = data.get("article", {})
    new = {k: v for k, v in old.items() if k.startswith("_")}
    lowered = []
    for k in GATED:
        if k not in figures:
            continue
        prev = old.get(k)
        if isinstance(prev, (int, float)) and figures[k] < prev:
            lowered.append(f"{k}: {prev} -> {figures[k]}")
        new[k] = figures[k]
    if lowered and not allow_lower:
        print("refusing to lower floors (re-run with --allow-lower if that is intended):", file=sys.stderr)
        for line in lowered:
            print(f"  {line}", file=sys.stderr)
        return 1
    for line in lowered:
        print(f"LOWERED {line}")
    new["fixtures"] = figures["fixtures"]
    new["corpus_sha256"] = corpus_hash()
    data["article"] = new
    floors_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"pinned {len(GATED)} article floors and corpus hash {new['corpus_sha256'][:12]} in {floors_path}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--floors", default=str(FLOORS))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--baselines", action="store_true", help="also score bs4/readability/trafilatura side by side")
    ap.add_argument("--pin", action="store_true", help="write the current figures and corpus hash as the floors")
    ap.add_argument("--allow-lower", action="store_true", help="with --pin: allow a floor to go down")
    args = ap.parse_args()
    floors_path = pathlib.Path(args.floors)
    floors = json.loads(floors_path.read_text(encoding="utf-8")).get("article", {}) if floors_path.exists() else {}
    digest = corpus_hash()
    if not args.pin and floors and floors.get("corpus_sha256") != digest:
        print(f"fixture corpus changed: hash {digest[:12]} != pinned {str(floors.get('corpus_sha256'))[:12]}.\n"
              f"Check the new figures, then re-pin the floors with\n"
              f"    python scripts/score_article_fixtures.py --pin\n"
              f"(it refuses to lower a floor unless --allow-lower is given) and commit {floors_path.name}.",
              file=sys.stderr)
        return 2
    figures, rows = score()
    figures["corpus_sha256"] = digest
    for k, v in figures.items():
        print(f"{k:20} {v}")
    for n, c, ok, d in rows:
        if args.verbose or not ok:
            print(f"  {'ok  ' if ok else 'FAIL'} {n}: {c}: {d}")
    if args.baselines:
        table = baselines()
        print(f"\n{'extractor':22} {'text P':>7} {'text R':>7} {'text F1':>7} {'pages/s':>8}")
        for label, f in table.items():
            print(f"{label:22} {f['text_precision']:7.3f} {f['text_recall']:7.3f} {f['text_f1']:7.3f} "
                  f"{f['pages_per_second'] or 0:8.1f}")
        figures["baselines"] = table
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=2))
    if args.pin:
        return pin(floors_path, figures, args.allow_lower)
    below = [f"{k}: {figures.get(k)} < {v}" for k, v in floors.items()
             if k in GATED and isinstance(v, (int, float)) and (figures.get(k) is None or figures[k] < v)]
    for b in below:
        print(f"BELOW FLOOR {b}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
