//! `analytics_queue`: order changes waiting to reach the rollups, a JSON
//! row per transaction that changed an order (its changes), taken oldest
//! first (ids are UUIDv7: time-ordered).

use crate::server::db::{Conn, Query};
use crate::sql;

pub async fn push(c: &mut Conn, id: &str, event: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("INSERT INTO analytics_queue (id, event) VALUES ($1, $2)", id, event)).await?;
    Ok(())
}

/// Serialise appliers (and rebuilds) across nodes: the zone row stays
/// locked until the transaction ends (SQLite's writer lock does it there).
pub async fn lock(c: &mut Conn) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE analytics_zone SET time_zone = time_zone WHERE id = 1")).await?;
    Ok(())
}

/// The oldest `limit` rows: (id, event).
pub async fn take(c: &mut Conn, limit: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT id, event FROM analytics_queue ORDER BY id LIMIT $1", limit)).await
}

pub async fn remove(c: &mut Conn, ids: &[String]) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut q = Query::new("DELETE FROM analytics_queue WHERE id IN ");
    q.push_list(ids);
    c.exec(&q).await?;
    Ok(())
}

/// Whether anything waits.
pub async fn waiting(c: &mut Conn) -> Result<bool, sqlx::Error> {
    Ok(c.scalar_opt::<String>(&sql!("SELECT id FROM analytics_queue LIMIT 1")).await?.is_some())
}

/// How many changes wait.
pub async fn len(c: &mut Conn) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM analytics_queue")).await
}
