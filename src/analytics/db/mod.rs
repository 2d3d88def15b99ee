//! Analytics SQL: the rollup tables (`sales_days`, `product_sales_days`,
//! `status_days`, `customer_firsts`, `analytics_zone`); the customers'
//! buying days are `customers`'; the rebuild's SQL, which reads the orders
//! it summarises, is `rebuild`'s.

pub mod bench;
pub mod breakdowns;
pub mod customer_reads;
pub mod customers;
pub mod finance;
pub mod inventory;
pub mod queue;
pub mod rebuild;

use super::zone::Spans;
use crate::server::db::{Conn, Query};
use crate::sql;

/// The zone the rollups are cut in ('' before the first build).
pub async fn zone(c: &mut Conn) -> Result<String, sqlx::Error> {
    c.scalar(&sql!("SELECT time_zone FROM analytics_zone WHERE id = 1")).await
}

pub async fn set_zone(c: &mut Conn, name: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE analytics_zone SET time_zone = $1 WHERE id = 1", name)).await?;
    Ok(())
}

/// An order's money, as its sale counts on its sold day.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SaleMoney {
    pub gross: i64,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
}

/// Counters to add to one rollup row: its key columns' values and the
/// amounts added to its summed columns.
pub type Added = (Vec<String>, Vec<i64>);

/// Add `rows` to `table`'s counters in multi-row upserts: `keys` are its
/// key columns (the conflict target), `sums` the columns added to. Table
/// and column names are the callers' constants, never input.
pub async fn add_rows(
    c: &mut Conn,
    table: &str,
    keys: &[&str],
    sums: &[&str],
    rows: &[Added],
) -> Result<(), sqlx::Error> {
    let set: Vec<String> = sums.iter().map(|s| format!("{s} = {table}.{s} + excluded.{s}")).collect();
    for chunk in rows.chunks(200) {
        let mut q =
            Query::new(format!("INSERT INTO {table} ({}, {}) VALUES ", keys.join(", "), sums.join(", ")));
        for (i, (key, amounts)) in chunk.iter().enumerate() {
            q.push(if i == 0 { "(" } else { ", (" });
            for (j, k) in key.iter().enumerate() {
                q.push(if j == 0 { "" } else { ", " }).push_bind(k.as_str());
            }
            for a in amounts {
                q.push(", ").push_bind(*a);
            }
            q.push(")");
        }
        q.push(&format!(" ON CONFLICT ({}) DO UPDATE SET {}", keys.join(", "), set.join(", ")));
        c.exec(&q).await?;
    }
    Ok(())
}

/// A product's rows over whole months and loose days (`s`), in one shop
/// or all: `(…) d` with `d.month`, `d.product_id`, `d.units`,
/// `d.revenue_minor` and `d.cost_minor`, for a caller to put after its
/// `SELECT … FROM`.
pub fn product_rows(s: &Spans, shop: Option<&str>) -> Query {
    let (m, h, t) = (s.months(), s.head(), s.tail());
    let mut q = Query::new(
        "(SELECT month, product_id, units, revenue_minor, cost_minor FROM product_sales_months \
         WHERE month >= $1 AND month <= $2",
    )
    .bind(m.0)
    .bind(m.1);
    if let Some(shop) = shop {
        q.push(" AND shop_id = ").push_bind(shop);
    }
    // The loose days at each end as their own range (one index range each).
    for (a, b) in [h, t] {
        q.push(
            " UNION ALL SELECT SUBSTR(day, 1, 7) AS month, product_id, units, revenue_minor, cost_minor \
             FROM product_sales_days WHERE day >= ",
        )
        .push_bind(a)
        .push(" AND day <= ")
        .push_bind(b);
        if let Some(shop) = shop {
            q.push(" AND shop_id = ").push_bind(shop);
        }
    }
    q.push(") d");
    q
}

/// A customer's first sale day in `scope` ('' = the marketplace), if it is
/// earlier than the one known.
pub async fn first_sale(c: &mut Conn, scope: &str, user: &str, day: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO customer_firsts (shop_id, user_id, day) VALUES ($1, $2, $3) \
         ON CONFLICT (shop_id, user_id) DO UPDATE SET day = excluded.day WHERE excluded.day < customer_firsts.day",
        scope,
        user,
        day
    ))
    .await?;
    Ok(())
}

/// Replace a customer's first sale day in `scope` (none: no sale left).
pub async fn reset_first(
    c: &mut Conn,
    scope: &str,
    user: &str,
    day: Option<&str>,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM customer_firsts WHERE shop_id = $1 AND user_id = $2", scope, user)).await?;
    if let Some(day) = day {
        first_sale(c, scope, user, day).await?;
    }
    Ok(())
}

/// The customer's earliest sold order still standing (in one shop, or anywhere).
pub async fn earliest_sale(c: &mut Conn, user: &str, shop: Option<&str>) -> Result<Option<i64>, sqlx::Error> {
    let mut q = Query::new(
        "SELECT MIN(sold_at) FROM orders WHERE user_id = $1 AND sold_at IS NOT NULL AND status <> 'cancelled'",
    )
    .bind(user);
    if let Some(shop) = shop {
        q.push(" AND shop_id = ").push_bind(shop);
    }
    c.scalar_opt::<Option<i64>>(&q).await.map(Option::flatten)
}

/// One local day's sums (over every shop in scope).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DayRow {
    pub day: String,
    pub orders: i64,
    pub gross: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
    pub refunds_minor: i64,
}

fn scoped(text: &'static str, shop: Option<&str>, first: &str, last: &str) -> Query {
    let mut q = Query::new(text).bind(first).bind(last);
    if let Some(shop) = shop {
        q.push(" AND shop_id = ").push_bind(shop);
    }
    q
}

pub async fn days(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<DayRow>, sqlx::Error> {
    let mut q = scoped(
        "SELECT day, CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(gross_minor) AS BIGINT) AS gross, \
         CAST(SUM(discount_minor) AS BIGINT) AS discount, CAST(SUM(shipping_minor) AS BIGINT) AS shipping, \
         CAST(SUM(tax_minor) AS BIGINT) AS tax, CAST(SUM(refunds_minor) AS BIGINT) AS refunds_minor \
         FROM sales_days WHERE day >= $1 AND day <= $2",
        shop,
        first,
        last,
    );
    q.push(" GROUP BY day ORDER BY day");
    c.all(&q).await
}

/// The best sellers by net revenue: (product id, units, revenue).
pub async fn top_products(
    c: &mut Conn,
    shop: Option<&str>,
    days: &Spans,
    limit: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let mut q = product_rows(days, shop).fork(
        "SELECT d.product_id, CAST(SUM(d.units) AS BIGINT) AS units, CAST(SUM(d.revenue_minor) AS BIGINT) AS revenue FROM ",
    );
    q.push(" GROUP BY d.product_id HAVING SUM(d.units) > 0 ORDER BY revenue DESC, d.product_id LIMIT ")
        .push_bind(limit);
    c.all(&q).await
}

/// Every shop's sales in the days, best first: (shop id, orders, revenue).
pub async fn by_shop(
    c: &mut Conn,
    first: &str,
    last: &str,
    limit: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT shop_id, CAST(SUM(orders) AS BIGINT) AS orders,          CAST(SUM(gross_minor) - SUM(refunds_minor) AS BIGINT) AS revenue          FROM sales_days WHERE day >= $1 AND day <= $2 GROUP BY shop_id          HAVING SUM(orders) <> 0 OR SUM(refunds_minor) <> 0 ORDER BY revenue DESC, shop_id LIMIT $3",
        first,
        last,
        limit
    ))
    .await
}

/// Orders placed in the days, by their status now.
pub async fn statuses(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut q = scoped(
        "SELECT status, CAST(SUM(orders) AS BIGINT) AS orders FROM status_days WHERE day >= $1 AND day <= $2",
        shop,
        first,
        last,
    );
    q.push(" GROUP BY status HAVING SUM(orders) > 0 ORDER BY status");
    c.all(&q).await
}

/// Customers whose first sale in `scope` fell in the days.
pub async fn new_customers(c: &mut Conn, scope: &str, first: &str, last: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM customer_firsts WHERE shop_id = $1 AND day >= $2 AND day <= $3",
        scope,
        first,
        last
    ))
    .await
}
