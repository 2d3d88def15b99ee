//! SQL the recommender reads: purchases, ratings by skin type, views, and
//! one person's profile, wishlist and recent views (`person_views`).

pub mod history;

use crate::server::db::Conn;
use crate::sql;

/// Purchases looked at: the last this many days, at most this many lines.
pub const PURCHASE_DAYS: i64 = 365;
const MAX_LINES: i64 = 500_000;

/// A bought line: (checkout, buyer, product, units, when).
pub type Bought = (String, String, String, i64, i64);

/// Lines of orders not cancelled since `since` (unix ms), newest first.
pub async fn purchases(c: &mut Conn, since: i64) -> Result<Vec<Bought>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.checkout_id, o.user_id, l.product_id, l.quantity, o.created_at \
         FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.created_at >= $1 AND o.status <> 'cancelled' \
         ORDER BY o.created_at DESC LIMIT $2",
        since,
        MAX_LINES
    ))
    .await
}

/// Views per product since `day` (days since the epoch).
pub async fn views_since(c: &mut Conn, day: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT product_id, CAST(SUM(views) AS BIGINT) FROM product_views WHERE day >= $1 GROUP BY product_id",
        day
    ))
    .await
}

/// (product, reviewer's skin type code, rated 4 or 5, rated) for visible reviews.
pub async fn ratings_by_skin(c: &mut Conn) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT r.product_id, p.skin_type, \
         CAST(SUM(CASE WHEN r.rating >= 4 THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) \
         FROM product_reviews r JOIN profiles p ON p.user_id = r.user_id \
         WHERE r.hidden = FALSE AND p.skin_type <> '' \
         GROUP BY r.product_id, p.skin_type"
    ))
    .await
}

/// A person's skin type code and concern codes (a JSON array).
pub async fn profile(c: &mut Conn, user_id: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!("SELECT skin_type, skin_concerns FROM profiles WHERE user_id = $1", user_id)).await
}

/// A person's purchases: (product, when), newest first.
pub async fn bought_by(c: &mut Conn, user_id: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT l.product_id, o.created_at FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.user_id = $1 AND o.status <> 'cancelled' ORDER BY o.created_at DESC LIMIT 200",
        user_id
    ))
    .await
}

/// A person's wishlist, newest first.
pub async fn wished_by(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = c
        .all(&sql!(
            "SELECT product_id FROM wishlist_items WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50",
            user_id
        ))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The products a person looked at last, newest first.
pub async fn viewed_by(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = c
        .all(&sql!(
            "SELECT product_id FROM person_views WHERE user_id = $1 ORDER BY viewed_at DESC LIMIT 20",
            user_id
        ))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Remember that a person looked at a product (a product or person deleted
/// meanwhile is skipped).
pub async fn add_person_view(
    c: &mut Conn,
    user_id: &str,
    product_id: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO person_views (user_id, product_id, viewed_at) \
         SELECT u.id, p.id, $3 FROM users u, products p WHERE u.id = $1 AND p.id = $2 \
         ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = excluded.viewed_at",
        user_id,
        product_id,
        at
    ))
    .await?;
    Ok(())
}
