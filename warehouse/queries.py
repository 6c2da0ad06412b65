"""Read-side queries over the trend views, used by the CLI (plain SQL works just as well)."""
from __future__ import annotations

import duckdb

PERIODS = ("day", "week", "month")


def trends(con: duckdb.DuckDBPyConnection, target: str | None = None, by: str = "month"):
    """Stance per target and period: one row per (target, period). Returns (columns, rows)."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    sql = f"""
        SELECT target, CAST(date_trunc('{by}', timezone('UTC', published_at)) AS DATE) AS {by},
               count(*) AS signals,
               count(*) FILTER (WHERE label = 'pro') AS pro,
               count(*) FILTER (WHERE label = 'con') AS con,
               count(*) FILTER (WHERE label = 'neutral') AS neutral,
               round(avg(score), 2) AS net_score,
               count(DISTINCT speaker_id) AS speakers
        FROM signals_enriched
        WHERE (? IS NULL OR target = ?)
        GROUP BY ALL ORDER BY target, {by}
    """
    rel = con.execute(sql, [target, target])
    return [d[0] for d in rel.description], rel.fetchall()


def summary(con: duckdb.DuckDBPyConnection) -> dict:
    """The figures the demo prints."""
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    out = {
        "articles": one("SELECT count(*) FROM articles"),
        "counted_articles": one("SELECT count(*) FROM counted_articles"),
        "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "off_topic": one("SELECT count(*) FROM articles WHERE relevance = 0"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "speakers": one("SELECT count(*) FROM speakers"),
        "signals": one("SELECT count(*) FROM stance_signals"),
        "feed_failures": one("SELECT count(*) FROM feeds WHERE last_error IS NOT NULL"),
        "page_failures": one(
            "SELECT count(DISTINCT url) FROM fetch_log WHERE kind = 'page' AND error IS NOT NULL"
            " AND url NOT IN (SELECT url FROM articles)"),
    }
    out["top_speakers"] = con.execute(
        "SELECT name, coalesce(country, '') AS country, quotes, signals, net_score FROM speaker_activity"
        " WHERE kind = 'person' ORDER BY quotes DESC, name LIMIT 8").fetchall()
    out["stance_monthly"] = con.execute(
        "SELECT month, target, pro, con, neutral, net_score FROM stance_monthly ORDER BY month, target").fetchall()
    out["failures"] = con.execute(
        "SELECT url, last_error FROM feeds WHERE last_error IS NOT NULL UNION ALL "
        "SELECT DISTINCT url, error FROM fetch_log WHERE kind = 'page' AND error IS NOT NULL"
        " AND url NOT IN (SELECT url FROM articles) ORDER BY 1").fetchall()
    return out
