#!/usr/bin/env python3
"""`make bench`: how fast stancewire is, stage by stage and end to end, on this machine.

    python scripts/bench.py [--sizes 1000 10000] [--feeds 1000] [--quotes 1000000] [--write docs/benchmarks.md]

A generated corpus (scripts/benchsite.py, served from its own process on 127.0.0.1) of N article
pages over K feeds. Stages are timed one at a time on the same pages; the floor is cleaning +
quotes + stance in a plain single-process loop, timed again after each end-to-end run (each run's
ratio is to the mean of the floors just before and after it); end to end is a real `stancewire
ingest` run (Prefect, HTTP, worker processes, DuckDB) in a subprocess; peak RSS is each process's VmHWM read
from /proc during the run (not wait4's ru_maxrss: Linux keeps a process's high-water mark across
exec, so a child forked from this large benchmark process reports at least this process's size).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy  # noqa: F401  (the loader imports it on first use; imported here, it is not timed as loading)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

from extractors.article import decode_html, extract_article  # noqa: E402
from extractors.feeds import parse_feed  # noqa: E402
from extractors.quotes import extract_quotes  # noqa: E402
from extractors.stance import article_signals  # noqa: E402
from flows.config import load_topic  # noqa: E402
from flows.fetch import FetchConfig, Fetcher  # noqa: E402
from flows.process import PageJob, process_page  # noqa: E402
from warehouse import connect  # noqa: E402
from warehouse.load import (ARTICLE_CASTS, ARTICLE_COLUMNS, QUOTE_COLUMNS, SIGNAL_COLUMNS, _bulk_insert,  # noqa: E402
                            load_articles)
from flows.ingest import LOAD_BATCH  # noqa: E402
from warehouse.pagestore import store_dir  # noqa: E402
from warehouse.records import Page  # noqa: E402

FETCH = FetchConfig(min_delay=0, per_host=8, retries=0, respect_robots=False)


class Site:
    def __init__(self, n: int, feeds: int):
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "benchsite.py"), "--n", str(n),
                                      "--feeds", str(feeds)], stdout=subprocess.PIPE, text=True)
        self.base = self.proc.stdout.readline().split()[1]
        self.n, self.feeds = n, feeds

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def timed_frozen(fn):
    """:func:`timed` with the heap that exists now frozen, as the flow freezes it for its run (the
    loader's windows are timed under the same garbage collection as in the flow)."""
    gc.freeze()
    try:
        return timed(fn)
    finally:
        gc.unfreeze()


def stages(site: Site, m: int, topic) -> tuple[dict, tuple[list, list]]:
    """Each stage alone, on the same m pages (and the site's feeds); also the floor's inputs (the
    pages and their jobs), to time the floor again later."""
    r = {}
    with Fetcher(FETCH) as f, ThreadPoolExecutor(8) as pool:
        feed_urls = [f"{site.base}/feeds/{k}.xml" for k in range(site.feeds)]
        bodies, t_fetch_feeds = timed(lambda: list(pool.map(lambda u: f.get(u, "feed").body, feed_urls)))
        parse_feed(bodies[0], feed_urls[0])  # first use (imports, compiled patterns) not timed
        parsed, t = timed(lambda: [parse_feed(b, u) for b, u in zip(bodies, feed_urls)])
        r["feed parsing"] = (rate(len(parsed), t), "feeds/s", f"{sum(len(p.entries) for p in parsed)} entries")
        urls = [f"{site.base}/articles/{i}.html" for i in range(m)]
        results, t = timed(lambda: list(pool.map(lambda u: f.get(u, "page"), urls)))
        size = sum(len(x.body or b"") for x in results)
        r["page fetch (8 threads)"] = (rate(m, t), "pages/s", f"{size / m / 1024:.0f} KiB/page")
    pages = [Page(url=x.url, final_url=x.final_url, status=x.status, headers=x.headers, fetched_at=x.fetched_at,
                  body=x.body) for x in results]
    htmls = [decode_html(p.body, p.headers.get("content-type")) for p in pages]
    # one page through every extractor first: what they still build on first use (the topic's stance
    # tables, compiled patterns) is not part of any stage's rate (trafilatura and the language-id
    # model load when extractors.article is imported, above)
    process_page(pages[0], PageJob(url=pages[0].url, feed_url=None, outlet=None), topic)
    arts, t = timed(lambda: [extract_article(h, p.url) for h, p in zip(htmls, pages)])
    r["cleaning"] = (rate(m, t), "pages/s", "")
    quotes, t = timed(lambda: [extract_quotes(a.text) for a in arts])
    r["quotes"] = (rate(m, t), "articles/s", f"{sum(map(len, quotes)) / m:.1f} quotes/article")
    _, t = timed(lambda: [article_signals(a.text, q, topic.targets, topic.cues) for a, q in zip(arts, quotes)])
    r["stance"] = (rate(m, t), "articles/s", "")
    jobs = [PageJob(url=p.url, feed_url=None, outlet=None) for p in pages]
    records, floor_rate = floor(pages, jobs, topic)
    r["FLOOR: clean+quotes+stance, 1 process"] = (floor_rate, "articles/s", "no Prefect, HTTP or database")
    # Loading: the same records four times over (new URLs, so every article is a copy of three
    # others: the duplicate linking works hard), in write windows as large as the flow's. Keys and
    # article-local speakers are computed where records are made (the workers), so here too.
    many = [replace(rec, canonical_url=f"{rec.canonical_url}?copy={c}", url=f"{rec.url}?copy={c}").precompute()
            for c in range(4) for rec in records]
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "load.duckdb")
        loaded, t = timed_frozen(lambda: [load_articles(con, many[i:i + LOAD_BATCH])
                                          for i in range(0, len(many), LOAD_BATCH)])
        qrows = sum(x["quotes"] for x in loaded)
        r["loading (load_articles: pages, articles, quotes, signals, speakers, duplicates)"] = (
            rate(qrows, t), "quote rows/s", f"{rate(len(many), t):.0f} articles/s, {qrows} quote rows")
        windows = stored_windows(con, LOAD_BATCH)
        rows = [(f"q{i}",) + row[1:] for i, row in enumerate(
            (qid, "a", q.kind, q.text, q.start, q.end, None, q.speaker, q.role, q.cue, bool(q.anonymous), words, "v")
            for rec in many for q, (qid, words) in zip(rec.quotes, rec.quote_keys))]
        _, t = timed(lambda: [_bulk_insert(con, "quotes", QUOTE_COLUMNS, rows[i:i + 50_000])
                              for i in range(0, len(rows), 50_000)])
        r["loading, quote rows alone (the bulk insert path)"] = (rate(len(rows), t), "quote rows/s", "")
        con.close()
        # What DuckDB takes for the rows alone: the same windows' article, quote and signal rows,
        # as the loader stored them, inserted into a fresh file with no linking, page store or
        # look-ups (the whole loader's ceiling on this machine)
        con = connect(Path(tmp) / "rows.duckdb")
        _, t = timed_frozen(lambda: [insert_window(con, w) for w in windows])
        r["loading, the same windows' rows alone (articles, quotes, signals)"] = (
            rate(qrows, t), "quote rows/s", "no linking, page store or look-ups: the loader's ceiling")
        con.close()
    return r, (pages, jobs)


LOADED_TABLES = {"articles": ARTICLE_COLUMNS, "quotes": QUOTE_COLUMNS, "stance_signals": SIGNAL_COLUMNS}


def stored_windows(con, size: int) -> list[dict]:
    """The loaded articles, quotes and signals as rows, in windows of ``size`` articles."""
    order = [a for (a,) in con.execute("SELECT article_id FROM articles ORDER BY first_seen_at, article_id").fetchall()]
    window_of = {a: i // size for i, a in enumerate(order)}
    windows = [{t: [] for t in LOADED_TABLES} for _ in range(0, len(order), size)]
    for table, columns in LOADED_TABLES.items():
        # the SimHash as text, as the loader passes it (a UBIGINT over 2**63 does not fit the bridge's int64)
        exprs = ", ".join("CAST(simhash AS VARCHAR)" if c == "simhash" else c for c in columns)
        for row in con.execute(f"SELECT {exprs} FROM {table}").fetchall():
            windows[window_of[row[1] if table != "articles" else row[0]]][table].append(row)
    return windows


def insert_window(con, window: dict) -> None:
    con.execute("BEGIN TRANSACTION")
    for table, columns in LOADED_TABLES.items():
        _bulk_insert(con, table, columns, window[table], casts=ARTICLE_CASTS if table == "articles" else None)
    con.execute("COMMIT")


def floor(pages: list, jobs: list, topic) -> tuple[list, float]:
    """The floor: cleaning + quotes + stance in a plain loop; the records and articles/s. Timed with
    the stages, and again after each end-to-end run, so that each run's ratio compares stretches of
    the same minutes (this VM's speed drifts by 10-20%)."""
    records, t = timed(lambda: [process_page(p, j, topic) for p, j in zip(pages, jobs)])
    return records, rate(len(pages), t)


def topic_file(tmp: Path, site: Site) -> Path:
    feeds = "".join(f'[[feeds]]\nurl = "{site.base}/feeds/{k}.xml"\n' for k in range(site.feeds))
    base = (ROOT / "topics" / "ukraine-security.toml").read_text()
    base = base.split("[fetch]")[0]  # the topic's targets, framing and cues; our own fetch and feeds
    path = tmp / "bench.toml"
    path.write_text(base + "\n[fetch]\nmin_delay = 0\nper_host = 8\nrespect_robots = false\n" + feeds)
    return path


def _vm_hwm(pid: str) -> float:
    """A process's peak resident set so far, MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_by_role(root: int) -> dict[int, tuple[str, float, float]]:
    """{pid: (role, CPU seconds, peak RSS MiB)} so far for the ingest process and its descendants;
    the role is "" for a process that has exited (a zombie has no command line)."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                stat = Path(f"/proc/{p}/stat").read_text()
                cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            f = stat[stat.rindex(")") + 2:].split()
            procs[int(p)] = (int(f[1]), (int(f[11]) + int(f[12])) / tick, cmd)
    out: dict[str, float] = {}
    for pid, (_, cpu, cmd) in procs.items():
        anc = pid
        while anc > 1 and anc != root:
            anc = procs.get(anc, (0,))[0]
        if anc != root:
            continue
        role = ("flow process" if pid == root else "" if not cmd.strip() else  # "": a zombie, no cmdline
                "Prefect server" if "uvicorn" in cmd or "prefect" in cmd and "server" in cmd else
                "extraction workers" if "forkserver" in cmd or "multiprocessing" in cmd else "other")
        out[pid] = (role, cpu, _vm_hwm(str(pid)))
    return out


SAMPLE_S = 0.25


def ingest(topic: Path, db: Path, prefect_home: Path, *extra: str) -> tuple[dict, float, float]:
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "stancewire"), "ingest", "--topic", str(topic), "--db", str(db), *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    cpu: dict[int, tuple[str, float, float]] = {}
    done = threading.Event()

    def sample():  # /proc is read until the end: a process's last figures are kept after it exits
        # every SAMPLE_S, not more often: a reading of /proc costs this process ~2.3 ms of CPU, taken
        # from the two cores the run is measured on; peaks are VmHWM, a high-water mark, so none is missed
        while not done.wait(SAMPLE_S):
            for pid, (role, seconds, peak) in _cpu_by_role(proc.pid).items():
                was = cpu.get(pid, ("", 0.0, 0.0))
                # a zombie keeps the role it had while alive, and has no VmHWM: keep the maxima
                cpu[pid] = (role or was[0], max(was[1], seconds), max(was[2], peak))

    sampler = threading.Thread(target=sample, daemon=True)
    if sys.platform.startswith("linux"):
        sampler.start()
    out = proc.stdout.read()
    done.set()
    _, status = os.waitpid(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"ingest failed ({status}): {out[-2000:]}")
    counts = json.loads(out.strip().splitlines()[-1])
    by_role: dict[str, float] = {}
    peak_by_role: dict[str, float] = {}
    for role, seconds, peak in cpu.values():
        if not role:  # exited before it was first seen alive
            continue
        by_role[role] = by_role.get(role, 0.0) + seconds
        peak_by_role[role] = max(peak_by_role.get(role, 0.0), peak)
    counts["cpu_by_role"] = by_role
    counts["rss_by_role"] = peak_by_role
    return counts, wall, max(peak_by_role.values(), default=0.0)


def queries(n_quotes: int) -> dict:
    """Every documented trend view, materialised, over a warehouse of n_quotes generated directly."""
    views = ["stance_monthly", "stance_by_speaker_monthly", "stance_by_country_monthly", "stance_by_outlet_monthly",
             "attention_weekly", "quote_volume_weekly", "framing_monthly", "speaker_activity", "quote_spread",
             "feed_health"]
    n_art = max(1, n_quotes // 10)
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "q.duckdb")
        con.execute(f"""
            INSERT INTO speakers SELECT 'person:s' || i, 'Speaker ' || i, 'person', ['S' || i], ['role'],
                   ['Ukraine', 'Germany', 'France', 'Poland', 'Hungary'][i % 5 + 1] FROM range(1000) t(i);
            INSERT INTO articles (article_id, url, canonical_url, outlet, title, published_at, text, content_hash,
                                  relevance, first_seen_at, updated_at)
            SELECT 'a' || i, 'http://x/' || i, 'http://x/' || i, ['A', 'B', 'C', 'D'][i % 4 + 1], 't',
                   TIMESTAMPTZ '2023-06-01' + to_hours(i * 9 % 9600), 'text', 'h' || i, 1.0, now(), now()
            FROM range({n_art}) t(i);
            INSERT INTO quotes SELECT 'q' || i, 'a' || (i % {n_art}), ['direct', 'partial', 'indirect'][i % 3 + 1],
                   'quote words number ' || (i % 200000), 0, 10, 'person:s' || (i % 1000), 'Speaker', 'role', 'said',
                   false, 'quote words number ' || (i % 200000), 'v' FROM range({n_quotes}) t(i);
            INSERT INTO stance_signals SELECT 's' || i, 'a' || (i % {n_art}), 'q' || i, 'person:s' || (i % 1000),
                   ['nato_membership', 'security_guarantees'][i % 2 + 1], ['pro', 'con', 'neutral'][i % 3 + 1],
                   (i % 7 - 3) / 3.0, i % 5 = 0, i % 11 = 0, ['cue'], 0, 10, 'evidence', 'v'
                   FROM range({n_quotes}) t(i);
            INSERT INTO article_frames SELECT 'a' || i, ['guarantees', 'assurances', 'article_5'][i % 3 + 1], 1 + i % 3
                   FROM range({n_art}) t(i);
            INSERT INTO feeds (url, outlet) SELECT 'http://x/feed/' || i, 'A' FROM range(1000) t(i);
            UPDATE articles SET feed_url = 'http://x/feed/' || (hash(article_id) % 1000);
        """)
        out = {}
        for v in views:
            t = time.perf_counter()
            rows = con.execute(f"SELECT count(*) FROM (SELECT * FROM {v})").fetchone()[0]
            out[v] = (time.perf_counter() - t, rows)
        con.close()
    return out


KEEP_MARK = "<!-- written by hand from here on: make bench keeps it -->"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--stage-pages", type=int, default=1000)
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--write", type=Path, help="also write the results as markdown to this file")
    args = ap.parse_args()
    topic = load_topic("ukraine-security")
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.platform()}", f"Command: `python scripts/bench.py {' '.join(sys.argv[1:])}`".rstrip(), ""]

    def emit(line=""):
        print(line, flush=True)
        lines.append(line)

    e2e = {}
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        for n in args.sizes:
            site = Site(n, args.feeds)
            try:
                if n == args.sizes[0]:
                    emit(f"## Stages, one at a time ({min(n, args.stage_pages)} pages, {args.feeds} feeds)")
                    emit("| stage | rate | unit | note |")
                    emit("|---|---:|---|---|")
                    st, floor_inputs = stages(site, min(n, args.stage_pages), topic)
                    for name, (value, unit, note) in st.items():
                        emit(f"| {name} | {value:,.0f} | {unit} | {note} |")
                    floor_before = st["FLOOR: clean+quotes+stance, 1 process"][0]
                    emit()
                db = tmp / f"e2e-{n}.duckdb"
                counts, wall, rss = ingest(topic_file(tmp, site), db, tmp / f"prefect-{n}")
                _, floor_after = floor(*floor_inputs, topic)
                tm = counts["timings"]
                e2e[n] = {"articles": counts["articles"], "flow_s": tm["total_s"], "wall": wall, "rss": rss,
                          "floors": (floor_before, floor_after),
                          "orch": tm["orchestration_s"] / tm["total_s"],
                          "size": db.stat().st_size + sum(f.stat().st_size for f in store_dir(db).glob("*")),
                          "per_s": counts["articles"] / tm["total_s"], "cpu": counts["cpu_by_role"],
                          "peaks": counts["rss_by_role"]}
                floor_before = floor_after  # the next run's "before"
                if n == args.sizes[0]:
                    again, wall2, _ = ingest(topic_file(tmp, site), db, tmp / f"prefect-{n}", "--force")
                    e2e["repoll"] = {"feeds": again["feeds"], "unchanged": again["feeds_unchanged"],
                                     "pages": again["pages_fetched"] + again["pages_failed"],
                                     "flow_s": again["timings"]["total_s"], "wall": wall2}
            finally:
                site.close()
    emit("## End to end (`stancewire ingest`: Prefect, HTTP, worker processes, DuckDB)")
    emit("| articles | articles/s (flow) | floor just before / after, articles/s | × floor (their mean) | flow s | "
         "wall s (incl. Prefect start) | peak RSS MiB | orchestration share | warehouse MiB / 1,000 articles |")
    emit("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        x = e2e[n]
        before, after = x["floors"]
        emit(f"| {x['articles']:,} | {x['per_s']:.1f} | {before:.1f} / {after:.1f} | {x['per_s'] / ((before + after) / 2):.2f} | "
             f"{x['flow_s']:.1f} | {x['wall']:.1f} | {x['rss']:.0f} | {x['orch']:.1%} | "
             f"{x['size'] / 2**20 / x['articles'] * 1000:.1f} |")
    emit("\nCPU seconds per 1,000 articles, by process, over the whole command (start-up included):")
    emit("| articles | extraction workers | flow process | Prefect server | outside the workers |")
    emit("|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        cpu, k = e2e[n]["cpu"], 1000 / max(1, e2e[n]["articles"])
        total = sum(cpu.values()) or 1.0
        emit(f"| {e2e[n]['articles']:,} | {cpu.get('extraction workers', 0) * k:.1f} | "
             f"{cpu.get('flow process', 0) * k:.1f} | {cpu.get('Prefect server', 0) * k:.1f} | "
             f"{1 - cpu.get('extraction workers', 0) / total:.0%} |")
    emit("\nPeak RSS by process, MiB (VmHWM; the table's peak RSS is the largest of them):")
    emit("| articles | flow process | one extraction worker | Prefect server |")
    emit("|---:|---:|---:|---:|")
    for n in args.sizes:
        pk = e2e[n]["peaks"]
        emit(f"| {e2e[n]['articles']:,} | {pk.get('flow process', 0):.0f} | {pk.get('extraction workers', 0):.0f} | "
             f"{pk.get('Prefect server', 0):.0f} |")
    if len(args.sizes) > 1:
        emit(f"\nPeak RSS at {args.sizes[-1]:,} ÷ at {args.sizes[0]:,}: "
             f"{e2e[args.sizes[-1]]['rss'] / e2e[args.sizes[0]]['rss']:.2f}")
    rp = e2e["repoll"]
    emit(f"\nRe-poll of {rp['feeds']} unchanged feeds: {rp['flow_s']:.2f} s in the flow ({rp['wall']:.1f} s wall "
         f"with Prefect start-up), {rp['unchanged']} answered 304, {rp['pages']} page fetches.")
    emit(f"\n## Trend views over {args.quotes:,} quotes (materialised)")
    emit("| view | seconds | rows |")
    emit("|---|---:|---:|")
    for v, (secs, rows) in queries(args.quotes).items():
        emit(f"| {v} | {secs:.3f} | {rows:,} |")
    if args.write:  # the hand-written analysis below KEEP_MARK survives a new run
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        kept = old[old.index(KEEP_MARK):] if KEEP_MARK in old else KEEP_MARK + "\n"
        args.write.write_text("# Benchmarks\n\n" + "\n".join(lines) + "\n\n" + kept, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
