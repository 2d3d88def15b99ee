//! The customers report, read from the counters over `customer_days`
//! (by month, by day) and `customer_firsts`, the rows themselves only for
//! loose days far into a past range (never the orders): who bought, who
//! came back, who drifted away.

use jiff::civil::Date;

use super::{Resolved, buckets, previous};
use crate::analytics::customers::{Cohort, CustomerPoint, CustomerTotals, CustomersReport, Segment};
use crate::analytics::db::customer_reads::{self as db, Parts};
use crate::analytics::db::customers::RECENT_DAYS;
use crate::analytics::zone::{add_days, month_of, spans};
use crate::analytics::{Period, ShopRef, ledger};
use crate::error::AppResult;
use crate::server::db::Conn;

/// A customer who bought nothing in this many days is counted as churned.
pub const CHURN_DAYS: i64 = 90;
/// Monthly cohorts shown.
pub const COHORTS: i32 = 12;

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Whether `last`'s month holds no day after `last` (it ends the month,
/// or nothing comes after today), so its counters answer up to `last`.
fn month_closed(last: Date, today: Date) -> bool {
    last >= today || last == last.last_of_month()
}

/// Where the rows of `first..=last` are read, `today` being the last day
/// with any: whole months from their counters; a loose day at most
/// [`RECENT_DAYS`] after `first` from the day counters; later loose days
/// (the last month's, in ranges over a month long) from the month's
/// counters when the range runs to today, else from the rows.
pub fn parts(first: Date, last: Date, today: Date) -> Parts {
    let none = || ("1".to_owned(), "0".to_owned());
    let text = |(a, b): (Date, Date)| (a.to_string(), b.to_string());
    let cut = add_days(first, RECENT_DAYS);
    let (mut months, head, mut tail) = spans(first, last);
    if let (Some(m), Some((_, b))) = (&mut months, tail)
        && b > cut
        && month_closed(last, today)
    {
        m.1 = month_of(last);
        tail = None;
    }
    let mut gaps = [none(), none()];
    let mut raw = none();
    for (i, (a, b)) in [head, tail].into_iter().enumerate().filter_map(|(i, s)| Some((i, s?))) {
        if a <= cut {
            gaps[i] = text((a, b.min(cut)));
        }
        if b > cut {
            raw = text((a.max(add_days(cut, 1)), b));
        }
    }
    Parts { months: months.unwrap_or_else(none), gaps, raw }
}

/// The range's customers by skin type.
async fn segments(
    c: &mut Conn,
    scope: &str,
    (first, last): (Date, Date),
    today: Date,
) -> AppResult<Vec<db::SegmentRow>> {
    Ok(db::segments(c, scope, &first.to_string(), &parts(first, last, today)).await?)
}

/// (customers, new customers) with a sale in the range.
async fn active(c: &mut Conn, scope: &str, days: (Date, Date), today: Date) -> AppResult<(i64, i64)> {
    let rows = segments(c, scope, days, today).await?;
    Ok(rows.iter().fold((0, 0), |(a, n), r| (a + r.customers, n + r.new_customers)))
}

/// A period's figures and its customers by skin type, given the customers
/// who had bought by the churn cutoff and by the period's end, and the net
/// revenue of every sale up to its end.
async fn period(
    c: &mut Conn,
    scope: &str,
    (first, last): (Date, Date),
    today: Date,
    (base, ever, net): (i64, i64, i64),
) -> AppResult<(CustomerTotals, Vec<Segment>)> {
    let rows = segments(c, scope, (first, last), today).await?;
    let mut t = CustomerTotals::default();
    let mut revenue = 0;
    let segments = rows
        .into_iter()
        .map(|r| {
            t.customers += r.customers;
            t.new_customers += r.new_customers;
            t.orders += r.orders;
            revenue += r.revenue;
            Segment {
                skin_type: r.skin_type,
                customers: r.customers,
                new_customers: r.new_customers,
                orders: r.orders,
                revenue: r.revenue,
            }
        })
        .filter(|s| s.customers > 0)
        .collect();
    t.returning_customers = t.customers - t.new_customers;
    t.repeat_rate = rate(t.returning_customers, t.customers);
    t.average_order_value = if t.orders > 0 { (revenue + t.orders / 2) / t.orders } else { 0 };
    // Of those who had bought by the cutoff, who bought again after it:
    // the window's customers who are not new.
    let (active, new) = active(c, scope, (add_days(last, -(CHURN_DAYS - 1)), last), today).await?;
    t.churn_rate = rate(base - (active - new), base);
    t.lifetime_value = if ever > 0 { (net + ever / 2) / ever } else { 0 };
    Ok((t, segments))
}

/// New and returning customers bucket by bucket: days and weeks in one
/// pass over the days, months each from their counters.
async fn series(c: &mut Conn, scope: &str, r: &Resolved, today: Date) -> AppResult<Vec<CustomerPoint>> {
    let buckets = buckets(r.first, r.last, &r.group);
    let point = |period: String, (customers, new_customers): (i64, i64)| CustomerPoint {
        period,
        new_customers,
        returning_customers: customers - new_customers,
    };
    if r.group == "month" {
        // Whole months (or up to today) from the cohort counters; a month
        // cut short by the range from its rows.
        let whole = |(a, b): (Date, Date)| a.day() == 1 && month_closed(b, today);
        let counted = db::month_counts(c, scope, (&month_of(r.first), &month_of(r.last))).await?;
        let mut out = Vec::new();
        for (period, a, b) in buckets {
            let found = if whole((a, b)) {
                counted.iter().find(|(m, _, _)| *m == period).map_or((0, 0), |r| (r.1, r.2))
            } else {
                active(c, scope, (a, b), today).await?
            };
            out.push(point(period, found));
        }
        return Ok(out);
    }
    let starts: Vec<String> = buckets.iter().map(|(_, a, _)| a.to_string()).collect();
    let rows = db::by_bucket(c, scope, &starts, &r.last.to_string()).await?;
    Ok(buckets
        .into_iter()
        .zip(starts)
        .map(|((period, _, _), start)| {
            let found = rows.iter().find(|(b, _, _)| *b == start).map_or((0, 0), |r| (r.1, r.2));
            point(period, found)
        })
        .collect())
}

/// The `COHORTS` months up to `last`'s month: each month's new customers
/// and how many of them bought in each month after.
async fn cohorts(c: &mut Conn, scope: &str, last: Date, today: Date) -> AppResult<Vec<Cohort>> {
    let first = last.first_of_month().checked_sub(jiff::Span::new().months(COHORTS - 1)).unwrap_or(last);
    let months: Vec<String> = (0..COHORTS)
        .filter_map(|k| first.checked_add(jiff::Span::new().months(k)).ok())
        .map(month_of)
        .collect();
    // The last month's counters hold days after `last` unless it runs to today.
    let whole = month_closed(last, today);
    let counted = if whole { last } else { add_days(last.first_of_month(), -1) };
    let rows = if whole {
        ("1".to_owned(), "0".to_owned())
    } else {
        (last.first_of_month().to_string(), last.to_string())
    };
    let rows = db::cohorts(c, scope, (&month_of(first), &month_of(counted)), (&rows.0, &rows.1)).await?;
    Ok(months
        .iter()
        .enumerate()
        .map(|(i, cohort)| {
            let active: Vec<i64> = months[i..]
                .iter()
                .map(|m| rows.iter().find(|(rm, rc, _)| rm == m && rc == cohort).map_or(0, |r| r.2))
                .collect();
            Cohort { month: cohort.clone(), customers: active[0], active }
        })
        .collect())
}

/// The customers report of `r` for `shop` (none: the marketplace).
pub async fn report(
    c: &mut Conn,
    r: &Resolved,
    shop: Option<ShopRef>,
    currency: &str,
) -> AppResult<CustomersReport> {
    let zone = ledger::zone(c).await?;
    let today = zone.today();
    let scope = shop.as_ref().map_or(String::new(), |s| s.id.clone());
    let before = previous(r.first, r.last);
    let cutoff = |last: Date| add_days(last, -CHURN_DAYS).to_string();
    let [base, ever, base_before, ever_before] = db::bought_by(
        c,
        &scope,
        [&cutoff(r.last), &r.last.to_string(), &cutoff(before.1), &before.1.to_string()],
    )
    .await?;
    let [net, net_before] = db::lifetime(c, &scope, [&r.last.to_string(), &before.1.to_string()]).await?;
    let (totals, segments) = period(c, &scope, (r.first, r.last), today, (base, ever, net)).await?;
    let (previous, _) = period(c, &scope, before, today, (base_before, ever_before, net_before)).await?;
    Ok(CustomersReport {
        currency: currency.to_owned(),
        time_zone: zone.name().to_owned(),
        group: r.group.clone(),
        range: r.range.clone(),
        period: Period { start: r.first.to_string(), end: r.last.to_string() },
        previous_period: Period { start: before.0.to_string(), end: before.1.to_string() },
        totals,
        previous,
        series: series(c, &scope, r, today).await?,
        cohorts: cohorts(c, &scope, r.last, today).await?,
        segments,
        shop,
    })
}
