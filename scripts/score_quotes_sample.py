#!/usr/bin/env python3
"""Score extractors.quotes + extractors.speakers against the synthetic sample corpus ground truth.

    python scripts/score_quotes_sample.py              # sample/manifest.json
    python scripts/score_quotes_sample.py --fixtures   # tests/fixtures/site/manifest.json
    python scripts/score_quotes_sample.py --floors     # also check "quotes_sample" in tests/quality_floors.json
    python scripts/score_quotes_sample.py --json       # figures as JSON
    python scripts/score_quotes_sample.py --errors     # list misses, false positives, wrong speakers/roles

The body text of an article is its manifest `text` (paragraphs joined with "\\n\\n"); when the
manifest has no `text` yet it is rebuilt from sample/src with scripts/build_sample.py.

Matching: a prediction matches a gold quote when their character spans overlap by at least half
of the shorter one (the PolNeAR rule); each gold quote is matched at most once (best overlap).
Metrics:
    direct recall     gold direct/partial quotes matched
    all recall        every gold quote matched
    precision         predictions that match a gold quote (scare quotes are not gold quotes)
    speaker accuracy  matched pairs whose predicted speaker (resolve_speakers name, else the quote's
                      speaker) equals the gold speaker: the full name for persons, the description for
                      anonymous/organisation speakers; case-insensitive, a leading "the" ignored
    kind accuracy     matched pairs whose speaker kind (person/organisation/anonymous) is right
    role accuracy     matched pairs whose gold speaker has a role: the predicted role (the quote's role,
                      else the first of the speaker's roles) fits the gold role - at least two thirds
                      of its content words are in the gold role (nationality adjectives count as the
                      country) and one of the shared words is not a country
    country accuracy  matched pairs whose gold speaker has a country: resolve_speakers country equals it
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.quotes import extract_quotes  # noqa: E402
from extractors.speakers import resolve_speakers  # noqa: E402
from floors import below_floors  # noqa: E402

SAMPLE = ROOT / "sample" / "manifest.json"
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site" / "manifest.json"
FLOORS = ROOT / "tests" / "quality_floors.json"
FLOOR_KEY = "quotes_sample"

_ADJ = {"german": "germany", "french": "france", "hungarian": "hungary", "polish": "poland",
        "ukrainian": "ukraine", "russian": "russia", "british": "uk", "estonian": "estonia",
        "us": "us", "u.s.": "us", "american": "us", "united": "us", "states": "us", "dutch": "netherlands",
        "kingdom": "uk", "britain": "uk", "lithuanian": "lithuania", "finnish": "finland"}
_COUNTRYISH = set(_ADJ.values()) | {"nato", "europe", "european"}
_STOP = {"of", "the", "a", "an", "for", "and", "at", "to", "in", "fictional", "think", "tank",
         "club", "town"}


def _role_words(s: str) -> set[str]:
    s = re.sub(r"[\u2019']s\b", "", s.lower())
    out = set()
    for w in re.findall(r"[a-z][a-z.]*[a-z]|[a-z]", s):
        w = _ADJ.get(w, w)
        if w not in _STOP:
            out.add(w)
    return out


def role_fits(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    p, g = _role_words(pred), _role_words(gold)
    shared = p & g
    return bool(p) and len(shared) / len(p) >= 2 / 3 and bool(shared - _COUNTRYISH)


def _same_speaker(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    norm = lambda s: re.sub(r"^the\s+", "", s.strip().lower().replace("\u2019", "'"))
    return norm(pred) == norm(gold)


def _rebuilt_bodies(fixtures: bool) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_sample  # noqa: E402  (stdlib only, data in sample/src)
    raw = (build_sample.fixtures.FIXTURE_ARTICLES if fixtures else
           build_sample.articles_2023.ARTICLES + build_sample.articles_2024.ARTICLES)
    return {a["id"]: "\n\n".join(a["body_paras"]) for a in build_sample.prepare(raw)}


def load_articles(fixtures: bool = False) -> list[tuple[dict, str]]:
    manifest = json.loads((FIXTURE_SITE if fixtures else SAMPLE).read_text(encoding="utf-8"))
    arts = manifest["articles"]
    bodies = None
    out = []
    for a in arts:
        text = a.get("text")
        if text is None:
            if bodies is None:
                bodies = _rebuilt_bodies(fixtures)
            text = bodies[a["id"]]
        out.append((a, text))
    return out


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score(fixtures: bool = False, errors: list[str] | None = None) -> dict:
    arts = load_articles(fixtures)
    n_dir = hit_dir = n_all = hit_all = n_pred = pred_ok = 0
    spk_n = spk_ok = kind_ok = role_n = role_ok = cty_n = cty_ok = 0
    t0 = time.perf_counter()
    for a, text in arts:
        for g in a["quotes"]:
            assert text[g["start"]:g["end"]] == g["text"], (a["id"], g["text"])
        quotes = extract_quotes(text)
        speakers = resolve_speakers(quotes, [])
        gold = a["quotes"]
        # best gold for each prediction, then each gold keeps its best prediction
        pairs = []
        for pi, q in enumerate(quotes):
            for gi, g in enumerate(gold):
                ov = _overlap(q.start, q.end, g["start"], g["end"])
                shorter = min(q.end - q.start, g["end"] - g["start"]) or 1
                if ov / shorter >= 0.5:
                    pairs.append((ov, pi, gi))
        pairs.sort(reverse=True)
        gold_of: dict[int, int] = {}
        pred_of: dict[int, int] = {}
        for ov, pi, gi in pairs:
            if pi in gold_of or gi in pred_of:
                continue
            gold_of[pi], pred_of[gi] = gi, pi
        matched_any = {pi for _, pi, _ in pairs}
        n_pred += len(quotes)
        pred_ok += len(matched_any)
        if errors is not None:
            for pi, q in enumerate(quotes):
                if pi not in matched_any:
                    errors.append(f"FP   {a['id']}: [{q.kind}] {q.text[:90]!r} <- {q.speaker!r} ({q.cue})")
        for gi, g in enumerate(gold):
            pi = pred_of.get(gi)
            n_all += 1
            direct = g["kind"] in ("direct", "partial")
            n_dir += direct
            if pi is None:
                if errors is not None:
                    errors.append(f"MISS {a['id']}: [{g['kind']}] {g['text'][:90]!r} <- {g['speaker']!r}")
                continue
            hit_all += 1
            hit_dir += direct
            q, sp = quotes[pi], speakers[pi]
            name = sp.name if sp is not None else q.speaker
            spk_n += 1
            ok = _same_speaker(name, g["speaker"])
            spk_ok += ok
            kind_ok += (sp.kind if sp is not None else None) == g["speaker_kind"]
            if errors is not None and not ok:
                errors.append(f"SPK  {a['id']}: {g['text'][:60]!r} got {name!r} want {g['speaker']!r}")
            if g.get("role") and g["speaker_kind"] == "person":
                role_n += 1
                pred_role = q.role or (sp.roles[0] if sp is not None and sp.roles else None)
                rok = role_fits(pred_role, g["role"])
                role_ok += rok
                if errors is not None and not rok:
                    errors.append(f"ROLE {a['id']}: {g['speaker']!r} got {pred_role!r} want {g['role']!r}")
            if g.get("country"):
                cty_n += 1
                cty_ok += sp is not None and sp.country == g["country"]
    secs = time.perf_counter() - t0
    r = lambda x, y: round(x / y, 4) if y else 1.0
    return {"direct_recall": r(hit_dir, n_dir), "all_recall": r(hit_all, n_all),
            "precision": r(pred_ok, n_pred), "speaker_accuracy": r(spk_ok, spk_n),
            "kind_accuracy": r(kind_ok, spk_n), "role_accuracy": r(role_ok, role_n),
            "country_accuracy": r(cty_ok, cty_n),
            "articles": len(arts), "gold": n_all, "gold_direct": n_dir, "predicted": n_pred,
            "docs_per_second": round(len(arts) / secs, 1) if secs else None}


def check(figures: dict) -> list[str]:
    return below_floors(figures, FLOOR_KEY, FLOORS, required=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", action="store_true", help="score tests/fixtures/site instead of sample/")
    ap.add_argument("--floors", action="store_true", help=f"exit 1 below the {FLOOR_KEY!r} floors")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list every error")
    args = ap.parse_args(argv)
    errs: list[str] | None = [] if args.errors else None
    figures = score(args.fixtures, errs)
    for e in errs or []:
        print(e)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:18} {v}")
    if not args.floors:
        return 0
    failures = check(figures)
    for f in failures:
        print("BELOW FLOOR:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
