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
