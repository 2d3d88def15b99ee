use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::when;
use crate::accounts::ui::Refused;
use crate::components::FOCUS;
use crate::components::form::{FormError, Notice, action_error};
use crate::orders::OrderDetail;
use crate::orders::api::{CancelOrder, get_order};

/// `/orders/{id}`: the order's state, lines, totals, address and history.
#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <OrderView desk=None /> }
}

/// The same order seen from the shop's studio or the back office: the
/// buyer's cancel button gives way to the moves the desk may make.
#[component]
pub fn OrderDeskPage(list: &'static str) -> impl IntoView {
    view! { <OrderView desk=Some(list) /> }
}

#[component]
fn OrderView(desk: Option<&'static str>) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let cancel = ServerAction::<CancelOrder>::new();
    let order = Resource::new(move || params.read().get("id").unwrap_or_default(), get_order);
    let notice = Signal::derive(move || {
        let q = query.read();
        q.get("cancelled")
            .map(|_| "Your order is cancelled.".to_owned())
            .or_else(|| q.get("updated").map(|_| "The order is updated.".to_owned()))
    });
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading the order…"</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(d) => view! { <Notice text=notice /><Detail d cancel desk /> }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(d: OrderDetail, cancel: ServerAction<CancelOrder>, desk: Option<&'static str>) -> impl IntoView {
    let o = d.order.clone();
    let status = o.status();
    let error = action_error(cancel);
    let s = d.ship_to.clone();
    let paid = match d.payment_status.as_str() {
        "due_on_delivery" => "Cash on delivery — pay when it arrives",
        "paid" => "Paid by card",
        "pending" => "Card payment",
        "refunded" => "Refunded",
        _ => "Cancelled",
    };
    let row = |label: &'static str, minor: i64| {
        view! { <div class="flex justify-between"><dt>{label}</dt><dd class="tabular-nums">{o.money(minor).to_string()}</dd></div> }
    };
    view! {
        <Title text=format!("Order {}", o.number) />
        <div class="pt-8">
            <a href=desk.unwrap_or("/orders") class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Orders"</a>
            <div class="mt-2 flex flex-wrap items-center gap-3">
                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{format!("Order {}", o.number)}</h1>
                <super::LiveOrderStatus order_id=o.id.clone() status=o.status.clone()
                    tracking=o.tracking_number.clone().map(|t| format!("{} {t}", o.carrier.clone().unwrap_or_default()).trim().to_owned()) />
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                {match desk {
                    Some(_) => format!("{} · for {} · placed {}", o.shop_name, o.customer_name, when(o.created_at)),
                    None => format!("From {} · placed {}", o.shop_name, when(o.created_at)),
                }}
            </p>
            <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_20rem] lg:items-start">
                <div class="space-y-6">
                    {d.card.clone().map(|form| view! { <crate::payments::ui::CardPanel form order_id=o.id.clone() /> })}
                    <ul role="list" class="divide-y divide-stone-200 rounded-2xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800" aria-label="Items">
                        {d.lines.iter().map(|l| view! {
                            <li class="flex justify-between gap-3 p-4 text-sm">
                                <span class="min-w-0">
                                    <span class="block font-medium">{l.title.clone()}</span>
                                    <span class="block text-xs text-stone-500 dark:text-stone-400">
                                        {format!("{}SKU {} · {} × {}", if l.variant_title == "Default" { String::new() } else { format!("{} · ", l.variant_title) }, l.sku, l.quantity, o.money(l.unit_price_minor))}
                                    </span>
                                </span>
                                <span class="tabular-nums">{o.money(l.line_total_minor).to_string()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <section aria-labelledby="history-heading">
                        <h2 id="history-heading" class="text-lg font-semibold">"History"</h2>
                        <ol class="mt-3 space-y-3 border-l-2 border-stone-200 pl-4 dark:border-stone-800" data-testid="timeline">
                            {d.events.iter().rev().map(|e| view! {
                                <li>
                                    <p class="text-sm font-medium">{crate::orders::OrderStatus::parse(&e.status).map_or(e.status.clone(), |s| s.label().to_owned())}</p>
                                    <p class="text-xs text-stone-600 dark:text-stone-400">{format!("{} · {}", when(e.created_at), e.actor)}</p>
                                    {(!e.note.is_empty()).then(|| view! { <p class="text-sm text-stone-700 dark:text-stone-300">{e.note.clone()}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    </section>
                </div>
                <aside class="space-y-4">
                    <dl class="space-y-1 rounded-2xl border border-stone-200 p-5 text-sm dark:border-stone-800">
                        {row("Subtotal", o.subtotal_minor)}
                        {row("Shipping", o.shipping_minor)}
                        {(o.discount_minor > 0).then(|| view! { <div class="flex justify-between text-emerald-700 dark:text-emerald-400"><dt>"Discount"</dt><dd class="tabular-nums">{format!("−{}", o.money(o.discount_minor))}</dd></div> })}
                        {row("Tax", o.tax_minor)}
                        <div class="flex justify-between border-t border-stone-200 pt-2 font-semibold dark:border-stone-800"><dt>"Total"</dt><dd class="tabular-nums">{o.money(o.total_minor).to_string()}</dd></div>
                        <p class="pt-2 text-xs text-stone-600 dark:text-stone-400">{paid}</p>
                    </dl>
                    <div class="rounded-2xl border border-stone-200 p-5 text-sm dark:border-stone-800">
                        <h2 class="font-semibold">"Deliver to"</h2>
                        <p class="mt-1">{s.ship_name}</p>
                        <p>{s.ship_line1}</p>
                        {(!s.ship_line2.is_empty()).then(|| view! { <p>{s.ship_line2.clone()}</p> })}
                        <p>{format!("{} {} {}", s.ship_postal_code, s.ship_city, s.ship_region)}</p>
                        <p>{s.ship_country}</p>
                    </div>
                    <crate::payments::ui::RefundList refunds=d.refunds.clone() currency=o.currency.clone() />
                    {desk.map(|list| view! { <super::desk::Actions order=o.clone() back=format!("{list}/{}", o.id) /> })}
                    {(desk == Some("/admin/orders") && crate::payments::ui::refundable(&d)).then(|| view! {
                        <crate::payments::ui::RefundForm d=d.clone() back=format!("/admin/orders/{}", o.id) />
                    })}
                    {(desk.is_none() && status.cancellable()).then(|| view! {
                        <ActionForm action=cancel>
                            <FormError error />
                            <input type="hidden" name="id" value=o.id.clone() />
                            <button type="submit" class=format!("w-full rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:border-rose-600 hover:text-rose-700 dark:border-stone-700 {FOCUS}")>"Cancel this order"</button>
                        </ActionForm>
                    })}
                </aside>
            </div>
        </div>
    }
}
