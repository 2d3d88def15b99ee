//! The exported lists' SQL: one page at a time after a key (`id > $after`,
//! in key order), so a list of any length is read in pieces without a
//! transaction held open; `shop` '' means every shop.

use crate::server::db::Conn;
use crate::sql;

/// `[from, to)` in unix ms, one shop or '' for all.
#[derive(Debug, Clone, Copy)]
pub struct Filter<'a> {
    pub from: i64,
    pub to: i64,
    pub shop: &'a str,
}

#[derive(Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub id: String,
    pub number: String,
    pub shop_id: String,
    pub shop_name: String,
    pub user_id: String,
    pub ship_name: String,
    pub status: String,
    pub payment_method: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub shipping_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub refunded_minor: i64,
    pub ship_country: String,
    pub created_at: i64,
}

pub async fn orders(
    c: &mut Conn,
    f: Filter<'_>,
    after: &str,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.id, o.number, o.shop_id, s.shop_name, o.user_id, o.ship_name, o.status, o.payment_method, \
         o.currency, o.subtotal_minor, o.discount_minor, o.shipping_minor, o.tax_minor, o.total_minor, \
         o.refunded_minor, o.ship_country, o.created_at \
         FROM orders o JOIN sellers s ON s.id = o.shop_id \
         WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3 = '' OR o.shop_id = $3) AND o.id > $4 \
         ORDER BY o.id LIMIT $5",
        f.from,
        f.to,
        f.shop,
        after,
        limit
    ))
    .await
}

pub async fn count_orders(c: &mut Conn, f: Filter<'_>) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM orders WHERE created_at >= $1 AND created_at < $2 AND ($3 = '' OR shop_id = $3)",
        f.from,
        f.to,
        f.shop
    ))
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct LineRow {
    pub id: String,
    pub order_id: String,
    pub number: String,
    pub shop_id: String,
    pub product_id: String,
    pub sku: String,
    pub title: String,
    pub variant_title: String,
    pub quantity: i64,
    pub refunded_quantity: i64,
    pub unit_price_minor: i64,
    pub line_total_minor: i64,
    pub unit_cost_minor: Option<i64>,
    pub channel: Option<String>,
    pub status: String,
    pub created_at: i64,
}

pub async fn lines(
    c: &mut Conn,
    f: Filter<'_>,
    after: &str,
    limit: i64,
) -> Result<Vec<LineRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT l.id, l.order_id, o.number, l.shop_id, l.product_id, l.sku, l.title, l.variant_title, \
         l.quantity, l.refunded_quantity, l.unit_price_minor, l.line_total_minor, l.unit_cost_minor, \
         l.channel, o.status, o.created_at \
         FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3 = '' OR l.shop_id = $3) AND l.id > $4 \
         ORDER BY l.id LIMIT $5",
        f.from,
        f.to,
        f.shop,
        after,
        limit
    ))
    .await
}

pub async fn count_lines(c: &mut Conn, f: Filter<'_>) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3 = '' OR l.shop_id = $3)",
        f.from,
        f.to,
        f.shop
    ))
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProductRow {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub seller_id: String,
    pub shop_name: String,
    pub category: String,
    pub status: String,
    pub price_minor: i64,
    pub cost_minor: Option<i64>,
    /// Over its variants.
    pub stock: i64,
    /// Its variants' stock at their prices.
    pub stock_value_minor: i64,
    pub low_stock_at: Option<i64>,
    pub rating_count: i64,
    pub created_at: i64,
}

/// Products of a shop ('' all); `archived` false leaves archived ones out.
pub async fn products(
    c: &mut Conn,
    shop: &str,
    archived: bool,
    after: &str,
    limit: i64,
) -> Result<Vec<ProductRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.id, p.slug, p.title, p.seller_id, s.shop_name, c.name AS category, p.status, p.price_minor, \
         p.cost_minor, \
         (SELECT CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) FROM product_variants v WHERE v.product_id = p.id) AS stock, \
         (SELECT CAST(COALESCE(SUM(v.stock * v.price_minor), 0) AS BIGINT) FROM product_variants v \
          WHERE v.product_id = p.id) AS stock_value_minor, \
         p.low_stock_at, p.rating_count, p.created_at \
         FROM products p JOIN sellers s ON s.id = p.seller_id JOIN categories c ON c.id = p.category_id \
         WHERE ($1 = '' OR p.seller_id = $1) AND ($2 = 1 OR p.status <> 'archived') AND p.id > $3 \
         ORDER BY p.id LIMIT $4",
        shop,
        i64::from(archived),
        after,
        limit
    ))
    .await
}

pub async fn count_products(c: &mut Conn, shop: &str, archived: bool) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM products WHERE ($1 = '' OR seller_id = $1) AND ($2 = 1 OR status <> 'archived')",
        shop,
        i64::from(archived)
    ))
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct CustomerRow {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    pub orders: i64,
    pub spent_minor: i64,
    pub first_at: i64,
    pub last_at: i64,
}

/// People with orders (not cancelled) in the filter, with their count and
/// what they spent net of refunds.
pub async fn customers(
    c: &mut Conn,
    f: Filter<'_>,
    after: &str,
    limit: i64,
) -> Result<Vec<CustomerRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.user_id, u.full_name, u.email, COUNT(*) AS orders, \
         CAST(SUM(o.total_minor - o.refunded_minor) AS BIGINT) AS spent_minor, \
         MIN(o.created_at) AS first_at, MAX(o.created_at) AS last_at \
         FROM orders o JOIN users u ON u.id = o.user_id \
         WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3 = '' OR o.shop_id = $3) \
         AND o.status <> 'cancelled' AND o.user_id > $4 \
         GROUP BY o.user_id, u.full_name, u.email ORDER BY o.user_id LIMIT $5",
        f.from,
        f.to,
        f.shop,
        after,
        limit
    ))
    .await
}

pub async fn count_customers(c: &mut Conn, f: Filter<'_>) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(DISTINCT user_id) FROM orders WHERE created_at >= $1 AND created_at < $2 \
         AND ($3 = '' OR shop_id = $3) AND status <> 'cancelled'",
        f.from,
        f.to,
        f.shop
    ))
    .await
}
