//! Order mail: the confirmation to the shopper (every shop's order of a
//! checkout in one message) and "new order" to each shop.

use super::{Message, enqueue, html_escape};
use crate::accounts::Viewer;
use crate::catalog::Money;
use crate::error::AppResult;
use crate::orders::OrderSummary;
use crate::server::db::Tx;

fn money(o: &OrderSummary, minor: i64) -> String {
    Money::new(minor, &o.currency).to_string()
}

/// "Order BZ-… · Dewdrop Botanics · 2 items · $31.90".
fn line_of(o: &OrderSummary) -> String {
    let items = if o.item_count == 1 { "1 item".to_owned() } else { format!("{} items", o.item_count) };
    format!("Order {} · {} · {items} · {}", o.number, o.shop_name, money(o, o.total_minor))
}

fn html(paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>", html_escape(p))).collect();
    format!("<!doctype html><html><body style=\"font-family:sans-serif;color:#1c1917\">{body}</body></html>")
}

/// Queue the mail for a checkout just placed.
pub async fn placed(tx: &mut Tx, buyer: &Viewer, checkout_id: &str) -> AppResult<()> {
    let orders = crate::orders::service::of_checkout(tx, checkout_id).await?;
    let Some(first) = orders.first() else { return Ok(()) };
    let total: i64 = orders.iter().map(|o| o.total_minor).sum();
    let how = if first.payment_method == "cash_on_delivery" {
        "You pay on delivery."
    } else {
        "We will write again when your payment is received."
    };
    let mut lines = vec![format!("Thank you, {}! Your order is in.", buyer.first_name())];
    lines.extend(orders.iter().map(line_of));
    lines.push(format!("Total {}. {how}", money(first, total)));
    let numbers: Vec<&str> = orders.iter().map(|o| o.number.as_str()).collect();
    enqueue(
        tx,
        &Message {
            kind: "order_placed",
            to: &buyer.email,
            subject: format!("Your Bazaar order {}", numbers.join(", ")),
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: Some(&first.id),
        },
    )
    .await?;
    for o in &orders {
        if let Some((email, shop)) = crate::sellers::service::owner_contact(tx, &o.shop_id).await? {
            let lines = vec![
                format!("{shop} has a new order: {}.", o.number),
                line_of(o),
                format!("Open it in your studio: /studio/orders/{}", o.id),
            ];
            enqueue(
                tx,
                &Message {
                    kind: "new_order",
                    to: &email,
                    subject: format!("New order {} for {}", o.number, money(o, o.total_minor)),
                    text: lines.join("\n\n"),
                    html: html(&lines),
                    order_id: Some(&o.id),
                },
            )
            .await?;
        }
    }
    Ok(())
}
