//! The inventory dashboard's reads: products and their variants' stock
//! (`products`, `product_variants`) with the units sold from
//! `product_sales_days`. A few thousand products a shop: read as they are.

use crate::server::db::{Conn, Query};

/// Each product's stock and stock value at price, over its variants.
const STOCK: &str = "(SELECT product_id, SUM(stock) AS stock, SUM(stock * price_minor) AS value \
                     FROM product_variants GROUP BY product_id) s ON s.product_id = p.id";

fn shop_filter(q: &mut Query, shop: Option<&str>) {
    if let Some(shop) = shop {
        q.push(" AND p.seller_id = ").push_bind(shop);
    }
}

/// (products, units, value at cost, value at price, without cost, low, out).
pub type Totals = (i64, i64, i64, i64, i64, i64, i64);

pub async fn totals(c: &mut Conn, shop: Option<&str>, line: i64) -> Result<Totals, sqlx::Error> {
    let mut q = Query::new(format!(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(s.stock), 0) AS BIGINT), \
         CAST(COALESCE(SUM(s.stock * COALESCE(p.cost_minor, 0)), 0) AS BIGINT), \
         CAST(COALESCE(SUM(s.value), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN p.cost_minor IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN s.stock <= COALESCE(p.low_stock_at, $1) THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN s.stock = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM products p JOIN {STOCK} WHERE p.status <> 'archived'"
    ))
    .bind(line);
    shop_filter(&mut q, shop);
    c.one(&q).await
}

/// A product's stock row: id, title, shop id, stock, threshold, units sold
/// since the day given, stock value at price.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub seller_id: String,
    pub stock: i64,
    pub threshold: i64,
    pub sold: i64,
    pub value: i64,
}

const ROW: &str = "SELECT p.id, p.title, p.seller_id, CAST(s.stock AS BIGINT) AS stock, \
                   CAST(COALESCE(p.low_stock_at, $1) AS BIGINT) AS threshold, \
                   CAST(COALESCE((SELECT SUM(d.units) FROM product_sales_days d \
                   WHERE d.product_id = p.id AND d.day >= $2), 0) AS BIGINT) AS sold, \
                   CAST(s.value AS BIGINT) AS value";

/// Products at or under their threshold, the least stock first; `since`
/// is the first day of the 30 whose sales are counted.
pub async fn low_stock(
    c: &mut Conn,
    shop: Option<&str>,
    line: i64,
    since: &str,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let mut q = Query::new(format!(
        "{ROW} FROM products p JOIN {STOCK} WHERE p.status <> 'archived' AND s.stock <= COALESCE(p.low_stock_at, $1)"
    ))
    .bind(line)
    .bind(since);
    shop_filter(&mut q, shop);
    q.push(" ORDER BY s.stock, p.title LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// Products on sale since before `listed_before` (ms), in stock, with no
/// unit sold since `since`; the most stock value first.
pub async fn no_sales(
    c: &mut Conn,
    shop: Option<&str>,
    line: i64,
    since: &str,
    listed_before: i64,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let mut q = Query::new(format!(
        "{ROW} FROM products p JOIN {STOCK} WHERE p.status = 'active' AND s.stock > 0 AND p.created_at < $3 \
         AND NOT EXISTS (SELECT 1 FROM product_sales_days d WHERE d.product_id = p.id AND d.day >= $2 AND d.units > 0)"
    ))
    .bind(line)
    .bind(since)
    .bind(listed_before);
    shop_filter(&mut q, shop);
    q.push(" ORDER BY s.value DESC, p.title LIMIT ").push_bind(limit);
    c.all(&q).await
}
