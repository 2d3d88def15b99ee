//! Failed sign-in counters SQL.

use sqlx::AnyPool;

use crate::server::new_id;

/// One failed sign-in for `key`.
pub async fn record_failure(pool: &AnyPool, key: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_failures (id, scope_key, created_at) VALUES ($1, $2, $3)")
        .bind(new_id())
        .bind(key)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failures for `key` since `since`, and the oldest of them.
pub async fn failures_since(
    pool: &AnyPool,
    key: &str,
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(created_at) FROM login_failures WHERE scope_key = $1 AND created_at > $2",
    )
    .bind(key)
    .bind(since)
    .fetch_one(pool)
    .await
}

pub async fn clear_failures(pool: &AnyPool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE scope_key = $1").bind(key).execute(pool).await?;
    Ok(())
}

pub async fn prune_failures(pool: &AnyPool, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE created_at <= $1").bind(before).execute(pool).await?;
    Ok(())
}
