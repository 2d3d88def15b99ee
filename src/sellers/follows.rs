//! Following shops: one row a person and shop, the shop's follower count
//! kept in the same transaction (never recounted on a page view).

use serde::{Deserialize, Serialize};

/// A followed shop, as `/account/following` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowedShop {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub logo_url: Option<String>,
    pub follower_count: i64,
    pub product_count: i64,
    pub followed_at: i64,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use sqlx::FromRow;

    use super::FollowedShop;
    use crate::error::{AppError, AppResult};
    use crate::server::db::{Conn, Tx};
    use crate::server::now_ms;
    use crate::sql;

    /// The verified shop's id by id or slug.
    async fn shop_id(c: &mut Conn, id_or_slug: &str) -> AppResult<String> {
        if id_or_slug.len() > 120 {
            return Err(AppError::NotFound("Shop".into()));
        }
        c.scalar_opt(&sql!(
            "SELECT id FROM sellers WHERE (id = $1 OR slug = $1) AND status = 'verified'",
            id_or_slug
        ))
        .await?
        .ok_or_else(|| AppError::NotFound("Shop".into()))
    }

    /// Follow (`true`) or unfollow; returns the shop's follower count.
    /// Doing what is already done changes nothing.
    pub async fn set(tx: &mut Tx, user_id: &str, shop: &str, follow: bool) -> AppResult<i64> {
        let id = shop_id(tx, shop).await?;
        let changed = if follow {
            tx.exec(&sql!(
                "INSERT INTO follows (user_id, seller_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                user_id,
                &id,
                now_ms()
            ))
            .await?
        } else {
            tx.exec(&sql!("DELETE FROM follows WHERE user_id = $1 AND seller_id = $2", user_id, &id)).await?
        };
        if changed == 1 {
            let delta: i64 = if follow { 1 } else { -1 };
            tx.exec(&sql!(
                "UPDATE sellers SET follower_count = follower_count + $2 WHERE id = $1",
                &id,
                delta
            ))
            .await?;
        }
        Ok(tx.scalar(&sql!("SELECT follower_count FROM sellers WHERE id = $1", &id)).await?)
    }

    /// Whether the person follows the shop.
    pub async fn follows(c: &mut Conn, user_id: &str, seller_id: &str) -> AppResult<bool> {
        let n: i64 = c
            .scalar(&sql!(
                "SELECT COUNT(*) FROM follows WHERE user_id = $1 AND seller_id = $2",
                user_id,
                seller_id
            ))
            .await?;
        Ok(n > 0)
    }

    /// Ids of the shops the person follows.
    pub async fn followed_ids(c: &mut Conn, user_id: &str) -> AppResult<Vec<String>> {
        let rows: Vec<(String,)> =
            c.all(&sql!("SELECT seller_id FROM follows WHERE user_id = $1", user_id)).await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    #[derive(FromRow)]
    struct Row {
        id: String,
        slug: String,
        shop_name: String,
        tagline: String,
        logo_media_id: Option<String>,
        follower_count: i64,
        product_count: i64,
        followed_at: i64,
    }

    /// The shops the person follows, latest first.
    pub async fn list(c: &mut Conn, user_id: &str) -> AppResult<Vec<FollowedShop>> {
        let rows: Vec<Row> = c
            .all(&sql!(
                "SELECT s.id, s.slug, s.shop_name, s.tagline, s.logo_media_id, s.follower_count, \
                 (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS product_count, \
                 f.created_at AS followed_at \
                 FROM follows f JOIN sellers s ON s.id = f.seller_id \
                 WHERE f.user_id = $1 AND s.status = 'verified' ORDER BY f.created_at DESC, s.id LIMIT 500",
                user_id
            ))
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| FollowedShop {
                logo_url: r.logo_media_id.as_deref().map(crate::media::url),
                id: r.id,
                slug: r.slug,
                shop_name: r.shop_name,
                tagline: r.tagline,
                follower_count: r.follower_count,
                product_count: r.product_count,
                followed_at: r.followed_at,
            })
            .collect())
    }
}
