-- Buying: promo codes, shipping and tax settings, checkouts (one payment),
-- orders (one per shop in a checkout), their lines as bought, their
-- history, and the mail outbox. Money is BIGINT minor units, time unix ms.

CREATE TABLE promo_codes (
    id                  TEXT PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    -- Percent (1–100) or an amount in minor units.
    value               BIGINT NOT NULL CHECK (value > 0),
    min_subtotal_minor  BIGINT NOT NULL DEFAULT 0,
    starts_at           BIGINT,
    ends_at             BIGINT,
    usage_limit         BIGINT,
    per_customer_limit  BIGINT,
    shop_id             TEXT REFERENCES sellers (id) ON DELETE CASCADE,
    category_id         TEXT REFERENCES categories (id) ON DELETE CASCADE,
    used_count          BIGINT NOT NULL DEFAULT 0,
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          BIGINT NOT NULL,
    CHECK (usage_limit IS NULL OR used_count <= usage_limit)
);

CREATE TABLE promo_uses (
    promo_id    TEXT NOT NULL REFERENCES promo_codes (id) ON DELETE CASCADE,
    checkout_id TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (promo_id, checkout_id)
);
CREATE INDEX promo_uses_user_idx ON promo_uses (promo_id, user_id);

-- Shipping per shop ('*' is every shop without its own row).
CREATE TABLE shipping_rates (
    shop_id          TEXT PRIMARY KEY,
    flat_minor       BIGINT NOT NULL CHECK (flat_minor >= 0),
    free_over_minor  BIGINT CHECK (free_over_minor IS NULL OR free_over_minor >= 0)
);
INSERT INTO shipping_rates (shop_id, flat_minor, free_over_minor) VALUES ('*', 495, 5000);

-- Tax in basis points by country and region ('' = the whole country,
-- '*' country = anywhere else).
CREATE TABLE tax_rates (
    country  TEXT NOT NULL,
    region   TEXT NOT NULL DEFAULT '',
    rate_bp  BIGINT NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (country, region)
);
INSERT INTO tax_rates (country, region, rate_bp) VALUES ('*', '', 0);
INSERT INTO tax_rates (country, region, rate_bp) VALUES ('GB', '', 2000);
INSERT INTO tax_rates (country, region, rate_bp) VALUES ('US', 'CA', 725);
INSERT INTO tax_rates (country, region, rate_bp) VALUES ('US', 'NY', 400);

-- One submit of the checkout: one payment for every shop's order in it.
CREATE TABLE checkouts (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users (id),
    idempotency_key   TEXT NOT NULL,
    payment_method    TEXT NOT NULL CHECK (payment_method IN ('card', 'cash_on_delivery')),
    payment_status    TEXT NOT NULL CHECK (payment_status IN ('pending', 'paid', 'failed', 'due_on_delivery', 'cancelled', 'refunded')),
    currency          TEXT NOT NULL,
    subtotal_minor    BIGINT NOT NULL,
    shipping_minor    BIGINT NOT NULL,
    tax_minor         BIGINT NOT NULL,
    discount_minor    BIGINT NOT NULL,
    total_minor       BIGINT NOT NULL,
    promo_code        TEXT,
    payment_intent_id TEXT UNIQUE,
    client_secret     TEXT,
    -- Unpaid card checkouts hold their stock until then.
    hold_until        BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX checkouts_hold_idx ON checkouts (payment_status, hold_until);

CREATE TABLE orders (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    checkout_id      TEXT NOT NULL REFERENCES checkouts (id),
    user_id          TEXT NOT NULL REFERENCES users (id),
    shop_id          TEXT NOT NULL REFERENCES sellers (id),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered',
                                                     'cancelled', 'refunded', 'partially_refunded')),
    payment_method   TEXT NOT NULL,
    currency         TEXT NOT NULL,
    subtotal_minor   BIGINT NOT NULL,
    shipping_minor   BIGINT NOT NULL,
    tax_minor        BIGINT NOT NULL,
    discount_minor   BIGINT NOT NULL,
    total_minor      BIGINT NOT NULL,
    refunded_minor   BIGINT NOT NULL DEFAULT 0,
    ship_name        TEXT NOT NULL,
    ship_phone       TEXT NOT NULL DEFAULT '',
    ship_line1       TEXT NOT NULL,
    ship_line2       TEXT NOT NULL DEFAULT '',
    ship_city        TEXT NOT NULL,
    ship_region      TEXT NOT NULL DEFAULT '',
    ship_postal_code TEXT NOT NULL,
    ship_country     TEXT NOT NULL,
    carrier          TEXT,
    tracking_number  TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at);
CREATE INDEX orders_shop_idx ON orders (shop_id, created_at);
CREATE INDEX orders_status_idx ON orders (status, created_at);
CREATE INDEX orders_checkout_idx ON orders (checkout_id);

-- Lines keep what was bought as it was: shop, title, SKU, unit price.
CREATE TABLE order_lines (
    id                 TEXT PRIMARY KEY,
    order_id           TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id         TEXT NOT NULL,
    variant_id         TEXT NOT NULL,
    shop_id            TEXT NOT NULL,
    title              TEXT NOT NULL,
    variant_title      TEXT NOT NULL,
    sku                TEXT NOT NULL,
    unit_price_minor   BIGINT NOT NULL,
    quantity           BIGINT NOT NULL CHECK (quantity > 0),
    line_total_minor   BIGINT NOT NULL,
    refunded_quantity  BIGINT NOT NULL DEFAULT 0 CHECK (refunded_quantity BETWEEN 0 AND quantity)
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- Every change of an order: who, when, why.
CREATE TABLE order_events (
    id         TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    actor_id   TEXT,
    actor      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, created_at);

-- Mail written in the same transaction as what it tells of; a worker sends it.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    order_id        TEXT,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    sent_at         BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (sent_at, next_attempt_at);
