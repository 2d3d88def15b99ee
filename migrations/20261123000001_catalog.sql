-- Foundation schema: accounts, shops, catalog. Portable across SQLite and
-- PostgreSQL: ids are TEXT (UUIDv7), money is BIGINT minor units, time is
-- BIGINT unix milliseconds, booleans are BOOLEAN, binary data is BYTEA
-- (SQLite stores it as a BLOB under that declared type).

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'customer'
                  CHECK (role IN ('customer', 'seller', 'staff', 'admin')),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE media (
    id           TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes        BYTEA NOT NULL,
    byte_size    BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE sellers (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    slug           TEXT NOT NULL UNIQUE,
    shop_name      TEXT NOT NULL,
    tagline        TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    logo_media_id  TEXT REFERENCES media (id),
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    rating_sum     BIGINT NOT NULL DEFAULT 0,
    rating_count   BIGINT NOT NULL DEFAULT 0,
    follower_count BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX sellers_user_idx ON sellers (user_id);

CREATE TABLE categories (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES categories (id),
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    vertical    TEXT NOT NULL CHECK (vertical IN ('beauty', 'florals', 'general')),
    position    BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE products (
    id               TEXT PRIMARY KEY,
    seller_id        TEXT NOT NULL REFERENCES sellers (id),
    category_id      TEXT NOT NULL REFERENCES categories (id),
    slug             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    subtitle         TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    price_minor      BIGINT NOT NULL CHECK (price_minor >= 0),
    compare_at_minor BIGINT CHECK (compare_at_minor IS NULL OR compare_at_minor >= 0),
    currency         TEXT NOT NULL DEFAULT 'USD',
    stock            BIGINT NOT NULL DEFAULT 0 CHECK (stock >= 0),
    status           TEXT NOT NULL DEFAULT 'active'
                     CHECK (status IN ('draft', 'active', 'archived')),
    featured         BOOLEAN NOT NULL DEFAULT FALSE,
    cover_media_id   TEXT REFERENCES media (id),
    -- Review aggregates, kept by the review code: avg is hundredths (0..500).
    rating_sum       BIGINT NOT NULL DEFAULT 0,
    rating_count     BIGINT NOT NULL DEFAULT 0,
    rating_avg       BIGINT NOT NULL DEFAULT 0,
    sold_count       BIGINT NOT NULL DEFAULT 0,
    -- Lower-cased title, subtitle, shop, category and attributes for the simple filter.
    search_text      TEXT NOT NULL DEFAULT '',
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX products_newest_idx ON products (status, created_at);
CREATE INDEX products_price_idx ON products (status, price_minor);
CREATE INDEX products_rating_idx ON products (status, rating_avg, rating_count);
CREATE INDEX products_category_idx ON products (category_id, status);
CREATE INDEX products_seller_idx ON products (seller_id, status);
CREATE INDEX products_featured_idx ON products (featured, status);

CREATE TABLE product_images (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    media_id   TEXT NOT NULL REFERENCES media (id),
    alt        TEXT NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);

-- Options ("Size", "Shade") and their allowed values, as a JSON array of strings.
CREATE TABLE product_options (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    option_values TEXT NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    UNIQUE (product_id, name)
);

-- A buyable combination of option values, with its own price and stock.
CREATE TABLE product_variants (
    id            TEXT PRIMARY KEY,
    product_id    TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    option_values TEXT NOT NULL,
    price_minor   BIGINT NOT NULL CHECK (price_minor >= 0),
    stock         BIGINT NOT NULL DEFAULT 0 CHECK (stock >= 0),
    position      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id, position);

-- Vertical attributes (beauty: skin_type, concern, ingredient; florals:
-- occasion, flower_type, colour), one row per value so facets can count them.
CREATE TABLE product_attributes (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, name, value)
);
CREATE INDEX product_attributes_facet_idx ON product_attributes (name, value);
