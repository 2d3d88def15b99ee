//! Folding queued changes into the rollups, inside the applier's
//! transaction: each change is a few upserts (`INSERT … ON CONFLICT DO
//! UPDATE`) on small keyed rows, in the order the changes were made.

use std::collections::BTreeSet;

use super::db::breakdowns::{self, LineFact};
use super::db::{self, customers};
use super::ledger::{CHANNEL, Change, Sale, Units};
use super::zone::Zone;
use crate::server::db::{Conn, Tx};

/// Apply `changes` (oldest first) and tell open dashboards which shops moved.
pub async fn all(tx: &mut Tx, zone: &Zone, changes: &[Change]) -> Result<(), sqlx::Error> {
    let mut shops = BTreeSet::new();
    for change in changes {
        if let Some(shop) = one(tx, zone, change).await? {
            shops.insert(shop);
        }
    }
    for shop in shops {
        tx.notify(CHANNEL, shop).await?;
    }
    Ok(())
}

/// Apply one change; returns the shop whose sales figures it moved.
async fn one<'a>(c: &mut Conn, zone: &Zone, change: &'a Change) -> Result<Option<&'a str>, sqlx::Error> {
    match change {
        Change::Placed { shop, placed_at, status } => {
            db::add_status(c, shop, &zone.day_of(*placed_at), status, 1).await?;
            Ok(None)
        }
        Change::Moved { shop, placed_at, from, to } => {
            let day = zone.day_of(*placed_at);
            db::add_status(c, shop, &day, from, -1).await?;
            db::add_status(c, shop, &day, to, 1).await?;
            Ok(None)
        }
        Change::Sold { sale, at } => sold(c, zone, sale, *at).await.map(|()| Some(sale.shop_id.as_str())),
        Change::Unsold { sale, sold_at } => {
            unsold(c, zone, sale, *sold_at).await.map(|()| Some(sale.shop_id.as_str()))
        }
        Change::Refunded { order_id, shop, amount, lines, sold_at, at } => {
            db::add_refund(c, shop, &zone.day_of(*at), *amount).await?;
            add_lines(c, (shop, &zone.day_of(*sold_at)), order_id, lines, -1).await?;
            Ok(Some(shop.as_str()))
        }
    }
}

/// Lines' units into (`sign` 1) or out of (-1) the day's product,
/// category and channel rows, each line's category, channel and unit cost
/// read from the order.
async fn add_lines(
    c: &mut Conn,
    (shop, day): (&str, &str),
    order_id: &str,
    lines: &[Units],
    sign: i64,
) -> Result<(), sqlx::Error> {
    let facts = breakdowns::line_facts(c, order_id).await?;
    for l in lines {
        let fact = facts.iter().find(|f| f.id == l.line_id);
        let (units, revenue) = (sign * l.units, sign * l.revenue);
        let cost = fact.map_or(0, |f: &LineFact| f.unit_cost) * units;
        db::add_product(c, shop, day, &l.product_id, units, revenue, cost).await?;
        let category = fact.map_or("", |f| f.category_id.as_str());
        breakdowns::add_category(c, (shop, day, category), units, revenue, cost).await?;
        let channel = fact.map_or("storefront", |f| f.channel.as_str());
        breakdowns::add_channel(c, (shop, day, channel), units, revenue).await?;
    }
    Ok(())
}

/// The order's promo code use into (1) or out of (-1) the day's rows.
async fn add_promo(c: &mut Conn, sale: &Sale, day: &str, sign: i64) -> Result<(), sqlx::Error> {
    if let Some(code) = breakdowns::promo_of(c, &sale.order_id).await? {
        let key = (sale.shop_id.as_str(), day, code.as_str());
        breakdowns::add_promo(c, key, sign, sale.money.discount, sale.money.gross).await?;
    }
    Ok(())
}

async fn sold(c: &mut Conn, zone: &Zone, sale: &Sale, at: i64) -> Result<(), sqlx::Error> {
    let day = zone.day_of(at);
    db::add_sale(c, &sale.shop_id, &day, 1, &sale.money, sale.card).await?;
    add_lines(c, (&sale.shop_id, &day), &sale.order_id, &sale.lines, 1).await?;
    add_promo(c, sale, &day, 1).await?;
    let skin = customers::skin_type(c, &sale.user_id).await?;
    for scope in ["", sale.shop_id.as_str()] {
        db::first_sale(c, scope, &sale.user_id, &day).await?;
        customers::bought(c, scope, &sale.user_id, &day, sale.money.gross, &skin).await?;
    }
    Ok(())
}

/// The order leaves the day it was sold on, and the customer's first sale
/// is found again.
async fn unsold(c: &mut Conn, zone: &Zone, sale: &Sale, sold_at: i64) -> Result<(), sqlx::Error> {
    let day = zone.day_of(sold_at);
    db::add_sale(c, &sale.shop_id, &day, -1, &sale.money, sale.card).await?;
    add_lines(c, (&sale.shop_id, &day), &sale.order_id, &sale.lines, -1).await?;
    add_promo(c, sale, &day, -1).await?;
    for scope in ["", sale.shop_id.as_str()] {
        customers::unbought(c, scope, &sale.user_id, &day, sale.money.gross).await?;
        let shop = (!scope.is_empty()).then_some(scope);
        let first = db::earliest_sale(c, &sale.user_id, shop).await?.map(|ms| zone.day_of(ms));
        db::reset_first(c, scope, &sale.user_id, first.as_deref()).await?;
    }
    Ok(())
}
