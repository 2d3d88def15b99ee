-- The search index's catch-up poll asks for products changed since a moment.
CREATE INDEX products_updated_idx ON products (updated_at);
