-- Polling state: what each feed listed, how often it changes, and when to poll it next.

-- One row per (feed, entry): lets a re-poll skip what it has seen and re-fetch what was updated.
CREATE TABLE feed_entries (
    feed_url       VARCHAR NOT NULL,
    entry_url      VARCHAR NOT NULL,          -- canonical URL of the entry's link
    guid           VARCHAR,
    title          VARCHAR,
    published_at   TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ,               -- the entry's own <updated>, as last fetched
    fetch_error    VARCHAR,                   -- last page fetch error for this entry (NULL when loaded)
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed_url, entry_url)
);

ALTER TABLE feeds ADD COLUMN poll_interval_s INTEGER;       -- adaptive: from how often the feed changes
ALTER TABLE feeds ADD COLUMN next_poll_at TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN last_new_entry_at TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN mean_entry_interval_s DOUBLE;   -- mean gap between entries' dates
ALTER TABLE feeds ADD COLUMN disabled_reason VARCHAR;

-- Replaces the first feed_health: one row per feed, with a health verdict.
DROP VIEW feed_health;
CREATE VIEW feed_health AS
SELECT f.url, f.outlet, f.enabled, f.disabled_reason,
       CASE
           WHEN NOT f.enabled THEN 'disabled'
           WHEN f.consecutive_failures > 0 THEN 'failing'
           WHEN f.last_new_entry_at IS NOT NULL AND f.mean_entry_interval_s IS NOT NULL
                AND epoch(now() - f.last_new_entry_at) > greatest(4 * f.mean_entry_interval_s, 2 * 86400) THEN 'quiet'
           WHEN f.last_success_at IS NULL THEN 'never polled'
           ELSE 'ok'
       END AS health,
       f.last_status, f.last_error, f.consecutive_failures, f.last_polled_at, f.last_success_at,
       f.last_new_entry_at, round(f.mean_entry_interval_s / 3600, 1) AS mean_entry_interval_h,
       f.poll_interval_s, f.next_poll_at, f.entries_seen,
       (SELECT count(*) FROM articles a WHERE a.feed_url = f.url) AS articles,
       (SELECT count(*) FROM quotes q JOIN articles a USING (article_id) WHERE a.feed_url = f.url) AS quotes
FROM feeds f;
