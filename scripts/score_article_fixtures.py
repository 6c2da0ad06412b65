#!/usr/bin/env python3
"""Score extractors.article on the golden fixtures in tests/fixtures/article/.

Each <name>.html (bytes; decoded with decode_html and the fixture's content_type) has a
<name>.json of expectations: must_contain / must_not_contain text snippets, title, authors,
published (ISO, compared as instants; null = must be None), language, canonical_url, empty.
Prints per-check accuracy and exits 1 when any figure is below the floors under key "article"
in tests/quality_floors.json (or --floors FILE).

    python scripts/score_article_fixtures.py [--verbose] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from datetime import datetime

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.article import decode_html, extract_article  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "article"
FLOORS = ROOT / "tests" / "quality_floors.json"


def _fold(s) -> str:
    return " ".join(str(s or "").casefold().split())


def check_fixture(name: str) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for every expectation of one fixture."""
    exp = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    html = decode_html((FIXTURES / f"{name}.html").read_bytes(), exp.get("content_type"))
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
    rows = [(n, c, ok, d) for n in names for c, ok, d in check_fixture(n)]
    figures: dict = {"fixtures": len(names), "checks": len(rows)}
    for check in sorted({c for _, c, _, _ in rows}):
        sel = [ok for _, c, ok, _ in rows if c == check]
        figures[check] = round(sum(sel) / len(sel), 4)
    figures["all_checks"] = round(sum(ok for *_, ok, _ in rows) / len(rows), 4) if rows else 0.0
    return figures, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--floors", default=str(FLOORS))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    figures, rows = score()
    for k, v in figures.items():
        print(f"{k:20} {v}")
    for n, c, ok, d in rows:
        if args.verbose or not ok:
            print(f"  {'ok  ' if ok else 'FAIL'} {n}: {c}: {d}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=2))
    floors_path = pathlib.Path(args.floors)
    floors = json.loads(floors_path.read_text()).get("article", {}) if floors_path.exists() else {}
    below = [f"{k}: {figures.get(k)} < {v}" for k, v in floors.items()
             if isinstance(v, (int, float)) and (figures.get(k) is None or figures[k] < v)]
    for b in below:
        print(f"BELOW FLOOR {b}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
