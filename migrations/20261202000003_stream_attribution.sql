-- Orders remember the stream they came from: a cart line added from a live
-- stream ("Buy now" on its pinned product) keeps the stream, and placing
-- copies it to the order line while the stream is live or ended less than
-- 24 hours ago.
ALTER TABLE cart_items ADD COLUMN stream_id TEXT;
ALTER TABLE order_lines ADD COLUMN stream_id TEXT;
CREATE INDEX order_lines_stream_idx ON order_lines (stream_id);
