//! The sales view's breakdowns (`/admin/analytics/sales`, and a seller's
//! `/studio/analytics`): by category, by channel, and promo code use.

use leptos::prelude::*;

use super::chart::{ChartFigure, CsvLink};
use super::money;
use super::tables::{BODY, Empty, HEAD, TABLE};
use crate::analytics::{PromoUse, Share};

#[component]
pub fn Breakdowns(
    categories: Vec<Share>,
    channels: Vec<Share>,
    promos: Vec<PromoUse>,
    /// ECharts options: by category, by channel.
    options: (String, String),
    currency: String,
    /// The export link of a table.
    csv: Callback<&'static str, String>,
) -> impl IntoView {
    let cur = currency.clone();
    let m = move |v: i64| money(v, &cur);
    let category_summary = match categories.first() {
        Some(c) => format!("{} categories sold; {} led with {}.", categories.len(), c.name, m(c.revenue)),
        None => "Nothing sold in this period.".to_owned(),
    };
    let total: i64 = channels.iter().map(|c| c.revenue).sum();
    let channel_summary = channels
        .iter()
        .map(|c| format!("{}: {}%", c.name, if total > 0 { c.revenue * 100 / total } else { 0 }))
        .collect::<Vec<_>>()
        .join(", ");
    let (cur1, cur2, cur3) = (currency.clone(), currency.clone(), currency);
    view! {
        <div class="mt-4 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="By category" summary=category_summary option=options.0 tall=true download=csv.run("by_category")>
                <ShareTable rows=categories currency=cur1 label="Category" testid="by-category" />
            </ChartFigure>
            <ChartFigure title="By channel" summary=channel_summary option=options.1 tall=true download=csv.run("by_channel")>
                <ShareTable rows=channels currency=cur2 label="Channel" testid="by-channel" />
            </ChartFigure>
        </div>
        <section class="mt-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" aria-labelledby="promos-title">
            <div class="flex items-baseline justify-between gap-2">
                <h2 id="promos-title" class="text-base font-semibold">"Promo codes"</h2>
                <CsvLink href=csv.run("promo_codes") what="promo codes" />
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Sold orders that used a code: how often, what the discount gave away, and what those orders brought in."</p>
            <div class="mt-3 overflow-x-auto"><PromoTable rows=promos currency=cur3 /></div>
        </section>
    }
}

#[component]
fn ShareTable(
    rows: Vec<Share>,
    currency: String,
    label: &'static str,
    testid: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text="Nothing sold in this period." testid=testid /> }.into_any();
    }
    view! {
        <table class=TABLE data-testid=testid>
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">{label}</th><th scope="col" class="text-right">"Units"</th><th scope="col" class="text-right">"Revenue"</th></tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-normal">{s.name}</th>
                        <td class="text-right">{s.units}</td>
                        <td class="text-right">{money(s.revenue, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn PromoTable(rows: Vec<PromoUse>, currency: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text="No promo code was used in this period." testid="promo-codes" /> }
            .into_any();
    }
    view! {
        <table class=TABLE data-testid="promo-codes">
            <thead class=HEAD>
                <tr>
                    <th scope="col" class="py-1">"Code"</th>
                    <th scope="col" class="text-right">"Orders"</th>
                    <th scope="col" class="text-right">"Discount given"</th>
                    <th scope="col" class="text-right">"Order totals"</th>
                </tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-mono font-normal">{p.code}</th>
                        <td class="text-right">{p.orders}</td>
                        <td class="text-right">{money(p.discount, &currency)}</td>
                        <td class="text-right">{money(p.revenue, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
