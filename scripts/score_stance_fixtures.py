#!/usr/bin/env python3
"""Score the stance extractor on the labelled fixtures in tests/fixtures/stance/*.jsonl.

Each fixture line: {"id", "target" (a target name of the topic), "source" (or null for the
author), "sentence", "label" (pro|con|neutral), optional "hedged"/"conditional" (true when the
flag must be set), "checks" (what the case checks)}. Fixtures are scored the way the pipeline
scores them: the topic's Target (its regex) and the topic's cue lexicons.

Prints accuracy, macro-F1 over pro/con/neutral, macro-F1 over pro/con (SEESAW-style: a
"neutral" answer is a miss), coverage (share of pro/con fixtures given a non-neutral answer),
flag accuracy and the failures. Exits 1 when a figure is below its floor in
tests/quality_floors.json, key "stance" (e.g. {"macro_f1": 0.8, "coverage": 0.8}).

    python scripts/score_stance_fixtures.py [--fixtures DIR] [--topic topics/ukraine-security.toml]
                                            [--floors tests/quality_floors.json] [--json OUT]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractors.stance import target_stance  # noqa: E402
from extractors.topic import parse_topic  # noqa: E402
from floors import below_floors  # noqa: E402

LABELS = ("pro", "con", "neutral")


def load_fixtures(folder: str) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    row = json.loads(line)
                    row.setdefault("id", f"{os.path.basename(path)}:{n}")
                    rows.append(row)
    return rows


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(rows: list[dict], topic) -> dict:
    tp = dict.fromkeys(LABELS, 0)
    fp = dict.fromkeys(LABELS, 0)
    fn = dict.fromkeys(LABELS, 0)
    correct = flags_ok = flags_n = polar = polar_answered = 0
    failures = []
    for row in rows:
        sig = target_stance(row["sentence"], topic.target(row["target"]), row.get("source"), topic.cues)
        gold, pred = row["label"], sig.label
        ok = gold == pred
        if ok:
            correct += 1
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
        if gold != "neutral":
            polar += 1
            polar_answered += pred != "neutral"
        bad_flags = []
        for flag in ("hedged", "conditional"):
            want = bool(row.get(flag, False))
            flags_n += 1
            if getattr(sig, flag) == want:
                flags_ok += 1
            else:
                bad_flags.append(f"{flag}={getattr(sig, flag)}")
        if not ok or bad_flags:
            failures.append({"id": row["id"], "gold": gold, "pred": pred, "score": sig.score,
                             "cues": list(sig.cues), "flags": bad_flags, "checks": row.get("checks", "")})
    n = len(rows)
    return {
        "fixtures": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1_3way": round(sum(f1(tp[c], fp[c], fn[c]) for c in LABELS) / 3, 4),
        "macro_f1": round((f1(tp["pro"], fp["pro"], fn["pro"]) + f1(tp["con"], fp["con"], fn["con"])) / 2, 4),
        "coverage": round(polar_answered / polar, 4) if polar else 0.0,
        "flag_accuracy": round(flags_ok / flags_n, 4) if flags_n else 0.0,
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "tests", "fixtures", "stance"))
    ap.add_argument("--topic", default=os.path.join(ROOT, "topics", "ukraine-security.toml"))
    ap.add_argument("--floors", default=os.path.join(ROOT, "tests", "quality_floors.json"))
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)

    with open(args.topic, encoding="utf-8") as fh:
        topic = parse_topic(fh.read(), args.topic)
    result = score(load_fixtures(args.fixtures), topic)
    for k, v in result.items():
        if k != "failures":
            print(f"{k:16} {v}")
    for f in result["failures"]:
        print(f"  miss {f['id']}: gold {f['gold']} got {f['pred']} ({f['score']:+.2f}) "
              f"{' '.join(f['flags'])} cues={f['cues']} -- {f['checks']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)

    below = below_floors(result, "stance", args.floors)
    if not result["fixtures"]:
        below.append("no fixtures found")
    for b in below:
        print(f"BELOW FLOOR: {b}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
