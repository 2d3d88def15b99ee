-- Counters over customer_days, kept with it, so the customers dashboard
-- reads whole months as a few hundred rows instead of every customer's days.

-- customer_days rows of a month by their exact prev_day and skin type: a
-- range's distinct customers are the rows whose prev_day falls before the
-- range, which these counts answer for whole months (the loose days at the
-- range's ends are read from customer_days).
CREATE TABLE customer_months (
    shop_id        TEXT NOT NULL,
    month          TEXT NOT NULL,
    prev_day       TEXT NOT NULL,
    skin_type      TEXT NOT NULL,
    customers      BIGINT NOT NULL DEFAULT 0,
    orders         BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month, prev_day, skin_type)
);

-- Monthly cohorts: customers of a cohort (their first buying month) who
-- bought in a month.
CREATE TABLE customer_cohorts (
    shop_id    TEXT NOT NULL,
    cohort     TEXT NOT NULL,
    month      TEXT NOT NULL,
    customers  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month, cohort)
);

-- Fill them from the orders at the next start.
UPDATE analytics_zone SET time_zone = '';
