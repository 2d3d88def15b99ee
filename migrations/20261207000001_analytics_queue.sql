-- Order changes waiting to reach the rollups: the order's transaction
-- writes one row (a JSON change), the applier folds them into the rollups
-- in batches and deletes them; a dashboard read applies what still waits.
CREATE TABLE analytics_queue (
    -- UUIDv7: time-ordered, so rows apply in the order they were made.
    id     TEXT PRIMARY KEY,
    event  TEXT NOT NULL
);
