//! People SQL for the back office: the searchable list, a person's page,
//! status and staff areas, notes. Portable: `$n` placeholders, TEXT ids,
//! BIGINT unix ms.

use sqlx::FromRow;

use super::{Note, OrderBrief, PersonRow, ShopBrief};
use crate::server::db::{Conn, Query, like_escape};
use crate::sql;

/// The list's filters, checked.
pub struct Scope<'a> {
    /// Part of a name or email, lowercase.
    pub q: Option<&'a str>,
    pub role: Option<&'a str>,
    pub status: Option<&'a str>,
}

fn filtered(select: &str, scope: &Scope<'_>) -> Query {
    let mut q = Query::new(format!("SELECT {select} FROM users WHERE deleted_at IS NULL"));
    if let Some(term) = scope.q {
        let like = format!("%{}%", like_escape(term));
        q.push(" AND (LOWER(email) LIKE ").push_bind(like.clone()).push(" ESCAPE '\\'");
        q.push(" OR LOWER(full_name) LIKE ").push_bind(like).push(" ESCAPE '\\')");
    }
    if let Some(role) = scope.role {
        q.push(" AND role = ").push_bind(role);
    }
    if let Some(status) = scope.status {
        q.push(" AND status = ").push_bind(status);
    }
    q
}

const COLUMNS: &str = "id, email, full_name, role, status, created_at";

/// One page of people, newest first, and how many match.
pub async fn search(
    c: &mut Conn,
    scope: &Scope<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PersonRow>, i64), sqlx::Error> {
    let total: i64 = c.scalar(&filtered("COUNT(*)", scope)).await?;
    let mut q = filtered(COLUMNS, scope);
    q.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    let rows: Vec<(String, String, String, String, String, i64)> = c.all(&q).await?;
    let people = rows
        .into_iter()
        .map(|(id, email, full_name, role, status, created_at)| PersonRow {
            id,
            email,
            full_name,
            role,
            status,
            created_at,
        })
        .collect();
    Ok((people, total))
}

#[derive(FromRow)]
pub struct PersonFacts {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub status: String,
    pub created_at: i64,
    pub staff_areas: String,
    pub email_verified_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

impl PersonFacts {
    pub fn row(&self) -> PersonRow {
        PersonRow {
            id: self.id.clone(),
            email: self.email.clone(),
            full_name: self.full_name.clone(),
            role: self.role.clone(),
            status: self.status.clone(),
            created_at: self.created_at,
        }
    }
}

pub async fn facts(c: &mut Conn, user_id: &str) -> Result<Option<PersonFacts>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT id, email, full_name, role, status, created_at, staff_areas, email_verified_at, deleted_at \
         FROM users WHERE id = $1",
        user_id
    ))
    .await
}

/// Switch the account on or off. Off also ends every session (the epoch
/// moves and each open one is closed, so it is refused at its next
/// request on any node).
pub async fn set_status(c: &mut Conn, user_id: &str, active: bool, now: i64) -> Result<(), sqlx::Error> {
    if active {
        c.exec(&sql!("UPDATE users SET status = 'active', updated_at = $2 WHERE id = $1", user_id, now))
            .await?;
        return Ok(());
    }
    c.exec(&sql!(
        "UPDATE users SET status = 'deactivated', session_epoch = session_epoch + 1, updated_at = $2 WHERE id = $1",
        user_id,
        now
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE user_sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL",
        user_id,
        now
    ))
    .await?;
    Ok(())
}

pub async fn set_areas(c: &mut Conn, user_id: &str, areas: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE users SET staff_areas = $2, updated_at = $3 WHERE id = $1", user_id, areas, now))
        .await?;
    Ok(())
}

/// Whether an account is switched off.
pub async fn is_deactivated(c: &mut Conn, user_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!("SELECT COUNT(*) FROM users WHERE id = $1 AND status = 'deactivated'", user_id))
        .await?;
    Ok(n > 0)
}

/// The person's newest orders and how many they have placed.
pub async fn orders(c: &mut Conn, user_id: &str, limit: i64) -> Result<(Vec<OrderBrief>, i64), sqlx::Error> {
    let count: i64 = c.scalar(&sql!("SELECT COUNT(*) FROM orders WHERE user_id = $1", user_id)).await?;
    let rows: Vec<(String, String, String, String, i64, i64)> = c
        .all(&sql!(
            "SELECT id, number, status, currency, total_minor, created_at FROM orders WHERE user_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2",
            user_id,
            limit
        ))
        .await?;
    let orders = rows
        .into_iter()
        .map(|(id, number, status, currency, total_minor, created_at)| OrderBrief {
            id,
            number,
            status,
            currency,
            total_minor,
            created_at,
        })
        .collect();
    Ok((orders, count))
}

pub async fn shop(c: &mut Conn, user_id: &str) -> Result<Option<ShopBrief>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        c.opt(&sql!("SELECT slug, shop_name, status FROM sellers WHERE user_id = $1", user_id)).await?;
    Ok(row.map(|(slug, shop_name, status)| ShopBrief { slug, shop_name, status }))
}

pub async fn notes(c: &mut Conn, user_id: &str, limit: i64) -> Result<Vec<Note>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = c
        .all(&sql!(
            "SELECT n.id, a.full_name, n.body, n.created_at FROM person_notes n JOIN users a ON a.id = n.author_id \
             WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2",
            user_id,
            limit
        ))
        .await?;
    Ok(rows.into_iter().map(|(id, author, body, created_at)| Note { id, author, body, created_at }).collect())
}

pub async fn insert_note(
    c: &mut Conn,
    id: &str,
    user_id: &str,
    author_id: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO person_notes (id, user_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
        id,
        user_id,
        author_id,
        body,
        now
    ))
    .await?;
    Ok(())
}
