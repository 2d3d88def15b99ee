-- When the person proved they read mail at their address (NULL: not yet).
-- A change of address takes effect only once the new one is proved, so
-- this is always about the address in `email`.
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
