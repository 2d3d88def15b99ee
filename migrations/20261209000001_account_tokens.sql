-- One-time links mailed to a person: password reset now, email
-- verification next. Only a hash of the token is kept (the link in the mail
-- is the one copy of the secret). A newer link of the same purpose voids the
-- older ones; using a link deletes it.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('password_reset', 'verify_email')),
    email      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);
CREATE INDEX account_tokens_expiry_idx ON account_tokens (expires_at);
