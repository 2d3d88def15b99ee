//! The finance report: the period's ledger month by month, by category
//! and product, and each shop's payout. Who may read it: administrators,
//! staff given the finance area, a seller their own shop.

use std::collections::HashMap;

use super::{Resolved, buckets, previous};
use crate::accounts::{Role, Viewer};
use crate::analytics::db::finance::{self as db, Line, Sums};
use crate::analytics::finance::{Breakdown, FinanceReport, Ledger, MonthLedger, Payout, Rates};
use crate::analytics::zone::Spans;
use crate::analytics::{Period, ShopRef, ledger};
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;
use jiff::civil::Date;

/// Products listed at most.
pub const PRODUCTS: i64 = 20;

/// Staff read the finance figures only with the finance area.
pub fn may_read(viewer: &Viewer) -> AppResult<()> {
    match viewer.role {
        Role::Staff if !viewer.may(crate::accounts::areas::Area::Finance) => Err(AppError::Forbidden),
        _ => Ok(()),
    }
}

/// A ledger from `sales_days` sums and the goods' cost.
fn ledger_of(s: &Sums, cost_of_goods: i64, rates: Rates) -> Ledger {
    let revenue = s.gross - s.refunds - s.tax;
    let payment_fees = rates.fees(s.card_orders, s.card_gross);
    let expenses = payment_fees + cost_of_goods;
    Ledger {
        orders: s.orders,
        gross_sales: s.subtotal,
        discounts: s.discount,
        shipping: s.shipping,
        tax: s.tax,
        refunds: s.refunds,
        payment_fees,
        cost_of_goods,
        revenue,
        expenses,
        profit: revenue - expenses,
        commission: rates.commission(revenue),
    }
}

fn add(a: &mut Sums, b: &Sums) {
    a.orders += b.orders;
    a.gross += b.gross;
    a.subtotal += b.subtotal;
    a.discount += b.discount;
    a.shipping += b.shipping;
    a.tax += b.tax;
    a.refunds += b.refunds;
    a.card_orders += b.card_orders;
    a.card_gross += b.card_gross;
}

fn breakdown(l: Line) -> Breakdown {
    Breakdown {
        profit: l.revenue - l.cost,
        id: l.id,
        name: l.name,
        units: l.units,
        revenue: l.revenue,
        cost: l.cost,
    }
}

/// The finance report of `r` (every month it touches) for `shop`.
pub async fn report(
    c: &mut Conn,
    r: &Resolved,
    shop: Option<ShopRef>,
    currency: &str,
    rates: Rates,
) -> AppResult<FinanceReport> {
    let zone = ledger::zone(c).await?;
    let id = shop.as_ref().map(|s| s.id.clone());
    let id = id.as_deref();
    let (a, b) = (r.first.to_string(), r.last.to_string());
    let sums: HashMap<String, Sums> =
        db::months(c, id, &a, &b).await?.into_iter().map(|s| (s.key.clone(), s)).collect();
    let days = Spans::of(r.first, r.last);
    let costs: HashMap<String, i64> = db::month_costs(c, id, &days).await?.into_iter().collect();
    let mut all = Sums::default();
    let months = buckets(r.first, r.last, "month")
        .into_iter()
        .map(|(month, _, _)| {
            let s = sums.get(&month).cloned().unwrap_or_default();
            add(&mut all, &s);
            let ledger = ledger_of(&s, costs.get(&month).copied().unwrap_or(0), rates);
            MonthLedger { month, ledger }
        })
        .collect();
    let totals = ledger_of(&all, costs.values().sum(), rates);
    let before = previous(r.first, r.last);
    let previous = sum_of(c, id, before, rates).await?;
    let mut products = db::products(c, id, &days, PRODUCTS).await?;
    let ids: Vec<String> = products.iter().map(|p| p.id.clone()).collect();
    let cards = crate::catalog::service::cards_in_order(c, &ids).await?;
    for p in &mut products {
        p.name =
            cards.iter().find(|c| c.id == p.id).map_or_else(|| "Removed product".into(), |c| c.title.clone());
    }
    let payouts = if shop.is_none() { payouts(c, &a, &b, rates).await? } else { Vec::new() };
    Ok(FinanceReport {
        currency: currency.to_owned(),
        time_zone: zone.name().to_owned(),
        range: r.range.clone(),
        group: "month".into(),
        categories: db::categories(c, id, &days).await?.into_iter().map(breakdown).collect(),
        products: products.into_iter().map(breakdown).collect(),
        period: Period { start: a, end: b },
        previous_period: Period { start: before.0.to_string(), end: before.1.to_string() },
        totals,
        previous,
        months,
        payouts,
        commission_bps: rates.commission_bps,
        card_fee_bps: rates.card_fee_bps,
        card_fee_fixed: rates.card_fee_fixed,
        shop,
    })
}

/// One ledger for the days `first..=last`.
async fn sum_of(
    c: &mut Conn,
    shop: Option<&str>,
    (first, last): (Date, Date),
    rates: Rates,
) -> AppResult<Ledger> {
    let mut all = Sums::default();
    for s in db::months(c, shop, &first.to_string(), &last.to_string()).await? {
        add(&mut all, &s);
    }
    let cost = db::month_costs(c, shop, &Spans::of(first, last)).await?.into_iter().map(|(_, c)| c).sum();
    Ok(ledger_of(&all, cost, rates))
}

/// What each shop is owed: its revenue less commission and card fees.
async fn payouts(c: &mut Conn, first: &str, last: &str, rates: Rates) -> AppResult<Vec<Payout>> {
    let rows = db::shops(c, first, last).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let names = crate::sellers::service::names(c, &ids).await?;
    let mut out: Vec<Payout> = rows
        .into_iter()
        .map(|s| {
            let l = ledger_of(&s, 0, rates);
            Payout {
                name: names.get(&s.key).cloned().unwrap_or_else(|| "Removed shop".into()),
                seller_id: s.key,
                revenue: l.revenue,
                commission: l.commission,
                payment_fees: l.payment_fees,
                owed: l.revenue - l.commission - l.payment_fees,
            }
        })
        .collect();
    out.sort_by(|a, b| b.owed.cmp(&a.owed).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}
