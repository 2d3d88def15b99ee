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
