-- Reports: a list exported in the background (too long to stream at once),
-- its progress while it runs, and the file, kept 7 days.
CREATE TABLE reports (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    format        TEXT NOT NULL,
    -- One shop's rows only (a seller's report, or the back office's filter).
    shop_id       TEXT,
    start_day     TEXT NOT NULL,
    end_day       TEXT NOT NULL,
    requested_by  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'done', 'failed')),
    rows_written  BIGINT NOT NULL DEFAULT 0,
    total_rows    BIGINT NOT NULL DEFAULT 0,
    file_key      TEXT,
    byte_size     BIGINT NOT NULL DEFAULT 0,
    error         TEXT,
    created_at    BIGINT NOT NULL,
    -- Written by the node running it as it goes; a stale beat is re-queued.
    beat_at       BIGINT,
    finished_at   BIGINT,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX reports_status_idx ON reports (status, created_at);
CREATE INDEX reports_requested_idx ON reports (requested_by, created_at);
