"""Loading extracted records into the warehouse: idempotent upserts on natural keys.

Everything here takes an open connection from :func:`warehouse.db.connect`; the caller (the
flow) is the single writer. Each public ``load_*`` call is one transaction.
"""
from __future__ import annotations

import json
import os
import socket
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Iterable, Sequence

import duckdb

from extractors.quotes import Quote
from extractors.speakers import Speaker, SpeakerIndex, normalise_name
from warehouse import pagestore
from warehouse.bulk import registered
from warehouse.records import ArticleRecord, FetchAttempt

NEAR_DUPLICATE_BITS = 3


def _now() -> datetime:
    return datetime.now(timezone.utc)


# --- runs -------------------------------------------------------------------------------------

def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, flow: str, parameters: dict) -> None:
    """Record a run as running (with its pid and host), and mark runs on this host whose process
    is gone while they were still 'running' as 'interrupted'."""
    host = socket.gethostname()
    stale = con.execute("SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ? AND run_id <> ?",
                        [host, run_id]).fetchall()
    for other, pid in stale:
        if not _alive(pid):
            con.execute("UPDATE runs SET status = 'interrupted', error = coalesce(error, ?) WHERE run_id = ?",
                        [f"process {pid} ended before the run finished", other])
    con.execute(
        "INSERT INTO runs (run_id, flow, parameters, status, started_at, pid, host) VALUES (?, ?, ?, 'running', ?, ?, ?)"
        " ON CONFLICT (run_id) DO UPDATE SET status = 'running', started_at = excluded.started_at,"
        " pid = excluded.pid, host = excluded.host",
        [run_id, flow, json.dumps(parameters, default=str), _now(), os.getpid(), host],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict, status: str, error: str | None = None) -> None:
    con.execute(
        "UPDATE runs SET counts = ?, status = ?, error = ?, finished_at = ? WHERE run_id = ?",
        [json.dumps(counts, default=str), status, error, _now(), run_id],
    )


# --- feeds and fetches ------------------------------------------------------------------------

FEED_STATE_KEYS = ("etag", "last_modified", "enabled", "consecutive_failures", "poll_interval_s")
NEW_FEED_STATE = {"etag": None, "last_modified": None, "enabled": True, "consecutive_failures": 0,
                  "poll_interval_s": None}


def feed_states(con: duckdb.DuckDBPyConnection | None, urls: Sequence[str]) -> dict[str, dict]:
    """Each feed's stored validators and polling state, in one query (a new feed's defaults for
    feeds not stored yet, and for all of them when ``con`` is None)."""
    rows = con.execute(f"SELECT url, {', '.join(FEED_STATE_KEYS)} FROM feeds WHERE url IN (SELECT unnest(?::VARCHAR[]))",
                       [list(urls)]).fetchall() if con and urls else []
    stored = {r[0]: dict(zip(FEED_STATE_KEYS, r[1:])) for r in rows}
    return {u: stored.get(u, dict(NEW_FEED_STATE)) for u in urls}


DISABLE_AFTER_FAILURES = 5


FEED_POLL_COLUMNS = ("url", "topic", "outlet", "title", "etag", "last_modified", "last_polled_at", "last_success_at",
                     "last_status", "last_error", "consecutive_failures", "entries_seen", "last_new_entry_at",
                     "mean_entry_interval_s", "poll_interval_s", "next_poll_at", "disable_reason")


def record_feed_poll(con: duckdb.DuckDBPyConnection, disable_after: int = DISABLE_AFTER_FAILURES, **poll) -> None:
    """Upsert one feed's state after one poll (see :func:`record_feed_polls` for the keys)."""
    record_feed_polls(con, [poll], disable_after)


def record_feed_polls(con: duckdb.DuckDBPyConnection, polls: Sequence[dict],
                      disable_after: int = DISABLE_AFTER_FAILURES) -> None:
    """Upsert feeds' state after a poll, in two statements however many feeds. Each poll is a
    dict with url, topic, outlet, title, polled_at, status, error, etag, last_modified, entries
    and optionally new_entry_at, mean_entry_interval_s, poll_interval_s. A 304 counts as a success.

    A 410 Gone, or ``disable_after`` consecutive failures, disables the feed (``disabled_reason``
    says why); ``stancewire feeds enable URL`` turns it back on.
    """
    rows = {}
    for p in polls:
        ok = p["error"] is None
        polled_at, interval = p["polled_at"], p.get("poll_interval_s")
        reason = ("http 410 Gone: the feed says it is gone for good" if p["status"] == 410 else
                  f"{disable_after} consecutive failures (last: {p['error']})")
        rows[p["url"]] = (
            p["url"], p["topic"], p["outlet"], p["title"],
            p["etag"] if ok else None, p["last_modified"] if ok else None,  # a failure's validators never make a 304
            polled_at, polled_at if ok else None, p["status"], p["error"], 0 if ok else 1, p["entries"],
            p.get("new_entry_at"), p.get("mean_entry_interval_s"), interval,
            polled_at + timedelta(seconds=interval) if interval else None, reason)
    if not rows:
        return
    types = {"last_polled_at": "TIMESTAMPTZ", "last_success_at": "TIMESTAMPTZ", "last_new_entry_at": "TIMESTAMPTZ",
             "next_poll_at": "TIMESTAMPTZ", "last_status": "INTEGER", "consecutive_failures": "INTEGER",
             "entries_seen": "INTEGER", "mean_entry_interval_s": "DOUBLE", "poll_interval_s": "INTEGER"}
    # A few thousand rows at most: bound as list parameters (no registered view, so a caller's
    # unfinished result on this connection does not get in the way).
    polls_sql = "SELECT " + ", ".join(f"unnest(?::{types.get(c, 'VARCHAR')}[]) AS {c}" for c in FEED_POLL_COLUMNS)
    params = [list(col) for col in zip(*rows.values())]
    columns = FEED_POLL_COLUMNS[:-1]
    con.execute(
        f"""
        INSERT INTO feeds ({", ".join(columns)})
        SELECT {", ".join(columns)} FROM ({polls_sql})
            ON CONFLICT (url) DO UPDATE SET
                topic = coalesce(excluded.topic, feeds.topic),
                outlet = coalesce(excluded.outlet, feeds.outlet),
                title = coalesce(excluded.title, feeds.title),
                etag = CASE WHEN excluded.last_error IS NULL THEN coalesce(excluded.etag, feeds.etag) END,
                last_modified = CASE WHEN excluded.last_error IS NULL
                                     THEN coalesce(excluded.last_modified, feeds.last_modified) END,
                last_polled_at = excluded.last_polled_at,
                last_success_at = coalesce(excluded.last_success_at, feeds.last_success_at),
                last_status = excluded.last_status,
                last_error = excluded.last_error,
                consecutive_failures = CASE WHEN excluded.last_error IS NULL THEN 0
                                            ELSE feeds.consecutive_failures + 1 END,
                entries_seen = greatest(feeds.entries_seen, excluded.entries_seen),
                last_new_entry_at = coalesce(excluded.last_new_entry_at, feeds.last_new_entry_at),
                mean_entry_interval_s = coalesce(excluded.mean_entry_interval_s, feeds.mean_entry_interval_s),
                poll_interval_s = coalesce(excluded.poll_interval_s, feeds.poll_interval_s),
                next_poll_at = coalesce(excluded.next_poll_at, feeds.next_poll_at)
            """, params).fetchall()
    con.execute(
        f"UPDATE feeds SET enabled = false, disabled_reason = p.disable_reason FROM ({polls_sql}) p"
        " WHERE feeds.url = p.url AND feeds.enabled AND (p.last_status IS NOT DISTINCT FROM 410"
        " OR feeds.consecutive_failures >= ?)", [*params, disable_after]).fetchall()


def set_feed_enabled(con: duckdb.DuckDBPyConnection, url: str, enabled: bool, reason: str | None = None) -> bool:
    """Enable (resetting the failure count) or disable a feed by hand; False if the URL is unknown."""
    row = con.execute(
        "UPDATE feeds SET enabled = ?, disabled_reason = ?, consecutive_failures = CASE WHEN ? THEN 0"
        " ELSE consecutive_failures END, next_poll_at = CASE WHEN ? THEN NULL ELSE next_poll_at END"
        " WHERE url = ? RETURNING url",
        [enabled, None if enabled else (reason or "disabled by hand"), enabled, enabled, url],
    ).fetchall()
    return bool(row)


def feeds_due(con: duckdb.DuckDBPyConnection, urls: Sequence[str], now: datetime) -> list[str]:
    """The enabled feeds among ``urls`` whose adaptive poll time has come (or that were never polled)."""
    rows = dict(con.execute(
        "SELECT url, (enabled AND (next_poll_at IS NULL OR next_poll_at <= ?)) FROM feeds"
        " WHERE url IN (SELECT unnest(?::VARCHAR[]))", [now, list(urls)]).fetchall())
    return [u for u in urls if rows.get(u, True)]


def entry_states(con: duckdb.DuckDBPyConnection, feed_urls: Sequence[str]) -> dict[str, dict[str, tuple]]:
    """feed_url -> entry_url -> (updated_at, fetch_error), for what these feeds listed before."""
    out: dict[str, dict[str, tuple]] = {u: {} for u in feed_urls}
    if feed_urls:
        for feed, entry, updated, error in con.execute(
                "SELECT feed_url, entry_url, updated_at, fetch_error FROM feed_entries"
                " WHERE feed_url IN (SELECT unnest(?::VARCHAR[]))", [list(feed_urls)]).fetchall():
            out[feed][entry] = (updated, error)
    return out


def record_entries(con: duckdb.DuckDBPyConnection, feed_url: str, rows: Sequence[tuple], seen_at: datetime) -> None:
    """Upsert (entry_url, guid, title, published_at, updated_at, fetch_error) rows for one feed."""
    record_feeds_entries(con, [(feed_url, rows, seen_at)])


def record_feeds_entries(con: duckdb.DuckDBPyConnection, feeds: Sequence[tuple[str, Sequence[tuple], datetime]]) -> None:
    """:func:`record_entries` for many feeds, (feed_url, rows, seen_at) each, in one statement
    (an entry listed twice by a feed keeps its last row)."""
    latest = {(feed_url, r[0]): (feed_url, *r, seen_at, seen_at) for feed_url, rows, seen_at in feeds for r in rows}
    _bulk_insert(
        con, "feed_entries", ("feed_url", "entry_url", "guid", "title", "published_at", "updated_at", "fetch_error",
                              "first_seen_at", "last_seen_at"), list(latest.values()),
        casts={"published_at": "TIMESTAMPTZ", "updated_at": "TIMESTAMPTZ", "first_seen_at": "TIMESTAMPTZ",
               "last_seen_at": "TIMESTAMPTZ", "guid": "VARCHAR", "title": "VARCHAR", "fetch_error": "VARCHAR"},
        on_conflict="""
        ON CONFLICT (feed_url, entry_url) DO UPDATE SET
            guid = excluded.guid, title = excluded.title, published_at = excluded.published_at,
            updated_at = excluded.updated_at, fetch_error = excluded.fetch_error, last_seen_at = excluded.last_seen_at
        """)


def log_fetches(con: duckdb.DuckDBPyConnection, run_id: str | None, attempts: Iterable[FetchAttempt]) -> int:
    rows = [
        (run_id, a.kind, a.url, a.final_url, a.status, a.error, a.bytes, a.elapsed_ms, a.attempt, a.fetched_at)
        for a in attempts
    ]
    _bulk_insert(con, "fetch_log", ("run_id", "kind", "url", "final_url", "status", "error", "bytes", "elapsed_ms",
                                    "attempt", "fetched_at"), rows,
                 casts={"run_id": "VARCHAR", "final_url": "VARCHAR", "status": "INTEGER", "error": "VARCHAR",
                        "bytes": "BIGINT", "elapsed_ms": "DOUBLE", "attempt": "INTEGER", "fetched_at": "TIMESTAMPTZ"})
    return len(rows)


def ingested_urls(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> set[str]:
    """Which of these (canonical) URLs already have an article."""
    if not urls:
        return set()
    rows = con.execute(
        "SELECT canonical_url FROM articles WHERE canonical_url IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT url FROM articles WHERE url IN (SELECT unnest(?::VARCHAR[]))",
        [list(urls), list(urls)],
    ).fetchall()
    return {r[0] for r in rows}


# --- articles ---------------------------------------------------------------------------------

def known_speakers(con: duckdb.DuckDBPyConnection, quotes: Sequence[Quote] | None = None) -> list[Speaker]:
    """Stored speakers; with ``quotes``, only those who could be one of their speakers (same last
    name token), so that resolving a batch does not read every speaker ever seen."""
    sql = "SELECT speaker_id, name, kind, aliases, roles, country FROM speakers"
    params: list = []
    if quotes is not None:
        tails = sorted({normalise_name(q.speaker).rsplit("-", 1)[-1] for q in quotes if q.speaker} - {""})
        if not tails:
            return []
        sql += (" WHERE regexp_extract(strip_accents(lower(name)), '([a-z0-9]+)[^a-z0-9]*$', 1)"
                " IN (SELECT unnest(?::VARCHAR[]))")
        params.append(tails)
    rows = con.execute(sql, params).fetchall()
    return [Speaker(speaker_id=r[0], name=r[1], kind=r[2], aliases=tuple(r[3] or ()), roles=tuple(r[4] or ()),
                    country=r[5]) for r in rows]


# Candidates by equality only, so DuckDB hash-joins the batch against the table instead of comparing
# every pair: the same content hash, or one of the four 16-bit bands of the SimHash (two hashes
# within NEAR_DUPLICATE_BITS <= 3 bits agree on at least one band); then the exact distance test.
# Over 1,000,000 stored articles: 0.08 s a window instead of 0.8 s for the pairwise join.
_SIMHASH_BANDS = ("simhash >> 48", "(simhash >> 32) & 65535", "(simhash >> 16) & 65535", "simhash & 65535")
# Each join keeps only true matches (the exact distance is tested inside it), so the candidates
# never pile up: on a corpus of similar texts a band is shared by many articles, and the
# unfiltered candidates of a window grew with the warehouse (a UNION of them peaked at ~100 MiB
# at 10,000 articles; filtered, UNION ALL and one DISTINCT on the result, it stays small).
# $1: the window's article ids, $2: NEAR_DUPLICATE_BITS.
_DUPLICATES_SQL = (
    "WITH b AS (SELECT article_id, content_hash, simhash FROM articles"
    " WHERE article_id IN (SELECT unnest($1::VARCHAR[]))),\n"
    "cand AS (SELECT b.article_id AS bid, a.article_id AS aid FROM b JOIN articles a"
    " ON a.content_hash = b.content_hash AND a.article_id <> b.article_id"
    + "".join(f"\n UNION ALL SELECT b.article_id, a.article_id FROM b JOIN articles a"
              f" ON ({band.replace('simhash', 'a.simhash')}) = ({band.replace('simhash', 'b.simhash')})"
              " AND a.article_id <> b.article_id AND bit_count(xor(a.simhash, b.simhash)) <= $2"
              for band in _SIMHASH_BANDS) + ")\n"
    "SELECT DISTINCT cand.bid, a.article_id, a.published_at, a.first_seen_at FROM cand"
    " JOIN articles a ON a.article_id = cand.aid")
assert NEAR_DUPLICATE_BITS < len(_SIMHASH_BANDS), "the bands find only distances below their count"


def _assign_duplicates(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> None:
    """Link copies of one story (same content hash, or SimHash within a few bits) to the earliest
    one, for every article of a batch in one query."""
    if not article_ids:
        return
    rows = con.execute(_DUPLICATES_SQL, [list(article_ids), NEAR_DUPLICATE_BITS]).fetchall()
    if not rows:
        return
    dates = dict(con.execute(
        "SELECT article_id, [published_at, first_seen_at] FROM articles WHERE article_id IN"
        " (SELECT unnest(?::VARCHAR[]))", [list({r[0] for r in rows})]).fetchall())
    groups: dict[str, set[str]] = {}
    for b, a, published, first_seen in rows:
        groups.setdefault(b, {b}).add(a)
        dates.setdefault(a, [published, first_seen])
    far = datetime.max.replace(tzinfo=timezone.utc)
    link: dict[str, str | None] = {}  # article -> its original (None: it is the original)
    for members in groups.values():
        original = min(members, key=lambda m: (dates[m][0] or far, dates[m][1] or far, m))
        link.update((m, None if m == original else original) for m in members)
    con.execute(
        "UPDATE articles SET duplicate_of = l.original FROM (SELECT unnest(?::VARCHAR[]) AS article_id,"
        " unnest(?::VARCHAR[]) AS original) l WHERE articles.article_id = l.article_id"
        " AND articles.duplicate_of IS DISTINCT FROM l.original",
        [list(link), list(link.values())])


def _bulk_insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[tuple],
                 *, casts: dict[str, str] | None = None, on_conflict: str = "") -> None:
    """Insert many rows at once through a registered dict of NumPy columns (an order of magnitude
    faster than executemany): the path that keeps loading far above 50,000 quote rows/s.
    ``casts`` gives SQL types for columns the NumPy bridge cannot carry as is (UBIGINT, JSON)."""
    if not rows:
        return
    exprs = [f"CAST({c} AS {(casts or {})[c]})" if c in (casts or {}) else c for c in columns]
    with registered(con, f"_bulk_{table}", columns, rows) as view:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {view} {on_conflict}"
                    ).fetchall()  # consumed before the view goes


ARTICLE_COLUMNS = ("article_id", "url", "canonical_url", "feed_url", "outlet", "title", "authors", "published_at",
                   "language", "description", "text", "content_hash", "simhash", "relevance", "topic",
                   "page_sha256", "extract_error", "extractor_version", "first_seen_at", "updated_at")
ARTICLE_CASTS = {"simhash": "UBIGINT", "published_at": "TIMESTAMPTZ", "first_seen_at": "TIMESTAMPTZ",
                 "updated_at": "TIMESTAMPTZ", "relevance": "DOUBLE", "authors": "VARCHAR[]"}
ARTICLE_UPSERT = """
    ON CONFLICT (article_id) DO UPDATE SET
        url = excluded.url, feed_url = coalesce(excluded.feed_url, articles.feed_url),
        outlet = coalesce(excluded.outlet, articles.outlet), title = excluded.title,
        authors = excluded.authors, published_at = excluded.published_at, language = excluded.language,
        description = excluded.description, text = excluded.text, content_hash = excluded.content_hash,
        simhash = excluded.simhash, relevance = excluded.relevance,
        topic = coalesce(excluded.topic, articles.topic), page_sha256 = excluded.page_sha256,
        extract_error = excluded.extract_error, extractor_version = excluded.extractor_version,
        updated_at = excluded.updated_at
"""
QUOTE_COLUMNS = ("quote_id", "article_id", "kind", "text", "start_char", "end_char", "speaker_id", "speaker",
                 "speaker_role", "cue", "anonymous", "norm_text", "extractor_version")
SIGNAL_COLUMNS = ("signal_id", "article_id", "quote_id", "speaker_id", "target", "label", "score", "hedged",
                  "conditional", "cues", "evidence_start", "evidence_end", "evidence", "extractor_version")


def _adds_to(cur: Speaker | None, sp: Speaker) -> bool:
    """Would merging ``sp`` into ``cur`` change it (a new speaker, a longer name, a new alias or
    role, a country where there was none)? Most speakers of a batch are known and bring nothing."""
    return (cur is None or len(sp.name) > len(cur.name) or (sp.country is not None and cur.country is None)
            or not set(sp.aliases).issubset(cur.aliases) or not set(sp.roles).issubset(cur.roles))


def _merge_speaker(cur: Speaker | None, sp: Speaker) -> Speaker:
    if cur is None:
        return sp
    return Speaker(speaker_id=cur.speaker_id, name=cur.name if len(cur.name) >= len(sp.name) else sp.name,
                   kind=cur.kind, aliases=tuple(dict.fromkeys(cur.aliases + sp.aliases)),
                   roles=tuple(dict.fromkeys(cur.roles + sp.roles)), country=cur.country or sp.country)


def load_article(con: duckdb.DuckDBPyConnection, rec: ArticleRecord) -> dict:
    """Load one extracted article (see :func:`load_articles`)."""
    return load_articles(con, [rec])


def load_articles(con: duckdb.DuckDBPyConnection, records: Sequence[ArticleRecord]) -> dict:
    """Load a batch of extracted articles and everything under them in one transaction.

    Idempotent: keyed on the canonical URL; re-loading the same content with the same
    extractor version changes nothing; new content or a new extractor version replaces the
    quotes and signals, keeping the ids of quotes whose words are unchanged. Later records in a
    batch win over earlier ones with the same canonical URL.
    Returns counts: {"articles": n, "quotes": n, "signals": n, "speakers": n} (speakers: added, or
    given a new alias, role, country or longer name).
    """
    by_id: dict[str, ArticleRecord] = {}
    for rec in records:
        by_id[rec.article_id] = rec
    counts = {"articles": 0, "quotes": 0, "signals": 0, "speakers": 0}
    if not by_id:
        return counts
    now = _now()
    # Raw bodies not stored yet go to a new file of the page store (outside the transaction: a
    # rollback removes the file, and a file no committed row names is never read).
    pages = {r.page.sha256: r.page for r in by_id.values() if r.page is not None}
    if pages:
        stored = {r[0] for r in con.execute("SELECT sha256 FROM page_meta WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))",
                                            [list(pages)]).fetchall()}
        pages = {k: p for k, p in pages.items() if k not in stored}
    body_file = pagestore.write_bodies(con, {k: p.body for k, p in pages.items()})
    con.execute("BEGIN TRANSACTION")
    try:
        _bulk_insert(con, "page_meta", ("sha256", "url", "final_url", "status", "headers", "fetched_at", "body_file",
                                        "body_bytes"),
                     [(k, p.url, p.final_url, p.status, json.dumps(p.headers), p.fetched_at, body_file, len(p.body))
                      for k, p in pages.items()],
                     casts={"headers": "JSON", "status": "INTEGER", "fetched_at": "TIMESTAMPTZ", "body_bytes": "BIGINT"},
                     on_conflict="ON CONFLICT (sha256) DO NOTHING")
        prev = dict((r[0], (r[1], r[2])) for r in con.execute(
            "SELECT article_id, content_hash, extractor_version FROM articles"
            " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [list(by_id)]).fetchall())
        todo = [r for aid, r in by_id.items() if prev.get(aid) != (r.content_hash, r.extractor_version)]
        if not todo:
            con.execute("COMMIT")
            return counts

        # New articles by plain INSERT (DuckDB's ON CONFLICT path costs ~2x), stored ones by upsert.
        rows = {r.article_id: (
            r.article_id, r.url, r.canonical_url, r.feed_url, r.outlet or r.article.site_name, r.article.title,
            list(r.article.authors), r.article.published or r.published_hint, r.article.language,
            r.article.description, r.article.text, r.content_hash, str(r.simhash), r.relevance, r.topic,
            r.page.sha256 if r.page else None, r.article.reason, r.extractor_version, now, now) for r in todo}
        for stored in (False, True):
            _bulk_insert(con, "articles", ARTICLE_COLUMNS, [row for aid, row in rows.items() if (aid in prev) == stored],
                         casts=ARTICLE_CASTS, on_conflict=ARTICLE_UPSERT if stored else "")
        _assign_duplicates(con, [r.article_id for r in todo if r.article.text])  # an empty page is no copy

        # Speakers: resolve against everyone seen before (and earlier in this batch), then merge.
        index = SpeakerIndex(known_speakers(con, [q for r in todo for q in r.quotes]))
        changed: dict[str, Speaker] = {}
        resolved_by_article = {}
        for r in todo:
            resolved = index.link(r.speakers)
            resolved_by_article[r.article_id] = resolved
            for sp in {sp.speaker_id: sp for sp in resolved if sp is not None}.values():  # once per speaker
                cur = changed.get(sp.speaker_id) or index.by_id.get(sp.speaker_id)
                if _adds_to(cur, sp):  # else the stored row (or this batch's) already says it all
                    merged = changed[sp.speaker_id] = _merge_speaker(cur, sp)
                    index.add(merged)
        _bulk_insert(
            con, "speakers", ("speaker_id", "name", "kind", "aliases", "roles", "country"),
            [(sp.speaker_id, sp.name, sp.kind, list(sp.aliases), list(sp.roles), sp.country)
             for sp in changed.values()],
            casts={"aliases": "VARCHAR[]", "roles": "VARCHAR[]"},
            on_conflict="""
                ON CONFLICT (speaker_id) DO UPDATE SET
                    name = CASE WHEN length(excluded.name) > length(speakers.name) THEN excluded.name ELSE speakers.name END,
                    aliases = list_distinct(list_concat(speakers.aliases, excluded.aliases)),
                    roles = list_distinct(list_concat(speakers.roles, excluded.roles)),
                    country = coalesce(speakers.country, excluded.country)""")

        # Quotes and signals: replace the articles' sets; quote ids are stable while the words are.
        ids = [r.article_id for r in todo if r.article_id in prev]  # a new article has nothing to replace
        if ids:
            for table in ("stance_signals", "quotes", "article_frames"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        quote_rows, signal_rows, frame_rows = [], {}, []
        for r in todo:
            aid, resolved = r.article_id, resolved_by_article[r.article_id]
            keys = r.quote_keys
            for q, (qid, words), sp in zip(r.quotes, keys, resolved):
                quote_rows.append((qid, aid, q.kind, q.text, q.start, q.end, sp.speaker_id if sp else None,
                                   q.speaker, q.role, q.cue, bool(q.anonymous), words, r.extractor_version))
            text = r.article.text
            for s, sid in zip(r.signals, r.signal_ids):
                qi = s.quote_index
                qid = keys[qi][0] if qi is not None and 0 <= qi < len(keys) else None
                spk = resolved[qi].speaker_id if qid is not None and resolved[qi] is not None else None
                sig = s.signal
                signal_rows[sid] = (sid, aid, qid, spk, s.target, sig.label, float(sig.score), bool(sig.hedged),
                                    bool(sig.conditional), list(sig.cues), s.evidence_start, s.evidence_end,
                                    text[s.evidence_start:s.evidence_end], r.extractor_version)
            frame_rows += [(aid, term, n) for term, n in r.frames.items() if n > 0]
        _bulk_insert(con, "quotes", QUOTE_COLUMNS, quote_rows)
        _bulk_insert(con, "stance_signals", SIGNAL_COLUMNS, list(signal_rows.values()))
        _bulk_insert(con, "article_frames", ("article_id", "term", "mentions"), frame_rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        pagestore.discard(con, body_file)
        raise
    return {"articles": len(todo), "quotes": len(quote_rows), "signals": len(signal_rows), "speakers": len(changed)}
