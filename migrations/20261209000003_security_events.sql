-- What happened to an account's security: sign-ins and their failures,
-- throttles, password resets and changes, sessions ended, two-factor
-- changes. The person sees their own on /account/security, administrators
-- everyone's on /admin/security. `user_id` is NULL for an address with no
-- account (a failed sign-in names the address typed in `email`).
CREATE TABLE security_events (
    id         TEXT PRIMARY KEY,
    user_id    TEXT REFERENCES users (id),
    email      TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE INDEX security_events_user_idx ON security_events (user_id, created_at);
CREATE INDEX security_events_time_idx ON security_events (created_at);
CREATE INDEX security_events_kind_idx ON security_events (kind, created_at);
