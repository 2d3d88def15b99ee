-- The products a signed-in person looked at last (for their suggestions):
-- one row per person and product, its time moved on each view (written in
-- batches with the product view counts).
CREATE TABLE person_views (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    viewed_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX person_views_recent_idx ON person_views (user_id, viewed_at);
