//! Outbox SQL.

use super::Message;
use crate::server::db::Conn;
use crate::sql;

pub async fn insert(c: &mut Conn, id: &str, m: &Message<'_>, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO outbox (id, kind, recipient, subject, text_body, html_body, order_id, unsubscribe_url, \
         next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $8, $8)",
        id,
        m.kind,
        m.to,
        m.subject.clone(),
        m.text.clone(),
        m.html.clone(),
        m.order_id,
        now,
        m.unsubscribe_url.clone()
    ))
    .await?;
    Ok(())
}

/// A message being sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i64,
    pub unsubscribe_url: Option<String>,
}

/// Claim up to `limit` due messages for `worker` until `until`: one
/// conditional UPDATE (a row another worker claimed meanwhile no longer
/// matches), then read back what this worker holds.
pub async fn claim(
    c: &mut Conn,
    worker: &str,
    now: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE outbox SET claimed_by = $1, locked_until = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $3 \
                      AND (locked_until IS NULL OR locked_until < $3) ORDER BY next_attempt_at, id LIMIT $4) \
         AND sent_at IS NULL AND (locked_until IS NULL OR locked_until < $3)",
        worker,
        until,
        now,
        limit
    ))
    .await?;
    c.all(&sql!(
        "SELECT id, recipient, subject, text_body, html_body, attempts, unsubscribe_url FROM outbox \
         WHERE claimed_by = $1 AND locked_until = $2 AND sent_at IS NULL",
        worker,
        until
    ))
    .await
}

/// Sent: a message carrying a one-time link (`accounts::PASSWORD_RESET`,
/// `accounts::VERIFY_EMAIL`, `accounts::STAFF_INVITE`) loses its body, so the secret is no longer in
/// the database; the goodbye to a deleted account (`ACCOUNT_DELETED`)
/// loses its address too.
pub async fn mark_sent(c: &mut Conn, id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE outbox SET sent_at = $1, locked_until = NULL, last_error = NULL, \
         text_body = CASE WHEN kind IN ($3, $4, $5, $6) THEN '' ELSE text_body END, \
         html_body = CASE WHEN kind IN ($3, $4, $5, $6) THEN '' ELSE html_body END, \
         recipient = CASE WHEN kind = $5 THEN '' ELSE recipient END WHERE id = $2",
        now,
        id,
        super::accounts::PASSWORD_RESET,
        super::accounts::VERIFY_EMAIL,
        super::accounts::ACCOUNT_DELETED,
        super::accounts::STAFF_INVITE
    ))
    .await?;
    Ok(())
}

pub async fn mark_failed(c: &mut Conn, id: &str, error: &str, retry_at: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE outbox SET last_error = $1, next_attempt_at = $2, locked_until = NULL WHERE id = $3",
        error,
        retry_at,
        id
    ))
    .await?;
    Ok(())
}

/// The newest messages, for the back office.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
}

pub async fn recent(c: &mut Conn, limit: i64) -> Result<Vec<Row>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, kind, recipient, subject, attempts, sent_at, last_error, created_at FROM outbox \
         ORDER BY created_at DESC, id DESC LIMIT $1",
        limit
    ))
    .await
}
