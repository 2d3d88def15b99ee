//! Back-office SQL.

use sqlx::FromRow;

use super::RecentSignup;
use crate::server::db::Conn;
use crate::sql;

pub async fn people_by_role(c: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    c.all(&sql!("SELECT role, COUNT(*) FROM users GROUP BY role ORDER BY role")).await
}

pub async fn counts(c: &mut Conn) -> Result<(i64, i64), sqlx::Error> {
    c.one(&sql!(
        "SELECT (SELECT COUNT(*) FROM products WHERE status = 'active'), (SELECT COUNT(*) FROM sellers)"
    ))
    .await
}

#[derive(FromRow)]
struct SignupRow {
    full_name: String,
    email: String,
    role: String,
    created_at: i64,
}

pub async fn recent_signups(c: &mut Conn, limit: i64) -> Result<Vec<RecentSignup>, sqlx::Error> {
    let rows: Vec<SignupRow> = c
        .all(&sql!(
            "SELECT full_name, email, role, created_at FROM users ORDER BY created_at DESC, id LIMIT $1",
            limit
        ))
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
