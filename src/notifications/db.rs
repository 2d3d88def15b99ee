//! Notification SQL.

use crate::server::db::Conn;
use crate::sql;

/// Administrators, and active staff with `area` (`None`: administrators only).
pub async fn team(c: &mut Conn, area: Option<&str>) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = match area {
        Some(area) => {
            c.all(&sql!(
                "SELECT id FROM users WHERE deleted_at IS NULL AND status = 'active' \
                 AND (role = 'admin' OR (role = 'staff' AND (',' || staff_areas || ',') LIKE $1))",
                format!("%,{area},%")
            ))
            .await?
        }
        None => {
            c.all(&sql!(
                "SELECT id FROM users WHERE deleted_at IS NULL AND status = 'active' AND role = 'admin'"
            ))
            .await?
        }
    };
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The owner of a shop: (user id, email, shop name).
pub async fn shop_owner(
    c: &mut Conn,
    shop_id: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.id, u.email, s.shop_name FROM sellers s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND u.deleted_at IS NULL",
        shop_id
    ))
    .await
}

pub async fn insert(
    c: &mut Conn,
    id: &str,
    user_id: &str,
    kind: &str,
    title: &str,
    link: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO notifications (id, user_id, kind, title, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        user_id,
        kind,
        title,
        link,
        now
    ))
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

pub async fn newest(
    c: &mut Conn,
    user_id: &str,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let mut q = sql!(
        "SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE user_id = $1",
        user_id
    );
    if unread_only {
        q.push(" AND read_at IS NULL");
    }
    q.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(limit);
    c.all(&q).await
}

pub async fn unread(c: &mut Conn, user_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", user_id))
        .await
}

/// Mark read: these (empty: all of the person's).
pub async fn mark_read(c: &mut Conn, user_id: &str, ids: &[String], now: i64) -> Result<(), sqlx::Error> {
    let mut q =
        sql!("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", now, user_id);
    if !ids.is_empty() {
        q.push(" AND id IN ").push_list(ids);
    }
    c.exec(&q).await?;
    Ok(())
}

/// A product's stock (all options) and its low-stock line, with its shop
/// and title: (stock, threshold, shop id, title).
pub async fn stock_line(
    c: &mut Conn,
    product_id: &str,
    default_line: i64,
) -> Result<Option<(i64, i64, String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT (SELECT CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) FROM product_variants v WHERE v.product_id = p.id), \
         COALESCE(p.low_stock_at, $2), p.seller_id, p.title FROM products p WHERE p.id = $1",
        product_id,
        default_line
    ))
    .await
}
