-- Two-step sign-in (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). A row with
-- `enabled_at` NULL is a setup waiting for its first code. `last_step` is
-- the newest time step accepted: a code at or before it is refused, so a
-- code works once. Recovery codes are kept only as BLAKE2s hashes.
CREATE TABLE two_factor (
    user_id    TEXT PRIMARY KEY REFERENCES users (id),
    secret     TEXT NOT NULL,
    enabled_at BIGINT,
    last_step  BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    used_at    BIGINT,
    created_at BIGINT NOT NULL
);

CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id, code_hash);
