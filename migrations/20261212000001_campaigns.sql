-- Email campaigns. A campaign's audience is a JSON filter (every key
-- optional, ANDed); at "send" the people it matches who opted in to
-- marketing mail become its recipients — one row each, keyed by
-- (campaign, person), so a second "send" or a second app node adds nobody
-- twice. A worker turns pending recipients into outbox mail in batches.
CREATE TABLE campaigns (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    template        TEXT NOT NULL,
    audience        TEXT NOT NULL DEFAULT '{}',   -- JSON audience filter
    product_ids     TEXT NOT NULL DEFAULT '[]',   -- JSON: chosen products; [] = recommended per person
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'sent')),
    scheduled_at    BIGINT,
    recipient_count BIGINT NOT NULL DEFAULT 0,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT
);
CREATE INDEX campaigns_status_idx ON campaigns (status, scheduled_at);
CREATE INDEX campaigns_created_idx ON campaigns (created_at);

-- One row per person a campaign goes to. `token_hash` is the BLAKE2s hash
-- of the random token in their mail's links (unsubscribe, open pixel,
-- clicks); the token itself is never stored.
CREATE TABLE campaign_recipients (
    campaign_id     TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'queued', 'skipped')),
    token_hash      TEXT,
    outbox_id       TEXT,
    opened_at       BIGINT,
    clicked_at      BIGINT,
    unsubscribed_at BIGINT,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
);
CREATE UNIQUE INDEX campaign_recipients_token_idx ON campaign_recipients (token_hash);
CREATE INDEX campaign_recipients_status_idx ON campaign_recipients (campaign_id, status);
CREATE INDEX campaign_recipients_user_idx ON campaign_recipients (user_id);

-- A marketing mail's one-click unsubscribe address ({site}-relative):
-- the worker sends it as List-Unsubscribe + List-Unsubscribe-Post (RFC 8058).
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;
