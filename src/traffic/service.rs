//! Reading the traffic rollups: a period's funnel, its series and its top
//! lists (whole months from the month rows, the loose days at either end
//! from the day rows, so a year costs a few dozen rows a name).

use jiff::civil::Date;

use super::{Funnel, Ranked, TrafficPoint, TrafficReport, db};
use crate::analytics::service::{Resolved, bucket, buckets, previous};
use crate::analytics::zone::{add_days, parse_day};
use crate::analytics::{Period, db as sales_db, ledger};
use crate::error::AppResult;
use crate::server::db::Conn;

/// Names shown in each top list.
pub const TOP: i64 = 10;

/// A period's traffic for `shop` (none: the whole site), with the period's
/// paid orders at the end of the funnel.
pub async fn funnel(
    c: &mut Conn,
    shop: Option<&str>,
    first: Date,
    last: Date,
    orders: i64,
) -> AppResult<Funnel> {
    Ok(read(c, shop, first, last, "day").await?.0.with_orders(orders))
}

impl Funnel {
    fn with_orders(mut self, orders: i64) -> Self {
        self.orders = orders;
        self
    }
}

async fn read(
    c: &mut Conn,
    shop: Option<&str>,
    first: Date,
    last: Date,
    group: &str,
) -> AppResult<(Funnel, Vec<TrafficPoint>)> {
    let rows = db::days(c, shop.unwrap_or(""), &first.to_string(), &last.to_string()).await?;
    let mut series: Vec<TrafficPoint> = buckets(first, last, group)
        .into_iter()
        .map(|(period, _, _)| TrafficPoint { period, ..TrafficPoint::default() })
        .collect();
    let mut f = Funnel::default();
    for (day, page_views, visitors, product_views, viewers, _cart_adds, carters, checkouts) in rows {
        f.page_views += page_views;
        f.visitors += visitors;
        f.product_views += product_views;
        f.viewers += viewers;
        f.carters += carters;
        f.checkouts += checkouts;
        let key = parse_day(&day).map(|d| bucket(d, group)).unwrap_or_default();
        if let Some(p) = series.iter_mut().find(|p| p.period == key) {
            p.page_views += page_views;
            p.visitors += visitors;
        }
    }
    Ok((f, series))
}

/// An empty span (its first after its last).
const NONE: (&str, &str) = ("1", "0");

/// Days, both ends included.
type Days = Option<(Date, Date)>;

/// `first..=last` as whole months and the loose days before and after them.
pub fn spans(first: Date, last: Date) -> (Option<(String, String)>, Days, Days) {
    let a = if first.day() == 1 { first } else { add_days(first.last_of_month(), 1) };
    let b = if last == last.last_of_month() { last } else { add_days(last.first_of_month(), -1) };
    if a > b {
        return (None, Some((first, last)), None);
    }
    let month = |d: Date| format!("{:04}-{:02}", d.year(), d.month());
    let head = (first < a).then(|| (first, add_days(a, -1)));
    let tail = (b < last).then(|| (add_days(b, 1), last));
    (Some((month(a), month(b))), head, tail)
}

/// The first names of a top list over `first..=last`.
pub async fn top(c: &mut Conn, dim: &str, first: Date, last: Date) -> AppResult<Vec<Ranked>> {
    let (months, head, tail) = spans(first, last);
    let text = |s: Option<(Date, Date)>| s.map(|(a, b)| (a.to_string(), b.to_string()));
    let (months, head, tail) = (months, text(head), text(tail));
    fn pair(s: &Option<(String, String)>) -> (&str, &str) {
        s.as_ref().map_or(NONE, |(a, b)| (a.as_str(), b.as_str()))
    }
    let rows = db::top(c, dim, pair(&months), pair(&head), pair(&tail), TOP).await?;
    Ok(rows.into_iter().map(|(name, count)| Ranked { name, count }).collect())
}

/// The whole site's traffic view of `r`.
pub async fn report(c: &mut Conn, r: &Resolved) -> AppResult<TrafficReport> {
    let zone = ledger::zone(c).await?;
    let before = previous(r.first, r.last);
    let (a, b) = (r.first.to_string(), r.last.to_string());
    let orders = |rows: Vec<sales_db::DayRow>| rows.iter().map(|d| d.orders).sum::<i64>();
    let now_orders = orders(sales_db::days(c, None, &a, &b).await?);
    let before_orders = orders(sales_db::days(c, None, &before.0.to_string(), &before.1.to_string()).await?);
    let (funnel, series) = read(c, None, r.first, r.last, &r.group).await?;
    let (previous, _) = read(c, None, before.0, before.1, "day").await?;
    Ok(TrafficReport {
        time_zone: zone.name().to_owned(),
        range: r.range.clone(),
        group: r.group.clone(),
        period: Period { start: a, end: b },
        previous_period: Period { start: before.0.to_string(), end: before.1.to_string() },
        funnel: funnel.with_orders(now_orders),
        previous: previous.with_orders(before_orders),
        series,
        pages: top(c, "page", r.first, r.last).await?,
        referrers: top(c, "referrer", r.first, r.last).await?,
        searches: top(c, "search", r.first, r.last).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::spans;
    use jiff::civil::date;

    #[test]
    fn a_range_splits_into_whole_months_and_loose_days() {
        let (m, h, t) = spans(date(2026, 1, 15), date(2026, 4, 10));
        assert_eq!(m, Some(("2026-02".into(), "2026-03".into())));
        assert_eq!(h, Some((date(2026, 1, 15), date(2026, 1, 31))));
        assert_eq!(t, Some((date(2026, 4, 1), date(2026, 4, 10))));
        let (m, h, t) = spans(date(2026, 1, 1), date(2026, 12, 31));
        assert_eq!((m, h, t), (Some(("2026-01".into(), "2026-12".into())), None, None));
        let (m, h, t) = spans(date(2026, 3, 3), date(2026, 3, 20));
        assert_eq!((m, h, t), (None, Some((date(2026, 3, 3), date(2026, 3, 20))), None));
        let (m, h, t) = spans(date(2026, 2, 20), date(2026, 3, 5));
        assert_eq!((m, h, t), (None, Some((date(2026, 2, 20), date(2026, 3, 5))), None));
    }
}
