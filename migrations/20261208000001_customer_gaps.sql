-- Day counters over customer_days, so the customers dashboard reads a
-- range's loose days (and its day and week buckets) as a few rows a day
-- instead of every customer's row.

-- A customer's row counts in a range when its prev_day falls before the
-- range. For a day and a range that starts at most 31 days before it,
-- that needs prev_day exactly only when it is within those 31 days:
-- `recent_prev` is prev_day then, '0' when the previous buying day is
-- older, and '' for the customer's first day ('' < '0' < any day).
ALTER TABLE customer_days ADD COLUMN recent_prev TEXT NOT NULL DEFAULT '';

-- customer_days rows of a day by recent_prev and skin type.
CREATE TABLE customer_gaps (
    shop_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    recent_prev    TEXT NOT NULL,
    skin_type      TEXT NOT NULL,
    customers      BIGINT NOT NULL DEFAULT 0,
    orders         BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, recent_prev, skin_type)
);

-- Fill them from the orders at the next start.
UPDATE analytics_zone SET time_zone = '';
