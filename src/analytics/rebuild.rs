//! Rebuilding the rollups from the orders: any run of days, or everything
//! (when the shop's time zone changes, after a bulk import, or to check the
//! running totals). A day at a time (the SQL is `db::rebuild`'s), so memory
//! stays flat at a million orders.

use jiff::civil::Date;

use super::db::{self, rebuild as sql};
use super::zone::{Zone, month_of, next_day};
use crate::server::db::{Conn, Tx};

/// Rebuild every rollup in `zone` (and remember the zone). Returns the
/// number of days written. Changes still queued are applied first (in the
/// zone they were queued in), then overwritten with the orders' truth.
pub async fn everything(c: &mut Tx, zone: &Zone) -> Result<usize, sqlx::Error> {
    super::queue::drain(c).await?;
    db::set_zone(c, zone.name()).await?;
    sql::clear(c, &sql::DAY_TABLES).await?;
    sql::clear(c, &["product_sales_months"]).await?;
    let mut written = 0;
    if let Some(first) = sql::first_order(c).await? {
        written = days(c, zone, zone.date_of(first), zone.today()).await?;
    }
    customers(c, zone).await?;
    Ok(written)
}

/// Fresh planner statistics for every rollup table (after `everything`).
pub async fn statistics(c: &mut Tx) -> Result<(), sqlx::Error> {
    sql::analyze(c, &sql::ROLLUP_TABLES).await
}

/// Rebuild the days `first..=last` (the customers' tables are not touched:
/// see [`customers`]); changes still queued are applied first.
pub async fn days(c: &mut Tx, zone: &Zone, first: Date, last: Date) -> Result<usize, sqlx::Error> {
    super::queue::drain(c).await?;
    sql::clear_days(c, &first.to_string(), &last.to_string()).await?;
    let n =
        each_day(c, zone, first, last, async |c, day, (from, to)| sql::day(c, day, from, to).await).await?;
    sql::product_months(c, &month_of(first), &month_of(last)).await?;
    Ok(n)
}

/// Every customer's first sale day and buying days, in the marketplace and
/// in each shop.
pub async fn customers(c: &mut Conn, zone: &Zone) -> Result<(), sqlx::Error> {
    sql::clear(
        c,
        &["customer_firsts", "customer_days", "customer_months", "customer_cohorts", "customer_gaps"],
    )
    .await?;
    let (everywhere, per_shop) = sql::customer_firsts(c).await?;
    let rows = everywhere
        .into_iter()
        .map(|(user, at)| (String::new(), user, at))
        .chain(per_shop)
        .map(|(shop, user, at)| (shop, user, zone.day_of(at)))
        .collect::<Vec<_>>();
    sql::insert_firsts(c, &rows).await?;
    if let Some(first) = sql::first_sale(c).await? {
        each_day(c, zone, zone.date_of(first), zone.today(), async |c, day, (from, to)| {
            sql::customer_day(c, day, from, to).await
        })
        .await?;
    }
    db::customers::count(c, None, 1).await
}

/// Run `write` for each local day of `first..=last`, in order, with its
/// span in milliseconds; returns the number of days.
async fn each_day(
    c: &mut Conn,
    zone: &Zone,
    first: Date,
    last: Date,
    write: impl AsyncFn(&mut Conn, &str, (i64, i64)) -> Result<(), sqlx::Error>,
) -> Result<usize, sqlx::Error> {
    let mut day = first;
    let mut n = 0;
    while day <= last {
        write(c, &day.to_string(), zone.span_ms(day, day)).await?;
        n += 1;
        day = next_day(day);
    }
    Ok(n)
}
