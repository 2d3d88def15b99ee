//! Keeping the rollups true as orders change, inside the caller's
//! transaction: orders call these when an order is placed, moves, is sold,
//! is cancelled after it was sold, or is refunded. Each is a few upserts
//! (`INSERT … ON CONFLICT DO UPDATE`) on small keyed rows.

use super::db::breakdowns::{self, LineFact};
use super::db::{self, SaleMoney, customers};
use super::zone::Zone;
use crate::server::db::{Conn, Tx};

/// Sales changes (the shop's id), for open dashboards.
pub const CHANNEL: &str = "analytics";

/// What an order brings to the figures.
pub struct Sale<'a> {
    pub order_id: &'a str,
    pub shop_id: &'a str,
    pub user_id: &'a str,
    pub money: SaleMoney,
    /// Paid by card (its payment fee counts in the finance figures).
    pub card: bool,
    pub lines: Vec<Units<'a>>,
}

/// Units of an order line's product and their line revenue (unit price × units).
pub struct Units<'a> {
    pub line_id: &'a str,
    pub product_id: &'a str,
    pub units: i64,
    pub revenue: i64,
}

/// Lines' units into (`sign` 1) or out of (-1) the day's product,
/// category and channel rows, each line's category, channel and unit cost
/// read from the order.
async fn add_lines(
    c: &mut Conn,
    (shop, day): (&str, &str),
    order_id: &str,
    lines: &[Units<'_>],
    sign: i64,
) -> Result<(), sqlx::Error> {
    let facts = breakdowns::line_facts(c, order_id).await?;
    for l in lines {
        let fact = facts.iter().find(|f| f.id == l.line_id);
        let (units, revenue) = (sign * l.units, sign * l.revenue);
        let cost = fact.map_or(0, |f: &LineFact| f.unit_cost) * units;
        db::add_product(c, shop, day, l.product_id, units, revenue, cost).await?;
        let category = fact.map_or("", |f| f.category_id.as_str());
        breakdowns::add_category(c, (shop, day, category), units, revenue, cost).await?;
        let channel = fact.map_or("storefront", |f| f.channel.as_str());
        breakdowns::add_channel(c, (shop, day, channel), units, revenue).await?;
    }
    Ok(())
}

/// The order's promo code use into (1) or out of (-1) the day's rows.
async fn add_promo(c: &mut Conn, sale: &Sale<'_>, day: &str, sign: i64) -> Result<(), sqlx::Error> {
    if let Some(code) = breakdowns::promo_of(c, sale.order_id).await? {
        let key = (sale.shop_id, day, code.as_str());
        breakdowns::add_promo(c, key, sign, sale.money.discount, sale.money.gross).await?;
    }
    Ok(())
}

/// The zone the rollups are cut in (UTC until the first start sets it).
pub async fn zone(c: &mut Conn) -> Result<Zone, sqlx::Error> {
    let name = db::zone(c).await?;
    Ok(Zone::parse(&name).unwrap_or_else(|_| Zone::utc()))
}

/// A new order, in its first status, on the day it was placed.
pub async fn placed(c: &mut Conn, shop: &str, placed_at: i64, status: &str) -> Result<(), sqlx::Error> {
    let day = zone(c).await?.day_of(placed_at);
    db::add_status(c, shop, &day, status, 1).await
}

/// An order moved from one status to another.
pub async fn moved(
    c: &mut Conn,
    shop: &str,
    placed_at: i64,
    from: &str,
    to: &str,
) -> Result<(), sqlx::Error> {
    let day = zone(c).await?.day_of(placed_at);
    db::add_status(c, shop, &day, from, -1).await?;
    db::add_status(c, shop, &day, to, 1).await
}

/// The order became a sale at `at`.
pub async fn sold(c: &mut Tx, sale: &Sale<'_>, at: i64) -> Result<(), sqlx::Error> {
    let day = zone(c).await?.day_of(at);
    db::add_sale(c, sale.shop_id, &day, 1, &sale.money, sale.card).await?;
    add_lines(c, (sale.shop_id, &day), sale.order_id, &sale.lines, 1).await?;
    add_promo(c, sale, &day, 1).await?;
    let skin = customers::skin_type(c, sale.user_id).await?;
    for scope in ["", sale.shop_id] {
        db::first_sale(c, scope, sale.user_id, &day).await?;
        customers::bought(c, scope, sale.user_id, &day, sale.money.gross, &skin).await?;
    }
    c.notify(CHANNEL, sale.shop_id).await
}

/// A sold order was cancelled (call after its status changed): it leaves
/// the day it was sold on, and the customer's first sale is found again.
pub async fn unsold(c: &mut Tx, sale: &Sale<'_>, sold_at: i64) -> Result<(), sqlx::Error> {
    let zone = zone(c).await?;
    let day = zone.day_of(sold_at);
    db::add_sale(c, sale.shop_id, &day, -1, &sale.money, sale.card).await?;
    add_lines(c, (sale.shop_id, &day), sale.order_id, &sale.lines, -1).await?;
    add_promo(c, sale, &day, -1).await?;
    for scope in ["", sale.shop_id] {
        customers::unbought(c, scope, sale.user_id, &day, sale.money.gross).await?;
        let shop = (!scope.is_empty()).then_some(scope);
        let first = db::earliest_sale(c, sale.user_id, shop).await?.map(|ms| zone.day_of(ms));
        db::reset_first(c, scope, sale.user_id, first.as_deref()).await?;
    }
    c.notify(CHANNEL, sale.shop_id).await
}

/// Money paid back at `at` on an order sold at `sold_at`; `lines` are the
/// units refunded (taken off the day they were sold).
pub async fn refunded(
    c: &mut Tx,
    order_id: &str,
    shop: &str,
    amount: i64,
    lines: &[Units<'_>],
    sold_at: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    let zone = zone(c).await?;
    db::add_refund(c, shop, &zone.day_of(at), amount).await?;
    add_lines(c, (shop, &zone.day_of(sold_at)), order_id, lines, -1).await?;
    c.notify(CHANNEL, shop).await
}
