-- Reviews: one per person per product, helpful votes one per person, and
-- moderation (hidden with a reason). Product and shop aggregates are kept
-- by the review code in the same transaction.
CREATE TABLE product_reviews (
    id                TEXT PRIMARY KEY,
    product_id        TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    user_id           TEXT NOT NULL REFERENCES users (id),
    rating            BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title             TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    verified_purchase BOOLEAN NOT NULL DEFAULT FALSE,
    helpful_count     BIGINT NOT NULL DEFAULT 0,
    hidden            BOOLEAN NOT NULL DEFAULT FALSE,
    hidden_reason     TEXT NOT NULL DEFAULT '',
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (product_id, user_id)
);
CREATE INDEX product_reviews_newest_idx ON product_reviews (product_id, hidden, created_at);
CREATE INDEX product_reviews_helpful_idx ON product_reviews (product_id, hidden, helpful_count);
CREATE INDEX product_reviews_recent_idx ON product_reviews (created_at);

CREATE TABLE review_votes (
    review_id  TEXT NOT NULL REFERENCES product_reviews (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (review_id, user_id)
);

-- Ratings imported with the catalog carried an average and a count but no
-- sum; give them the sum their average implies so new reviews add to it.
UPDATE products SET rating_sum = (rating_avg * rating_count + 50) / 100
    WHERE rating_sum = 0 AND rating_count > 0;
UPDATE sellers SET
    rating_sum = (SELECT COALESCE(SUM(p.rating_sum), 0) FROM products p WHERE p.seller_id = sellers.id),
    rating_count = (SELECT COALESCE(SUM(p.rating_count), 0) FROM products p WHERE p.seller_id = sellers.id);
