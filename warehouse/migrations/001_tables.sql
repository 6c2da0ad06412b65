-- Raw and extracted tables. Grain is stated per table; keys are natural keys.

-- One row per feed URL.
CREATE TABLE feeds (
    url                  VARCHAR PRIMARY KEY,
    topic                VARCHAR,
    outlet               VARCHAR,
    title                VARCHAR,
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_polled_at       TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    last_status          INTEGER,
    last_error           VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    entries_seen         INTEGER NOT NULL DEFAULT 0,
    enabled              BOOLEAN NOT NULL DEFAULT TRUE
);

-- One row per HTTP attempt (a log: every run appends its attempts).
CREATE SEQUENCE fetch_log_seq;
CREATE TABLE fetch_log (
    fetch_id    BIGINT PRIMARY KEY DEFAULT nextval('fetch_log_seq'),
    run_id      VARCHAR,
    kind        VARCHAR NOT NULL,          -- feed | page
    url         VARCHAR NOT NULL,
    final_url   VARCHAR,
    status      INTEGER,                   -- HTTP status; NULL when no response came back
    error       VARCHAR,                   -- NULL on success; otherwise a short, clear reason
    bytes       BIGINT,
    elapsed_ms  DOUBLE,
    attempt     INTEGER NOT NULL DEFAULT 1,
    fetched_at  TIMESTAMPTZ NOT NULL
);

-- One row per distinct raw body (content-addressed), kept verbatim for reprocessing.
CREATE TABLE pages (
    sha256      VARCHAR PRIMARY KEY,
    url         VARCHAR NOT NULL,
    final_url   VARCHAR,
    status      INTEGER,
    headers     JSON,
    fetched_at  TIMESTAMPTZ NOT NULL,
    body        BLOB
);

-- One row per story (keyed on its canonical URL).
CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,   -- sha1 of canonical_url, first 16 hex digits
    url               VARCHAR NOT NULL,      -- as linked from the feed
    canonical_url     VARCHAR NOT NULL UNIQUE,
    feed_url          VARCHAR,
    outlet            VARCHAR,
    title             VARCHAR,
    authors           VARCHAR[],
    published_at      TIMESTAMPTZ,
    language          VARCHAR,
    description       VARCHAR,
    text              VARCHAR,
    content_hash      VARCHAR,
    simhash           UBIGINT,
    duplicate_of      VARCHAR,               -- article_id of the first copy of a syndicated/duplicate story
    relevance         DOUBLE,                -- topic keyword hits per 1,000 characters
    topic             VARCHAR,
    page_sha256       VARCHAR,
    extract_error     VARCHAR,
    extractor_version VARCHAR,
    first_seen_at     TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ
);

-- One row per resolved person, organisation or anonymous-source description.
CREATE TABLE speakers (
    speaker_id  VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,            -- person | organisation | anonymous
    aliases     VARCHAR[],
    roles       VARCHAR[],
    country     VARCHAR
);

-- One row per quote in an article.
CREATE TABLE quotes (
    quote_id      VARCHAR PRIMARY KEY,       -- stable across re-extraction while the quote's words stay
    article_id    VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,          -- direct | partial | indirect
    text          VARCHAR NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    speaker_id    VARCHAR,
    speaker       VARCHAR,                   -- as resolved in the article
    speaker_role  VARCHAR,
    cue           VARCHAR,
    anonymous     BOOLEAN NOT NULL DEFAULT FALSE,
    norm_text     VARCHAR,                   -- lower-cased, punctuation-free words: for spread across outlets
    extractor_version VARCHAR
);

-- One row per (quote or article sentence, target).
CREATE TABLE stance_signals (
    signal_id      VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    quote_id       VARCHAR,                  -- NULL for the article's own voice
    speaker_id     VARCHAR,
    target         VARCHAR NOT NULL,
    label          VARCHAR NOT NULL,         -- pro | con | neutral
    score          DOUBLE NOT NULL,
    hedged         BOOLEAN NOT NULL,
    conditional    BOOLEAN NOT NULL,
    cues           VARCHAR[],
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence       VARCHAR,
    extractor_version VARCHAR
);

-- One row per article and framing term that occurs in it.
CREATE TABLE article_frames (
    article_id  VARCHAR NOT NULL,
    term        VARCHAR NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (article_id, term)
);

-- One row per flow run.
CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    flow         VARCHAR NOT NULL,
    parameters   JSON,
    counts       JSON,
    status       VARCHAR NOT NULL,           -- running | completed | failed
    error        VARCHAR,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
