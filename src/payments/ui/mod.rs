//! The card form (an island) and the back office's refund form and list.

mod card;

pub use card::CardPanel;

use leptos::prelude::*;

use super::RefundView;
use super::api::RefundOrder;
use crate::components::FOCUS;
use crate::components::form::{FormError, INPUT, action_error};
use crate::orders::OrderDetail;

/// Whether the back office may refund this order now (the server checks again).
pub fn refundable(d: &OrderDetail) -> bool {
    super::refundable(&d.order.payment_method, &d.payment_status, d.order.status())
}

/// Refund some lines (a quantity per line) or the whole order.
#[component]
pub fn RefundForm(d: OrderDetail, back: String) -> impl IntoView {
    let refund = ServerAction::<RefundOrder>::new();
    let error = action_error(refund);
    let o = d.order.clone();
    let remaining = o.money(o.total_minor - o.refunded_minor);
    let lines_msg = move || error.get().and_then(|e| e.field_message("lines"));
    let card = o.payment_method == "card";
    let rows = d
        .lines
        .iter()
        .filter(|l| l.quantity > l.refunded_quantity)
        .enumerate()
        .map(|(i, l)| {
            let left = l.quantity - l.refunded_quantity;
            let input_id = format!("refund-q-{i}");
            view! {
                <div class="flex items-center justify-between gap-3">
                    <label for=input_id.clone() class="min-w-0 text-sm">
                        <span class="block truncate font-medium">{l.title.clone()}</span>
                        <span class="block text-xs text-stone-600 dark:text-stone-400">{format!("up to {left} × {}", o.money(l.unit_price_minor))}</span>
                    </label>
                    <input type="hidden" name=format!("lines[{i}][line_id]") value=l.id.clone() />
                    <input id=input_id type="number" inputmode="numeric" min="0" max=left.to_string() value="0"
                        name=format!("lines[{i}][quantity]") class=format!("{INPUT} w-20 text-right") />
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="space-y-3 rounded-2xl border border-stone-200 p-5 dark:border-stone-800" aria-labelledby="refund-heading">
            <h2 id="refund-heading" class="font-semibold">"Refund"</h2>
            <p class="text-xs text-stone-600 dark:text-stone-400">
                {if card { "Paid back to the card through Stripe; the stock goes back on sale." } else { "Record cash handed back; the stock goes back on sale." }}
            </p>
            <ActionForm action=refund attr:class="space-y-3">
                <FormError error />
                <input type="hidden" name="id" value=o.id.clone() />
                <input type="hidden" name="back" value=back />
                {rows}
                <p class="text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{lines_msg}</p>
                <div>
                    <label for="refund-reason" class="block text-sm font-medium">"Reason (shown to the customer)"</label>
                    <input id="refund-reason" name="reason" maxlength="500" placeholder="Arrived damaged" class=INPUT />
                </div>
                <button type="submit" class=format!("w-full rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                    "Refund the quantities above"
                </button>
                <button type="submit" name="whole" value="1" data-testid="refund-whole"
                    class=format!("w-full rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-stone-300 {FOCUS}")>
                    {format!("Refund everything left ({remaining})")}
                </button>
            </ActionForm>
        </section>
    }
}

/// The order's refunds and where each one is.
#[component]
pub fn RefundList(refunds: Vec<RefundView>, currency: String) -> impl IntoView {
    (!refunds.is_empty()).then(|| {
        let items = refunds
            .into_iter()
            .map(|r| {
                let state = match r.status.as_str() {
                    "succeeded" if r.method == "card" => "back on the card".to_owned(),
                    "succeeded" => "handed back".to_owned(),
                    "pending" => "on its way to Stripe".to_owned(),
                    _ => format!("failed: {}", r.last_error.clone().unwrap_or_default()),
                };
                view! {
                    <li class="flex justify-between gap-3">
                        <span>{format!("{} · {}", crate::dates::when(r.created_at), state)}</span>
                        <span class="tabular-nums">{crate::catalog::Money::new(r.amount_minor, &currency).to_string()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="rounded-2xl border border-stone-200 p-5 text-sm dark:border-stone-800" data-testid="refunds">
                <h2 class="font-semibold">"Refunds"</h2>
                <ul role="list" class="mt-2 space-y-1">{items}</ul>
            </div>
        }
    })
}
