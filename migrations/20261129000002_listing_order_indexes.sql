-- Listing order indexes end with the id tie-break, so a page of products
-- is read straight off the index: no sort of every active product for
-- `ORDER BY … , p.id` (SQLite read 1,200 index rows and sorted them for
-- page 50 by price; now it reads the page's 24).
DROP INDEX products_newest_idx;
DROP INDEX products_price_idx;
DROP INDEX products_rating_idx;
CREATE INDEX products_newest_idx ON products (status, created_at, id);
CREATE INDEX products_price_idx ON products (status, price_minor, id);
CREATE INDEX products_rating_idx ON products (status, rating_avg, rating_count, id);
