//! The studio's SQL: a shop's products as their seller sees them (every
//! status), and the writes of an edit. Each runs in the caller's transaction.

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, FromRow)]
pub struct ListRow {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub price_minor: i64,
    pub currency: String,
    pub stock: i64,
    pub variant_count: i64,
    pub cover_media_id: Option<String>,
    pub updated_at: i64,
}

/// A shop's products, last changed first.
pub async fn list(c: &mut Conn, seller_id: &str, limit: i64) -> Result<Vec<ListRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.id, p.slug, p.title, p.status, p.price_minor, p.currency, \
         (SELECT CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) FROM product_variants v WHERE v.product_id = p.id) AS stock, \
         (SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) AS variant_count, \
         p.cover_media_id, p.updated_at \
         FROM products p WHERE p.seller_id = $1 ORDER BY p.updated_at DESC, p.id DESC LIMIT $2",
        seller_id,
        limit
    ))
    .await
}

/// What an edit needs to know before it touches a product.
#[derive(Debug, FromRow)]
pub struct Head {
    pub id: String,
    pub seller_id: String,
    pub slug: String,
    pub status: String,
    pub currency: String,
    pub sold_count: i64,
    pub review_rows: i64,
}

/// A product by id, whatever its status.
pub async fn head(c: &mut Conn, id: &str) -> Result<Option<Head>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT p.id, p.seller_id, p.slug, p.status, p.currency, p.sold_count,          (SELECT COUNT(*) FROM product_reviews r WHERE r.product_id = p.id) AS review_rows          FROM products p WHERE p.id = $1",
        id
    ))
    .await
}

/// The shop's name and the category's name and vertical, for the search
/// text; `None` when the category does not exist.
pub async fn names(
    c: &mut Conn,
    seller_id: &str,
    category_id: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT s.shop_name, c.name, c.vertical FROM sellers s, categories c WHERE s.id = $1 AND c.id = $2",
        seller_id,
        category_id
    ))
    .await
}

/// The editable columns of a product.
#[derive(Debug, FromRow)]
pub struct Fields {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub category_id: String,
    pub cost_minor: Option<i64>,
    pub low_stock_at: Option<i64>,
}

pub async fn fields(c: &mut Conn, id: &str) -> Result<Fields, sqlx::Error> {
    c.one(&sql!(
        "SELECT title, subtitle, description, price_minor, compare_at_minor, category_id, cost_minor, low_stock_at \
         FROM products WHERE id = $1",
        id
    ))
    .await
}

/// The new values of an edit, and the denormalised columns that follow them.
pub struct Update<'a> {
    pub id: &'a str,
    pub category_id: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub description: &'a str,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub search_text: &'a str,
    pub now: i64,
}

pub async fn update(c: &mut Conn, u: &Update<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE products SET category_id = $2, title = $3, subtitle = $4, description = $5, price_minor = $6, \
         compare_at_minor = $7, search_text = $8, updated_at = $9 WHERE id = $1",
        u.id,
        u.category_id,
        u.title,
        u.subtitle,
        u.description,
        u.price_minor,
        u.compare_at_minor,
        u.search_text,
        u.now
    ))
    .await?;
    Ok(())
}

/// What a unit cost the shop and the product's own low-stock threshold.
pub async fn set_stock_terms(
    c: &mut Conn,
    id: &str,
    cost_minor: Option<i64>,
    low_stock_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE products SET cost_minor = $2, low_stock_at = $3 WHERE id = $1",
        id,
        cost_minor,
        low_stock_at
    ))
    .await?;
    Ok(())
}

pub async fn set_status(c: &mut Conn, id: &str, status: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE products SET status = $2, updated_at = $3 WHERE id = $1", id, status, now)).await?;
    Ok(())
}

/// Mark a product changed (a picture added or removed).
pub async fn touch(c: &mut Conn, id: &str, cover: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE products SET cover_media_id = $2, updated_at = $3 WHERE id = $1", id, cover, now))
        .await?;
    Ok(())
}

pub async fn slug_taken(c: &mut Conn, slug: &str) -> Result<bool, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM products WHERE slug = $1", slug)).await.map(|n: i64| n > 0)
}

pub async fn sku_taken(c: &mut Conn, sku: &str, product_id: &str) -> Result<bool, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM product_variants WHERE sku = $1 AND product_id <> $2",
        sku,
        product_id
    ))
    .await
    .map(|n: i64| n > 0)
}

#[derive(Debug, FromRow)]
pub struct VariantRow {
    pub id: String,
    pub sku: String,
    pub option_values: String,
    pub price_minor: i64,
    pub stock: i64,
}

pub async fn variants(c: &mut Conn, product_id: &str) -> Result<Vec<VariantRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, sku, option_values, price_minor, stock FROM product_variants \
         WHERE product_id = $1 ORDER BY position, sku",
        product_id
    ))
    .await
}

pub async fn option_names(c: &mut Conn, product_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = c
        .all(&sql!(
            "SELECT name FROM product_options WHERE product_id = $1 ORDER BY position, name",
            product_id
        ))
        .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// A variant to write; `sku` already decided.
pub struct VariantWrite<'a> {
    pub id: &'a str,
    pub product_id: &'a str,
    pub sku: &'a str,
    pub title: &'a str,
    pub options_json: &'a str,
    pub price_minor: i64,
    pub stock: i64,
    pub position: i64,
}

/// Update a variant of this product; false when it is not one of its.
pub async fn update_variant(c: &mut Conn, v: &VariantWrite<'_>) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE product_variants SET sku = $3, title = $4, option_values = $5, price_minor = $6, stock = $7, \
             position = $8 WHERE id = $1 AND product_id = $2",
            v.id,
            v.product_id,
            v.sku,
            v.title,
            v.options_json,
            v.price_minor,
            v.stock,
            v.position
        ))
        .await?;
    Ok(n == 1)
}

pub async fn delete_variants(c: &mut Conn, product_id: &str, keep: &[String]) -> Result<u64, sqlx::Error> {
    let mut q = sql!("DELETE FROM product_variants WHERE product_id = $1", product_id);
    if !keep.is_empty() {
        q.push(" AND id NOT IN ").push_list(keep);
    }
    c.exec(&q).await
}

pub async fn clear_options_and_attributes(c: &mut Conn, product_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM product_options WHERE product_id = $1", product_id)).await?;
    c.exec(&sql!("DELETE FROM product_attributes WHERE product_id = $1", product_id)).await?;
    Ok(())
}

#[derive(Debug, FromRow)]
pub struct ImageRow {
    pub id: String,
    pub media_id: String,
    pub thumb_media_id: Option<String>,
    pub alt: String,
}

pub async fn images(c: &mut Conn, product_id: &str) -> Result<Vec<ImageRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, media_id, thumb_media_id, alt FROM product_images WHERE product_id = $1 ORDER BY position, id",
        product_id
    ))
    .await
}

pub async fn insert_image(
    c: &mut Conn,
    id: &str,
    product_id: &str,
    media_id: &str,
    thumb_media_id: &str,
    alt: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_images (id, product_id, media_id, thumb_media_id, alt, position) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        product_id,
        media_id,
        thumb_media_id,
        alt,
        position
    ))
    .await?;
    Ok(())
}

pub async fn delete_image(c: &mut Conn, product_id: &str, image_id: &str) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!("DELETE FROM product_images WHERE id = $1 AND product_id = $2", image_id, product_id))
        .await?;
    Ok(n == 1)
}

/// Pictures of this shop's products, by media id: the only ones a REST
/// body may reuse by URL.
pub async fn shop_media(
    c: &mut Conn,
    seller_id: &str,
    media_ids: &[String],
) -> Result<Vec<ImageRow>, sqlx::Error> {
    if media_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql!(
        "SELECT i.id, i.media_id, i.thumb_media_id, i.alt FROM product_images i \
         JOIN products p ON p.id = i.product_id WHERE p.seller_id = $1",
        seller_id
    );
    q.push(" AND i.media_id IN ").push_list(media_ids);
    c.all(&q).await
}

/// Delete a product; its variants, options, attributes and pictures go with it.
pub async fn delete_product(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM products WHERE id = $1", id)).await?;
    Ok(())
}

/// Media ids still used by any picture (so a shared one is not removed).
pub async fn media_in_use(c: &mut Conn, media_ids: &[String]) -> Result<Vec<String>, sqlx::Error> {
    if media_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = crate::server::db::Query::new("SELECT media_id FROM product_images WHERE media_id IN ");
    q.push_list(media_ids);
    q.push(" UNION SELECT thumb_media_id FROM product_images WHERE thumb_media_id IN ");
    q.push_list(media_ids);
    q.push(" UNION SELECT cover_media_id FROM products WHERE cover_media_id IN ");
    q.push_list(media_ids);
    Ok(c.all::<(String,)>(&q).await?.into_iter().map(|(id,)| id).collect())
}
