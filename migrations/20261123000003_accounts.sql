-- Accounts: profiles, shipping addresses and failed-login counters.
-- Sessions live in the session store's own table (tower-sessions-sqlx-store
-- creates it on start), so they are shared by every node and survive restarts.

-- Bumped when the password changes: sessions that carry an older value are
-- signed out on their next request.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

CREATE TABLE profiles (
    user_id         TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    username        TEXT,
    bio             TEXT NOT NULL DEFAULT '',
    gender          TEXT NOT NULL DEFAULT '',
    interests       TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    skin_type       TEXT NOT NULL DEFAULT '',
    skin_concerns   TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    avatar_media_id TEXT REFERENCES media (id),
    updated_at      BIGINT NOT NULL
);
-- Usernames are unique when set (NULLs do not collide on either engine).
CREATE UNIQUE INDEX profiles_username_idx ON profiles (username);

CREATE TABLE addresses (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    full_name     TEXT NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    address_line1 TEXT NOT NULL,
    address_line2 TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT '',
    postal_code   TEXT NOT NULL,
    country       TEXT NOT NULL,
    is_default    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX addresses_user_idx ON addresses (user_id, created_at);
-- At most one default address per person; the service keeps it exactly one.
CREATE UNIQUE INDEX addresses_one_default_idx ON addresses (user_id) WHERE is_default = TRUE;

-- One row per failed sign-in, keyed by account (`email:…`) and by client
-- (`ip:…`); rows older than the throttle window are pruned.
CREATE TABLE login_failures (
    id         TEXT PRIMARY KEY,
    scope_key  TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (scope_key, created_at);
