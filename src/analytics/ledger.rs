//! Keeping the rollups true as orders change, inside the caller's
//! transaction: orders call these when an order is placed, moves, is sold,
//! is cancelled after it was sold, or is refunded. Each is a few upserts
//! (`INSERT … ON CONFLICT DO UPDATE`) on small keyed rows.

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

/// Units of a product and their line revenue (unit price × units).
pub struct Units<'a> {
    pub product_id: &'a str,
    pub units: i64,
    pub revenue: i64,
}

/// What `l`'s units cost the shop, from the order's unit costs (none: 0).
fn cost_of(costs: &[(String, i64)], l: &Units<'_>) -> i64 {
    costs.iter().find(|(p, _)| p == l.product_id).map_or(0, |(_, unit)| unit * l.units)
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
    let costs = db::unit_costs(c, sale.order_id).await?;
    for l in &sale.lines {
        let cost = cost_of(&costs, l);
        db::add_product(c, sale.shop_id, &day, l.product_id, l.units, l.revenue, cost).await?;
    }
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
    let costs = db::unit_costs(c, sale.order_id).await?;
    for l in &sale.lines {
        let cost = cost_of(&costs, l);
        db::add_product(c, sale.shop_id, &day, l.product_id, -l.units, -l.revenue, -cost).await?;
    }
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
    let sold_day = zone.day_of(sold_at);
    let costs = db::unit_costs(c, order_id).await?;
    for l in lines {
        let cost = cost_of(&costs, l);
        db::add_product(c, shop, &sold_day, l.product_id, -l.units, -l.revenue, -cost).await?;
    }
    c.notify(CHANNEL, shop).await
}
