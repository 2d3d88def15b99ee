//! Sellers SQL: applications and their review. Portable (`$n`, TEXT JSON).

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, FromRow)]
pub struct ApplicationRow {
    pub id: String,
    pub user_id: String,
    pub applicant_name: String,
    pub applicant_email: String,
    pub shop_name: String,
    pub slug: String,
    pub status: String,
    pub category: String,
    pub experience_level: String,
    pub monthly_revenue: String,
    pub platforms: String,
    pub social_links: String,
    pub return_address: String,
    pub review_note: String,
    pub created_at: i64,
}

const SELECT: &str = "SELECT s.id, s.user_id, u.full_name AS applicant_name, u.email AS applicant_email, \
     s.shop_name, s.slug, s.status, s.category, s.experience_level, s.monthly_revenue, s.platforms, \
     s.social_links, s.return_address, s.review_note, s.created_at \
     FROM sellers s JOIN users u ON u.id = s.user_id";

/// The fields an application writes.
pub struct NewApplication<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub slug: &'a str,
    pub shop_name: &'a str,
    pub category: &'a str,
    pub experience_level: &'a str,
    pub monthly_revenue: &'a str,
    pub platforms: &'a str,
    pub social_links: &'a str,
    pub return_address: &'a str,
    pub now: i64,
}

pub async fn by_user(c: &mut Conn, user_id: &str) -> Result<Option<ApplicationRow>, sqlx::Error> {
    c.opt(&crate::server::db::Query::new(format!("{SELECT} WHERE s.user_id = $1")).bind(user_id)).await
}

pub async fn by_id(c: &mut Conn, id: &str) -> Result<Option<ApplicationRow>, sqlx::Error> {
    c.opt(&crate::server::db::Query::new(format!("{SELECT} WHERE s.id = $1")).bind(id)).await
}

/// Applications with `status`, oldest first (the review queue).
pub async fn with_status(c: &mut Conn, status: &str, limit: i64) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    c.all(
        &crate::server::db::Query::new(format!(
            "{SELECT} WHERE s.status = $1 ORDER BY s.created_at, s.id LIMIT $2"
        ))
        .bind(status)
        .bind(limit),
    )
    .await
}

pub async fn slug_taken(c: &mut Conn, slug: &str) -> Result<bool, sqlx::Error> {
    Ok(c.scalar_opt::<String>(&sql!("SELECT id FROM sellers WHERE slug = $1", slug)).await?.is_some())
}

pub async fn insert(c: &mut Conn, a: &NewApplication<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO sellers (id, user_id, slug, shop_name, status, category, experience_level, \
         monthly_revenue, platforms, social_links, return_address, terms_accepted_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $11, $11)",
        a.id,
        a.user_id,
        a.slug,
        a.shop_name,
        a.category,
        a.experience_level,
        a.monthly_revenue,
        a.platforms,
        a.social_links,
        a.return_address,
        a.now
    ))
    .await
    .map(|_| ())
}

/// A rejected application sent again: back in the queue with new answers.
pub async fn resubmit(c: &mut Conn, a: &NewApplication<'_>) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE sellers SET slug = $1, shop_name = $2, status = 'pending', category = $3, \
         experience_level = $4, monthly_revenue = $5, platforms = $6, social_links = $7, \
         return_address = $8, terms_accepted_at = $9, review_note = '', reviewed_by = NULL, \
         reviewed_at = NULL, updated_at = $9 WHERE id = $10 AND status = 'rejected'",
        a.slug,
        a.shop_name,
        a.category,
        a.experience_level,
        a.monthly_revenue,
        a.platforms,
        a.social_links,
        a.return_address,
        a.now,
        a.id
    ))
    .await
}

/// Move a pending application to `status`; false when it was not pending.
pub async fn review(
    c: &mut Conn,
    id: &str,
    status: &str,
    note: &str,
    admin_id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE sellers SET status = $1, review_note = $2, reviewed_by = $3, reviewed_at = $4, \
             updated_at = $4 WHERE id = $5 AND status = 'pending'",
            status,
            note,
            admin_id,
            now,
            id
        ))
        .await?;
    Ok(n == 1)
}

/// What anyone may see of a verified shop.
#[derive(Debug, FromRow)]
pub struct PublicShopRow {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub description: String,
    pub location: String,
    pub logo_media_id: Option<String>,
    pub banner_media_id: Option<String>,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub follower_count: i64,
}

pub async fn public_shop(c: &mut Conn, id_or_slug: &str) -> Result<Option<PublicShopRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT id, slug, shop_name, tagline, description, location, logo_media_id, banner_media_id, \
         rating_sum, rating_count, follower_count FROM sellers \
         WHERE (id = $1 OR slug = $1) AND status = 'verified'",
        id_or_slug
    ))
    .await
}

/// Where a shop's mail goes: its owner's address and the shop's name.
pub async fn owner_contact(c: &mut Conn, shop_id: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.email, s.shop_name FROM sellers s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
        shop_id
    ))
    .await
}

// Follows: one row a person and shop; the shop's count kept beside it.

/// Shops' names by id (any status).
pub async fn names(c: &mut Conn, ids: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::server::db::Query::new("SELECT id, shop_name FROM sellers WHERE id IN ");
    q.push_list(ids);
    c.all(&q).await
}

/// A verified shop's id by id or slug.
pub async fn verified_shop_id(c: &mut Conn, id_or_slug: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!(
        "SELECT id FROM sellers WHERE (id = $1 OR slug = $1) AND status = 'verified'",
        id_or_slug
    ))
    .await
}

/// Follow; whether a row was added.
pub async fn add_follow(c: &mut Conn, user_id: &str, seller_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "INSERT INTO follows (user_id, seller_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            user_id,
            seller_id,
            now
        ))
        .await?;
    Ok(n == 1)
}

/// Unfollow; whether a row went.
pub async fn remove_follow(c: &mut Conn, user_id: &str, seller_id: &str) -> Result<bool, sqlx::Error> {
    Ok(c.exec(&sql!("DELETE FROM follows WHERE user_id = $1 AND seller_id = $2", user_id, seller_id)).await?
        == 1)
}

/// Move the shop's follower count by `delta`; the new count.
pub async fn bump_followers(c: &mut Conn, seller_id: &str, delta: i64) -> Result<i64, sqlx::Error> {
    if delta != 0 {
        c.exec(&sql!(
            "UPDATE sellers SET follower_count = follower_count + $2 WHERE id = $1",
            seller_id,
            delta
        ))
        .await?;
    }
    c.scalar(&sql!("SELECT follower_count FROM sellers WHERE id = $1", seller_id)).await
}

pub async fn follows(c: &mut Conn, user_id: &str, seller_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM follows WHERE user_id = $1 AND seller_id = $2",
            user_id,
            seller_id
        ))
        .await?;
    Ok(n > 0)
}

pub async fn followed_ids(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        c.all(&sql!("SELECT seller_id FROM follows WHERE user_id = $1", user_id)).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

#[derive(Debug, FromRow)]
pub struct FollowedRow {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub logo_media_id: Option<String>,
    pub follower_count: i64,
    pub product_count: i64,
    pub followed_at: i64,
}

/// The verified shops the person follows, latest first.
pub async fn followed(c: &mut Conn, user_id: &str) -> Result<Vec<FollowedRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT s.id, s.slug, s.shop_name, s.tagline, s.logo_media_id, s.follower_count, \
         (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS product_count, \
         f.created_at AS followed_at \
         FROM follows f JOIN sellers s ON s.id = f.seller_id \
         WHERE f.user_id = $1 AND s.status = 'verified' ORDER BY f.created_at DESC, s.id LIMIT 500",
        user_id
    ))
    .await
}

// The shop page's own words and pictures (`/studio/shop`).

#[derive(Debug, FromRow)]
pub struct ProfileRow {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub description: String,
    pub location: String,
    pub logo_media_id: Option<String>,
    pub banner_media_id: Option<String>,
}

/// The person's verified shop.
pub async fn own_profile(c: &mut Conn, user_id: &str) -> Result<Option<ProfileRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT id, slug, shop_name, tagline, description, location, logo_media_id, banner_media_id \
         FROM sellers WHERE user_id = $1 AND status = 'verified'",
        user_id
    ))
    .await
}

pub async fn save_profile(
    c: &mut Conn,
    id: &str,
    tagline: &str,
    description: &str,
    location: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE sellers SET tagline = $2, description = $3, location = $4, updated_at = $5 WHERE id = $1",
        id,
        tagline,
        description,
        location,
        now
    ))
    .await?;
    Ok(())
}

/// Point the shop's logo (`logo = true`) or banner at a media row.
pub async fn set_picture(
    c: &mut Conn,
    id: &str,
    logo: bool,
    media_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let q = if logo {
        sql!("UPDATE sellers SET logo_media_id = $2, updated_at = $3 WHERE id = $1", id, media_id, now)
    } else {
        sql!("UPDATE sellers SET banner_media_id = $2, updated_at = $3 WHERE id = $1", id, media_id, now)
    };
    c.exec(&q).await?;
    Ok(())
}
