//! Reading the traffic rollups: a period's funnel, its series and its top
//! lists (whole months from the month rows, the loose days at either end
//! from the day rows, so a year costs a few dozen rows a name).

use jiff::civil::Date;

use super::{Funnel, Ranked, TrafficPoint, TrafficReport, db};
use crate::accounts::Viewer;
use crate::analytics::service::{Resolved, bucket, buckets, previous};
use crate::analytics::zone::{Spans, parse_day};
use crate::analytics::{Period, db as sales_db, ledger};
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;

/// Names shown in each top list.
pub const TOP: i64 = 10;

/// The whole site's traffic is the back office's: administrators and staff
/// (a seller reads their own shop's funnel in their sales view).
pub fn may_read(viewer: &Viewer) -> AppResult<()> {
    if viewer.may(crate::accounts::areas::Area::Analytics) { Ok(()) } else { Err(AppError::Forbidden) }
}

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

/// The first names of a top list over `first..=last`.
pub async fn top(c: &mut Conn, dim: &str, first: Date, last: Date) -> AppResult<Vec<Ranked>> {
    let s = Spans::of(first, last);
    let rows = db::top(c, dim, s.months(), s.head(), s.tail(), TOP).await?;
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
