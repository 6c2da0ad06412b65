-- Raw page bodies leave the DuckDB file for Parquet files beside it (warehouse/pagestore.py):
-- with bodies in a table, every checkpoint rewrote the open row group of 42 KiB bodies and the
-- writer's memory grew with the warehouse. `pages` becomes a view over page_meta and the
-- store, created by the writer on open (it needs the store's path), with the same columns.

-- One row per distinct raw body (content-addressed); the body is in the page store's
-- file body_file (or, for pages stored before this migration, in page_bodies_legacy).
CREATE TABLE page_meta (
    sha256      VARCHAR PRIMARY KEY,
    url         VARCHAR NOT NULL,
    final_url   VARCHAR,
    status      INTEGER,
    headers     JSON,
    fetched_at  TIMESTAMPTZ NOT NULL,
    body_file   VARCHAR,
    body_bytes  BIGINT
);
INSERT INTO page_meta
SELECT sha256, url, final_url, status, headers, fetched_at, NULL, octet_length(body) FROM pages;

-- Bodies stored before this migration, read through the pages view; empty in a new warehouse.
CREATE TABLE page_bodies_legacy (
    sha256      VARCHAR PRIMARY KEY,
    body        BLOB
);
INSERT INTO page_bodies_legacy SELECT sha256, body FROM pages WHERE body IS NOT NULL;

DROP TABLE pages;
