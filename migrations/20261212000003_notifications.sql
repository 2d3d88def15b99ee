-- The back office's bell: one row per person told. Written in the
-- transaction of what it tells of (an order placed, stock running low, a
-- shop applying, a conversation handed to staff, a mail given up on); a
-- NOTIFY on the "notifications" channel with the person's id tells their
-- open pages on every node.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);
CREATE INDEX notifications_unread_idx ON notifications (user_id, read_at);
