-- Marketing mail only with the person's yes (asked at registration and in
-- the account, off by default): when they said it, NULL while they have not
-- (or took it back). Campaigns go only to people with a time here.
ALTER TABLE profiles ADD COLUMN marketing_opt_in_at BIGINT;
