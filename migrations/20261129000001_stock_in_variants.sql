-- Stock lives in one place: every product has at least one variant (a
-- "Default" one when it has no options), and stock is counted per variant
-- only. Checkout decrements a variant's stock with a conditional UPDATE.
INSERT INTO product_variants (id, product_id, sku, title, option_values, price_minor, stock, position)
SELECT p.id || '-default', p.id, 'SKU-' || UPPER(SUBSTR(p.id, 25, 12)), 'Default', '[]', p.price_minor, p.stock, 0
FROM products p
WHERE NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id);

ALTER TABLE products DROP COLUMN stock;

-- In-stock checks per product read this index only.
CREATE INDEX product_variants_stock_idx ON product_variants (product_id, stock);

-- One row per throttled key: an attempt upserts it first, which locks the
-- key until its transaction ends, so parallel attempts count in turn.
CREATE TABLE throttle_keys (
    scope_key  TEXT PRIMARY KEY,
    touched_at BIGINT NOT NULL
);
