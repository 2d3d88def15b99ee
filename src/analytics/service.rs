//! The dashboards' rules: who sees which shop's figures, which days a
//! range means in the shop's zone, and the sales report read from the
//! rollups.

use jiff::civil::Date;

use super::db::breakdowns;
use super::zone::{Spans, Zone, add_days, days_between, parse_day};
use super::{
    Period, Point, PromoUse, RangeQuery, SalesReport, Share, ShopRef, ShopSales, TopProduct, Totals, db,
    ledger, rebuild,
};
use crate::accounts::areas::Area;
use crate::accounts::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db};

/// The longest custom range a dashboard reads.
pub const MAX_DAYS: i64 = 3 * 366;
/// Best sellers shown.
pub const TOP: i64 = 10;
/// Shops shown in the marketplace's ranking.
pub const TOP_SHOPS: i64 = 20;

/// Staff read a dashboard only with its area (`Analytics`, or `Finance`
/// for the money); administrators, sellers and customers are `scope`'s.
pub fn staff_may(viewer: &Viewer, area: Area) -> AppResult<()> {
    if viewer.role == Role::Staff && !viewer.may(area) { Err(AppError::Forbidden) } else { Ok(()) }
}

/// Whose figures `viewer` may read: `None` = every shop (administrators
/// and staff), or one shop. A seller reads only their own shop; naming
/// another is refused. Customers are refused.
pub async fn scope(c: &mut Conn, viewer: &Viewer, seller_id: Option<&str>) -> AppResult<Option<ShopRef>> {
    let seller_id = seller_id.map(str::trim).filter(|s| !s.is_empty());
    match viewer.role {
        Role::Staff if !(viewer.may(Area::Analytics) || viewer.may(Area::Finance)) => {
            Err(AppError::Forbidden)
        }
        Role::Admin | Role::Staff => match seller_id {
            None => Ok(None),
            Some(id) => crate::sellers::service::shop_ref(c, id)
                .await?
                .map(|(id, name)| Some(ShopRef { id, name }))
                .ok_or_else(|| AppError::NotFound("Shop".into())),
        },
        Role::Seller => {
            let own = crate::sellers::service::mine(c, &viewer.id)
                .await?
                .filter(|a| a.status == crate::sellers::ShopStatus::Verified)
                .ok_or(AppError::Forbidden)?;
            if seller_id.is_some_and(|id| id != own.id && id != own.slug) {
                return Err(AppError::Forbidden);
            }
            Ok(Some(ShopRef { id: own.id, name: own.shop_name }))
        }
        Role::Customer => Err(AppError::Forbidden),
    }
}

/// The days a range covers, the bucket size, and the range's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub range: String,
    pub first: Date,
    pub last: Date,
    pub group: String,
}

/// Read the range form (or the REST dates) in `zone`; `today` is the
/// zone's today (a parameter, so tests can pin it).
pub fn resolve(q: &RangeQuery, today: Date) -> AppResult<Resolved> {
    let range = if q.range.is_empty() { "30d" } else { q.range.as_str() };
    let back = |n: i64| (add_days(today, -(n - 1)), today);
    let (first, last) = match range {
        "today" => (today, today),
        "7d" => back(7),
        "30d" => back(30),
        "90d" => back(90),
        "month" => (today.first_of_month(), today),
        "year" => (today.first_of_year(), today),
        "custom" => {
            let first = parse_day(&q.from)
                .ok_or_else(|| AppError::field("from", "Enter the first day as YYYY-MM-DD."))?;
            let last =
                parse_day(&q.to).ok_or_else(|| AppError::field("to", "Enter the last day as YYYY-MM-DD."))?;
            if last < first {
                return Err(AppError::field("to", "The last day comes before the first."));
            }
            if days_between(first, last) >= MAX_DAYS {
                return Err(AppError::field("from", format!("Choose at most {MAX_DAYS} days.")));
            }
            (first, last)
        }
        _ => return Err(AppError::field("range", "Choose one of the ranges offered.")),
    };
    let days = days_between(first, last) + 1;
    let group = match q.group.as_str() {
        "" if days <= 31 => "day",
        "" if days <= 180 => "week",
        "" => "month",
        g @ ("day" | "week" | "month") => g,
        _ => return Err(AppError::field("group", "Group by day, week or month.")),
    };
    Ok(Resolved { range: range.to_owned(), first, last, group: group.to_owned() })
}

/// The same number of days just before.
pub fn previous(first: Date, last: Date) -> (Date, Date) {
    let len = days_between(first, last) + 1;
    (add_days(first, -len), add_days(first, -1))
}

/// Which bucket a day falls in.
pub fn bucket(day: Date, group: &str) -> String {
    match group {
        "week" => add_days(day, -i64::from(day.weekday().to_monday_zero_offset())).to_string(),
        "month" => format!("{:04}-{:02}", day.year(), day.month()),
        _ => day.to_string(),
    }
}

/// Every bucket of `first..=last`, in order, with its first and last day
/// (inside the range).
pub fn buckets(first: Date, last: Date, group: &str) -> Vec<(String, Date, Date)> {
    let mut out: Vec<(String, Date, Date)> = Vec::new();
    let mut day = first;
    while day <= last {
        let period = bucket(day, group);
        match out.last_mut() {
            Some(b) if b.0 == period => b.2 = day,
            _ => out.push((period, day, day)),
        }
        day = add_days(day, 1);
    }
    out
}

/// Every bucket of `first..=last`, in order, at zero.
fn empty_series(first: Date, last: Date, group: &str) -> Vec<Point> {
    buckets(first, last, group)
        .into_iter()
        .map(|(period, _, _)| Point { period, revenue: 0, orders: 0 })
        .collect()
}

/// A period's totals and series from its day rows.
async fn period(
    c: &mut Conn,
    shop: Option<&str>,
    (first, last): (Date, Date),
    group: &str,
) -> AppResult<(Totals, Vec<Point>)> {
    let (a, b) = (first.to_string(), last.to_string());
    let rows = db::days(c, shop, &a, &b).await?;
    let mut series = empty_series(first, last, group);
    let mut t = Totals::default();
    for r in &rows {
        t.orders += r.orders;
        t.gross += r.gross;
        t.refunds += r.refunds_minor;
        t.discounts += r.discount;
        t.shipping += r.shipping;
        t.tax += r.tax;
        let key = parse_day(&r.day).map(|d| bucket(d, group)).unwrap_or_default();
        if let Some(p) = series.iter_mut().find(|p| p.period == key) {
            p.revenue += r.gross - r.refunds_minor;
            p.orders += r.orders;
        }
    }
    t.revenue = t.gross - t.refunds;
    t.average_order_value = if t.orders > 0 { (t.gross + t.orders / 2) / t.orders } else { 0 };
    t.new_customers = db::new_customers(c, shop.unwrap_or(""), &a, &b).await?;
    Ok((t, series))
}

/// The sales report of `r` for `shop` (none: every shop).
pub async fn sales(
    c: &mut Conn,
    r: &Resolved,
    shop: Option<ShopRef>,
    currency: &str,
) -> AppResult<SalesReport> {
    let zone = ledger::zone(c).await?;
    let id = shop.as_ref().map(|s| s.id.clone());
    let id = id.as_deref();
    let (totals, series) = period(c, id, (r.first, r.last), &r.group).await?;
    let before = previous(r.first, r.last);
    let (previous, previous_series) = period(c, id, before, &r.group).await?;
    let (a, b) = (r.first.to_string(), r.last.to_string());
    let top_products = top_products(c, id, r.first, r.last).await?;
    let funnel = crate::traffic::service::funnel(c, id, r.first, r.last, totals.orders).await?;
    let previous_funnel = crate::traffic::service::funnel(c, id, before.0, before.1, previous.orders).await?;
    Ok(SalesReport {
        funnel,
        previous_funnel,
        currency: currency.to_owned(),
        time_zone: zone.name().to_owned(),
        group: r.group.clone(),
        range: r.range.clone(),
        period: Period { start: a.clone(), end: b.clone() },
        previous_period: Period { start: before.0.to_string(), end: before.1.to_string() },
        totals,
        previous,
        series,
        previous_series,
        top_products,
        statuses: db::statuses(c, id, &a, &b).await?,
        by_shop: if shop.is_none() { by_shop(c, &a, &b).await? } else { Vec::new() },
        by_category: breakdowns::categories(c, id, &a, &b)
            .await?
            .into_iter()
            .map(|(id, name, units, revenue, _)| Share { id, name, units, revenue })
            .collect(),
        by_channel: breakdowns::channels(c, id, &a, &b)
            .await?
            .into_iter()
            .map(|(id, units, revenue)| Share {
                name: super::channel_label(&id).to_owned(),
                id,
                units,
                revenue,
            })
            .collect(),
        promo_codes: breakdowns::promos(c, id, &a, &b)
            .await?
            .into_iter()
            .map(|(code, orders, discount, revenue)| PromoUse { code, orders, discount, revenue })
            .collect(),
        shop,
    })
}

/// The best sellers of the days, with their names.
pub async fn top_products(
    c: &mut Conn,
    shop: Option<&str>,
    first: Date,
    last: Date,
) -> AppResult<Vec<TopProduct>> {
    let top = db::top_products(c, shop, &Spans::of(first, last), TOP).await?;
    let ids: Vec<String> = top.iter().map(|(p, _, _)| p.clone()).collect();
    let cards = crate::catalog::service::cards_in_order(c, &ids).await?;
    Ok(top
        .into_iter()
        .map(|(product_id, units, revenue)| {
            let name = cards
                .iter()
                .find(|c| c.id == product_id)
                .map_or_else(|| "Removed product".into(), |c| c.title.clone());
            TopProduct { product_id, name, revenue, units }
        })
        .collect())
}

/// The marketplace's shops ranked by revenue, with their names.
async fn by_shop(c: &mut Conn, first: &str, last: &str) -> AppResult<Vec<ShopSales>> {
    let rows = db::by_shop(c, first, last, TOP_SHOPS).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let names = crate::sellers::service::names(c, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|(shop_id, orders, revenue)| {
            let name = names.get(&shop_id).cloned().unwrap_or_else(|| "Removed shop".into());
            ShopSales { shop_id, name, orders, revenue }
        })
        .collect())
}

/// What every dashboard request starts with: the changes still queued
/// applied (so the figures include every order committed so far), who may
/// look (which shop), and which days in the shop's zone. Returns the
/// connection to read the report on.
pub async fn prepare(
    db_: &Db,
    viewer: &Viewer,
    area: Area,
    q: &RangeQuery,
    seller_id: Option<&str>,
) -> AppResult<(Conn, Resolved, Option<ShopRef>)> {
    staff_may(viewer, area)?;
    super::queue::settle(db_).await?;
    let mut c = db_.conn().await?;
    let shop = scope(&mut c, viewer, seller_id).await?;
    let zone = ledger::zone(&mut c).await?;
    let r = resolve(q, zone.today())?;
    Ok((c, r, shop))
}

/// Everything a sales dashboard request does: who may look, which days, the report.
pub async fn report(
    db_: &Db,
    viewer: &Viewer,
    q: &RangeQuery,
    seller_id: Option<&str>,
    currency: &str,
) -> AppResult<SalesReport> {
    let (mut c, r, shop) = prepare(db_, viewer, Area::Analytics, q, seller_id).await?;
    sales(&mut c, &r, shop, currency).await
}

/// At start: cut the rollups in the configured zone, rebuilding them all
/// when the zone changed (or on the first start after the migration).
pub async fn sync_zone(db_: &Db, configured: &str) -> AppResult<()> {
    let zone = Zone::parse(configured).map_err(|e| AppError::field("BAZAAR_TIMEZONE", e))?;
    let stored = db::zone(&mut db_.conn().await?).await?;
    if stored == zone.name() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let days = db_.write(async |tx| Ok(rebuild::everything(tx, &zone).await?)).await?;
    db_.write(async |tx| Ok(rebuild::statistics(tx).await?)).await?;
    tracing::info!(
        zone = zone.name(),
        days,
        ms = started.elapsed().as_millis() as u64,
        "analytics rollups rebuilt"
    );
    Ok(())
}

/// Rebuild every rollup in the zone they are cut in now.
pub async fn rebuild_all(db_: &Db) -> AppResult<usize> {
    let written = db_
        .write(async |tx| {
            let zone = ledger::zone(tx).await?;
            Ok(rebuild::everything(tx, &zone).await?)
        })
        .await?;
    db_.write(async |tx| Ok(rebuild::statistics(tx).await?)).await?;
    Ok(written)
}

pub mod customers;
pub mod finance;
pub mod inventory;

#[cfg(test)]
mod tests;
