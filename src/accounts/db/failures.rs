//! Throttle counters SQL: one row per counted attempt, keyed by scope
//! (`email:…`, `ip:…`, `register:…`), pruned once out of the window.

use crate::server::db::Conn;
use crate::sql;

/// Count one attempt (`id`) for `key`, then return how many are in the
/// window (including this one) and the oldest of them. Run inside the
/// caller's write transaction: the upsert on `throttle_keys` locks the key's
/// row until commit (PostgreSQL; SQLite has one writer anyway), so parallel
/// attempts are counted strictly one after another.
pub async fn count_attempt(
    c: &mut Conn,
    id: &str,
    key: &str,
    at: i64,
    since: i64,
) -> Result<(i64, i64), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO throttle_keys (scope_key, touched_at) VALUES ($1, $2) \
         ON CONFLICT (scope_key) DO UPDATE SET touched_at = excluded.touched_at",
        key,
        at
    ))
    .await?;
    c.exec(&sql!("INSERT INTO login_failures (id, scope_key, created_at) VALUES ($1, $2, $3)", id, key, at))
        .await?;
    let (count, oldest): (i64, Option<i64>) = c
        .one(&sql!(
            "SELECT COUNT(*), MIN(created_at) FROM login_failures WHERE scope_key = $1 AND created_at > $2",
            key,
            since
        ))
        .await?;
    Ok((count, oldest.unwrap_or(at)))
}

/// Take back an attempt that turned out fine (a right password).
pub async fn forget_attempt(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM login_failures WHERE id = $1", id)).await?;
    Ok(())
}

pub async fn clear_failures(c: &mut Conn, key: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM login_failures WHERE scope_key = $1", key)).await?;
    Ok(())
}

pub async fn prune_failures(c: &mut Conn, before: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM login_failures WHERE created_at <= $1", before)).await?;
    c.exec(&sql!("DELETE FROM throttle_keys WHERE touched_at <= $1", before)).await?;
    Ok(())
}
