-- Signed-in sessions as the person sees them on /account/security: a public
-- handle (never the cookie's value), the device and address they signed in
-- from, when, and when last seen. The cookie's session record names its
-- handle; a request whose handle is ended, or whose epoch is older than the
-- person's, is signed out — on every node, since every node reads this row.
CREATE TABLE user_sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    epoch        BIGINT NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    remember     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    ended_at     BIGINT
);

CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, ended_at);
