//! The finance view's reads, all from the rollups: `sales_days` by month
//! and by shop, `product_sales_days` by month, product and category.

use super::product_rows;
use crate::analytics::zone::Spans;
use crate::server::db::{Conn, Query};

/// A month's (or a shop's) sums from `sales_days`.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Sums {
    pub key: String,
    pub orders: i64,
    pub gross: i64,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
    pub refunds: i64,
    pub card_orders: i64,
    pub card_gross: i64,
}

const SUMS: &str = "CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(gross_minor) AS BIGINT) AS gross, \
    CAST(SUM(subtotal_minor) AS BIGINT) AS subtotal, CAST(SUM(discount_minor) AS BIGINT) AS discount, \
    CAST(SUM(shipping_minor) AS BIGINT) AS shipping, CAST(SUM(tax_minor) AS BIGINT) AS tax, \
    CAST(SUM(refunds_minor) AS BIGINT) AS refunds, CAST(SUM(card_orders) AS BIGINT) AS card_orders, \
    CAST(SUM(card_gross_minor) AS BIGINT) AS card_gross";

fn range(select: String, shop: Option<&str>, first: &str, last: &str) -> Query {
    let mut q = Query::new(select).bind(first).bind(last);
    if let Some(shop) = shop {
        q.push(" AND shop_id = ").push_bind(shop);
    }
    q
}

/// Each month's sums (`key` = `YYYY-MM`).
pub async fn months(
    c: &mut Conn,
    shop: Option<&str>,
    first: &str,
    last: &str,
) -> Result<Vec<Sums>, sqlx::Error> {
    let mut q = range(
        format!("SELECT SUBSTR(day, 1, 7) AS key, {SUMS} FROM sales_days WHERE day >= $1 AND day <= $2"),
        shop,
        first,
        last,
    );
    q.push(" GROUP BY SUBSTR(day, 1, 7) ORDER BY key");
    c.all(&q).await
}

/// Each shop's sums (`key` = shop id).
pub async fn shops(c: &mut Conn, first: &str, last: &str) -> Result<Vec<Sums>, sqlx::Error> {
    let mut q = range(
        format!("SELECT shop_id AS key, {SUMS} FROM sales_days WHERE day >= $1 AND day <= $2"),
        None,
        first,
        last,
    );
    q.push(" GROUP BY shop_id HAVING SUM(orders) <> 0 OR SUM(refunds_minor) <> 0 ORDER BY shop_id");
    c.all(&q).await
}

/// The cost of goods sold by month: (`YYYY-MM`, cost).
pub async fn month_costs(
    c: &mut Conn,
    shop: Option<&str>,
    days: &Spans,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut q =
        product_rows(days, shop).fork("SELECT d.month, CAST(SUM(d.cost_minor) AS BIGINT) AS cost FROM ");
    q.push(" GROUP BY d.month");
    c.all(&q).await
}

/// A product's or category's units, line revenue and cost.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Line {
    pub id: String,
    pub name: String,
    pub units: i64,
    pub revenue: i64,
    pub cost: i64,
}

/// Products by line revenue, best first (`name` is filled by the caller).
pub async fn products(
    c: &mut Conn,
    shop: Option<&str>,
    days: &Spans,
    limit: i64,
) -> Result<Vec<Line>, sqlx::Error> {
    let mut q = product_rows(days, shop).fork(
        "SELECT d.product_id AS id, '' AS name, CAST(SUM(d.units) AS BIGINT) AS units, \
         CAST(SUM(d.revenue_minor) AS BIGINT) AS revenue, CAST(SUM(d.cost_minor) AS BIGINT) AS cost FROM ",
    );
    q.push(" GROUP BY d.product_id HAVING SUM(d.units) <> 0 ORDER BY revenue DESC, id LIMIT ")
        .push_bind(limit);
    c.all(&q).await
}

/// Categories (their products' category now) by line revenue, best first.
pub async fn categories(c: &mut Conn, shop: Option<&str>, days: &Spans) -> Result<Vec<Line>, sqlx::Error> {
    let mut q = product_rows(days, shop).fork(
        "SELECT p.category_id AS id, MAX(k.name) AS name, CAST(SUM(d.units) AS BIGINT) AS units, \
         CAST(SUM(d.revenue_minor) AS BIGINT) AS revenue, CAST(SUM(d.cost_minor) AS BIGINT) AS cost FROM ",
    );
    q.push(
        " JOIN products p ON p.id = d.product_id JOIN categories k ON k.id = p.category_id \
         GROUP BY p.category_id HAVING SUM(d.units) <> 0 ORDER BY revenue DESC, id",
    );
    c.all(&q).await
}
