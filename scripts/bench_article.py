#!/usr/bin/env python3
"""Time extractors.article.extract_article single-process and print pages per second (CPU time of the process; --wall for wall clock).

Pages: the golden fixtures (tests/fixtures/article/*.html, decoded as the scorer does) and the
synthetic sample site (sample/site/**/*.html, {{BASE}} replaced by http://127.0.0.1:8765);
optionally a folder of gzipped pages such as ../shared/data/fundus-pages (--fundus DIR).
Pages are decoded before timing, so the figure is extraction only. The first pass warms the
lazy imports (trafilatura, py3langid model) and is not counted.

    python scripts/bench_article.py [--repeat 3] [--fundus ../shared/data/fundus-pages]
                                    [--profile [--top 30]] [--json OUT]
"""
from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.article import decode_html, extract_article  # noqa: E402

BASE = "http://127.0.0.1:8765"


def load_pages(fundus: str | None = None) -> dict[str, list[tuple[str, str | None]]]:
    """{'fixtures': [(html, url)], 'sample': [...], 'fundus': [...]} (fundus only when asked)."""
    sets: dict[str, list[tuple[str, str | None]]] = {"fixtures": [], "sample": []}
    fix = ROOT / "tests" / "fixtures" / "article"
    for p in sorted(fix.glob("*.html")):
        exp_p = p.with_suffix(".json")
        exp = json.loads(exp_p.read_text(encoding="utf-8")) if exp_p.exists() else {}
        sets["fixtures"].append((decode_html(p.read_bytes(), exp.get("content_type")), exp.get("url")))
    site = ROOT / "sample" / "site"
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        html = p.read_text(encoding="utf-8").replace("{{BASE}}", BASE)
        sets["sample"].append((html, f"{BASE}/{rel}"))
    if fundus:
        root = pathlib.Path(fundus)
        sets["fundus"] = []
        for line in open(root / "expected.jsonl", encoding="utf-8"):
            r = json.loads(line)
            html = gzip.decompress((root / r["file"]).read_bytes()).decode("utf-8", errors="replace")
            sets["fundus"].append((html, r.get("url")))
    return sets


def run(pages, repeat: int, clock=time.process_time) -> float:
    """Fastest of `repeat` passes. CPU time of this process by default: on a shared machine the
    wall clock mostly measures the neighbours (--wall for wall-clock time)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        for html, url in pages:
            extract_article(html, url)
        best = min(best, clock() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes per set; the fastest is reported")
    ap.add_argument("--fundus", help="folder with expected.jsonl and gzipped pages")
    ap.add_argument("--profile", action="store_true", help="cProfile one pass over all sets")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--wall", action="store_true", help="wall-clock instead of process CPU time")
    ap.add_argument("--json")
    args = ap.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    sets = load_pages(args.fundus)
    for pages in sets.values():  # warm-up: lazy imports and model loading
        for html, url in pages[:3]:
            extract_article(html, url)
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for pages in sets.values():
            for html, url in pages:
                extract_article(html, url)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0
    result = {}
    total_pages = total_time = 0.0
    for name, pages in sets.items():
        if not pages:
            continue
        secs = max(run(pages, args.repeat, clock), 1e-9)
        kb = sum(len(h) for h, _ in pages) / len(pages) / 1000
        result[name] = {"pages": len(pages), "seconds": round(secs, 3),
                        "pages_per_second": round(len(pages) / secs, 1), "mean_kchars": round(kb, 1)}
        total_pages += len(pages)
        total_time += secs
        print(f"{name:10} {len(pages):4d} pages  {secs:7.3f} s  {len(pages) / secs:7.1f} pages/s"
              f"  (mean {kb:.0f}k chars)")
    if total_time:
        result["all"] = {"pages": int(total_pages), "pages_per_second": round(total_pages / total_time, 1)}
        print(f"{'all':10} {int(total_pages):4d} pages  {total_time:7.3f} s  {total_pages / total_time:7.1f} pages/s")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
