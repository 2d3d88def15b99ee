-- One row per person's stay on a stream's page (its chat connection):
-- the stream's analytics (peak, average and unique viewers, watch time)
-- are computed from these. `viewer` is `u:<user id>`, `s:<session id>` or
-- `a:<hash of the address>` — never a raw address.
CREATE TABLE stream_views (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    viewer      TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT NOT NULL
);
CREATE INDEX stream_views_stream_idx ON stream_views (stream_id, started_at);
