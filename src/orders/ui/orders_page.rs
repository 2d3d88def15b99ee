use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{StatusBadge, when};
use crate::accounts::ui::Refused;
use crate::components::FOCUS;
use crate::components::form::Notice;
use crate::orders::api::get_my_orders;

/// `/orders`: the shopper's orders, newest first; after placing, the new
/// checkout's orders are greeted at the top.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1);
    let orders = Resource::new(page, get_my_orders);
    let placed = move || query.read().get("placed");
    let thanks = Signal::derive(move || {
        placed().map(|_| "Thank you — your order is placed. We have sent you a confirmation.".to_owned())
    });
    view! {
        <Title text="Your orders" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Your orders"</h1>
            <div class="mt-4"><Notice text=thanks /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading your orders…"</p> }>
                {move || Suspend::new(async move {
                    let new_checkout = placed();
                    match orders.await {
                        Ok(list) if list.is_empty() => view! {
                            <div class="mt-6 rounded-2xl border border-dashed border-stone-300 p-12 text-center dark:border-stone-700">
                                <p class="font-medium">"No orders yet."</p>
                                <a href="/products" class="mt-4 inline-block text-sm font-medium text-rose-700 underline dark:text-rose-300">"Start shopping"</a>
                            </div>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul role="list" class="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
                                {list.into_iter().map(|o| {
                                    let fresh = new_checkout.as_deref() == Some(o.checkout_id.as_str());
                                    view! {
                                        <li class=if fresh { "bg-emerald-50/60 dark:bg-emerald-950/30" } else { "" } data-testid="order-row">
                                            <a href=format!("/orders/{}", o.id) class=format!("flex flex-wrap items-center justify-between gap-3 p-4 hover:bg-stone-50 dark:hover:bg-stone-900 sm:p-5 {FOCUS}")>
                                                <span class="min-w-0">
                                                    <span class="block font-medium">{format!("Order {}", o.number)}</span>
                                                    <span class="block text-sm text-stone-600 dark:text-stone-400">
                                                        {format!("{} · {} · {}", o.shop_name, if o.item_count == 1 { "1 item".to_owned() } else { format!("{} items", o.item_count) }, when(o.created_at))}
                                                    </span>
                                                </span>
                                                <span class="flex items-center gap-3">
                                                    <StatusBadge status=o.status() />
                                                    <span class="font-semibold tabular-nums">{o.money(o.total_minor).to_string()}</span>
                                                </span>
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
