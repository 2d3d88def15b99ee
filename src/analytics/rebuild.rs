//! Rebuilding the rollups from the orders: any run of days, or everything
//! (when the shop's time zone changes, after a bulk import, or to check the
//! running totals). A day at a time, each a few grouped `INSERT … SELECT`s
//! over the orders of that day (found by index), so memory stays flat at a
//! million orders. This is the one place analytics reads the tables it
//! summarises (`orders`, `order_lines`, `refunds`), read-only.

use jiff::civil::Date;

use super::db;
use super::zone::{Zone, next_day};
use crate::server::db::{Conn, Query};
use crate::sql;

/// Rebuild every rollup in `zone` (and remember the zone). Returns the
/// number of days written.
pub async fn everything(c: &mut Conn, zone: &Zone) -> Result<usize, sqlx::Error> {
    db::set_zone(c, zone.name()).await?;
    for table in ["sales_days", "product_sales_days", "status_days"] {
        c.exec(&Query::new(format!("DELETE FROM {table}"))).await?;
    }
    let first: Option<i64> =
        c.scalar_opt::<Option<i64>>(&sql!("SELECT MIN(created_at) FROM orders")).await?.flatten();
    let mut written = 0;
    if let Some(first) = first {
        written = days(c, zone, zone.date_of(first), zone.today()).await?;
    }
    customers(c, zone).await?;
    Ok(written)
}

/// Rebuild the days `first..=last` (customers' first days are not touched:
/// see [`customers`]).
pub async fn days(c: &mut Conn, zone: &Zone, first: Date, last: Date) -> Result<usize, sqlx::Error> {
    let (a, b) = (first.to_string(), last.to_string());
    for table in ["sales_days", "product_sales_days", "status_days"] {
        c.exec(
            &Query::new(format!("DELETE FROM {table} WHERE day >= $1 AND day <= $2"))
                .bind(a.as_str())
                .bind(b.as_str()),
        )
        .await?;
    }
    let mut day = first;
    let mut n = 0;
    while day <= last {
        one_day(c, zone, day).await?;
        n += 1;
        day = next_day(day);
    }
    Ok(n)
}

async fn one_day(c: &mut Conn, zone: &Zone, day: Date) -> Result<(), sqlx::Error> {
    let (from, to) = zone.span_ms(day, day);
    let day = day.to_string();
    c.exec(&sql!(
        "INSERT INTO sales_days (shop_id, day, orders, gross_minor, subtotal_minor, discount_minor, shipping_minor, tax_minor) \
         SELECT shop_id, $1, COUNT(*), CAST(SUM(total_minor) AS BIGINT), CAST(SUM(subtotal_minor) AS BIGINT), \
         CAST(SUM(discount_minor) AS BIGINT), CAST(SUM(shipping_minor) AS BIGINT), CAST(SUM(tax_minor) AS BIGINT) \
         FROM orders WHERE sold_at >= $2 AND sold_at < $3 AND status <> 'cancelled' GROUP BY shop_id",
        day.as_str(),
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
        day.as_str(),
        from,
        to
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO product_sales_days (shop_id, day, product_id, units, revenue_minor) \
         SELECT o.shop_id, $1, l.product_id, CAST(SUM(l.quantity - l.refunded_quantity) AS BIGINT), \
         CAST(SUM(l.unit_price_minor * (l.quantity - l.refunded_quantity)) AS BIGINT) \
         FROM orders o JOIN order_lines l ON l.order_id = o.id \
         WHERE o.sold_at >= $2 AND o.sold_at < $3 AND o.status <> 'cancelled' GROUP BY o.shop_id, l.product_id",
        day.as_str(),
        from,
        to
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO status_days (shop_id, day, status, orders) \
         SELECT shop_id, $1, status, COUNT(*) FROM orders WHERE created_at >= $2 AND created_at < $3 \
         GROUP BY shop_id, status",
        day.as_str(),
        from,
        to
    ))
    .await?;
    Ok(())
}

/// Every customer's first sale day, in the marketplace and in each shop.
pub async fn customers(c: &mut Conn, zone: &Zone) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM customer_firsts")).await?;
    let everywhere: Vec<(String, i64)> = c
        .all(&sql!(
            "SELECT user_id, CAST(MIN(sold_at) AS BIGINT) FROM orders \
             WHERE sold_at IS NOT NULL AND status <> 'cancelled' GROUP BY user_id"
        ))
        .await?;
    let per_shop: Vec<(String, String, i64)> = c
        .all(&sql!(
            "SELECT shop_id, user_id, CAST(MIN(sold_at) AS BIGINT) FROM orders \
             WHERE sold_at IS NOT NULL AND status <> 'cancelled' GROUP BY shop_id, user_id"
        ))
        .await?;
    let rows = everywhere
        .into_iter()
        .map(|(user, at)| (String::new(), user, at))
        .chain(per_shop)
        .map(|(shop, user, at)| (shop, user, zone.day_of(at)))
        .collect::<Vec<_>>();
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
