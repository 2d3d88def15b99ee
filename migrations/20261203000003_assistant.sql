-- The shopping assistant: conversations (a person's, or a visitor's whose
-- key the session holds until they sign in), their messages, and hand-over
-- to staff. Deleted with their owner; swept after BAZAAR_CHAT_RETENTION_DAYS.
CREATE TABLE assistant_conversations (
    id           TEXT PRIMARY KEY,
    user_id      TEXT REFERENCES users (id) ON DELETE CASCADE,
    visitor      TEXT,
    title        TEXT NOT NULL DEFAULT '',
    -- Answers in a row that found nothing (two hand the conversation over).
    misses       BIGINT NOT NULL DEFAULT 0,
    escalated_at BIGINT,
    -- Staff answered since the hand-over.
    answered_at  BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX assistant_conversations_user_idx ON assistant_conversations (user_id, updated_at);
CREATE INDEX assistant_conversations_visitor_idx ON assistant_conversations (visitor);
CREATE INDEX assistant_conversations_escalated_idx ON assistant_conversations (escalated_at);
CREATE INDEX assistant_conversations_updated_idx ON assistant_conversations (updated_at);

CREATE TABLE assistant_messages (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'staff')),
    content         TEXT NOT NULL,
    -- The product ids shown with an answer, a JSON array (cards are read
    -- fresh from the catalog: prices are never stored here).
    products        TEXT NOT NULL DEFAULT '[]',
    -- The catalog search an answer ran (a follow-up narrows it).
    search          TEXT NOT NULL DEFAULT '',
    author_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX assistant_messages_conversation_idx ON assistant_messages (conversation_id, created_at);
-- The per-person message limit counts recent user messages.
CREATE INDEX assistant_messages_recent_idx ON assistant_messages (role, created_at);
