-- First-party traffic: what the shop's own requests say, with no cookie and
-- no third-party script. Visitors are a salted hash whose salt changes
-- every day (and is then deleted), so a visitor cannot be followed from
-- one day to the next.

-- Raw events, kept 90 days: 'page' (a page view), 'cart' (added to cart),
-- 'search' (a search with no results).
CREATE TABLE traffic_events (
    id        TEXT PRIMARY KEY,
    at        BIGINT NOT NULL,
    day       TEXT NOT NULL,
    kind      TEXT NOT NULL,
    visitor   TEXT NOT NULL,
    shop_id   TEXT,
    path      TEXT,
    referrer  TEXT,
    term      TEXT
);
CREATE INDEX traffic_events_at_idx ON traffic_events (at);

-- A day's counts, kept forever: shop '' is the whole site; a shop's row
-- counts its product and shop pages and its products added to carts.
-- visitors, viewers, carters and checkouts are distinct visitors of the day.
CREATE TABLE traffic_days (
    shop_id        TEXT NOT NULL,
    day            TEXT NOT NULL,
    page_views     BIGINT NOT NULL DEFAULT 0,
    visitors       BIGINT NOT NULL DEFAULT 0,
    product_views  BIGINT NOT NULL DEFAULT 0,
    viewers        BIGINT NOT NULL DEFAULT 0,
    cart_adds      BIGINT NOT NULL DEFAULT 0,
    carters        BIGINT NOT NULL DEFAULT 0,
    checkouts      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day)
);

-- Which visitor was already counted at which step today (deleted with the
-- day's salt): 'visit', 'view', 'cart', 'checkout'.
CREATE TABLE traffic_seen (
    day      TEXT NOT NULL,
    shop_id  TEXT NOT NULL,
    step     TEXT NOT NULL,
    visitor  TEXT NOT NULL,
    PRIMARY KEY (day, shop_id, step, visitor)
);

-- Top lists, kept forever, by day (span 'd', period YYYY-MM-DD) and by
-- month (span 'm', period YYYY-MM) so a year reads twelve rows a name:
-- dim 'page' (path), 'referrer' (the site a visit came from), 'search'
-- (a search term that found nothing).
CREATE TABLE traffic_tops (
    dim     TEXT NOT NULL,
    span    TEXT NOT NULL,
    period  TEXT NOT NULL,
    name    TEXT NOT NULL,
    hits    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, span, period, name)
);

-- The day's salt (deleted the day after).
CREATE TABLE traffic_salts (
    day   TEXT PRIMARY KEY,
    salt  TEXT NOT NULL
);
