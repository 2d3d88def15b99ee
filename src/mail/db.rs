//! Outbox SQL.

use super::Message;
use crate::server::db::Conn;
use crate::sql;

pub async fn insert(c: &mut Conn, id: &str, m: &Message<'_>, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO outbox (id, kind, recipient, subject, text_body, html_body, order_id, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        id,
        m.kind,
        m.to,
        m.subject.clone(),
        m.text.clone(),
        m.html.clone(),
        m.order_id,
        now
    ))
    .await?;
    Ok(())
}
