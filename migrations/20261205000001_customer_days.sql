-- Customers' buying days, for the customers dashboard: new and returning
-- customers, repeat and churn rates and monthly cohorts, read without
-- counting distinct customers over the orders. One row per customer and
-- local day with a sale, in the marketplace (shop_id '') and in each shop,
-- kept by the same transaction as sales_days (and rebuilt with it).
CREATE TABLE customer_days (
    shop_id        TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    orders         BIGINT NOT NULL DEFAULT 0,
    -- The sold orders' totals (before refunds).
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    -- The customer's buying day before this one in the same scope ('' for
    -- their first): a customer counts once in a range, on the row whose
    -- prev_day falls before the range.
    prev_day       TEXT NOT NULL DEFAULT '',
    -- The customer's first buying day in the scope (their cohort).
    first_day      TEXT NOT NULL,
    -- Their beauty profile's skin type when they bought ('' unknown).
    skin_type      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (shop_id, user_id, day)
);
-- Covers the dashboard's reads: a scope's days in a range.
CREATE INDEX customer_days_day_idx
    ON customer_days (shop_id, day, prev_day, first_day, skin_type, orders, revenue_minor);
