//! Live-shopping SQL: the studio's shops, `streams`, `stream_products`,
//! `stream_reminders`, and the stream attribution of cart and order lines.

use sqlx::FromRow;

use super::StudioShop;
use crate::server::db::{Conn, Query};
use crate::sql;

#[derive(FromRow)]
struct Row {
    slug: String,
    shop_name: String,
    status: String,
    products: i64,
    in_stock: i64,
}

/// Shops with product counts; only `owner`'s when given.
pub async fn studio_shops(c: &mut Conn, owner: Option<&str>) -> Result<Vec<StudioShop>, sqlx::Error> {
    let rows: Vec<Row> = c
        .all(&sql!(
            "SELECT s.slug, s.shop_name, s.status, \
             (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS products, \
             (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active' \
              AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0)) AS in_stock \
             FROM sellers s WHERE ($1 IS NULL OR s.user_id = $1) ORDER BY s.shop_name",
            owner
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StudioShop {
            slug: r.slug,
            shop_name: r.shop_name,
            status: r.status,
            products: r.products,
            in_stock: r.in_stock,
        })
        .collect())
}

const CARD: &str = "SELECT st.id, st.title, st.status, st.seller_id AS shop_id, s.shop_name, s.slug AS shop_slug, \
     st.scheduled_at, st.started_at, st.ended_at, \
     COALESCE(st.cover_media_id, (SELECT pi.media_id FROM stream_products sp \
      JOIN product_images pi ON pi.product_id = sp.product_id \
      WHERE sp.stream_id = st.id ORDER BY sp.position, pi.position LIMIT 1)) AS cover_media \
     FROM streams st JOIN sellers s ON s.id = st.seller_id";

#[derive(FromRow)]
pub struct CardRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub shop_id: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub scheduled_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub cover_media: Option<String>,
}

/// What the rules need to know of a stream.
#[derive(FromRow)]
pub struct Head {
    pub seller_id: String,
    pub status: String,
    pub stream_key: String,
    pub description: String,
    pub category_id: Option<String>,
    pub tags: String,
    /// The node that holds the stream's video publisher, when one does.
    pub node_url: Option<String>,
}

pub struct NewStream<'a> {
    pub id: &'a str,
    pub seller_id: &'a str,
    pub created_by: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub category_id: Option<&'a str>,
    pub tags: &'a str,
    pub scheduled_at: i64,
    pub stream_key: &'a str,
    pub now: i64,
}

pub async fn insert(c: &mut Conn, s: &NewStream<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO streams (id, seller_id, created_by, title, description, category_id, tags, status, \
         scheduled_at, stream_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, $9, $10, $10)",
        s.id,
        s.seller_id,
        s.created_by,
        s.title,
        s.description,
        s.category_id,
        s.tags,
        s.scheduled_at,
        s.stream_key,
        s.now
    ))
    .await?;
    Ok(())
}

pub async fn insert_product(
    c: &mut Conn,
    stream_id: &str,
    product_id: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO stream_products (stream_id, product_id, position) VALUES ($1, $2, $3)",
        stream_id,
        product_id,
        position
    ))
    .await?;
    Ok(())
}

pub async fn head(c: &mut Conn, id: &str) -> Result<Option<Head>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT seller_id, status, stream_key, description, category_id, tags, node_url FROM streams WHERE id = $1",
        id
    ))
    .await
}

pub async fn card(c: &mut Conn, id: &str) -> Result<Option<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.id = ").push_bind(id);
    c.opt(&q).await
}

/// Live streams, newest first.
pub async fn live(c: &mut Conn, limit: i64) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.status = 'live' ORDER BY st.started_at DESC, st.id LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// Streams that went on air (live or ended), latest first.
pub async fn aired(c: &mut Conn, limit: i64) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.status IN ('live', 'ended') ORDER BY st.started_at DESC, st.id LIMIT ")
        .push_bind(limit);
    c.all(&q).await
}

/// The shop's live stream, if any.
pub async fn live_of_shop(c: &mut Conn, seller_id: &str) -> Result<Option<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.status = 'live' AND st.seller_id = ").push_bind(seller_id);
    c.opt(&q).await
}

/// Scheduled streams from `since`, soonest first; only `shop`'s when given.
pub async fn upcoming(
    c: &mut Conn,
    since: i64,
    shop: Option<&str>,
    limit: i64,
) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.status = 'scheduled' AND st.scheduled_at >= ").push_bind(since);
    if let Some(shop) = shop {
        q.push(" AND st.seller_id = ").push_bind(shop);
    }
    q.push(" ORDER BY st.scheduled_at, st.id LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// A shop's streams: live, then upcoming (soonest first), then past (latest first).
pub async fn of_shop(c: &mut Conn, seller_id: &str, limit: i64) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut q = Query::new(CARD);
    q.push(" WHERE st.seller_id = ").push_bind(seller_id);
    q.push(
        " ORDER BY CASE st.status WHEN 'live' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END, \
         CASE WHEN st.status = 'scheduled' THEN st.scheduled_at ELSE -st.scheduled_at END, st.id LIMIT ",
    )
    .push_bind(limit);
    c.all(&q).await
}

/// Scheduled → live. 0 rows: it was not scheduled; a unique violation: the
/// shop is live already (`streams_one_live_idx`).
pub async fn set_live(c: &mut Conn, id: &str, now: i64) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE streams SET status = 'live', started_at = $2, updated_at = $2 WHERE id = $1 AND status = 'scheduled'",
        id,
        now
    ))
    .await
}

/// `from` → `to` (live → ended, scheduled → cancelled).
pub async fn finish(c: &mut Conn, id: &str, from: &str, to: &str, now: i64) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE streams SET status = $3, ended_at = $4, updated_at = $4, node_url = NULL WHERE id = $1 AND status = $2",
        id,
        from,
        to,
        now
    ))
    .await
}

/// The stream's own cover, and the one it replaces (to delete).
pub async fn set_cover(
    c: &mut Conn,
    id: &str,
    media_id: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let old: Option<Option<String>> =
        c.scalar_opt(&sql!("SELECT cover_media_id FROM streams WHERE id = $1", id)).await?;
    c.exec(&sql!("UPDATE streams SET cover_media_id = $2, updated_at = $3 WHERE id = $1", id, media_id, now))
        .await?;
    Ok(old.flatten())
}

/// Which node carries the stream's video (`None`: none does).
pub async fn set_node(c: &mut Conn, id: &str, node_url: Option<&str>) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE streams SET node_url = $2 WHERE id = $1", id, node_url)).await?;
    Ok(())
}

pub async fn set_key(c: &mut Conn, id: &str, key: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE streams SET stream_key = $2, updated_at = $3 WHERE id = $1", id, key, now)).await?;
    Ok(())
}

/// The featured products' ids, in the stream's order.
pub async fn product_ids(c: &mut Conn, stream_id: &str) -> Result<Vec<String>, sqlx::Error> {
    c.all::<(String,)>(&sql!(
        "SELECT product_id FROM stream_products WHERE stream_id = $1 ORDER BY position",
        stream_id
    ))
    .await
    .map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

/// Which of `ids` are the shop's products on sale.
pub async fn shop_products_among(
    c: &mut Conn,
    seller_id: &str,
    ids: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q =
        sql!("SELECT id FROM products WHERE seller_id = $1 AND status = 'active' AND id IN ", seller_id);
    q.push_list(ids);
    c.all::<(String,)>(&q).await.map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

/// (id, title) of the shop's products on sale, by title.
pub async fn shop_product_choices(
    c: &mut Conn,
    seller_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, title FROM products WHERE seller_id = $1 AND status = 'active' ORDER BY title LIMIT 500",
        seller_id
    ))
    .await
}

/// (slug, name) of a category.
pub async fn category(c: &mut Conn, id: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!("SELECT slug, name FROM categories WHERE id = $1", id)).await
}

pub async fn category_exists(c: &mut Conn, id: &str) -> Result<bool, sqlx::Error> {
    Ok(c.scalar::<i64>(&sql!("SELECT COUNT(*) FROM categories WHERE id = $1", id)).await? > 0)
}

/// Remember that `user_id` wants to hear of the start; false if they had asked.
pub async fn add_reminder(
    c: &mut Conn,
    stream_id: &str,
    user_id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "INSERT INTO stream_reminders (stream_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            stream_id,
            user_id,
            now
        ))
        .await?;
    Ok(n > 0)
}

pub async fn remove_reminder(c: &mut Conn, stream_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!("DELETE FROM stream_reminders WHERE stream_id = $1 AND user_id = $2", stream_id, user_id))
        .await?;
    Ok(n > 0)
}

pub async fn reminded(c: &mut Conn, stream_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    Ok(c.scalar::<i64>(&sql!(
        "SELECT COUNT(*) FROM stream_reminders WHERE stream_id = $1 AND user_id = $2",
        stream_id,
        user_id
    ))
    .await?
        > 0)
}

pub async fn reminder_count(c: &mut Conn, stream_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM stream_reminders WHERE stream_id = $1", stream_id)).await
}

/// (email, full name) of everyone waiting for the start.
pub async fn reminder_recipients(
    c: &mut Conn,
    stream_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT u.email, u.full_name FROM stream_reminders r JOIN users u ON u.id = r.user_id \
         WHERE r.stream_id = $1 ORDER BY r.created_at",
        stream_id
    ))
    .await
}

/// Mark a cart line as bought from `stream_id` while the stream is live.
pub async fn attribute_cart_line(c: &mut Conn, line_id: &str, stream_id: &str) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE cart_items SET stream_id = $2 WHERE id = $1 \
         AND EXISTS (SELECT 1 FROM streams WHERE id = $2 AND status = 'live')",
        line_id,
        stream_id
    ))
    .await
}

/// Copy the streams of a cart's lines to the lines of the orders just
/// placed from it, for streams live or ended since `since`.
pub async fn attribute_orders(
    c: &mut Conn,
    cart_id: &str,
    order_ids: &[String],
    since: i64,
) -> Result<u64, sqlx::Error> {
    if order_ids.is_empty() {
        return Ok(0);
    }
    let mut q = sql!(
        "UPDATE order_lines SET stream_id = (SELECT ci.stream_id FROM cart_items ci JOIN streams st ON st.id = ci.stream_id \
         WHERE ci.cart_id = $1 AND ci.variant_id = order_lines.variant_id \
         AND (st.status = 'live' OR (st.status = 'ended' AND st.ended_at >= $2))) WHERE order_id IN ",
        cart_id,
        since
    );
    q.push_list(order_ids);
    c.exec(&q).await
}

/// (orders, revenue in minor units) attributed to a stream, cancelled orders aside.
pub async fn takings(c: &mut Conn, stream_id: &str) -> Result<(i64, i64), sqlx::Error> {
    c.one(&sql!(
        "SELECT COUNT(DISTINCT ol.order_id) AS orders, CAST(COALESCE(SUM(ol.line_total_minor), 0) AS BIGINT) AS revenue \
         FROM order_lines ol JOIN orders o ON o.id = ol.order_id \
         WHERE ol.stream_id = $1 AND o.status <> 'cancelled'",
        stream_id
    ))
    .await
}
