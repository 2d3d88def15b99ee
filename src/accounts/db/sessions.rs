//! Session handle SQL (`user_sessions`): what /account/security lists and
//! what every signed-in request checks.

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

/// A new signed-in session.
pub struct NewSession<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub epoch: i64,
    pub user_agent: &'a str,
    pub ip: &'a str,
    pub remember: bool,
    pub now: i64,
}

pub async fn insert_session(c: &mut Conn, s: &NewSession<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO user_sessions (id, user_id, epoch, user_agent, ip, remember, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        s.id,
        s.user_id,
        s.epoch,
        s.user_agent,
        s.ip,
        s.remember,
        s.now
    ))
    .await?;
    Ok(())
}

pub async fn touch_session(c: &mut Conn, handle: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE user_sessions SET last_seen_at = $1 WHERE id = $2", now, handle)).await?;
    Ok(())
}

/// The session stays open across a password change (the person's own).
pub async fn set_session_epoch(c: &mut Conn, handle: &str, epoch: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE user_sessions SET epoch = $1 WHERE id = $2", epoch, handle)).await?;
    Ok(())
}

/// End one of `user_id`'s open sessions; false when there is no such.
pub async fn end_session(c: &mut Conn, user_id: &str, handle: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE user_sessions SET ended_at = $1 WHERE id = $2 AND user_id = $3 AND ended_at IS NULL",
            now,
            handle,
            user_id
        ))
        .await?;
    Ok(n == 1)
}

/// End every open session of `user_id` but `keep`.
pub async fn end_other_sessions(
    c: &mut Conn,
    user_id: &str,
    keep: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE user_sessions SET ended_at = $1 WHERE user_id = $2 AND id <> $3 AND ended_at IS NULL",
        now,
        user_id,
        keep
    ))
    .await
}

/// How many sessions `user_id` ever had, and how many from this browser
/// (user agent).
pub async fn device_history(
    c: &mut Conn,
    user_id: &str,
    user_agent: &str,
) -> Result<(i64, i64), sqlx::Error> {
    c.one(&sql!(
        "SELECT COUNT(*), COUNT(CASE WHEN user_agent = $2 THEN 1 END) FROM user_sessions WHERE user_id = $1",
        user_id,
        user_agent
    ))
    .await
}

#[derive(Debug, FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_agent: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// The open sessions of `user_id` at `epoch` still within their limits
/// (seen since `idle_since` — `remembered_since` for remembered ones — and
/// begun since `begun_since` / `remembered_begun_since`), last seen first.
pub async fn open_sessions(
    c: &mut Conn,
    user_id: &str,
    epoch: i64,
    (idle_since, remembered_since): (i64, i64),
    (begun_since, remembered_begun_since): (i64, i64),
) -> Result<Vec<SessionRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, user_agent, ip, created_at, last_seen_at FROM user_sessions \
         WHERE user_id = $1 AND epoch = $2 AND ended_at IS NULL \
         AND ((remember AND last_seen_at > $4 AND created_at > $6) \
              OR (NOT remember AND last_seen_at > $3 AND created_at > $5)) \
         ORDER BY last_seen_at DESC, id DESC LIMIT 100",
        user_id,
        epoch,
        idle_since,
        remembered_since,
        begun_since,
        remembered_begun_since
    ))
    .await
}
