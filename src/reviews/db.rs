//! Reviews SQL, with the product and shop rating totals kept beside them.

use sqlx::FromRow;

use super::ReviewSort;
use crate::server::db::{Conn, Query};
use crate::sql;

#[derive(Debug, FromRow)]
pub struct ReviewRow {
    pub id: String,
    pub product_id: String,
    pub user_id: String,
    pub author: String,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub verified_purchase: bool,
    pub helpful_count: i64,
    pub hidden: bool,
    pub hidden_reason: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT r.id, r.product_id, r.user_id, u.full_name AS author, r.rating, r.title, r.body, \
     r.verified_purchase, r.helpful_count, r.hidden, r.hidden_reason, r.created_at, r.updated_at \
     FROM product_reviews r JOIN users u ON u.id = r.user_id";

pub async fn by_id(c: &mut Conn, id: &str) -> Result<Option<ReviewRow>, sqlx::Error> {
    c.opt(&Query::new(format!("{SELECT} WHERE r.id = $1")).bind(id)).await
}

pub async fn by_author(
    c: &mut Conn,
    product_id: &str,
    user_id: &str,
) -> Result<Option<ReviewRow>, sqlx::Error> {
    c.opt(
        &Query::new(format!("{SELECT} WHERE r.product_id = $1 AND r.user_id = $2"))
            .bind(product_id)
            .bind(user_id),
    )
    .await
}

/// Visible reviews of a product, a page at a time.
pub async fn page(
    c: &mut Conn,
    product_id: &str,
    sort: ReviewSort,
    limit: i64,
    offset: i64,
) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let order = match sort {
        ReviewSort::Newest => " ORDER BY r.created_at DESC, r.id DESC",
        ReviewSort::Helpful => " ORDER BY r.helpful_count DESC, r.created_at DESC, r.id DESC",
    };
    let mut q = Query::new(format!("{SELECT} WHERE r.product_id = $1 AND r.hidden = FALSE")).bind(product_id);
    q.push(order).push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    c.all(&q).await
}

/// A product's rating totals and its written, visible reviews per star
/// (5 first), in one query; `None` when the product is not active.
pub async fn summary(c: &mut Conn, product_id: &str) -> Result<Option<(i64, i64, [i64; 5])>, sqlx::Error> {
    let star = |n: u8| {
        format!(
            "(SELECT COUNT(*) FROM product_reviews r WHERE r.product_id = p.id AND r.hidden = FALSE AND r.rating = {n})"
        )
    };
    let q = Query::new(format!(
        "SELECT p.rating_avg, p.rating_count, {}, {}, {}, {}, {} FROM products p WHERE p.id = $1 AND p.status = 'active'",
        star(5),
        star(4),
        star(3),
        star(2),
        star(1)
    ))
    .bind(product_id);
    let row: Option<(i64, i64, i64, i64, i64, i64, i64)> = c.opt(&q).await?;
    Ok(row.map(|(avg, count, s5, s4, s3, s2, s1)| (avg, count, [s5, s4, s3, s2, s1])))
}

/// The product's rating totals: `(avg hundredths, count)`.
pub async fn product_rating(c: &mut Conn, product_id: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT rating_avg, rating_count FROM products WHERE id = $1 AND status = 'active'",
        product_id
    ))
    .await
}

/// Recent reviews across the shop, for moderation.
pub async fn recent(c: &mut Conn, limit: i64) -> Result<Vec<ReviewRow>, sqlx::Error> {
    c.all(&Query::new(format!("{SELECT} ORDER BY r.created_at DESC, r.id DESC LIMIT $1")).bind(limit)).await
}

/// Which of `ids` the person voted helpful.
pub async fn voted(c: &mut Conn, user_id: &str, ids: &[String]) -> Result<Vec<String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new("SELECT review_id FROM review_votes WHERE user_id = ");
    q.push_bind(user_id).push(" AND review_id IN ").push_list(ids);
    Ok(c.all::<(String,)>(&q).await?.into_iter().map(|(id,)| id).collect())
}

pub struct NewReview<'a> {
    pub id: &'a str,
    pub product_id: &'a str,
    pub user_id: &'a str,
    pub rating: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub verified_purchase: bool,
    pub now: i64,
}

pub async fn insert(c: &mut Conn, r: &NewReview<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_reviews (id, product_id, user_id, rating, title, body, verified_purchase, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        r.id,
        r.product_id,
        r.user_id,
        r.rating,
        r.title,
        r.body,
        r.verified_purchase,
        r.now
    ))
    .await
    .map(|_| ())
}

pub async fn update(
    c: &mut Conn,
    id: &str,
    rating: i64,
    title: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE product_reviews SET rating = $1, title = $2, body = $3, updated_at = $4 WHERE id = $5",
        rating,
        title,
        body,
        now,
        id
    ))
    .await
    .map(|_| ())
}

pub async fn set_hidden(
    c: &mut Conn,
    id: &str,
    hidden: bool,
    reason: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE product_reviews SET hidden = $1, hidden_reason = $2, updated_at = $3 WHERE id = $4 AND hidden <> $1",
        hidden,
        reason,
        now,
        id
    ))
    .await
}

/// Record a helpful vote; false when the person had voted already.
pub async fn add_vote(c: &mut Conn, review_id: &str, user_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let added = c
        .exec(&sql!(
            "INSERT INTO review_votes (review_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            review_id,
            user_id,
            now
        ))
        .await?;
    if added == 1 {
        c.exec(&sql!(
            "UPDATE product_reviews SET helpful_count = helpful_count + 1 WHERE id = $1",
            review_id
        ))
        .await?;
    }
    Ok(added == 1)
}

/// Add `(sum, count)` to a product's rating and its shop's (negative to take away).
pub async fn adjust_ratings(c: &mut Conn, product_id: &str, sum: i64, count: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE products SET rating_sum = rating_sum + $1, rating_count = rating_count + $2, \
         rating_avg = CASE WHEN rating_count + $2 > 0 THEN ((rating_sum + $1) * 100) / (rating_count + $2) ELSE 0 END \
         WHERE id = $3",
        sum,
        count,
        product_id
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE sellers SET rating_sum = rating_sum + $1, rating_count = rating_count + $2 \
         WHERE id = (SELECT seller_id FROM products WHERE id = $3)",
        sum,
        count,
        product_id
    ))
    .await?;
    Ok(())
}
