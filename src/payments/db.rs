//! Payment SQL: `payment_events` (each Stripe event once), `refunds`, and
//! the card side of `checkouts`.

use sqlx::FromRow;

use crate::checkout::db::CheckoutRow;
use crate::server::db::{Conn, Query};
use crate::sql;

/// Record a Stripe event; `false` when it was seen before.
pub async fn first_sight(
    c: &mut Conn,
    event_id: &str,
    kind: &str,
    object_id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "INSERT INTO payment_events (id, type, object_id, received_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO NOTHING",
            event_id,
            kind,
            object_id,
            now
        ))
        .await?;
    Ok(n == 1)
}

/// Set the checkout's PaymentIntent, only over `old` (`None`: the first).
pub async fn set_intent(
    c: &mut Conn,
    checkout_id: &str,
    old: Option<&str>,
    intent_id: &str,
    client_secret: &str,
) -> Result<(), sqlx::Error> {
    let mut q = Query::new("UPDATE checkouts SET payment_intent_id = ");
    q.push_bind(intent_id).push(", client_secret = ").push_bind(client_secret);
    q.push(" WHERE id = ").push_bind(checkout_id);
    match old {
        Some(old) => q.push(" AND payment_intent_id = ").push_bind(old),
        None => q.push(" AND payment_intent_id IS NULL"),
    };
    c.exec(&q).await?;
    Ok(())
}

pub async fn by_intent(c: &mut Conn, intent_id: &str) -> Result<Option<CheckoutRow>, sqlx::Error> {
    let mut q = Query::new(crate::checkout::db::COLUMNS);
    q.push(" WHERE payment_intent_id = ").push_bind(intent_id);
    c.opt(&q).await
}

/// Unpaid card checkouts with an intent whose hold ends before `before`
/// (oldest first): the ones to ask Stripe about.
pub async fn unpaid_intents(c: &mut Conn, before: i64, limit: i64) -> Result<Vec<CheckoutRow>, sqlx::Error> {
    let mut q = Query::new(crate::checkout::db::COLUMNS);
    q.push(" WHERE payment_method = 'card' AND payment_status = 'pending' AND payment_intent_id IS NOT NULL");
    q.push(" AND hold_until < ").push_bind(before);
    q.push(" ORDER BY hold_until LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// A refund as the order page and the retry job see it.
#[derive(Debug, Clone, FromRow)]
pub struct RefundRow {
    pub id: String,
    pub checkout_id: String,
    pub order_id: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub method: String,
    pub status: String,
    pub reason: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

const REFUND_COLUMNS: &str = "SELECT id, checkout_id, order_id, amount_minor, currency, method, status, reason, \
     attempts, last_error, created_at FROM refunds";

pub struct NewRefund<'a> {
    pub id: &'a str,
    pub checkout_id: &'a str,
    pub order_id: Option<&'a str>,
    pub amount: i64,
    pub currency: &'a str,
    pub method: &'a str,
    pub status: &'a str,
    pub reason: &'a str,
    pub actor: &'a str,
    pub now: i64,
}

pub async fn insert_refund(c: &mut Conn, r: &NewRefund<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO refunds (id, checkout_id, order_id, amount_minor, currency, method, status, reason, actor, \
         next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)",
        r.id,
        r.checkout_id,
        r.order_id,
        r.amount,
        r.currency,
        r.method,
        r.status,
        r.reason,
        r.actor,
        r.now
    ))
    .await?;
    Ok(())
}

/// Card refunds still to be sent to Stripe, due now.
pub async fn due_refunds(c: &mut Conn, now: i64, limit: i64) -> Result<Vec<RefundRow>, sqlx::Error> {
    let mut q = Query::new(REFUND_COLUMNS);
    q.push(" WHERE status = 'pending' AND next_attempt_at <= ").push_bind(now);
    q.push(" ORDER BY next_attempt_at LIMIT ").push_bind(limit);
    c.all(&q).await
}

pub async fn refund(c: &mut Conn, id: &str) -> Result<Option<RefundRow>, sqlx::Error> {
    let mut q = Query::new(REFUND_COLUMNS);
    q.push(" WHERE id = ").push_bind(id);
    c.opt(&q).await
}

pub async fn refunds_of(c: &mut Conn, order_id: &str) -> Result<Vec<RefundRow>, sqlx::Error> {
    let mut q = Query::new(REFUND_COLUMNS);
    q.push(" WHERE order_id = ").push_bind(order_id).push(" ORDER BY created_at");
    c.all(&q).await
}

/// Claim a due refund for one attempt (another node skips it meanwhile).
pub async fn claim_refund(c: &mut Conn, id: &str, now: i64, retry_at: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE refunds SET next_attempt_at = $1, attempts = attempts + 1, updated_at = $2 \
             WHERE id = $3 AND status = 'pending' AND next_attempt_at <= $2",
            retry_at,
            now,
            id
        ))
        .await?;
    Ok(n == 1)
}

pub async fn refund_done(c: &mut Conn, id: &str, stripe_id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE refunds SET status = 'succeeded', stripe_refund_id = $1, last_error = NULL, updated_at = $2 \
         WHERE id = $3",
        stripe_id,
        now,
        id
    ))
    .await?;
    Ok(())
}

/// Note why an attempt failed; `give_up`: Stripe refused, stop trying.
pub async fn refund_failed(
    c: &mut Conn,
    id: &str,
    error: &str,
    give_up: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let status = if give_up { "failed" } else { "pending" };
    c.exec(&sql!(
        "UPDATE refunds SET status = $1, last_error = $2, updated_at = $3 WHERE id = $4",
        status,
        error,
        now,
        id
    ))
    .await?;
    Ok(())
}

/// Count a refund on a line; `false` when that would refund more than was bought.
pub async fn refund_line(
    c: &mut Conn,
    line_id: &str,
    order_id: &str,
    quantity: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE order_lines SET refunded_quantity = refunded_quantity + $1 \
             WHERE id = $2 AND order_id = $3 AND refunded_quantity + $1 <= quantity",
            quantity,
            line_id,
            order_id
        ))
        .await?;
    Ok(n == 1)
}

/// Add to the order's refunded amount, never past its total.
pub async fn add_refunded(c: &mut Conn, order_id: &str, amount: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE orders SET refunded_minor = refunded_minor + $1 WHERE id = $2 AND refunded_minor + $1 <= total_minor",
            amount,
            order_id
        ))
        .await?;
    Ok(n == 1)
}

pub async fn clear_hold(c: &mut Conn, checkout_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE checkouts SET hold_until = NULL WHERE id = $1", checkout_id)).await?;
    Ok(())
}
