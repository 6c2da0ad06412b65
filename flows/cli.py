"""``stancewire``: a thin command line over the flows and the warehouse.

    stancewire demo    [--db PATH] [--port N]          ingest the bundled sample corpus, print trends
    stancewire ingest  [--topic NAME|PATH] [--feed URL]... [--url URL]... [--sitemap URL]
                       [--since DATE] [--until DATE] [--limit N] [--force] [--strict] [--db PATH]
    stancewire reprocess [--db PATH] [--all]           re-run extractors over stored raw pages
    stancewire sql     "QUERY" [--db PATH] [--format table|csv|json] [--write]
    stancewire trends  [--target T] [--by day|week|month] [--db PATH]
    stancewire report  [--out DIR] [--db PATH]          PNG charts + one self-contained HTML page
    stancewire feeds   list|health|enable URL|disable URL [--db PATH]
    stancewire feeds   discover URL... [--add TOPIC [--pick N,...]] [--probe]
    stancewire feeds   import FILE.opml --topic T | export --topic T [--out FILE]
    stancewire serve   [--interval SECONDS] [--feed URL]... [--db PATH]   scheduled runs, locally

The database defaults to $STANCEWIRE_DB, else data/stancewire.duckdb.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

DEMO_PORT = 8765


def _quiet_prefect() -> None:
    # Before prefect is imported: no telemetry, and no heartbeat wait at the end of each run.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # The temporary server's default 20 s start-up allowance is short on a busy 2-core machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def _db(args) -> Path:
    from warehouse.db import default_db_path

    return Path(args.db) if args.db else default_db_path()


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_cell(x) for x in v)
    return str(v)


def format_table(columns: list[str], rows: list[tuple], max_width: int = 60) -> str:
    cells = [[_cell(v) for v in r] for r in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out)


def _json_default(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return str(v)


def emit(columns: list[str], rows: list[tuple], fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        w.writerows([[_cell(v) for v in r] for r in rows])
    elif fmt == "json":
        json.dump([dict(zip(columns, r)) for r in rows], out, default=_json_default, indent=1)
        out.write("\n")
    else:
        out.write(format_table(columns, rows) + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


SQL_LOCK_WAIT = 15.0  # seconds `stancewire sql` waits for an ingest's short write window to end


def cmd_sql(args) -> int:
    from warehouse.writer import open_db

    with open_db(_db(args), SQL_LOCK_WAIT, read_only=not args.write) as con:
        try:
            rel = con.execute(args.query)
        except Exception as exc:
            print(f"stancewire sql: {exc}", file=sys.stderr)
            return 1
        if rel.description is None:
            return 0
        emit([d[0] for d in rel.description], rel.fetchall(), args.format)
    return 0


def cmd_report(args) -> int:
    from flows.report import write_report

    paths = write_report(_db(args), args.out)
    print(f"wrote {paths[0]} and {len(paths) - 1} chart(s)")
    return 0


def _pick(spec: str | None, n: int) -> list[int]:
    """1-based indices from "1,3-4" (all when ``spec`` is None)."""
    if not spec:
        return list(range(n))
    out = []
    for part in spec.split(","):
        part = part.strip()
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            raise ValueError(f"--pick: not a number or range: {part!r}")
        for i in range(int(lo), int(hi or lo) + 1):
            if not 1 <= i <= n:
                raise ValueError(f"--pick: {i} is not one of the {n} feeds found")
            if i - 1 not in out:
                out.append(i - 1)
    return out


def cmd_feeds_discover(args) -> int:
    from extractors.topic import Feed, TopicError
    from flows.config import topic_path
    from flows.feeds_admin import add_feeds, discover
    from flows.fetch import FetchConfig, Fetcher

    if not args.targets:
        print("stancewire feeds discover: give a site's home page or an article URL", file=sys.stderr)
        return 2
    found, failed = [], 0
    with Fetcher(FetchConfig(min_delay=args.min_delay, retries=1)) as fetcher:
        for url in args.targets:
            d = discover(url, fetcher, probe=True if args.probe else None)
            if args.verbose:
                for r in d.rejected:
                    print(f"  not a feed: {r.url} ({r.via}): {r.error}", file=sys.stderr)
            if not d.feeds:
                failed += 1
                why = f": {d.error}" if d.error else ""
                print(f"stancewire feeds discover: no feeds found for {url}{why} "
                      f"({len(d.rejected)} candidates checked)", file=sys.stderr)
            found += d.feeds
    if found:
        rows = [(i + 1, f.url, f.title, f.version, f.entries,
                 f.last_entry.strftime("%Y-%m-%d %H:%M") if f.last_entry else None, f.via)
                for i, f in enumerate(found)]
        emit(["n", "url", "title", "format", "entries", "last_entry", "found_via"], rows, args.format)
    if args.add:
        try:
            chosen = [found[i] for i in _pick(args.pick, len(found))]
        except ValueError as exc:
            print(f"stancewire feeds discover: {exc}", file=sys.stderr)
            return 2
        try:
            result = add_feeds(topic_path(args.add), [Feed(url=f.url, title=f.title) for f in chosen],
                               comment="Found by `stancewire feeds discover`", dry_run=args.dry_run)
        except (TopicError, OSError) as exc:
            print(f"stancewire feeds discover: {exc}", file=sys.stderr)
            return 2
        _report_added(result, args.dry_run)
    return 0 if found and not failed else 1


def _report_added(result, dry_run: bool) -> None:
    verb = "would add" if dry_run else "added"
    print(f"{result.path}: {verb} {len(result.added)} feed(s), skipped {len(result.skipped)}", file=sys.stderr)
    for f in result.added:
        print(f"  + {f.url}" + (f"  [{f.category}]" if f.category else ""), file=sys.stderr)
    for url, why in result.skipped:
        print(f"  = {url}  ({why})", file=sys.stderr)


def cmd_feeds_opml(args) -> int:
    from extractors.opml import OpmlError
    from extractors.topic import TopicError
    from flows.config import load_topic, topic_path
    from flows.feeds_admin import export_opml, import_opml

    if not args.topic:
        print(f"stancewire feeds {args.action}: give the topic (--topic NAME|PATH)", file=sys.stderr)
        return 2
    try:
        if args.action == "export":
            data = export_opml(load_topic(args.topic))
            if args.out:
                Path(args.out).write_bytes(data)
                print(f"wrote {args.out}", file=sys.stderr)
            else:
                sys.stdout.write(data.decode("utf-8"))
            return 0
        if len(args.targets) != 1:
            print("stancewire feeds import: give one OPML file", file=sys.stderr)
            return 2
        path = topic_path(args.topic)
        if not path.is_file():
            load_topic(args.topic)  # the error that lists the topics there are
        result, warnings = import_opml(args.targets[0], path, dry_run=args.dry_run)
    except (OpmlError, TopicError, OSError) as exc:
        print(f"stancewire feeds {args.action}: {exc}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"  warning: {w}", file=sys.stderr)
    _report_added(result, args.dry_run)
    return 0


def cmd_feeds(args) -> int:
    if args.action == "discover":
        return cmd_feeds_discover(args)
    if args.action in ("import", "export"):
        return cmd_feeds_opml(args)
    from warehouse.load import set_feed_enabled
    from warehouse.writer import open_db

    db = _db(args)
    args.url = args.targets[0] if args.targets else None
    if args.action in ("list", "health"):
        cols = ("url, outlet, health, enabled, last_status, consecutive_failures, last_success_at, "
                "mean_entry_interval_h, poll_interval_s, articles, quotes, coalesce(disabled_reason, last_error) AS problem")
        where = "" if args.action == "list" else " WHERE health <> 'ok'"
        with open_db(db, SQL_LOCK_WAIT, read_only=True) as con:
            rel = con.execute(f"SELECT {cols} FROM feed_health{where} ORDER BY url")
            emit([d[0] for d in rel.description], rel.fetchall(), args.format)
        return 0
    if not args.url:
        print(f"stancewire feeds {args.action}: give the feed URL", file=sys.stderr)
        return 2
    with open_db(db, SQL_LOCK_WAIT) as con:
        ok = set_feed_enabled(con, args.url, args.action == "enable")
    if not ok:
        print(f"stancewire feeds {args.action}: no feed {args.url} in {db} (see `stancewire feeds list`)",
              file=sys.stderr)
        return 1
    print(f"{args.url}: {args.action}d")
    return 0


def cmd_serve(args) -> int:
    _quiet_prefect()
    from flows.serve import serve_all

    overrides = {"feeds": args.feed or None, "db": str(_db(args)) if args.db else None, "min_delay": args.min_delay}
    serve_all(interval=args.interval, overrides=overrides, port=args.port)
    return 0


def cmd_trends(args) -> int:
    from warehouse import connect
    from warehouse.queries import trends

    con = connect(_db(args), read_only=True)
    cols, rows = trends(con, target=args.target, by=args.by)
    emit(cols, rows, args.format)
    return 0


def print_summary(db: Path, out=None) -> None:
    from warehouse import connect
    from warehouse.queries import summary

    con = connect(db, read_only=True)
    s = summary(con)
    con.close()
    w = (out or sys.stdout).write
    w(f"\nstancewire — {db}\n")
    w(f"  articles  {s['articles']} from {s['outlets']} outlets ({s['counted_articles']} counted in trends;"
      f" {s['duplicates']} syndicated/duplicate copies, {s['off_topic']} off-topic)\n")
    w(f"  quotes    {s['quotes']} by {s['speakers']} speakers; {s['signals']} stance signals\n")
    if s["failures"]:
        w(f"  failures  {len(s['failures'])} recorded (the run went on):\n")
        for url, err in s["failures"]:
            w(f"            {url}  —  {err[:100]}\n")
    w("\nTop speakers\n")
    w(format_table(["speaker", "country", "quotes", "signals", "net stance"], s["top_speakers"]) + "\n")
    w("\nStance by target per month (net stance: -1 opposes … +1 supports)\n")
    months = sorted({r[0] for r in s["stance_monthly"]})
    targets = sorted({r[1] for r in s["stance_monthly"]})
    by = {(r[0], r[1]): r for r in s["stance_monthly"]}
    rows = []
    for m in months:
        row = [m.strftime("%Y-%m")]
        for t in targets:
            r = by.get((m, t))
            row.append(f"{r[2]:>2} pro {r[3]:>2} con  {r[5]:+.2f}" if r else "")
        rows.append(tuple(row))
    w(format_table(["month"] + targets, rows) + "\n")
    w(f"\nQuery it:  stancewire sql \"select * from stance_by_speaker_monthly limit 20\" --db {db}\n")


def cmd_ingest(args) -> int:
    _quiet_prefect()
    from extractors.topic import TopicError
    from flows.config import load_topic

    try:
        load_topic(args.topic)  # a bad topic file fails here, before any flow run starts
    except TopicError as exc:
        print(f"stancewire ingest: {exc}", file=sys.stderr)
        return 2
    from flows.workers import default_workers, start_workers

    start_workers(default_workers())  # the extraction processes load while Prefect starts
    from flows.ingest import IngestFailed, ingest

    try:
        counts = ingest(topic=args.topic, feeds=args.feed or None, db=str(_db(args)), limit=args.limit,
                        strict=args.strict, since=args.since, until=args.until, urls=args.url or None,
                        sitemap=args.sitemap, force=args.force, min_delay=args.min_delay,
                        lock_wait=args.lock_wait)
    except TopicError as exc:
        print(f"stancewire ingest: {exc}", file=sys.stderr)
        return 2
    except IngestFailed as exc:
        print(f"stancewire ingest: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({k: v for k, v in counts.items() if k != "errors"}))
    for e in counts.get("errors", []):
        print(f"  failed: {e['url']}  —  {e['error']}", file=sys.stderr)
    return 0


def cmd_reprocess(args) -> int:
    _quiet_prefect()
    from flows.reprocess import reprocess

    counts = reprocess(db=str(_db(args)), only_outdated=not args.all)
    print(json.dumps(counts))
    return 0


def cmd_demo(args) -> int:
    _quiet_prefect()
    from flows.config import SAMPLE_SITE, load_topic
    from flows.ingest import ingest
    from flows.sample_server import SampleServer

    topic = load_topic(args.topic)
    db = _db(args)
    try:
        server = SampleServer(SAMPLE_SITE, port=args.port)
    except OSError as exc:
        print(f"stancewire demo: cannot serve the sample on 127.0.0.1:{args.port} ({exc}); try --port N",
              file=sys.stderr)
        return 2
    with server:
        feeds = [server.url(p) for p in topic.sample_feeds]
        print(f"Serving the sample corpus at {server.base} ({len(feeds)} feeds); ingesting into {db} …")
        # Loopback serves the sample: no need for the per-host delay real sites get.
        ingest(topic=topic.source, feeds=feeds, db=str(db), min_delay=0)
    print_summary(db)
    return 0


def _date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {value!r} (e.g. 2024-07-01)") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stancewire", description="Track who says what, and where they stand, on a news topic.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_arg(sp):
        sp.add_argument("--db", help="DuckDB file (default: $STANCEWIRE_DB, else data/stancewire.duckdb)")

    sp = sub.add_parser("demo", help="ingest the bundled sample corpus over loopback HTTP and print trends")
    db_arg(sp)
    sp.add_argument("--port", type=int, default=DEMO_PORT, help=f"loopback port for the sample (default {DEMO_PORT})")
    sp.add_argument("--topic", default="ukraine-security", help="topic name or path (default ukraine-security)")
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("ingest", help="one ad-hoc ingest flow run over a topic's feeds")
    db_arg(sp)
    sp.add_argument("--topic", default="ukraine-security", help="topic name (topics/NAME.toml) or path")
    sp.add_argument("--feed", action="append", metavar="URL", help="feed URL; repeatable; replaces the topic's feeds")
    sp.add_argument("--url", action="append", metavar="URL", help="backfill: an article URL to ingest; repeatable")
    sp.add_argument("--sitemap", metavar="URL", help="backfill: the article URLs of a (news) sitemap")
    sp.add_argument("--since", type=_date, metavar="DATE", help="only entries published on/after DATE (ISO)")
    sp.add_argument("--until", type=_date, metavar="DATE", help="only entries published before DATE (ISO)")
    sp.add_argument("--limit", type=int, help="fetch at most N new pages")
    sp.add_argument("--force", action="store_true", help="poll every feed now, whatever its adaptive interval says")
    sp.add_argument("--min-delay", type=float, help="seconds between requests to one host (default: the topic's, 1.0)")
    sp.add_argument("--lock-wait", type=float, default=60.0,
                    help="seconds to wait at the end for a locked database before leaving batches journaled")
    sp.add_argument("--strict", action="store_true", help="exit non-zero if any feed or page failed")
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("reprocess", help="re-run the extractors over stored raw pages")
    db_arg(sp)
    sp.add_argument("--all", action="store_true", help="re-extract every page, not only those from older extractors")
    sp.set_defaults(func=cmd_reprocess)

    sp = sub.add_parser("sql", help="run a SQL query against the warehouse (read-only)")
    sp.add_argument("query", help="the SQL to run")
    db_arg(sp)
    sp.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sp.add_argument("--write", action="store_true", help="open the database for writing (default read-only)")
    sp.set_defaults(func=cmd_sql)

    sp = sub.add_parser("trends", help="stance per target over time")
    db_arg(sp)
    sp.add_argument("--target", help="one target (e.g. nato_membership); default all")
    sp.add_argument("--by", choices=("day", "week", "month"), default="month")
    sp.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sp.set_defaults(func=cmd_trends)

    sp = sub.add_parser("report", help="write PNG trend charts and one self-contained HTML page")
    db_arg(sp)
    sp.add_argument("--out", default="report", help="output directory (default ./report)")
    sp.set_defaults(func=cmd_report)

    sp = sub.add_parser("feeds", help="the feeds: list, health, enable/disable one; discover, import/export OPML")
    sp.add_argument("action", choices=("list", "health", "enable", "disable", "discover", "import", "export"))
    sp.add_argument("targets", nargs="*", metavar="URL|FILE",
                    help="the feed URL (enable/disable), site or article URLs (discover), the OPML file (import)")
    db_arg(sp)
    sp.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sp.add_argument("--topic", help="import/export: the topic (name or path) whose feed list is read or added to")
    sp.add_argument("--out", metavar="FILE", help="export: write the OPML here instead of to stdout")
    sp.add_argument("--add", metavar="TOPIC", help="discover: add the feeds found to this topic's file")
    sp.add_argument("--pick", metavar="N,...", help="discover --add: only these of the feeds found (e.g. 1,3-4)")
    sp.add_argument("--probe", action="store_true",
                    help="discover: also try the common feed paths (/feed, /rss.xml ...) when the page links feeds")
    sp.add_argument("--min-delay", type=float, default=1.0, help="discover: seconds between requests to one host")
    sp.add_argument("--dry-run", action="store_true", help="discover --add / import: say what would be added only")
    sp.add_argument("-v", "--verbose", action="store_true", help="discover: also list candidates that are not feeds")
    sp.set_defaults(func=cmd_feeds)

    sp = sub.add_parser("serve", help="run prefect.yaml's deployments on their schedules (local server if needed)")
    db_arg(sp)
    sp.add_argument("--interval", type=float, help="replace the schedules with one every N seconds (to try it out)")
    sp.add_argument("--feed", action="append", metavar="URL", help="serve ingest with these feeds instead")
    sp.add_argument("--min-delay", type=float, help="seconds between requests to one host")
    sp.add_argument("--port", type=int, help="port for the local Prefect server (default 4200, else a free one)")
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from warehouse.db import WarehouseError

    try:
        return args.func(args)
    except WarehouseError as exc:
        print(f"stancewire {args.command}: {exc}", file=sys.stderr)
        return 2
    finally:
        if argv is None:  # run as the program (not called with arguments from Python): about to exit,
            # and the interpreter's exit would run full collections over the whole heap (Prefect,
            # pydantic, the extractors' tables): ~1 s after an ingest, 0.3 s with the heap frozen
            gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
