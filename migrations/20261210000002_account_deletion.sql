-- A deleted account keeps its row (orders, reviews and payments point at
-- it, and the shops' books must still add up) with every personal field
-- erased; this says when. A deleted account cannot sign in.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
