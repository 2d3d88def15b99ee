//! `customer_days`: each customer's buying days, in the marketplace (scope
//! '') and in each shop, linked to the day before (`prev_day`) and marked
//! with their first (`first_day`), so a range's distinct customers are a
//! count of rows, not a `COUNT(DISTINCT …)` over the orders.

use crate::server::db::{Conn, Query};
use crate::sql;

/// The skin type on the customer's beauty profile ('' when not given).
pub async fn skin_type(c: &mut Conn, user: &str) -> Result<String, sqlx::Error> {
    Ok(c.scalar_opt(&sql!("SELECT skin_type FROM profiles WHERE user_id = $1", user))
        .await?
        .unwrap_or_default())
}

/// A sold order of `revenue` on `day`: the day's row gains it, or a new
/// row is linked between the customer's days before and after.
pub async fn bought(
    c: &mut Conn,
    scope: &str,
    user: &str,
    day: &str,
    revenue: i64,
    skin: &str,
) -> Result<(), sqlx::Error> {
    let added = c
        .exec(&sql!(
            "UPDATE customer_days SET orders = orders + 1, revenue_minor = revenue_minor + $4 \
             WHERE shop_id = $1 AND user_id = $2 AND day = $3",
            scope,
            user,
            day,
            revenue
        ))
        .await?;
    if added > 0 {
        return Ok(());
    }
    let prev: Option<String> = c
        .scalar_opt::<Option<String>>(&sql!(
            "SELECT MAX(day) FROM customer_days WHERE shop_id = $1 AND user_id = $2 AND day < $3",
            scope,
            user,
            day
        ))
        .await?
        .flatten();
    let first = prev.is_none();
    let known_first =
        if first { day.to_owned() } else { first_day(c, scope, user).await?.unwrap_or_default() };
    c.exec(&sql!(
        "INSERT INTO customer_days (shop_id, user_id, day, orders, revenue_minor, prev_day, first_day, skin_type) \
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7)",
        scope,
        user,
        day,
        revenue,
        prev.unwrap_or_default(),
        known_first,
        skin
    ))
    .await?;
    relink_next(c, scope, user, day, day).await?;
    if first {
        set_first(c, scope, user, day).await?;
    }
    Ok(())
}

/// A sold order of `revenue` on `day` was cancelled: the day's row loses
/// it, and goes (unlinked) when it was the day's only one.
pub async fn unbought(
    c: &mut Conn,
    scope: &str,
    user: &str,
    day: &str,
    revenue: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE customer_days SET orders = orders - 1, revenue_minor = revenue_minor - $4 \
         WHERE shop_id = $1 AND user_id = $2 AND day = $3",
        scope,
        user,
        day,
        revenue
    ))
    .await?;
    let row: Option<(i64, String)> = c
        .opt(&sql!(
            "SELECT orders, prev_day FROM customer_days WHERE shop_id = $1 AND user_id = $2 AND day = $3",
            scope,
            user,
            day
        ))
        .await?;
    let Some((orders, prev)) = row.filter(|(orders, _)| *orders <= 0) else {
        return Ok(());
    };
    debug_assert_eq!(orders, 0);
    c.exec(&sql!(
        "DELETE FROM customer_days WHERE shop_id = $1 AND user_id = $2 AND day = $3",
        scope,
        user,
        day
    ))
    .await?;
    relink_next(c, scope, user, day, &prev).await?;
    if prev.is_empty()
        && let Some(first) = first_day(c, scope, user).await?
    {
        set_first(c, scope, user, &first).await?;
    }
    Ok(())
}

/// The customer's first buying day left in the scope.
async fn first_day(c: &mut Conn, scope: &str, user: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt::<Option<String>>(&sql!(
        "SELECT MIN(day) FROM customer_days WHERE shop_id = $1 AND user_id = $2",
        scope,
        user
    ))
    .await
    .map(Option::flatten)
}

/// The customer's next buying day after `after` now follows `prev`.
async fn relink_next(
    c: &mut Conn,
    scope: &str,
    user: &str,
    after: &str,
    prev: &str,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE customer_days SET prev_day = $4 WHERE shop_id = $1 AND user_id = $2 AND day = \
         (SELECT MIN(day) FROM customer_days WHERE shop_id = $1 AND user_id = $2 AND day > $3)",
        scope,
        user,
        after,
        prev
    ))
    .await?;
    Ok(())
}

async fn set_first(c: &mut Conn, scope: &str, user: &str, first: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE customer_days SET first_day = $3 WHERE shop_id = $1 AND user_id = $2 AND first_day <> $3",
        scope,
        user,
        first
    ))
    .await?;
    Ok(())
}

/// Customers of a range in one scope, by skin type.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SegmentRow {
    pub skin_type: String,
    /// Customers with a sale in the range (each once).
    pub customers: i64,
    /// Of them, those whose first sale it was.
    pub new_customers: i64,
    pub orders: i64,
    pub revenue: i64,
}

/// The range's customers: each counts once, on their first row in it.
pub async fn segments(
    c: &mut Conn,
    scope: &str,
    first: &str,
    last: &str,
) -> Result<Vec<SegmentRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT skin_type, CAST(SUM(CASE WHEN prev_day < $2 THEN 1 ELSE 0 END) AS BIGINT) AS customers, \
         CAST(SUM(CASE WHEN prev_day = '' THEN 1 ELSE 0 END) AS BIGINT) AS new_customers, \
         CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(revenue_minor) AS BIGINT) AS revenue \
         FROM customer_days WHERE shop_id = $1 AND day >= $2 AND day <= $3 GROUP BY skin_type ORDER BY skin_type",
        scope,
        first,
        last
    ))
    .await
}

/// (customers, new customers) with a sale in the range.
pub async fn active(c: &mut Conn, scope: &str, first: &str, last: &str) -> Result<(i64, i64), sqlx::Error> {
    let row: Option<(Option<i64>, Option<i64>)> = c
        .opt(&sql!(
            "SELECT CAST(COUNT(*) AS BIGINT), CAST(SUM(CASE WHEN prev_day = '' THEN 1 ELSE 0 END) AS BIGINT) \
             FROM customer_days WHERE shop_id = $1 AND day >= $2 AND day <= $3 AND prev_day < $2",
            scope,
            first,
            last
        ))
        .await?;
    Ok(row.map_or((0, 0), |(a, n)| (a.unwrap_or(0), n.unwrap_or(0))))
}

/// Customers who had bought by `cutoff` (the base of churn).
pub async fn bought_by(c: &mut Conn, scope: &str, cutoff: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM customer_firsts WHERE shop_id = $1 AND day <= $2", scope, cutoff))
        .await
}

/// Of those, customers who bought again after `cutoff`, up to `last`.
pub async fn came_back(c: &mut Conn, scope: &str, cutoff: &str, last: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM customer_days WHERE shop_id = $1 AND day > $2 AND day <= $3 \
         AND prev_day <> '' AND prev_day <= $2",
        scope,
        cutoff,
        last
    ))
    .await
}

/// Monthly cohorts from `first` (a month's first day) to `last`: (month,
/// cohort month, customers of the cohort who bought in the month).
pub async fn cohorts(
    c: &mut Conn,
    scope: &str,
    first: &str,
    last: &str,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    c.all(&Query::new(
        "SELECT SUBSTR(day, 1, 7) AS month, SUBSTR(first_day, 1, 7) AS cohort, CAST(COUNT(*) AS BIGINT) AS customers \
         FROM customer_days WHERE shop_id = $1 AND day >= $2 AND day <= $3 AND first_day >= $2 \
         AND prev_day < (SUBSTR(day, 1, 7) || '-01') GROUP BY SUBSTR(day, 1, 7), SUBSTR(first_day, 1, 7) \
         ORDER BY cohort, month",
    )
    .bind(scope)
    .bind(first)
    .bind(last))
    .await
}

/// Every sold order's net revenue up to `last` and the customers who had
/// bought by then (for lifetime value).
pub async fn lifetime(c: &mut Conn, scope: &str, last: &str) -> Result<(i64, i64), sqlx::Error> {
    let mut q = Query::new(
        "SELECT CAST(COALESCE(SUM(gross_minor) - SUM(refunds_minor), 0) AS BIGINT) FROM sales_days WHERE day <= $1",
    )
    .bind(last);
    if !scope.is_empty() {
        q.push(" AND shop_id = ").push_bind(scope);
    }
    let revenue: i64 = c.scalar(&q).await?;
    Ok((revenue, bought_by(c, scope, last).await?))
}
