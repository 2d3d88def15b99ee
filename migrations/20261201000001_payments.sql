-- Card payments: every Stripe event handled once, and refunds — written in
-- the order's transaction, then sent to Stripe (retried until Stripe answers).

CREATE TABLE payment_events (
    -- Stripe's event id: a redelivered event finds its row and changes nothing.
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

CREATE TABLE refunds (
    id               TEXT PRIMARY KEY,
    checkout_id      TEXT NOT NULL REFERENCES checkouts (id),
    -- NULL: a payment that came after its checkout was cancelled, paid back whole.
    order_id         TEXT REFERENCES orders (id),
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL,
    -- card: through Stripe; cash_on_delivery: handed back by the shop.
    method           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason           TEXT NOT NULL DEFAULT '',
    actor            TEXT NOT NULL,
    stripe_refund_id TEXT UNIQUE,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX refunds_due_idx ON refunds (status, next_attempt_at);
CREATE INDEX refunds_order_idx ON refunds (order_id);
CREATE INDEX checkouts_intent_idx ON checkouts (payment_method, payment_status, created_at);
