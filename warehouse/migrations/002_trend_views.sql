-- Trend views, layered like dbt models: a staging layer that only filters, joins and casts,
-- then marts that answer questions. Times are bucketed in UTC.

-- Staging: one row per counted story: on-topic (relevance > 0) and not a copy of another story.
CREATE VIEW counted_articles AS
SELECT a.*,
       CAST(date_trunc('month', timezone('UTC', a.published_at)) AS DATE) AS month,
       CAST(date_trunc('week',  timezone('UTC', a.published_at)) AS DATE) AS week
FROM articles a
WHERE a.duplicate_of IS NULL AND a.relevance > 0 AND a.published_at IS NOT NULL;

-- Staging: one row per stance signal in a counted story, with who said it and where.
CREATE VIEW signals_enriched AS
SELECT s.signal_id, s.article_id, s.quote_id, s.target, s.label, s.score, s.hedged, s.conditional,
       s.cues, s.evidence,
       coalesce(sp.speaker_id, CASE WHEN s.quote_id IS NULL THEN 'outlet:' || a.outlet END) AS speaker_id,
       coalesce(sp.name, CASE WHEN s.quote_id IS NULL THEN a.outlet || ' (own voice)' END) AS speaker,
       coalesce(sp.kind, CASE WHEN s.quote_id IS NULL THEN 'outlet' END) AS speaker_kind,
       sp.country, a.outlet, a.published_at, a.month, a.week
FROM stance_signals s
JOIN counted_articles a USING (article_id)
LEFT JOIN speakers sp ON sp.speaker_id = s.speaker_id;

-- Staging: one row per quote in a counted story.
CREATE VIEW quotes_enriched AS
SELECT q.quote_id, q.article_id, q.kind, q.text, q.speaker_id, coalesce(sp.name, q.speaker) AS speaker,
       q.speaker_role, q.cue, q.anonymous, sp.kind AS speaker_kind, sp.country,
       a.outlet, a.published_at, a.month, a.week
FROM quotes q
JOIN counted_articles a USING (article_id)
LEFT JOIN speakers sp ON sp.speaker_id = q.speaker_id;

-- Mart: one row per target and month. net_score is the mean signal score in [-1, 1].
CREATE VIEW stance_monthly AS
SELECT target, month,
       count(*) AS signals,
       count(*) FILTER (WHERE label = 'pro') AS pro,
       count(*) FILTER (WHERE label = 'con') AS con,
       count(*) FILTER (WHERE label = 'neutral') AS neutral,
       round(avg(score), 3) AS net_score,
       round(avg(CASE WHEN hedged THEN 1 ELSE 0 END), 3) AS hedged_share,
       round(avg(CASE WHEN conditional THEN 1 ELSE 0 END), 3) AS conditional_share
FROM signals_enriched
GROUP BY target, month;

-- Mart: one row per target, speaker and month (quoted speakers only, not the outlets' own voice).
CREATE VIEW stance_by_speaker_monthly AS
SELECT target, speaker_id, speaker, speaker_kind, country, month,
       count(*) AS signals,
       count(*) FILTER (WHERE label = 'pro') AS pro,
       count(*) FILTER (WHERE label = 'con') AS con,
       round(avg(score), 3) AS net_score
FROM signals_enriched
WHERE quote_id IS NOT NULL
GROUP BY ALL;

-- Mart: one row per target, country and month (speakers whose country is known).
CREATE VIEW stance_by_country_monthly AS
SELECT target, country, month,
       count(*) AS signals,
       count(*) FILTER (WHERE label = 'pro') AS pro,
       count(*) FILTER (WHERE label = 'con') AS con,
       round(avg(score), 3) AS net_score
FROM signals_enriched
WHERE country IS NOT NULL
GROUP BY ALL;

-- Mart: one row per target, outlet and month (all signals in the outlet's stories).
CREATE VIEW stance_by_outlet_monthly AS
SELECT target, outlet, month,
       count(*) AS signals,
       count(*) FILTER (WHERE label = 'pro') AS pro,
       count(*) FILTER (WHERE label = 'con') AS con,
       round(avg(score), 3) AS net_score
FROM signals_enriched
GROUP BY ALL;

-- Mart: one row per target and week: how much attention a target gets.
CREATE VIEW attention_weekly AS
SELECT target, week, count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM signals_enriched
GROUP BY ALL;

-- Mart: one row per week: quote volume.
CREATE VIEW quote_volume_weekly AS
SELECT week, count(*) AS quotes,
       count(*) FILTER (WHERE kind = 'direct') AS direct,
       count(*) FILTER (WHERE kind = 'partial') AS partial,
       count(*) FILTER (WHERE kind = 'indirect') AS indirect,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT speaker_id) AS speakers
FROM quotes_enriched
GROUP BY week;

-- Mart: one row per framing term and month, with the term's share of that month's framing mentions.
CREATE VIEW framing_monthly AS
SELECT f.term, a.month, sum(f.mentions) AS mentions,
       round(sum(f.mentions) / sum(sum(f.mentions)) OVER (PARTITION BY a.month), 3) AS share
FROM article_frames f
JOIN counted_articles a USING (article_id)
GROUP BY f.term, a.month;

-- Mart: one row per speaker: how often and where they are quoted, and their overall stance.
CREATE VIEW speaker_activity AS
WITH q AS (
    SELECT speaker_id, count(*) AS quotes, count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets, min(published_at) AS first_quoted, max(published_at) AS last_quoted
    FROM quotes_enriched WHERE speaker_id IS NOT NULL GROUP BY speaker_id
), s AS (
    SELECT speaker_id, count(*) AS signals, round(avg(score), 3) AS net_score
    FROM signals_enriched WHERE quote_id IS NOT NULL GROUP BY speaker_id
)
SELECT sp.speaker_id, sp.name, sp.kind, sp.country, sp.roles, q.quotes, q.articles, q.outlets,
       q.first_quoted, q.last_quoted, coalesce(s.signals, 0) AS signals, s.net_score
FROM q JOIN speakers sp USING (speaker_id) LEFT JOIN s USING (speaker_id);

-- Mart: one row per distinct quote wording (normalised): who said it, when and where it was
-- first seen, and how far it spread (all copies count here, syndicated ones included).
CREATE VIEW quote_spread AS
SELECT q.norm_text,
       arg_min(q.text, a.published_at) AS text,
       arg_min(coalesce(sp.name, q.speaker), a.published_at) AS speaker,
       min(a.published_at) AS first_seen,
       arg_min(a.outlet, a.published_at) AS first_outlet,
       count(DISTINCT q.article_id) AS articles,
       count(DISTINCT a.outlet) AS outlets,
       list(DISTINCT a.outlet ORDER BY a.outlet) AS outlet_list
FROM quotes q
JOIN articles a USING (article_id)
LEFT JOIN speakers sp ON sp.speaker_id = q.speaker_id
WHERE q.kind IN ('direct', 'partial') AND length(q.norm_text) >= 20
GROUP BY q.norm_text;

-- Operations: one row per feed, with the state of its last poll.
CREATE VIEW feed_health AS
SELECT f.url, f.outlet, f.enabled, f.last_status, f.last_error, f.consecutive_failures,
       f.last_polled_at, f.last_success_at, f.entries_seen,
       (SELECT count(*) FROM articles a WHERE a.feed_url = f.url) AS articles
FROM feeds f;
