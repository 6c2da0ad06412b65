#!/usr/bin/env python3
"""Score stance signals against the gold quote targets of the bundled sample corpus.

For every article of ``sample/manifest.json`` and ``tests/fixtures/site/manifest.json`` (syndicated copies skipped: same body, same quotes)
the gold quotes are built as :class:`extractors.quotes.Quote` objects and the article is run
through :func:`extractors.stance.article_signals` with the topic's targets and cues, the way the
pipeline does it. Each gold quote x target pair is then compared with the signal placed on that
quote for that target; a pair with no signal at all counts as "neutral" for the stance figures
and as a miss for target detection.

Figures: macro-F1 over pro/con (a "neutral" answer is a miss, as in SEESAW), macro-F1 over all
three labels, 3-way accuracy, coverage (share of gold pro/con pairs given a pro/con answer),
hedged and conditional flag accuracy (over detected pairs), target detection recall (share of
gold pairs that get any signal), the confusion matrix, and the misses with ``--misses``.

The article body is the manifest's ``text`` when present, else rebuilt from ``sample/src`` with
``scripts/build_sample.py`` (paragraphs joined with "\\n\\n"; the gold offsets index it).

    python scripts/score_stance_sample.py [--manifest M ...] [--topic ukraine-security]
                                          [--floors [tests/quality_floors.json]] [--misses] [--json OUT]

``--floors`` checks the "stance_sample" key of tests/quality_floors.json and exits 1 below a floor.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractors.quotes import Quote  # noqa: E402
from extractors.stance import article_signals  # noqa: E402
from extractors.topic import parse_topic  # noqa: E402
from floors import below_floors  # noqa: E402

LABELS = ("pro", "con", "neutral")
FLOORS_KEY = "stance_sample"


def _rebuilt_bodies(manifest_path: str) -> dict[str, str]:
    """Article id -> body, rebuilt from the sample sources (or the fixture sources)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    try:
        import build_sample as bs  # noqa: PLC0415
    finally:
        sys.path.pop(0)
    fixture = os.path.abspath(manifest_path).startswith(os.path.join(ROOT, "tests"))
    raw = bs.fixtures.FIXTURE_ARTICLES if fixture else bs.articles_2023.ARTICLES + bs.articles_2024.ARTICLES
    return {a["id"]: "\n\n".join(a["body_paras"]) for a in bs.prepare(raw)}


def load_cases(manifest_path: str) -> list[tuple[dict, str]]:
    """(article, body) for every original article of the manifest that has gold quote targets."""
    with open(manifest_path, encoding="utf-8") as fh:
        manifest = json.load(fh)
    arts = [a for a in manifest["articles"] if not a.get("syndicated_of")
            and any(q.get("targets") for q in a.get("quotes", []))]
    bodies: dict[str, str] | None = None
    out = []
    for a in arts:
        body = a.get("text")
        if not isinstance(body, str):
            if bodies is None:
                bodies = _rebuilt_bodies(manifest_path)
            body = bodies[a["id"]]
        for q in a["quotes"]:
            if body[q["start"]:q["end"]] != q["text"]:
                raise SystemExit(f"{a['id']}: quote offsets do not index the body: {q['text'][:40]!r}")
        out.append((a, body))
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: list[tuple[dict, str]], topic) -> dict:
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    pairs = detected = 0
    flag_ok = dict.fromkeys(("hedged", "conditional"), 0)
    misses = []
    for art, body in cases:
        quotes = [Quote(start=q["start"], end=q["end"], text=q["text"], kind=q["kind"], speaker=q["speaker"],
                        role=q.get("role"), speaker_kind=q.get("speaker_kind", "person"),
                        anonymous=q.get("speaker_kind") == "anonymous") for q in art["quotes"]]
        sigs = article_signals(body, quotes, topic.targets, topic.cues)
        by = {(s.quote_index, s.target): s.signal for s in sigs if s.quote_index is not None}
        for qi, q in enumerate(art["quotes"]):
            for gt in q["targets"]:
                pairs += 1
                sig = by.get((qi, gt["target"]))
                pred = sig.label if sig is not None else "neutral"
                confusion[gt["stance"]][pred] += 1
                bad = []
                if sig is not None:
                    detected += 1
                    for flag in flag_ok:
                        if getattr(sig, flag) == bool(gt[flag]):
                            flag_ok[flag] += 1
                        else:
                            bad.append(f"{flag}={getattr(sig, flag)}")
                if sig is None or pred != gt["stance"] or bad:
                    misses.append({
                        "article": art["id"], "quote": qi, "speaker": q["speaker"], "kind": q["kind"],
                        "target": gt["target"], "gold": gt["stance"], "pred": pred if sig else None,
                        "score": sig.score if sig else None, "cues": list(sig.cues) if sig else [],
                        "flags": bad, "text": q["text"]})
    tp = {c: confusion[c][c] for c in LABELS}
    fp = {c: sum(confusion[g][c] for g in LABELS if g != c) for c in LABELS}
    fn = {c: sum(confusion[c][p] for p in LABELS if p != c) for c in LABELS}
    polar = sum(sum(confusion[g].values()) for g in ("pro", "con"))
    answered = sum(confusion[g][p] for g in ("pro", "con") for p in ("pro", "con"))
    return {
        "pairs": pairs,
        "macro_f1": round((f1(tp["pro"], fp["pro"], fn["pro"]) + f1(tp["con"], fp["con"], fn["con"])) / 2, 4),
        "f1_pro": round(f1(tp["pro"], fp["pro"], fn["pro"]), 4),
        "f1_con": round(f1(tp["con"], fp["con"], fn["con"]), 4),
        "macro_f1_3way": round(sum(f1(tp[c], fp[c], fn[c]) for c in LABELS) / 3, 4),
        "accuracy": round(sum(tp.values()) / pairs, 4) if pairs else 0.0,
        "coverage": round(answered / polar, 4) if polar else 0.0,
        "hedged_accuracy": round(flag_ok["hedged"] / detected, 4) if detected else 0.0,
        "conditional_accuracy": round(flag_ok["conditional"] / detected, 4) if detected else 0.0,
        "detection_recall": round(detected / pairs, 4) if pairs else 0.0,
        "undetected": pairs - detected,
        "confusion": confusion,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", action="append",
                    help="a manifest (repeatable); default sample/manifest.json and tests/fixtures/site/manifest.json")
    ap.add_argument("--topic", default=os.path.join(ROOT, "topics", "ukraine-security.toml"),
                    help="a topic file, or a topic name under topics/")
    ap.add_argument("--floors", nargs="?", const=os.path.join(ROOT, "tests", "quality_floors.json"),
                    help=f"check the {FLOORS_KEY!r} floors in this file (default tests/quality_floors.json)")
    ap.add_argument("--misses", action="store_true", help="list every wrong or undetected pair")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)

    path = args.topic if os.path.exists(args.topic) else os.path.join(ROOT, "topics", f"{args.topic}.toml")
    with open(path, encoding="utf-8") as fh:
        topic = parse_topic(fh.read(), path)
    manifests = args.manifest or [os.path.join(ROOT, "sample", "manifest.json"),
                                  os.path.join(ROOT, "tests", "fixtures", "site", "manifest.json")]
    result = score([c for m in manifests for c in load_cases(m)], topic)
    for k, v in result.items():
        if k not in ("confusion", "misses"):
            print(f"{k:22} {v}")
    print("confusion (rows gold, columns predicted):")
    print(f"  {'':8}" + "".join(f"{p:>9}" for p in LABELS))
    for g in LABELS:
        print(f"  {g:8}" + "".join(f"{result['confusion'][g][p]:>9}" for p in LABELS))
    if args.misses:
        for m in result["misses"]:
            got = "NO SIGNAL" if m["pred"] is None else f"{m['pred']} ({m['score']:+.2f})"
            print(f"  miss {m['article']}#{m['quote']} {m['target']}: gold {m['gold']} got {got} "
                  f"{' '.join(m['flags'])} cues={m['cues']} [{m['kind']}, {m['speaker']}] {m['text'][:140]!r}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)

    below = below_floors(result, FLOORS_KEY, args.floors, required=True) if args.floors else []
    if not result["pairs"]:
        below.append("no gold quote targets found")
    for b in below:
        print(f"BELOW FLOOR: {b}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
