//! Back-office SQL.

use sqlx::{AnyPool, FromRow};

use super::RecentSignup;

pub async fn people_by_role(pool: &AnyPool) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT role, COUNT(*) FROM users GROUP BY role ORDER BY role").fetch_all(pool).await
}

pub async fn counts(pool: &AnyPool) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM products WHERE status = 'active'), (SELECT COUNT(*) FROM sellers)",
    )
    .fetch_one(pool)
    .await
}

#[derive(FromRow)]
struct SignupRow {
    full_name: String,
    email: String,
    role: String,
    created_at: i64,
}

pub async fn recent_signups(pool: &AnyPool, limit: i64) -> Result<Vec<RecentSignup>, sqlx::Error> {
    let rows: Vec<SignupRow> = sqlx::query_as(
        "SELECT full_name, email, role, created_at FROM users ORDER BY created_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RecentSignup {
            full_name: r.full_name,
            email: r.email,
            role: r.role,
            created_at: r.created_at,
        })
        .collect())
}
