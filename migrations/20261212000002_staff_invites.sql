-- Invitations to the back office: an administrator names an address and
-- the areas; a single-use link (7 days) lets that person set their name and
-- password and become staff. Only the BLAKE2s hash of the link's token is
-- stored. `user_id` is the account the invitation became.
CREATE TABLE staff_invites (
    token_hash  TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    areas       TEXT NOT NULL,
    created_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    accepted_at BIGINT,
    user_id     TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX staff_invites_email_idx ON staff_invites (email, expires_at);
