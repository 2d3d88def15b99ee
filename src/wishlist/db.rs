//! Wishlist SQL.

use crate::server::db::Conn;
use crate::sql;

/// The person's saved product ids, newest first.
pub async fn product_ids(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = c
        .all(&sql!(
            "SELECT product_id FROM wishlist_items WHERE user_id = $1 ORDER BY created_at DESC, product_id",
            user_id
        ))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Which of `ids` the person saved.
pub async fn saved_among(c: &mut Conn, user_id: &str, ids: &[String]) -> Result<Vec<String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql!("SELECT product_id FROM wishlist_items WHERE user_id = $1", user_id);
    q.push(" AND product_id IN ").push_list(ids);
    Ok(c.all::<(String,)>(&q).await?.into_iter().map(|(id,)| id).collect())
}

pub async fn count(c: &mut Conn, user_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM wishlist_items WHERE user_id = $1", user_id)).await
}

/// Add; false when it was there already.
pub async fn add(c: &mut Conn, user_id: &str, product_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "INSERT INTO wishlist_items (user_id, product_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            user_id,
            product_id,
            now
        ))
        .await?;
    Ok(n == 1)
}

/// Remove these; how many were there.
pub async fn remove(c: &mut Conn, user_id: &str, product_ids: &[String]) -> Result<u64, sqlx::Error> {
    if product_ids.is_empty() {
        return Ok(0);
    }
    let mut q = sql!("DELETE FROM wishlist_items WHERE user_id = $1", user_id);
    q.push(" AND product_id IN ").push_list(product_ids);
    c.exec(&q).await
}

pub async fn share_token(c: &mut Conn, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT token FROM wishlist_shares WHERE user_id = $1", user_id)).await
}

/// Replace the person's token with `token`.
pub async fn set_share(c: &mut Conn, user_id: &str, token: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM wishlist_shares WHERE user_id = $1", user_id)).await?;
    c.exec(&sql!(
        "INSERT INTO wishlist_shares (user_id, token, created_at) VALUES ($1, $2, $3)",
        user_id,
        token,
        now
    ))
    .await
    .map(|_| ())
}

pub async fn revoke_share(c: &mut Conn, user_id: &str) -> Result<u64, sqlx::Error> {
    c.exec(&sql!("DELETE FROM wishlist_shares WHERE user_id = $1", user_id)).await
}

/// The owner (id, full name) behind a token.
pub async fn owner_of(c: &mut Conn, token: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.id, u.full_name FROM wishlist_shares s JOIN users u ON u.id = s.user_id WHERE s.token = $1",
        token
    ))
    .await
}
