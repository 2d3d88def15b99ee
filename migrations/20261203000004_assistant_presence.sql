-- When the conversation's owner last had it open (its live feed beats every
-- 20 s): a staff reply goes by mail only when they have left.
ALTER TABLE assistant_conversations ADD COLUMN owner_seen_at BIGINT;
