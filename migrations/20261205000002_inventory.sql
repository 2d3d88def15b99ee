-- Inventory figures: what a product cost the shop (for stock value at cost
-- and the cost of goods sold; NULL when not given) and its own low-stock
-- threshold (NULL: the shop's, BAZAAR_LOW_STOCK).
ALTER TABLE products ADD COLUMN cost_minor BIGINT;
ALTER TABLE products ADD COLUMN low_stock_at BIGINT;
-- "No sale in 90 days" probes a product's recent days.
CREATE INDEX product_sales_days_product_idx ON product_sales_days (product_id, day);
