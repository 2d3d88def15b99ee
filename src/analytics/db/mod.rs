//! Analytics SQL: the rollup tables (`sales_days`, `product_sales_days`,
//! `status_days`, `customer_firsts`, `analytics_zone`); the customers'
//! buying days are `customers`'; the rebuild's SQL, which reads the orders
//! it summarises, is `rebuild`'s.

pub mod bench;
pub mod breakdowns;
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

/// An order's money, added to (sign 1) or taken from (sign -1) its sold day.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SaleMoney {
    pub gross: i64,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
}

pub async fn add_sale(
    c: &mut Conn,
    shop: &str,
    day: &str,
    sign: i64,
    m: &SaleMoney,
    card: bool,
) -> Result<(), sqlx::Error> {
    let card = i64::from(card);
    c.exec(&sql!(
        "INSERT INTO sales_days (shop_id, day, orders, gross_minor, subtotal_minor, discount_minor, shipping_minor, tax_minor, \
         card_orders, card_gross_minor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (shop_id, day) DO UPDATE SET orders = sales_days.orders + excluded.orders, \
         gross_minor = sales_days.gross_minor + excluded.gross_minor, \
         subtotal_minor = sales_days.subtotal_minor + excluded.subtotal_minor, \
         discount_minor = sales_days.discount_minor + excluded.discount_minor, \
         shipping_minor = sales_days.shipping_minor + excluded.shipping_minor, \
         tax_minor = sales_days.tax_minor + excluded.tax_minor, \
         card_orders = sales_days.card_orders + excluded.card_orders, \
         card_gross_minor = sales_days.card_gross_minor + excluded.card_gross_minor",
        shop,
        day,
        sign,
        sign * m.gross,
        sign * m.subtotal,
        sign * m.discount,
        sign * m.shipping,
        sign * m.tax,
        sign * card,
        sign * card * m.gross
    ))
    .await?;
    Ok(())
}

pub async fn add_refund(c: &mut Conn, shop: &str, day: &str, amount: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO sales_days (shop_id, day, refunds, refunds_minor) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (shop_id, day) DO UPDATE SET refunds = sales_days.refunds + 1, \
         refunds_minor = sales_days.refunds_minor + excluded.refunds_minor",
        shop,
        day,
        amount
    ))
    .await?;
    Ok(())
}

/// Units, revenue and cost into a product's day row and its month's.
pub async fn add_product(
    c: &mut Conn,
    shop: &str,
    day: &str,
    product: &str,
    units: i64,
    revenue: i64,
    cost: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_sales_days (shop_id, day, product_id, units, revenue_minor, cost_minor) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (shop_id, day, product_id) DO UPDATE SET units = product_sales_days.units + excluded.units, \
         revenue_minor = product_sales_days.revenue_minor + excluded.revenue_minor, \
         cost_minor = product_sales_days.cost_minor + excluded.cost_minor",
        shop,
        day,
        product,
        units,
        revenue,
        cost
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO product_sales_months (shop_id, month, product_id, units, revenue_minor, cost_minor) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (shop_id, month, product_id) DO UPDATE SET units = product_sales_months.units + excluded.units, \
         revenue_minor = product_sales_months.revenue_minor + excluded.revenue_minor, \
         cost_minor = product_sales_months.cost_minor + excluded.cost_minor",
        shop,
        &day[..7.min(day.len())],
        product,
        units,
        revenue,
        cost
    ))
    .await?;
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

pub async fn add_status(
    c: &mut Conn,
    shop: &str,
    day: &str,
    status: &str,
    n: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO status_days (shop_id, day, status, orders) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (shop_id, day, status) DO UPDATE SET orders = status_days.orders + excluded.orders",
        shop,
        day,
        status,
        n
    ))
    .await?;
    Ok(())
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
