-- Products' sales by month as well as by day, kept together: a long range
-- reads its whole months from here and only the loose days at either end
-- from product_sales_days (a year of a 2,000-product marketplace is a few
-- thousand rows instead of 730,000).
CREATE TABLE product_sales_months (
    shop_id        TEXT NOT NULL,
    month          TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    cost_minor     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month, product_id)
);
CREATE INDEX product_sales_months_month_idx ON product_sales_months (month);

-- Fill it from the orders at the next start: a zone of '' rebuilds every rollup.
UPDATE analytics_zone SET time_zone = '';
