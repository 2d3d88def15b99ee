-- Live chat: messages (plain text, kept; a deleted one keeps its row), who
-- may not write (one stream, or every stream of a shop), slow mode and the
-- pinned product on the stream.

CREATE TABLE stream_messages (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The name shown, as it was when written.
    author      TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    deleted_at  BIGINT
);
CREATE INDEX stream_messages_stream_idx ON stream_messages (stream_id, created_at);
CREATE INDEX stream_messages_author_idx ON stream_messages (stream_id, user_id, created_at);

-- A mute holds for one stream; a ban (stream_id = '') for every stream of the shop.
CREATE TABLE chat_mutes (
    seller_id   TEXT NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    stream_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_by    TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (seller_id, stream_id, user_id)
);

ALTER TABLE streams ADD COLUMN slow_mode_secs BIGINT NOT NULL DEFAULT 0;
ALTER TABLE streams ADD COLUMN pinned_product_id TEXT REFERENCES products (id) ON DELETE SET NULL;
