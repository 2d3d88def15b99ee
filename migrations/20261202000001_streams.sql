-- Live shopping: streams (one live stream per shop at a time, held by a
-- partial unique index), the products each features, and who asked to be
-- told when it starts. Time is unix ms.

CREATE TABLE streams (
    id            TEXT PRIMARY KEY,
    seller_id     TEXT NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_by    TEXT NOT NULL REFERENCES users (id),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    category_id   TEXT REFERENCES categories (id) ON DELETE SET NULL,
    -- Lowercase, comma-separated.
    tags          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
    scheduled_at  BIGINT NOT NULL,
    started_at    BIGINT,
    ended_at      BIGINT,
    -- The publisher's secret (WHIP `Authorization: Bearer`), shown to the
    -- stream's own people only; rotatable.
    stream_key    TEXT NOT NULL,
    -- The public URL of the node that holds the publisher while live.
    node_url      TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX streams_one_live_idx ON streams (seller_id) WHERE status = 'live';
CREATE INDEX streams_status_idx ON streams (status, scheduled_at);
CREATE INDEX streams_seller_idx ON streams (seller_id, scheduled_at);

CREATE TABLE stream_products (
    stream_id   TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    PRIMARY KEY (stream_id, product_id)
);

CREATE TABLE stream_reminders (
    stream_id   TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (stream_id, user_id)
);
