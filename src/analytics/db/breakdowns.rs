//! Sales by category, channel and promo code: the order facts the ledger
//! needs (each line's category, channel and unit cost; the promo code) and
//! the `category_days`, `channel_days` and `promo_days` rows.

use crate::server::db::{Conn, Query};
use crate::sql;

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

pub async fn line_facts(c: &mut Conn, order: &str) -> Result<Vec<LineFact>, sqlx::Error> {
    c.all(
        &Query::new(format!(
            "SELECT l.id, COALESCE(p.category_id, '') AS category_id, {CHANNEL_OF} AS channel, \
         CAST(COALESCE(l.unit_cost_minor, 0) AS BIGINT) AS unit_cost \
         FROM order_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.order_id = $1 ORDER BY l.id"
        ))
        .bind(order),
    )
    .await
}

/// The promo code the order's checkout used, if any.
pub async fn promo_of(c: &mut Conn, order: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(c.scalar_opt::<Option<String>>(&sql!(
        "SELECT k.promo_code FROM orders o JOIN checkouts k ON k.id = o.checkout_id WHERE o.id = $1",
        order
    ))
    .await?
    .flatten())
}

pub async fn add_category(
    c: &mut Conn,
    (shop, day, category): (&str, &str, &str),
    units: i64,
    revenue: i64,
    cost: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO category_days (shop_id, day, category_id, units, revenue_minor, cost_minor) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shop_id, day, category_id) DO UPDATE SET \
         units = category_days.units + excluded.units, revenue_minor = category_days.revenue_minor + excluded.revenue_minor, \
         cost_minor = category_days.cost_minor + excluded.cost_minor",
        shop,
        day,
        category,
        units,
        revenue,
        cost
    ))
    .await?;
    Ok(())
}

pub async fn add_channel(
    c: &mut Conn,
    (shop, day, channel): (&str, &str, &str),
    units: i64,
    revenue: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO channel_days (shop_id, day, channel, units, revenue_minor) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (shop_id, day, channel) DO UPDATE SET units = channel_days.units + excluded.units, \
         revenue_minor = channel_days.revenue_minor + excluded.revenue_minor",
        shop,
        day,
        channel,
        units,
        revenue
    ))
    .await?;
    Ok(())
}

pub async fn add_promo(
    c: &mut Conn,
    (shop, day, code): (&str, &str, &str),
    sign: i64,
    discount: i64,
    gross: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO promo_days (shop_id, day, code, orders, discount_minor, gross_minor) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (shop_id, day, code) DO UPDATE SET orders = promo_days.orders + excluded.orders, \
         discount_minor = promo_days.discount_minor + excluded.discount_minor, \
         gross_minor = promo_days.gross_minor + excluded.gross_minor",
        shop,
        day,
        code,
        sign,
        sign * discount,
        sign * gross
    ))
    .await?;
    Ok(())
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
