//! Reads of the customers report: the counters over `customer_days` (by
//! month, by day, cohorts), `customer_firsts`, and the rows themselves.

use crate::server::db::{Conn, Query};
use crate::sql;

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

/// Where a range's customer rows are read: whole months from
/// `customer_months`, days at most [`RECENT_DAYS`](super::customers::RECENT_DAYS) after the range's first
/// from `customer_gaps`, any other day from `customer_days` (text bounds,
/// both included; ("1", "0") matches nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub months: (String, String),
    pub gaps: [(String, String); 2],
    pub raw: (String, String),
}

/// The range's customers: each counts once, on their first row in it
/// (whose `prev_day` falls before the range's `first` day) — read from
/// the parts' month counters, day counters and rows.
pub async fn segments(
    c: &mut Conn,
    scope: &str,
    first: &str,
    p: &Parts,
) -> Result<Vec<SegmentRow>, sqlx::Error> {
    let ([g0, g1], r) = (&p.gaps, &p.raw);
    c.all(&sql!(
        "SELECT skin_type, CAST(SUM(customers) AS BIGINT) AS customers, CAST(SUM(new_customers) AS BIGINT) AS new_customers, \
         CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(revenue) AS BIGINT) AS revenue FROM ( \
         SELECT skin_type, CASE WHEN prev_day < $2 THEN customers ELSE 0 END AS customers, \
         CASE WHEN prev_day = '' THEN customers ELSE 0 END AS new_customers, orders, revenue_minor AS revenue \
         FROM customer_months WHERE shop_id = $1 AND month >= $3 AND month <= $4 \
         UNION ALL \
         SELECT skin_type, CASE WHEN recent_prev < $2 THEN customers ELSE 0 END, \
         CASE WHEN recent_prev = '' THEN customers ELSE 0 END, orders, revenue_minor \
         FROM customer_gaps WHERE shop_id = $1 AND day >= $5 AND day <= $6 \
         UNION ALL \
         SELECT skin_type, CASE WHEN recent_prev < $2 THEN customers ELSE 0 END, \
         CASE WHEN recent_prev = '' THEN customers ELSE 0 END, orders, revenue_minor \
         FROM customer_gaps WHERE shop_id = $1 AND day >= $7 AND day <= $8 \
         UNION ALL \
         SELECT skin_type, CASE WHEN prev_day < $2 THEN 1 ELSE 0 END, CASE WHEN prev_day = '' THEN 1 ELSE 0 END, \
         orders, revenue_minor FROM customer_days WHERE shop_id = $1 AND day >= $9 AND day <= $10) t \
         GROUP BY skin_type ORDER BY skin_type",
        scope,
        first,
        &p.months.0,
        &p.months.1,
        &g0.0,
        &g0.1,
        &g1.0,
        &g1.1,
        &r.0,
        &r.1
    ))
    .await
}

/// Customers and new customers in each bucket of `starts` (each bucket's
/// first day, ascending, at most a week apart; the last ends on `last`)
/// from the day counters: a customer counts once a bucket, on the row
/// whose previous buying day falls before the bucket. (bucket start,
/// customers, new customers).
pub async fn by_bucket(
    c: &mut Conn,
    scope: &str,
    starts: &[String],
    last: &str,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let Some(first) = starts.first() else {
        return Ok(Vec::new());
    };
    let mut q = Query::new(
        "SELECT b, CAST(SUM(CASE WHEN recent_prev < b THEN customers ELSE 0 END) AS BIGINT), \
        CAST(SUM(CASE WHEN recent_prev = '' THEN customers ELSE 0 END) AS BIGINT) FROM (SELECT CASE",
    )
    .bind(scope);
    // (A first arm that never holds: CASE needs one even for a single bucket.)
    q.push(" WHEN day < ").push_bind(first.as_str()).push(" THEN ").push_bind(first.as_str());
    for pair in starts.windows(2) {
        q.push(" WHEN day < ").push_bind(pair[1].as_str()).push(" THEN ").push_bind(pair[0].as_str());
    }
    q.push(" ELSE ").push_bind(starts[starts.len() - 1].as_str());
    q.push(" END AS b, recent_prev, customers FROM customer_gaps WHERE shop_id = $1 AND day >= ")
        .push_bind(first.as_str())
        .push(" AND day <= ")
        .push_bind(last)
        .push(") t GROUP BY b");
    c.all(&q).await
}

/// Each month of `first..=last` (`YYYY-MM`) from the cohort counters:
/// (month, customers who bought in it, new customers).
pub async fn month_counts(
    c: &mut Conn,
    scope: &str,
    (first, last): (&str, &str),
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT month, CAST(SUM(customers) AS BIGINT), \
         CAST(SUM(CASE WHEN cohort = month THEN customers ELSE 0 END) AS BIGINT) FROM customer_cohorts \
         WHERE shop_id = $1 AND month >= $2 AND month <= $3 GROUP BY month",
        scope,
        first,
        last
    ))
    .await
}

/// Customers who had bought by each of `days` (the base of churn, and of
/// lifetime value): the new customers of the months before each day's
/// month (the cohort counters), and of that month up to the day.
pub async fn bought_by(c: &mut Conn, scope: &str, days: [&str; 4]) -> Result<[i64; 4], sqlx::Error> {
    let months: Vec<(String, i64)> = c
        .all(&sql!(
            "SELECT month, CAST(customers AS BIGINT) FROM customer_cohorts WHERE shop_id = $1 AND cohort = month",
            scope
        ))
        .await?;
    let mut q = Query::new("").bind(scope);
    for (i, day) in days.iter().enumerate() {
        let month_start = format!("{}-01", day.get(..7).unwrap_or(day));
        q.push(if i == 0 { "" } else { " UNION ALL " })
            .push(&format!("SELECT CAST({i} AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM customer_firsts"))
            .push(" WHERE shop_id = $1 AND day >= ")
            .push_bind(month_start)
            .push(" AND day <= ")
            .push_bind(*day);
    }
    let partial: Vec<(i64, i64)> = c.all(&q).await?;
    Ok(std::array::from_fn(|i| {
        let month = days[i].get(..7).unwrap_or(days[i]);
        let whole: i64 = months.iter().filter(|(m, _)| m.as_str() < month).map(|(_, n)| n).sum();
        whole + partial.iter().find(|(k, _)| *k == i as i64).map_or(0, |(_, n)| *n)
    }))
}

/// Monthly cohorts of the months `first..=last` (`YYYY-MM`): (month,
/// cohort month, customers of the cohort who bought in the month) — the
/// counters through `counted` (a month), the days `rows` (the last month
/// up to the report's last day, when it is not whole) from the rows.
pub async fn cohorts(
    c: &mut Conn,
    scope: &str,
    (first, counted): (&str, &str),
    rows: (&str, &str),
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT month, cohort, CAST(customers AS BIGINT) FROM customer_cohorts \
         WHERE shop_id = $1 AND month >= $2 AND month <= $3 AND cohort >= $2 AND customers <> 0 \
         UNION ALL \
         SELECT SUBSTR(day, 1, 7), SUBSTR(first_day, 1, 7), CAST(COUNT(*) AS BIGINT) FROM customer_days \
         WHERE shop_id = $1 AND day >= $4 AND day <= $5 AND first_day >= $6 AND prev_day < $4 \
         GROUP BY SUBSTR(day, 1, 7), SUBSTR(first_day, 1, 7)",
        scope,
        first,
        counted,
        rows.0,
        rows.1,
        format!("{first}-01")
    ))
    .await
}

/// Every sold order's net revenue up to each of `days` (for lifetime value).
pub async fn lifetime(c: &mut Conn, scope: &str, days: [&str; 2]) -> Result<[i64; 2], sqlx::Error> {
    let mut q = Query::new("SELECT ");
    for (i, day) in days.iter().enumerate() {
        q.push(if i == 0 { "" } else { ", " })
            .push("CAST(COALESCE(SUM(CASE WHEN day <= ")
            .push_bind(*day)
            .push(" THEN gross_minor - refunds_minor ELSE 0 END), 0) AS BIGINT)");
    }
    q.push(" FROM sales_days WHERE day <= ").push_bind(days[0].max(days[1]));
    if !scope.is_empty() {
        q.push(" AND shop_id = ").push_bind(scope);
    }
    let (a, b): (i64, i64) = c.one(&q).await?;
    Ok([a, b])
}
