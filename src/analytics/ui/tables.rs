//! The data behind each chart, as tables.

use leptos::prelude::*;

use super::money;
use crate::analytics::{Point, ShopSales, TopProduct};
use crate::orders::OrderStatus;

pub(super) const TABLE: &str = "w-full text-left text-sm tabular-nums";
pub(super) const HEAD: &str = "text-xs uppercase tracking-wide text-stone-600 dark:text-stone-400";
pub(super) const BODY: &str = "divide-y divide-stone-100 dark:divide-stone-800";

#[component]
pub fn SeriesTable(
    series: Vec<Point>,
    previous: Vec<Point>,
    currency: String,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <table class=TABLE data-testid=testid>
            <thead class=HEAD>
                <tr>
                    <th scope="col" class="py-1">"Period"</th>
                    <th scope="col" class="text-right">"Revenue"</th>
                    <th scope="col" class="text-right">"Orders"</th>
                    <th scope="col" class="hidden text-right sm:table-cell">"Revenue before"</th>
                </tr>
            </thead>
            <tbody class=BODY>
                {series.into_iter().enumerate().map(|(i, p)| {
                    let before = previous.get(i).map(|b| money(b.revenue, &currency)).unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row" class="py-1.5 font-normal">{p.period}</th>
                            <td class="text-right">{money(p.revenue, &currency)}</td>
                            <td class="text-right">{p.orders}</td>
                            <td class="hidden text-right text-stone-500 sm:table-cell dark:text-stone-400">{before}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn TopTable(rows: Vec<TopProduct>, currency: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text="Nothing sold in this period." /> }.into_any();
    }
    view! {
        <table class=TABLE data-testid="top-products">
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">"Product"</th><th scope="col" class="text-right">"Units"</th><th scope="col" class="text-right">"Revenue"</th></tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|t| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-normal">{t.name}</th>
                        <td class="text-right">{t.units}</td>
                        <td class="text-right">{money(t.revenue, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn StatusTable(rows: Vec<(String, i64)>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text="No orders placed in this period." /> }.into_any();
    }
    view! {
        <table class=TABLE data-testid="orders-by-status">
            <thead class=HEAD><tr><th scope="col" class="py-1">"Status"</th><th scope="col" class="text-right">"Orders"</th></tr></thead>
            <tbody class=BODY>
                {rows.into_iter().map(|(s, n)| {
                    let label = OrderStatus::parse(&s).map_or(s.clone(), |s| s.label().to_owned());
                    view! { <tr><th scope="row" class="py-1.5 font-normal">{label}</th><td class="text-right">{n}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn ShopTable(rows: Vec<ShopSales>, currency: String) -> impl IntoView {
    view! {
        <table class=TABLE data-testid="by-shop">
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">"Shop"</th><th scope="col" class="text-right">"Orders"</th><th scope="col" class="text-right">"Revenue"</th></tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-normal">{s.name}</th>
                        <td class="text-right">{s.orders}</td>
                        <td class="text-right">{money(s.revenue, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// What a table says when it has no rows.
#[component]
pub fn Empty(text: &'static str, #[prop(optional)] testid: &'static str) -> impl IntoView {
    view! { <p class="py-4 text-sm text-stone-500 dark:text-stone-400" data-testid=(!testid.is_empty()).then_some(testid)>{text}</p> }
}
