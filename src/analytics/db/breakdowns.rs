//! Sales by category, channel and promo code: the order facts the ledger
//! needs (each line's category, channel and unit cost; the promo code) and
//! the `category_days`, `channel_days` and `promo_days` rows.

use crate::server::db::{Conn, Query};

/// Which channel an order line came through, in SQL (`l` = order_lines).
pub const CHANNEL_OF: &str = "CASE WHEN l.stream_id IS NOT NULL THEN 'live' \
                              WHEN l.channel = 'assistant' THEN 'assistant' ELSE 'storefront' END";

/// What the figures need of an order's line.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineFact {
    pub id: String,
    /// The product's category now ('' when the product is gone).
    pub category_id: String,
    pub channel: String,
    /// What one unit cost when ordered (0 when not given).
    pub unit_cost: i64,
}

/// What the figures need of each line of `orders`.
pub async fn line_facts(c: &mut Conn, orders: &[String]) -> Result<Vec<LineFact>, sqlx::Error> {
    if orders.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new(format!(
        "SELECT l.id, COALESCE(p.category_id, '') AS category_id, {CHANNEL_OF} AS channel, \
         CAST(COALESCE(l.unit_cost_minor, 0) AS BIGINT) AS unit_cost \
         FROM order_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.order_id IN "
    ));
    q.push_list(orders);
    c.all(&q).await
}

/// The promo codes `orders`' checkouts used: (order id, code).
pub async fn promos_of(c: &mut Conn, orders: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
    if orders.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new(
        "SELECT o.id, k.promo_code FROM orders o JOIN checkouts k ON k.id = o.checkout_id \
         WHERE k.promo_code IS NOT NULL AND o.id IN ",
    );
    q.push_list(orders);
    c.all(&q).await
}

fn ranged(select: &str, shop: Option<&str>, first: &str, last: &str) -> Query {
    let mut q = Query::new(select.to_owned()).bind(first).bind(last);
    if let Some(shop) = shop {
        q.push(" AND d.shop_id = ").push_bind(shop);
    }
    q
}

/// (category id, name, units, revenue, cost), best first.
pub async fn categories(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, String, i64, i64, i64)>, sqlx::Error> {
    // Summed first, named after: the join runs once a category, not once a row.
    let mut q = ranged(
        "SELECT d.category_id, CAST(SUM(d.units) AS BIGINT) AS units, CAST(SUM(d.revenue_minor) AS BIGINT) AS revenue, \
         CAST(SUM(d.cost_minor) AS BIGINT) AS cost FROM category_days d WHERE d.day >= $1 AND d.day <= $2",
        shop,
        first,
        last,
    );
    q.push(" GROUP BY d.category_id HAVING SUM(d.units) <> 0");
    let mut q = q.fork(
        "SELECT g.category_id, COALESCE(k.name, 'Removed products') AS name, g.units, g.revenue, g.cost FROM (",
    );
    q.push(") g LEFT JOIN categories k ON k.id = g.category_id ORDER BY g.revenue DESC, g.category_id");
    c.all(&q).await
}

/// (channel, units, revenue).
pub async fn channels(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let mut q = ranged(
        "SELECT d.channel, CAST(SUM(d.units) AS BIGINT) AS units, CAST(SUM(d.revenue_minor) AS BIGINT) AS revenue \
         FROM channel_days d WHERE d.day >= $1 AND d.day <= $2",
        shop,
        first,
        last,
    );
    q.push(" GROUP BY d.channel HAVING SUM(d.units) <> 0 ORDER BY revenue DESC, d.channel");
    c.all(&q).await
}

/// (code, orders, discount, order totals), the most used first.
pub async fn promos(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, i64, i64, i64)>, sqlx::Error> {
    let mut q = ranged(
        "SELECT d.code, CAST(SUM(d.orders) AS BIGINT) AS orders, CAST(SUM(d.discount_minor) AS BIGINT) AS discount, \
         CAST(SUM(d.gross_minor) AS BIGINT) AS gross FROM promo_days d WHERE d.day >= $1 AND d.day <= $2",
        shop,
        first,
        last,
    );
    q.push(" GROUP BY d.code HAVING SUM(d.orders) <> 0 ORDER BY orders DESC, d.code");
    c.all(&q).await
}
