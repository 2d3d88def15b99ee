//! Order mail: the confirmation to the shopper (every shop's order of a
//! checkout in one message) and "new order" to each shop.

use super::{Message, enqueue, html};
use crate::accounts::Viewer;
use crate::catalog::Money;
use crate::checkout::{Placed, Quote};
use crate::error::AppResult;
use crate::server::db::Tx;

/// "Order BZ-… · Dewdrop Botanics · 2 items · $31.90".
fn line_of(number: &str, shop: &crate::checkout::ShopQuote, currency: &str) -> String {
    let count: i64 = shop.lines.iter().map(|l| l.quantity).sum();
    let items = if count == 1 { "1 item".to_owned() } else { format!("{count} items") };
    format!("Order {number} · {} · {items} · {}", shop.shop_name, Money::new(shop.total, currency))
}

/// Queue the mail for a checkout just placed (its orders are in the
/// quote's shop order).
pub async fn placed(tx: &mut Tx, buyer: &Viewer, placed: &Placed, quote: &Quote) -> AppResult<()> {
    let Some(first) = placed.orders.first() else { return Ok(()) };
    let currency = placed.currency.as_str();
    let how = if placed.payment_method == "cash_on_delivery" {
        "You pay on delivery."
    } else {
        "We will write again when your payment is received."
    };
    let mut lines = vec![format!("Thank you, {}! Your order is in.", buyer.first_name())];
    lines.extend(placed.orders.iter().zip(&quote.shops).map(|(o, s)| line_of(&o.number, s, currency)));
    lines.push(format!("Total {}. {how}", Money::new(placed.total, currency)));
    let numbers: Vec<&str> = placed.orders.iter().map(|o| o.number.as_str()).collect();
    enqueue(
        tx,
        &Message {
            kind: "order_placed",
            to: &buyer.email,
            subject: format!(
                "Your Bazaar order {} ({})",
                numbers.join(", "),
                Money::new(placed.total, currency)
            ),
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: Some(&first.order_id),
            unsubscribe_url: None,
        },
    )
    .await?;
    for (o, shop) in placed.orders.iter().zip(&quote.shops) {
        if let Some((email, shop_name)) = crate::sellers::service::owner_contact(tx, &o.seller_id).await? {
            let lines = vec![
                format!("{shop_name} has a new order: {}.", o.number),
                line_of(&o.number, shop, currency),
                format!("Open it in your studio: {{site}}/studio/orders/{}", o.order_id),
            ];
            enqueue(
                tx,
                &Message {
                    kind: "new_order",
                    to: &email,
                    subject: format!("New order {} for {}", o.number, Money::new(o.total, currency)),
                    text: lines.join("\n\n"),
                    html: html(&lines),
                    order_id: Some(&o.order_id),
                    unsubscribe_url: None,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Tell the shopper their order moved, when the move is news to them
/// (paid, shipped with its tracking, delivered, cancelled, refunded).
pub async fn status_changed(tx: &mut Tx, order: &crate::orders::OrderSummary, note: &str) -> AppResult<()> {
    use crate::orders::OrderStatus;
    let (kind, subject) = match order.status() {
        OrderStatus::Shipped => ("order_shipped", format!("Your order {} is on its way", order.number)),
        OrderStatus::Delivered => ("order_delivered", format!("Your order {} was delivered", order.number)),
        OrderStatus::Cancelled => ("order_cancelled", format!("Your order {} is cancelled", order.number)),
        OrderStatus::Paid => (
            "order_paid",
            format!("Payment received for your order {} ({})", order.number, order.money(order.total_minor)),
        ),
        OrderStatus::Refunded | OrderStatus::PartiallyRefunded => (
            "order_refunded",
            format!("{} refunded on your order {}", order.money(order.refunded_minor), order.number),
        ),
        _ => return Ok(()),
    };
    let mut lines = vec![subject.clone() + "."];
    if let Some(tracking) = &order.tracking_number {
        lines.push(format!(
            "Carrier: {} · tracking number: {tracking}",
            order.carrier.as_deref().unwrap_or("—")
        ));
    }
    if !note.is_empty() && order.status() != OrderStatus::Shipped {
        lines.push(note.to_owned());
    }
    lines.push(format!("See it any time: {{site}}/orders/{}", order.id));
    enqueue(
        tx,
        &Message {
            kind,
            to: &order.customer_email,
            subject,
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: Some(&order.id),
            unsubscribe_url: None,
        },
    )
    .await
}
