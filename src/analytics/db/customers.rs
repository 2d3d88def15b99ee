//! `customer_days`: each customer's buying days, in the marketplace (scope
//! '') and in each shop, linked to the day before (`prev_day`) and marked
//! with their first (`first_day`), so a range's distinct customers are a
//! count of rows, not a `COUNT(DISTINCT …)` over the orders.

use std::collections::{BTreeMap, BTreeSet};

use crate::analytics::zone::{add_days, parse_day};
use crate::server::db::{Conn, Query};
use crate::sql;

/// How far back `recent_prev` keeps a previous buying day exactly: the
/// day counters (`customer_gaps`) answer ranges that start at most this
/// many days before a day.
pub const RECENT_DAYS: i64 = 31;

/// The first day whose buying day `day` keeps exactly in `recent_prev`.
pub fn recent_from(day: &str) -> String {
    parse_day(day).map_or_else(String::new, |d| add_days(d, -RECENT_DAYS).to_string())
}

/// `customer_days.recent_prev` of a row of `day` whose previous buying day
/// is `prev`: '' for a first day, `prev` when within [`RECENT_DAYS`],
/// else '0' (which sorts after '' and before every day).
pub fn recent_prev(day: &str, prev: &str) -> String {
    match prev {
        "" => String::new(),
        p if *p >= *recent_from(day) => p.to_owned(),
        _ => "0".to_owned(),
    }
}

/// The skin types on `users`' beauty profiles (none given: not listed).
pub async fn skin_types(c: &mut Conn, users: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new("SELECT user_id, skin_type FROM profiles WHERE user_id IN ");
    q.push_list(users);
    c.all(&q).await
}

/// Add (`sign` 1) or take away (-1) the counter rows (`customer_months`,
/// `customer_cohorts`, `customer_gaps`) of some customers' days — `who`: (scope, customer)
/// pairs, around a change to those days — or, with nobody, of every day
/// (a rebuild).
pub async fn count(
    c: &mut Conn,
    who: Option<&BTreeSet<(String, String)>>,
    sign: i64,
) -> Result<(), sqlx::Error> {
    if who.is_some_and(BTreeSet::is_empty) {
        return Ok(());
    }
    let only = |q: &mut Query| {
        let Some(who) = who else { return };
        let mut scopes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (scope, user) in who {
            scopes.entry(scope).or_default().push(user.clone());
        }
        for (i, (scope, users)) in scopes.iter().enumerate() {
            q.push(if i == 0 { " AND ((shop_id = " } else { " OR (shop_id = " });
            q.push_bind(*scope).push(" AND user_id IN ").push_list(users).push(")");
        }
        q.push(")");
    };
    let mut q = Query::new(
        "INSERT INTO customer_months (shop_id, month, prev_day, skin_type, customers, orders, revenue_minor) \
         SELECT shop_id, SUBSTR(day, 1, 7), prev_day, skin_type, CAST(COUNT(*) * $1 AS BIGINT), \
         CAST(SUM(orders) * $1 AS BIGINT), CAST(SUM(revenue_minor) * $1 AS BIGINT) FROM customer_days \
         WHERE prev_day IS NOT NULL",
    )
    .bind(sign);
    only(&mut q);
    q.push(
        " GROUP BY shop_id, SUBSTR(day, 1, 7), prev_day, skin_type \
         ON CONFLICT (shop_id, month, prev_day, skin_type) DO UPDATE SET \
         customers = customer_months.customers + excluded.customers, orders = customer_months.orders + excluded.orders, \
         revenue_minor = customer_months.revenue_minor + excluded.revenue_minor",
    );
    c.exec(&q).await?;
    let mut q = Query::new(
        "INSERT INTO customer_cohorts (shop_id, cohort, month, customers) \
         SELECT shop_id, SUBSTR(first_day, 1, 7), SUBSTR(day, 1, 7), CAST(COUNT(*) * $1 AS BIGINT) \
         FROM customer_days WHERE prev_day < SUBSTR(day, 1, 7) || '-01'",
    )
    .bind(sign);
    only(&mut q);
    q.push(
        " GROUP BY shop_id, SUBSTR(first_day, 1, 7), SUBSTR(day, 1, 7) \
         ON CONFLICT (shop_id, month, cohort) DO UPDATE SET customers = customer_cohorts.customers + excluded.customers",
    );
    c.exec(&q).await?;
    let mut q = Query::new(
        "INSERT INTO customer_gaps (shop_id, day, recent_prev, skin_type, customers, orders, revenue_minor) \
         SELECT shop_id, day, recent_prev, skin_type, CAST(COUNT(*) * $1 AS BIGINT), \
         CAST(SUM(orders) * $1 AS BIGINT), CAST(SUM(revenue_minor) * $1 AS BIGINT) FROM customer_days \
         WHERE prev_day IS NOT NULL",
    )
    .bind(sign);
    only(&mut q);
    q.push(
        " GROUP BY shop_id, day, recent_prev, skin_type \
         ON CONFLICT (shop_id, day, recent_prev, skin_type) DO UPDATE SET \
         customers = customer_gaps.customers + excluded.customers, orders = customer_gaps.orders + excluded.orders, \
         revenue_minor = customer_gaps.revenue_minor + excluded.revenue_minor",
    );
    c.exec(&q).await?;
    Ok(())
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
    let prev = prev.unwrap_or_default();
    let recent = recent_prev(day, &prev);
    c.exec(&sql!(
        "INSERT INTO customer_days (shop_id, user_id, day, orders, revenue_minor, prev_day, first_day, skin_type, \
         recent_prev) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8)",
        scope,
        user,
        day,
        revenue,
        prev,
        known_first,
        skin,
        recent
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
    let next: Option<String> = c
        .scalar_opt::<Option<String>>(&sql!(
            "SELECT MIN(day) FROM customer_days WHERE shop_id = $1 AND user_id = $2 AND day > $3",
            scope,
            user,
            after
        ))
        .await?
        .flatten();
    let Some(next) = next else { return Ok(()) };
    let recent = recent_prev(&next, prev);
    c.exec(&sql!(
        "UPDATE customer_days SET prev_day = $4, recent_prev = $5 WHERE shop_id = $1 AND user_id = $2 AND day = $3",
        scope,
        user,
        next,
        prev,
        recent
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

/// Where a range's customer rows are read: whole months from
/// `customer_months`, days at most [`RECENT_DAYS`] after the range's first
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
