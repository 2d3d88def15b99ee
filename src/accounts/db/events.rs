//! Security event SQL (`security_events`): written beside what it records,
//! read by /account/security and /admin/security.

use sqlx::FromRow;

use crate::server::db::{Conn, Query};
use crate::sql;

/// One event to write. With a `user_id`, `email` is taken from the
/// account (the caller's is used only when there is none).
pub struct NewEvent<'a> {
    pub id: &'a str,
    pub user_id: Option<&'a str>,
    pub email: &'a str,
    pub kind: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub detail: &'a str,
    pub now: i64,
}

pub async fn insert_event(c: &mut Conn, e: &NewEvent<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO security_events (id, user_id, email, kind, ip, user_agent, detail, created_at) \
         VALUES ($1, $2, COALESCE((SELECT email FROM users WHERE id = $2), $3), $4, $5, $6, $7, $8)",
        e.id,
        e.user_id,
        e.email,
        e.kind,
        e.ip,
        e.user_agent,
        e.detail,
        e.now
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromRow)]
pub struct EventRow {
    pub id: String,
    pub kind: String,
    pub email: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

const COLUMNS: &str = "SELECT id, kind, email, ip, user_agent, detail, created_at FROM security_events";

/// The person's newest `limit` events.
pub async fn user_events(c: &mut Conn, user_id: &str, limit: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut q = Query::new(COLUMNS);
    q.push(" WHERE user_id = ").push_bind(user_id);
    q.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// Whether an event of `kind` for `email` was written since `since`.
pub async fn event_since(c: &mut Conn, email: &str, kind: &str, since: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM security_events WHERE email = $1 AND kind = $2 AND created_at >= $3",
            email,
            kind,
            since
        ))
        .await?;
    Ok(n > 0)
}

/// What the back office filters by; `None` is "any".
#[derive(Default)]
pub struct EventScope<'a> {
    /// Part of the address (lower case).
    pub person: Option<&'a str>,
    pub kind: Option<&'a str>,
    /// At or after (unix ms).
    pub from: Option<i64>,
    /// Before (unix ms).
    pub to: Option<i64>,
}

/// Everyone's events, newest first.
pub async fn search_events(
    c: &mut Conn,
    scope: &EventScope<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut q = Query::new(COLUMNS);
    q.push(" WHERE 1 = 1");
    if let Some(who) = scope.person {
        let like = format!("%{}%", crate::server::db::like_escape(who));
        q.push(" AND LOWER(email) LIKE ").push_bind(like).push(" ESCAPE '\\'");
    }
    if let Some(kind) = scope.kind {
        q.push(" AND kind = ").push_bind(kind);
    }
    if let Some(t) = scope.from {
        q.push(" AND created_at >= ").push_bind(t);
    }
    if let Some(t) = scope.to {
        q.push(" AND created_at < ").push_bind(t);
    }
    q.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    c.all(&q).await
}
