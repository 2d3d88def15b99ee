-- Sales by category, by channel (storefront, live stream, assistant) and by
-- promo code, kept like the other rollups.

-- Where a cart line was added from ('assistant'; NULL: the storefront; a
-- live stream is its own column), copied to the order line at placing.
ALTER TABLE cart_items ADD COLUMN channel TEXT;
ALTER TABLE order_lines ADD COLUMN channel TEXT;

-- Units, line revenue and cost of a category (its products' category
-- now) on the day its orders were sold, net of refunded units.
CREATE TABLE category_days (
    shop_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    category_id    TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    cost_minor     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, category_id)
);
CREATE INDEX category_days_day_idx ON category_days (day);

-- The same by channel: 'storefront', 'live' or 'assistant'.
CREATE TABLE channel_days (
    shop_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    channel        TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, channel)
);
CREATE INDEX channel_days_day_idx ON channel_days (day);

-- Sold orders that used a promo code, with their discount and totals.
CREATE TABLE promo_days (
    shop_id         TEXT NOT NULL,
    day             TEXT NOT NULL,
    code            TEXT NOT NULL,
    orders          BIGINT NOT NULL DEFAULT 0,
    discount_minor  BIGINT NOT NULL DEFAULT 0,
    gross_minor     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, code)
);
CREATE INDEX promo_days_day_idx ON promo_days (day);

-- Fill the new tables (and the finance columns) from the orders at the
-- next start: a zone of '' rebuilds every rollup.
UPDATE analytics_zone SET time_zone = '';
