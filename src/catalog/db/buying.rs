//! What buying needs of the catalog: a variant with its product's title,
//! price, stock and shop, read fresh (carts and checkout never trust a
//! cached or submitted price).

use sqlx::FromRow;

use crate::server::db::{Conn, Query};
use crate::sql;

const LINE_COLUMNS: &str = "SELECT v.id AS variant_id, v.product_id, v.sku, v.title AS variant_title, \
     v.price_minor, v.stock, p.slug, p.title, p.subtitle, p.currency, p.cover_media_id, p.category_id, \
     cat.parent_id AS category_parent, p.seller_id AS shop_id, s.shop_name, \
     CASE WHEN p.status = 'active' AND s.status = 'verified' THEN 1 ELSE 0 END AS on_sale \
     FROM product_variants v JOIN products p ON p.id = v.product_id JOIN sellers s ON s.id = p.seller_id \
     JOIN categories cat ON cat.id = p.category_id";

/// A variant as a cart line or an order line needs it.
#[derive(Debug, Clone, FromRow)]
pub struct VariantLine {
    pub variant_id: String,
    pub product_id: String,
    pub sku: String,
    pub variant_title: String,
    pub price_minor: i64,
    pub stock: i64,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub currency: String,
    pub cover_media_id: Option<String>,
    pub category_id: String,
    pub category_parent: Option<String>,
    pub shop_id: String,
    pub shop_name: String,
    /// 1 when the product is active and its shop verified.
    pub on_sale: i32,
}

/// These variants (any order; unknown ids are left out).
pub async fn variant_lines(c: &mut Conn, variant_ids: &[String]) -> Result<Vec<VariantLine>, sqlx::Error> {
    if variant_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new(LINE_COLUMNS);
    q.push(" WHERE v.id IN ").push_list(variant_ids);
    c.all(&q).await
}

/// A product's variants, first by position.
pub async fn product_lines(c: &mut Conn, product_id: &str) -> Result<Vec<VariantLine>, sqlx::Error> {
    let mut q = Query::new(LINE_COLUMNS);
    q.push(" WHERE v.product_id = ").push_bind(product_id).push(" ORDER BY v.position, v.id");
    c.all(&q).await
}

/// Put units back (a cancelled or expired order, a refund).
pub async fn return_stock(c: &mut Conn, variant_id: &str, quantity: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE product_variants SET stock = stock + $1 WHERE id = $2", quantity, variant_id))
        .await?;
    Ok(())
}

/// Count units sold (trending, and "ever sold" keeps a product from deletion).
pub async fn record_sale(c: &mut Conn, product_id: &str, quantity: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE products SET sold_count = sold_count + $1 WHERE id = $2", quantity, product_id))
        .await?;
    Ok(())
}

/// Single-variant products on sale: (product id, variant id), for load runs.
pub async fn single_variant_products(c: &mut Conn, limit: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.id, v.id FROM products p JOIN product_variants v ON v.product_id = p.id \
         JOIN sellers s ON s.id = p.seller_id WHERE p.status = 'active' AND s.status = 'verified' \
         AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 ORDER BY p.id LIMIT $1",
        limit
    ))
    .await
}

/// Set these variants' stock outright (load runs and test set-ups).
pub async fn set_stock(c: &mut Conn, variant_ids: &[String], stock: i64) -> Result<(), sqlx::Error> {
    if variant_ids.is_empty() {
        return Ok(());
    }
    let mut q = sql!("UPDATE product_variants SET stock = $1 WHERE id IN ", stock);
    q.push_list(variant_ids);
    c.exec(&q).await?;
    Ok(())
}

/// Units in stock of one variant (`None`: no such variant).
pub async fn stock_of(c: &mut Conn, variant_id: &str) -> Result<Option<i64>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT stock FROM product_variants WHERE id = $1", variant_id)).await
}
