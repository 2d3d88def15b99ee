//! The rebuild's SQL: the one place analytics reads the tables it
//! summarises (`orders`, `order_lines`, `refunds`, `profiles`), read-only,
//! a local day at a time (`[from, to)` in milliseconds), each a grouped
//! `INSERT … SELECT` over that day's orders (found by index).

use super::breakdowns::CHANNEL_OF;
use crate::server::db::{Conn, Query};
use crate::sql;

/// Tables a full rebuild empties; `customer_firsts`/`customer_days` are
/// rebuilt whole by [`customer_firsts`] and [`customer_day`].
pub const DAY_TABLES: [&str; 6] =
    ["sales_days", "product_sales_days", "status_days", "category_days", "channel_days", "promo_days"];

pub async fn clear(c: &mut Conn, tables: &[&str]) -> Result<(), sqlx::Error> {
    for table in tables {
        c.exec(&Query::new(format!("DELETE FROM {table}"))).await?;
    }
    Ok(())
}

/// Every table a rebuild fills, customers' included.
pub const ROLLUP_TABLES: [&str; 12] = [
    "sales_days",
    "product_sales_days",
    "status_days",
    "category_days",
    "channel_days",
    "promo_days",
    "product_sales_months",
    "customer_firsts",
    "customer_days",
    "customer_months",
    "customer_cohorts",
    "customer_gaps",
];

/// Fresh planner statistics for `tables` (both engines: one table a
/// statement). After a rebuild swaps every row, stale statistics make the
/// dashboards' plans scan instead of seek.
pub async fn analyze(c: &mut Conn, tables: &[&str]) -> Result<(), sqlx::Error> {
    for table in tables {
        c.exec(&Query::new(format!("ANALYZE {table}"))).await?;
    }
    Ok(())
}

pub async fn clear_days(c: &mut Conn, first: &str, last: &str) -> Result<(), sqlx::Error> {
    for table in DAY_TABLES {
        c.exec(
            &Query::new(format!("DELETE FROM {table} WHERE day >= $1 AND day <= $2")).bind(first).bind(last),
        )
        .await?;
    }
    Ok(())
}

/// The product month rows of months `first..=last` (`YYYY-MM`), summed
/// again from their day rows.
pub async fn product_months(c: &mut Conn, first: &str, last: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM product_sales_months WHERE month >= $1 AND month <= $2", first, last)).await?;
    c.exec(&sql!(
        "INSERT INTO product_sales_months (shop_id, month, product_id, units, revenue_minor, cost_minor) \
         SELECT shop_id, SUBSTR(day, 1, 7), product_id, CAST(SUM(units) AS BIGINT), CAST(SUM(revenue_minor) AS BIGINT), \
         CAST(SUM(cost_minor) AS BIGINT) FROM product_sales_days WHERE day >= $1 AND day < $2 \
         GROUP BY shop_id, SUBSTR(day, 1, 7), product_id",
        format!("{first}-01"),
        format!("{last}-99")
    ))
    .await?;
    Ok(())
}

/// When the first order was placed, if any.
pub async fn first_order(c: &mut Conn) -> Result<Option<i64>, sqlx::Error> {
    Ok(c.scalar_opt::<Option<i64>>(&sql!("SELECT MIN(created_at) FROM orders")).await?.flatten())
}

/// When the first sale still standing was made, if any.
pub async fn first_sale(c: &mut Conn) -> Result<Option<i64>, sqlx::Error> {
    Ok(c.scalar_opt::<Option<i64>>(&sql!(
        "SELECT MIN(sold_at) FROM orders WHERE sold_at IS NOT NULL AND status <> 'cancelled'"
    ))
    .await?
    .flatten())
}

/// The sales, refunds, product and status rows of `day`.
pub async fn day(c: &mut Conn, day: &str, from: i64, to: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO sales_days (shop_id, day, orders, gross_minor, subtotal_minor, discount_minor, shipping_minor, tax_minor, \
         card_orders, card_gross_minor) \
         SELECT shop_id, $1, COUNT(*), CAST(SUM(total_minor) AS BIGINT), CAST(SUM(subtotal_minor) AS BIGINT), \
         CAST(SUM(discount_minor) AS BIGINT), CAST(SUM(shipping_minor) AS BIGINT), CAST(SUM(tax_minor) AS BIGINT), \
         CAST(SUM(CASE WHEN payment_method = 'card' THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN payment_method = 'card' THEN total_minor ELSE 0 END) AS BIGINT) \
         FROM orders WHERE sold_at >= $2 AND sold_at < $3 AND status <> 'cancelled' GROUP BY shop_id",
        day,
        from,
        to
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO sales_days (shop_id, day, refunds, refunds_minor) \
         SELECT o.shop_id, $1, COUNT(*), CAST(SUM(r.amount_minor) AS BIGINT) \
         FROM refunds r JOIN orders o ON o.id = r.order_id \
         WHERE r.created_at >= $2 AND r.created_at < $3 AND o.sold_at IS NOT NULL AND o.status <> 'cancelled' \
         GROUP BY o.shop_id \
         ON CONFLICT (shop_id, day) DO UPDATE SET refunds = excluded.refunds, refunds_minor = excluded.refunds_minor",
        day,
        from,
        to
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO product_sales_days (shop_id, day, product_id, units, revenue_minor, cost_minor) \
         SELECT o.shop_id, $1, l.product_id, CAST(SUM(l.quantity - l.refunded_quantity) AS BIGINT), \
         CAST(SUM(l.unit_price_minor * (l.quantity - l.refunded_quantity)) AS BIGINT), \
         CAST(SUM(COALESCE(l.unit_cost_minor, 0) * (l.quantity - l.refunded_quantity)) AS BIGINT) \
         FROM orders o JOIN order_lines l ON l.order_id = o.id \
         WHERE o.sold_at >= $2 AND o.sold_at < $3 AND o.status <> 'cancelled' GROUP BY o.shop_id, l.product_id",
        day,
        from,
        to
    ))
    .await?;
    let lines = "FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id \
                 WHERE o.sold_at >= $2 AND o.sold_at < $3 AND o.status <> 'cancelled'";
    let kept = "(l.quantity - l.refunded_quantity)";
    c.exec(
        &Query::new(format!(
            "INSERT INTO category_days (shop_id, day, category_id, units, revenue_minor, cost_minor) \
             SELECT o.shop_id, $1, COALESCE(p.category_id, ''), CAST(SUM({kept}) AS BIGINT), \
             CAST(SUM(l.unit_price_minor * {kept}) AS BIGINT), CAST(SUM(COALESCE(l.unit_cost_minor, 0) * {kept}) AS BIGINT) \
             {lines} GROUP BY o.shop_id, COALESCE(p.category_id, '')"
        ))
        .bind(day)
        .bind(from)
        .bind(to),
    )
    .await?;
    c.exec(
        &Query::new(format!(
            "INSERT INTO channel_days (shop_id, day, channel, units, revenue_minor) \
             SELECT o.shop_id, $1, {CHANNEL_OF}, CAST(SUM({kept}) AS BIGINT), CAST(SUM(l.unit_price_minor * {kept}) AS BIGINT) \
             {lines} GROUP BY o.shop_id, {CHANNEL_OF}"
        ))
        .bind(day)
        .bind(from)
        .bind(to),
    )
    .await?;
    c.exec(&sql!(
        "INSERT INTO promo_days (shop_id, day, code, orders, discount_minor, gross_minor) \
         SELECT o.shop_id, $1, k.promo_code, COUNT(*), CAST(SUM(o.discount_minor) AS BIGINT), CAST(SUM(o.total_minor) AS BIGINT) \
         FROM orders o JOIN checkouts k ON k.id = o.checkout_id \
         WHERE o.sold_at >= $2 AND o.sold_at < $3 AND o.status <> 'cancelled' AND k.promo_code IS NOT NULL \
         GROUP BY o.shop_id, k.promo_code",
        day,
        from,
        to
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO status_days (shop_id, day, status, orders) \
         SELECT shop_id, $1, status, COUNT(*) FROM orders WHERE created_at >= $2 AND created_at < $3 \
         GROUP BY shop_id, status",
        day,
        from,
        to
    ))
    .await?;
    Ok(())
}

/// Each customer's earliest sale still standing: everywhere, and per shop.
#[allow(clippy::type_complexity)]
pub async fn customer_firsts(
    c: &mut Conn,
) -> Result<(Vec<(String, i64)>, Vec<(String, String, i64)>), sqlx::Error> {
    let everywhere = c
        .all(&sql!(
            "SELECT user_id, CAST(MIN(sold_at) AS BIGINT) FROM orders \
             WHERE sold_at IS NOT NULL AND status <> 'cancelled' GROUP BY user_id"
        ))
        .await?;
    let per_shop = c
        .all(&sql!(
            "SELECT shop_id, user_id, CAST(MIN(sold_at) AS BIGINT) FROM orders \
             WHERE sold_at IS NOT NULL AND status <> 'cancelled' GROUP BY shop_id, user_id"
        ))
        .await?;
    Ok((everywhere, per_shop))
}

/// Insert `(scope, user, day)` first-sale rows.
pub async fn insert_firsts(c: &mut Conn, rows: &[(String, String, String)]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(300) {
        let mut q = Query::new("INSERT INTO customer_firsts (shop_id, user_id, day) VALUES ");
        for (i, (shop, user, day)) in chunk.iter().enumerate() {
            q.push(if i == 0 { "(" } else { ", (" });
            q.push_bind(shop.as_str())
                .push(", ")
                .push_bind(user.as_str())
                .push(", ")
                .push_bind(day.as_str())
                .push(")");
        }
        c.exec(&q).await?;
    }
    Ok(())
}

/// The customers' rows of `day` (days written in order, so the earlier
/// ones give each row its `prev_day`, `recent_prev` and `first_day`).
pub async fn customer_day(c: &mut Conn, day: &str, from: i64, to: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO customer_days (shop_id, user_id, day, orders, revenue_minor, prev_day, first_day, skin_type, \
         recent_prev) \
         SELECT shop_id, user_id, $1, orders, revenue, p_day, f_day, s_type, \
         CASE WHEN p_day = '' THEN '' WHEN p_day >= $4 THEN p_day ELSE '0' END FROM ( \
         SELECT g.shop_id, g.user_id, g.orders, g.revenue, \
         COALESCE((SELECT MAX(d.day) FROM customer_days d WHERE d.shop_id = g.shop_id AND d.user_id = g.user_id AND d.day < $1), '') AS p_day, \
         COALESCE((SELECT MIN(d.day) FROM customer_days d WHERE d.shop_id = g.shop_id AND d.user_id = g.user_id AND d.day < $1), $1) AS f_day, \
         COALESCE((SELECT p.skin_type FROM profiles p WHERE p.user_id = g.user_id), '') AS s_type \
         FROM (SELECT shop_id, user_id, COUNT(*) AS orders, CAST(SUM(total_minor) AS BIGINT) AS revenue \
               FROM orders WHERE sold_at >= $2 AND sold_at < $3 AND status <> 'cancelled' GROUP BY shop_id, user_id \
               UNION ALL \
               SELECT CAST('' AS TEXT), user_id, COUNT(*), CAST(SUM(total_minor) AS BIGINT) \
               FROM orders WHERE sold_at >= $2 AND sold_at < $3 AND status <> 'cancelled' GROUP BY user_id) g) x",
        day,
        from,
        to,
        super::customers::recent_from(day)
    ))
    .await?;
    Ok(())
}
