//! What an order's life means for the sales figures: each change is handed
//! to analytics' ledger in the same transaction (it queues it for the
//! rollups), so the dashboards never disagree with the orders.

use super::db;
use super::{OrderLine, OrderStatus, OrderSummary};
use crate::analytics::db::SaleMoney;
use crate::analytics::ledger::{self, Sale, Units};
use crate::checkout::ShopQuote;
use crate::server::db::Tx;

/// A new order: counted among the day's orders by status, and sold at once
/// when it needs no card payment (cash on delivery).
pub(super) async fn placed(
    tx: &mut Tx,
    order_id: &str,
    user_id: &str,
    shop: &ShopQuote,
    status: OrderStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    let placed = ledger::placed(&shop.shop_id, now, status.as_str());
    if status == OrderStatus::Pending {
        return ledger::record(tx, &[placed]).await;
    }
    let lines = db::lines(tx, order_id).await?;
    let sale = Sale {
        order_id: order_id.to_owned(),
        shop_id: shop.shop_id.clone(),
        user_id: user_id.to_owned(),
        card: false,
        money: SaleMoney {
            gross: shop.total,
            subtotal: shop.subtotal,
            discount: shop.discount,
            shipping: shop.shipping,
            tax: shop.tax,
        },
        lines: units(&lines),
    };
    ledger::record(tx, &[placed, ledger::sold(sale, now)]).await
}

/// An order moved (its status already written).
pub(super) async fn moved(
    tx: &mut Tx,
    order: &OrderSummary,
    to: OrderStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    let from = order.status();
    let moved = ledger::moved(&order.shop_id, order.created_at, from.as_str(), to.as_str());
    let follows = match (from, to, order.sold_at) {
        (OrderStatus::Pending, OrderStatus::Paid, None) => {
            db::mark_sold(tx, &order.id, now).await?;
            let lines = db::lines(tx, &order.id).await?;
            Some(ledger::sold(sale(order, &lines), now))
        }
        (_, OrderStatus::Cancelled, Some(sold_at)) => {
            let lines = db::lines(tx, &order.id).await?;
            Some(ledger::unsold(sale(order, &lines), sold_at))
        }
        _ => None,
    };
    ledger::record(tx, &[Some(moved), follows].into_iter().flatten().collect::<Vec<_>>()).await
}

/// An order's figures, its lines net of what was refunded.
fn sale(order: &OrderSummary, lines: &[OrderLine]) -> Sale {
    Sale {
        order_id: order.id.clone(),
        shop_id: order.shop_id.clone(),
        user_id: order.user_id.clone(),
        card: order.payment_method == "card",
        money: SaleMoney {
            gross: order.total_minor,
            subtotal: order.subtotal_minor,
            discount: order.discount_minor,
            shipping: order.shipping_minor,
            tax: order.tax_minor,
        },
        lines: units(lines),
    }
}

/// Each line's units kept (net of refunds) and their revenue.
fn units(lines: &[OrderLine]) -> Vec<Units> {
    lines
        .iter()
        .map(|l| {
            let units = l.quantity - l.refunded_quantity;
            Units {
                line_id: l.id.clone(),
                product_id: l.product_id.clone(),
                units,
                revenue: l.unit_price_minor * units,
            }
        })
        .collect()
}
