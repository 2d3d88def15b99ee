//! The inventory report: stock value, low stock with days of cover, best
//! sellers of the period, and products with no sale in 90 days.

use super::{Resolved, top_products};
use crate::analytics::db::inventory::{self as db, Row};
use crate::analytics::inventory::{InventoryReport, StockRow, StockTotals, days_of_cover};
use crate::analytics::zone::add_days;
use crate::analytics::{Period, ShopRef, ledger};
use crate::error::AppResult;
use crate::server::db::Conn;

/// Rows listed at most.
pub const ROWS: i64 = 50;
/// A product with no sale in this many days is called out.
pub const QUIET_DAYS: i64 = 90;

async fn rows(c: &mut Conn, rows: Vec<Row>) -> AppResult<Vec<StockRow>> {
    let ids: Vec<String> = rows.iter().map(|r| r.seller_id.clone()).collect();
    let names = crate::sellers::service::names(c, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| StockRow {
            shop_name: names.get(&r.seller_id).cloned().unwrap_or_default(),
            days_of_cover: days_of_cover(r.stock, r.sold),
            product_id: r.id,
            title: r.title,
            stock: r.stock,
            threshold: r.threshold,
            sold_30_days: r.sold,
            value_at_price: r.value,
        })
        .collect())
}

/// The inventory of `shop` (none: every shop); `line` is the shop's
/// low-stock threshold for products without their own.
pub async fn report(
    c: &mut Conn,
    r: &Resolved,
    shop: Option<ShopRef>,
    currency: &str,
    line: i64,
) -> AppResult<InventoryReport> {
    let zone = ledger::zone(c).await?;
    let today = zone.today();
    let id = shop.as_ref().map(|s| s.id.clone());
    let id = id.as_deref();
    let (products, units, value_at_cost, value_at_price, without_cost, low_stock, out_of_stock) =
        db::totals(c, id, line).await?;
    let month = add_days(today, -29).to_string();
    let quiet = add_days(today, -(QUIET_DAYS - 1));
    let low = db::low_stock(c, id, line, &month, ROWS).await?;
    let quiet_rows = db::no_sales(c, id, line, &quiet.to_string(), zone.start_of(quiet), ROWS).await?;
    let (a, b) = (r.first.to_string(), r.last.to_string());
    Ok(InventoryReport {
        currency: currency.to_owned(),
        time_zone: zone.name().to_owned(),
        range: r.range.clone(),
        group: r.group.clone(),
        best_sellers: top_products(c, id, r.first, r.last).await?,
        period: Period { start: a, end: b },
        default_threshold: line,
        totals: StockTotals {
            products,
            units,
            value_at_cost,
            value_at_price,
            without_cost,
            low_stock,
            out_of_stock,
        },
        low_stock: rows(c, low).await?,
        no_sales: rows(c, quiet_rows).await?,
        shop,
    })
}
