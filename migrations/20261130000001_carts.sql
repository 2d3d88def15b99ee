-- Carts: one per signed-in person (user_id set), or one per visitor (user_id
-- NULL; the id is kept in the visitor's session). A visitor's lines move into
-- the person's cart at sign-in. A line is one variant: the same variant
-- added twice is one line with a larger quantity.
CREATE TABLE carts (
    id         TEXT PRIMARY KEY,
    user_id    TEXT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Old visitor carts are swept by age.
CREATE INDEX carts_updated_idx ON carts (updated_at);

CREATE TABLE cart_items (
    id         TEXT PRIMARY KEY,
    cart_id    TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    variant_id TEXT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity   BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    added_at   BIGINT NOT NULL,
    UNIQUE (cart_id, variant_id)
);
CREATE INDEX cart_items_variant_idx ON cart_items (variant_id);
