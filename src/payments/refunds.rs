//! Refunds from the back office: a whole order or some of its lines. The
//! order's changes (refunded quantities and amount, stock back, status,
//! history, the shopper's mail) and the refund's row are one transaction;
//! a card refund is then sent to Stripe with the row's id as idempotency
//! key, and retried by the payment job until Stripe answers.

use super::db::{self, NewRefund, RefundRow};
use super::gateway::{Gateway, StripeFailure};
use super::{RefundLine, RefundView};
use crate::accounts::Viewer;
use crate::accounts::session::Device;
use crate::analytics::ledger::{self, Units};
use crate::audit::Entity;
use crate::audit::log::{Actor, Change};
use crate::error::{AppError, AppResult};
use crate::orders::{OrderLine, OrderStatus, OrderSummary};
use crate::server::db::{Conn, Db, Tx};
use crate::server::{new_id, now_ms};

/// What to refund: some lines, or (`None`) everything not yet refunded.
#[derive(Debug, Clone, Default)]
pub struct RefundRequest {
    pub lines: Option<Vec<RefundLine>>,
    pub reason: String,
}

/// The money for refunding `goods` (unit price × quantity) of an order:
/// the goods less their share of the discount, plus their share of the tax.
/// Shipping comes back only with the last line (see `refund`).
pub fn share_of(goods: i64, order: &OrderSummary) -> i64 {
    let ratio = |part: i64, of: i64, whole: i64| -> i64 {
        if whole <= 0 { 0 } else { ((part as i128 * of as i128 + whole as i128 / 2) / whole as i128) as i64 }
    };
    let discount = ratio(goods, order.discount_minor, order.subtotal_minor);
    let taxed = goods - discount;
    let tax = ratio(taxed, order.tax_minor, order.subtotal_minor - order.discount_minor);
    taxed + tax
}

fn refundable(order: &OrderSummary, payment_status: &str) -> AppResult<()> {
    use OrderStatus::*;
    let status = order.status();
    if super::refundable(&order.payment_method, payment_status, status) {
        return Ok(());
    }
    Err(AppError::Conflict(match (order.payment_method.as_str(), status) {
        ("cash_on_delivery", Processing | Shipped) => {
            "Cash on delivery is paid at the door: cancel the order instead, or refund it once delivered."
                .into()
        }
        (_, Refunded) => "This order is already refunded in full.".into(),
        _ => format!("An order that is {} cannot be refunded.", status.label().to_lowercase()),
    }))
}

/// Which lines and how many: as asked (checked), or all that is left.
fn picked(lines: &[OrderLine], asked: Option<&[RefundLine]>) -> AppResult<Vec<(OrderLine, i64)>> {
    let Some(asked) = asked else {
        return Ok(lines
            .iter()
            .filter(|l| l.quantity > l.refunded_quantity)
            .map(|l| (l.clone(), l.quantity - l.refunded_quantity))
            .collect());
    };
    let mut out: Vec<(OrderLine, i64)> = Vec::new();
    for a in asked.iter().filter(|a| a.quantity != 0) {
        let line = lines
            .iter()
            .find(|l| l.id == a.line_id)
            .ok_or_else(|| AppError::field("lines", "That line is not on this order."))?;
        if out.iter().any(|(l, _)| l.id == a.line_id) {
            return Err(AppError::field("lines", "Each line once, please."));
        }
        let left = line.quantity - line.refunded_quantity;
        if !(1..=left).contains(&a.quantity) {
            return Err(AppError::field("lines", format!("{}: refund 1 to {left}.", line.title)));
        }
        out.push((line.clone(), a.quantity));
    }
    Ok(out)
}

/// Refund an order (the orders area). Returns the order as it is now.
pub async fn refund(
    db_: &Db,
    gw: Option<&Gateway>,
    viewer: &Viewer,
    device: &Device,
    order_id: &str,
    req: &RefundRequest,
) -> AppResult<OrderSummary> {
    if !viewer.may(crate::accounts::areas::Area::Orders) {
        return Err(AppError::Forbidden);
    }
    let reason = req.reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "Use at most 500 characters."));
    }
    let (order, refund_id) = db_
        .write(async |tx| {
            record(tx, Actor::Person(viewer, device), order_id, req.lines.as_deref(), reason).await
        })
        .await?;
    if let (Some(gw), Some(id)) = (gw, refund_id)
        && let Some(row) = db::refund(&mut db_.conn().await?, &id).await?
    {
        send(db_, gw, &row).await?;
    }
    Ok(order)
}

/// The order's side of a refund; the card refund's id when Stripe must pay it.
async fn record(
    tx: &mut Tx,
    by: Actor<'_>,
    order_id: &str,
    asked: Option<&[RefundLine]>,
    reason: &str,
) -> AppResult<(OrderSummary, Option<String>)> {
    let missing = || AppError::NotFound("Order".into());
    let order = crate::orders::db::summary(tx, order_id).await?.ok_or_else(missing)?;
    let checkout = crate::checkout::db::by_id(tx, &order.checkout_id).await?.ok_or(AppError::Internal)?;
    refundable(&order, &checkout.payment_status)?;
    let lines = crate::orders::db::lines(tx, order_id).await?;
    let picked = picked(&lines, asked)?;
    if picked.is_empty() {
        return Err(AppError::field("lines", "Choose what to refund."));
    }
    let left_after: i64 = lines.iter().map(|l| l.quantity - l.refunded_quantity).sum::<i64>()
        - picked.iter().map(|(_, q)| q).sum::<i64>();
    let remaining = order.total_minor - order.refunded_minor;
    let goods: i64 = picked.iter().map(|(l, q)| l.unit_price_minor * q).sum();
    let amount = if left_after == 0 { remaining } else { share_of(goods, &order).min(remaining) };
    if amount <= 0 {
        return Err(AppError::Conflict("Nothing is left to refund on this order.".into()));
    }
    for (line, quantity) in &picked {
        if !db::refund_line(tx, &line.id, order_id, *quantity).await? {
            return Err(AppError::Conflict("The order changed meanwhile; reload and try again.".into()));
        }
    }
    if !db::add_refunded(tx, order_id, amount).await? {
        return Err(AppError::Conflict("The order changed meanwhile; reload and try again.".into()));
    }
    let now = now_ms();
    if let Some(sold_at) = order.sold_at {
        let units: Vec<Units> = picked
            .iter()
            .map(|(l, q)| Units {
                line_id: l.id.clone(),
                product_id: l.product_id.clone(),
                units: *q,
                revenue: l.unit_price_minor * q,
            })
            .collect();
        let change = ledger::refunded((order_id, &order.shop_id), amount, units, sold_at, now);
        ledger::record(tx, &[change]).await?;
    }
    let back: Vec<(String, String, i64)> =
        picked.iter().map(|(l, q)| (l.product_id.clone(), l.variant_id.clone(), *q)).collect();
    crate::catalog::buying::return_stock(tx, &back).await?;
    let items: Vec<String> = picked.iter().map(|(l, q)| format!("{q} × {}", l.title)).collect();
    let mut note = format!("Refunded {}: {}.", order.money(amount), items.join(", "));
    if !reason.is_empty() {
        note.push(' ');
        note.push_str(reason);
    }
    let to = if left_after == 0 { OrderStatus::Refunded } else { OrderStatus::PartiallyRefunded };
    crate::orders::service::transition(tx, by, &order, to, &note).await?;
    let change = Change {
        entity: Entity::Order,
        entity_id: order_id,
        action: "refunded",
        before: serde_json::json!({ "status": order.status, "refunded_minor": order.refunded_minor }),
        after: serde_json::json!({
            "status": to.as_str(),
            "refunded_minor": order.refunded_minor + amount,
            "items": items.join(", "),
            "reason": reason,
        }),
    };
    crate::audit::log::record(tx, by, change).await?;
    let card = order.payment_method == "card";
    let id = new_id();
    let (_, actor) = crate::orders::service::actor(by.viewer());
    let row = NewRefund {
        id: &id,
        checkout_id: &order.checkout_id,
        order_id: Some(order_id),
        amount,
        currency: &order.currency,
        method: &order.payment_method,
        status: if card { "pending" } else { "succeeded" },
        reason,
        actor: &actor,
        now,
    };
    db::insert_refund(tx, &row).await?;
    let moved = crate::orders::db::summary(tx, order_id).await?.ok_or(AppError::Internal)?;
    Ok((moved, card.then_some(id)))
}

/// Wait before trying a refund again: 30 s, 1 min, 2 min … up to an hour.
fn backoff_ms(attempts: i64) -> i64 {
    (30_000_i64 << attempts.clamp(0, 7)).min(3_600_000)
}

/// Send one pending card refund to Stripe (claimed, so two nodes never
/// both send it; Stripe's idempotency makes a resend harmless anyway).
pub async fn send(db_: &Db, gw: &Gateway, row: &RefundRow) -> AppResult<()> {
    let now = now_ms();
    if !db::claim_refund(&mut db_.conn().await?, &row.id, now, now + backoff_ms(row.attempts)).await? {
        return Ok(());
    }
    let checkout = crate::checkout::db::by_id(&mut db_.conn().await?, &row.checkout_id).await?;
    let Some(intent) = checkout.and_then(|c| c.payment_intent_id) else {
        db::refund_failed(&mut db_.conn().await?, &row.id, "No card payment to refund.", true, now).await?;
        return Ok(());
    };
    match gw.refund(&intent, row.amount_minor, &row.id).await {
        Ok(done) => {
            db_.write(async |tx| {
                db::refund_done(tx, &row.id, &done.id, now_ms()).await?;
                if row.order_id.is_none() {
                    crate::checkout::db::set_payment_status(
                        tx,
                        &row.checkout_id,
                        "cancelled",
                        "refunded",
                        now_ms(),
                    )
                    .await?;
                }
                Ok(())
            })
            .await
        }
        Err(StripeFailure::Refused(message)) => {
            db_.write(async |tx| {
                db::refund_failed(tx, &row.id, &message, true, now_ms()).await?;
                if let Some(order) =
                    crate::orders::db::summary(tx, row.order_id.as_deref().unwrap_or("")).await?
                {
                    let note =
                        format!("Stripe refused the refund of {}: {message}", order.money(row.amount_minor));
                    crate::orders::service::note(tx, &order, &note).await?;
                }
                Ok(())
            })
            .await
        }
        Err(StripeFailure::Unavailable(detail)) => {
            tracing::warn!(refund = %row.id, %detail, "refund not sent yet; will retry");
            db::refund_failed(
                &mut db_.conn().await?,
                &row.id,
                "Stripe did not answer; trying again.",
                false,
                now,
            )
            .await?;
            Ok(())
        }
    }
}

/// The refunds of an order, newest last, for its page.
pub async fn of_order(c: &mut Conn, order_id: &str) -> AppResult<Vec<RefundView>> {
    Ok(db::refunds_of(c, order_id)
        .await?
        .into_iter()
        .map(|r| RefundView {
            id: r.id,
            amount_minor: r.amount_minor,
            method: r.method,
            status: r.status,
            reason: r.reason,
            last_error: r.last_error,
            created_at: r.created_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(subtotal: i64, discount: i64, tax: i64, shipping: i64) -> OrderSummary {
        OrderSummary {
            id: "o".into(),
            number: "BZ-1".into(),
            checkout_id: "c".into(),
            user_id: "u".into(),
            shop_id: "s".into(),
            shop_name: "Shop".into(),
            customer_name: "Ada".into(),
            customer_email: "ada@example.com".into(),
            status: "paid".into(),
            payment_method: "card".into(),
            currency: "USD".into(),
            subtotal_minor: subtotal,
            shipping_minor: shipping,
            tax_minor: tax,
            discount_minor: discount,
            total_minor: subtotal - discount + tax + shipping,
            refunded_minor: 0,
            item_count: 2,
            carrier: None,
            tracking_number: None,
            created_at: 0,
            updated_at: 0,
            sold_at: Some(0),
        }
    }

    #[test]
    fn a_line_takes_its_share_of_discount_and_tax() {
        // $100 of goods, 10% off, 20% tax on $90, $5 shipping.
        let o = order(10_000, 1_000, 1_800, 500);
        assert_eq!(share_of(10_000, &o), 10_800, "everything but shipping");
        assert_eq!(share_of(2_500, &o), 2_700, "a quarter of the goods");
        assert_eq!(share_of(0, &o), 0);
        assert_eq!(share_of(4_000, &order(4_000, 0, 0, 0)), 4_000);
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff_ms(0), 30_000);
        assert_eq!(backoff_ms(1), 60_000);
        assert_eq!(backoff_ms(20), 3_600_000);
    }
}
