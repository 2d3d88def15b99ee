-- Seller uploads are kept as files (the media store) and only described
-- here; older rows (demo pictures, avatars) keep their bytes in the table.
ALTER TABLE media ADD COLUMN storage_key TEXT;

-- Every product picture has a small copy for cards, made once at upload.
ALTER TABLE product_images ADD COLUMN thumb_media_id TEXT REFERENCES media (id);

-- People following shops.
CREATE TABLE follows (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seller_id  TEXT NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, seller_id)
);
CREATE INDEX follows_seller_idx ON follows (seller_id);

-- Product views per day, flushed in batches from memory (never a write per view).
CREATE TABLE product_views (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    day        BIGINT NOT NULL,
    views      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, day)
);
CREATE INDEX product_views_day_idx ON product_views (day);

-- "Trending" starts from the best sellers.
CREATE INDEX products_sold_idx ON products (status, sold_count, id);

-- The studio lists a shop's products newest change first.
CREATE INDEX products_seller_updated_idx ON products (seller_id, updated_at, id);
