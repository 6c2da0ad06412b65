#!/usr/bin/env python3
"""Score extractors.quotes over tests/fixtures/quotes and enforce the floors in
tests/quality_floors.json (key "quotes"). Exits 1 below a floor.

    python scripts/score_quotes_fixtures.py            # print figures, check floors
    python scripts/score_quotes_fixtures.py --json     # figures as JSON

Metrics: direct recall (expected direct/partial quotes found with the same text), all recall
(every expected quote), precision (predicted quotes that match an expected quote or overlap a
fixture that is not marked complete), speaker accuracy (found quotes whose speaker equals the
expected one, where one is expected).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.quotes import extract_quotes  # noqa: E402
from floors import below_floors  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
FLOORS = ROOT / "tests" / "quality_floors.json"


def _norm(s: str) -> str:
    return s.strip().strip(",;: ").strip()


def load_fixtures() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(FIXTURES.glob("*.json"))]


def match(expected: dict, quotes) -> object | None:
    for q in quotes:
        if _norm(q.text) == _norm(expected["text"]):
            return q
    return None


def score() -> dict:
    n_dir = hit_dir = n_all = hit_all = n_pred = pred_ok = spk_n = spk_ok = 0
    for _, fx in load_fixtures():
        quotes = extract_quotes(fx["text"])
        exp_texts = {_norm(e["text"]) for e in fx["quotes"]}
        for q in quotes:
            n_pred += 1
            if _norm(q.text) in exp_texts or not fx.get("complete", True) and not any(
                    a in q.text for a in fx.get("absent", [])):
                pred_ok += 1
        for e in fx["quotes"]:
            q = match(e, quotes)
            n_all += 1
            hit_all += q is not None
            if e.get("kind") in ("direct", "partial"):
                n_dir += 1
                hit_dir += q is not None
            if q is not None and "speaker" in e:
                spk_n += 1
                spk_ok += q.speaker == e["speaker"]
    r = lambda a, b: round(a / b, 4) if b else 1.0
    return {"direct_recall": r(hit_dir, n_dir), "all_recall": r(hit_all, n_all),
            "precision": r(pred_ok, n_pred), "speaker_accuracy": r(spk_ok, spk_n),
            "fixtures": len(load_fixtures()), "expected": n_all, "predicted": n_pred}


def check(figures: dict) -> list[str]:
    return below_floors(figures, "quotes", FLOORS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    figures = score()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:18} {v}")
    failures = check(figures)
    for f in failures:
        print("BELOW FLOOR:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
