-- Wishlists: a person's saved products, and at most one share link each
-- (a 128-bit random token; revoking deletes it, a new one replaces it).
CREATE TABLE wishlist_items (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX wishlist_items_newest_idx ON wishlist_items (user_id, created_at);

CREATE TABLE wishlist_shares (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
