-- Rebuilding a day of rollups reads the refunds made that day and the
-- orders placed that day. Without these, SQLite walked every order through
-- the shop index for each day (3.7 s a day at a million orders; 4 ms with).
CREATE INDEX refunds_created_idx ON refunds (created_at);
CREATE INDEX orders_created_idx ON orders (created_at);
