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
    use super::FollowedShop;
    use crate::error::{AppError, AppResult};
    use crate::sellers::db;
    use crate::server::db::{Conn, Tx};
    use crate::server::now_ms;

    /// The verified shop's id by id or slug.
    async fn shop_id(c: &mut Conn, id_or_slug: &str) -> AppResult<String> {
        let found = match id_or_slug.len() {
            0..=120 => db::verified_shop_id(c, id_or_slug).await?,
            _ => None,
        };
        found.ok_or_else(|| AppError::NotFound("Shop".into()))
    }

    /// Follow (`true`) or unfollow; returns the shop's follower count.
    /// Doing what is already done changes nothing.
    pub async fn set(tx: &mut Tx, user_id: &str, shop: &str, follow: bool) -> AppResult<i64> {
        let id = shop_id(tx, shop).await?;
        let delta = match follow {
            true if db::add_follow(tx, user_id, &id, now_ms()).await? => 1,
            false if db::remove_follow(tx, user_id, &id).await? => -1,
            _ => 0,
        };
        Ok(db::bump_followers(tx, &id, delta).await?)
    }

    /// Whether the person follows the shop.
    pub async fn follows(c: &mut Conn, user_id: &str, seller_id: &str) -> AppResult<bool> {
        Ok(db::follows(c, user_id, seller_id).await?)
    }

    /// Ids of the shops the person follows.
    pub async fn followed_ids(c: &mut Conn, user_id: &str) -> AppResult<Vec<String>> {
        Ok(db::followed_ids(c, user_id).await?)
    }

    /// The shops the person follows, latest first.
    pub async fn list(c: &mut Conn, user_id: &str) -> AppResult<Vec<FollowedShop>> {
        Ok(db::followed(c, user_id)
            .await?
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
