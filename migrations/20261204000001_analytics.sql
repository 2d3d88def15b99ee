-- Sales analytics: daily rollups kept in the transaction that changes an
-- order, so dashboards never scan the orders. Days are the shop's local
-- days (analytics_zone); changing the zone rebuilds every rollup.

-- When the order became a sale: its card payment arrived, or it was placed
-- for cash on delivery. Kept after a cancellation (the rollups leave
-- cancelled orders out).
ALTER TABLE orders ADD COLUMN sold_at BIGINT;
UPDATE orders SET sold_at = COALESCE(
    (SELECT MIN(e.created_at) FROM order_events e WHERE e.order_id = orders.id AND e.status = 'paid'),
    created_at)
  WHERE status NOT IN ('pending', 'cancelled');
CREATE INDEX orders_sold_idx ON orders (sold_at);

-- The time zone the rollups' days are cut in (one row).
CREATE TABLE analytics_zone (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    time_zone TEXT NOT NULL
);
-- '' until the first start writes the configured zone and builds the rollups.
INSERT INTO analytics_zone (id, time_zone) VALUES (1, '');

-- A shop's sales on one local day: sold orders (not cancelled) by the day
-- they were sold, refunds by the day they were made.
CREATE TABLE sales_days (
    shop_id         TEXT NOT NULL,
    day             TEXT NOT NULL,
    orders          BIGINT NOT NULL DEFAULT 0,
    gross_minor     BIGINT NOT NULL DEFAULT 0,
    subtotal_minor  BIGINT NOT NULL DEFAULT 0,
    discount_minor  BIGINT NOT NULL DEFAULT 0,
    shipping_minor  BIGINT NOT NULL DEFAULT 0,
    tax_minor       BIGINT NOT NULL DEFAULT 0,
    refunds         BIGINT NOT NULL DEFAULT 0,
    refunds_minor   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day)
);
CREATE INDEX sales_days_day_idx ON sales_days (day);

-- Units and line revenue of a product on the day its orders were sold, net
-- of what was refunded since.
CREATE TABLE product_sales_days (
    shop_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    units          BIGINT NOT NULL DEFAULT 0,
    revenue_minor  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, product_id)
);
CREATE INDEX product_sales_days_day_idx ON product_sales_days (day);

-- Orders placed on a local day, by their status now.
CREATE TABLE status_days (
    shop_id  TEXT NOT NULL,
    day      TEXT NOT NULL,
    status   TEXT NOT NULL,
    orders   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, status)
);
CREATE INDEX status_days_day_idx ON status_days (day);

-- Each customer's first sale day: in the marketplace (shop_id '') and in
-- each shop. New customers of a period are the rows whose day falls in it.
CREATE TABLE customer_firsts (
    shop_id  TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    day      TEXT NOT NULL,
    PRIMARY KEY (shop_id, user_id)
);
CREATE INDEX customer_firsts_day_idx ON customer_firsts (shop_id, day);
