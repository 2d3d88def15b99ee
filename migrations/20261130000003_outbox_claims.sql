-- Which worker claimed a message: a claim is one conditional UPDATE, so two
-- app nodes never send the same message.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
