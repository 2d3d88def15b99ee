//! The inventory dashboard: `/admin/analytics/inventory` (every shop, or
//! one) and `/studio/analytics/inventory` (a seller's own shop).

use leptos::prelude::*;

use super::chart::{ChartFigure, CsvLink};
use super::money;
use super::shell::{dashboard, export_base};
use super::tables::{BODY, Empty, HEAD, TABLE, TopTable};
use crate::analytics::api::get_inventory_dashboard;
use crate::analytics::inventory::{InventoryDashboard, StockRow};

#[component]
pub fn InventoryFigures(admin: bool, #[prop(into)] intro: ViewFn) -> impl IntoView {
    dashboard(
        admin,
        intro,
        move |q, shop| get_inventory_dashboard(q, shop, admin),
        |_: &InventoryDashboard| None,
        move |d| view! { <Body d admin /> }.into_any(),
    )
}

/// A plain figure (stock has no "period before" to compare with).
#[component]
fn Stat(
    label: &'static str,
    value: String,
    #[prop(optional)] note: String,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" data-testid=testid>
            <dt class="text-sm text-stone-600 dark:text-stone-400">{label}</dt>
            <dd class="mt-1 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl" data-figure=testid>{value}</dd>
            <dd class="mt-1 text-xs text-stone-500 dark:text-stone-400">{note}</dd>
        </div>
    }
}

#[component]
fn Body(d: InventoryDashboard, admin: bool) -> impl IntoView {
    let InventoryDashboard { report: r, charts } = d;
    let t = r.totals.clone();
    let cur = r.currency.clone();
    let m = |v: i64| money(v, &cur);
    let cost_note = match t.without_cost {
        0 => "Every product has a cost.".to_owned(),
        1 => "1 product has no cost yet.".to_owned(),
        n => format!("{n} products have no cost yet."),
    };
    let best_summary = match r.best_sellers.first() {
        Some(p) => {
            format!("Best seller from {} to {}: {}, {} units.", r.period.start, r.period.end, p.name, p.units)
        }
        None => "Nothing sold in this period.".to_owned(),
    };
    let low_summary = match r.low_stock.first() {
        Some(p) => {
            format!("{} products low on stock; the lowest, {}, has {} left.", t.low_stock, p.title, p.stock)
        }
        None => "No product is low on stock.".to_owned(),
    };
    let (low, best, quiet) = (r.low_stock.clone(), r.best_sellers.clone(), r.no_sales.clone());
    let (cur1, cur2, cur3) = (r.currency.clone(), r.currency.clone(), r.currency.clone());
    let base = export_base("/api/v1/analytics/inventory/export", &r.period, r.shop.as_ref(), admin);
    let csv = move |table: &str| format!("{base}&table={table}");
    view! {
        <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="dashboard-period">
            {format!("Stock as it is now · best sellers {} to {} · low at {} units unless a product says otherwise", r.period.start, r.period.end, r.default_threshold)}
        </p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-5">
            <Stat label="Stock value at cost" value=m(t.value_at_cost) note=cost_note testid="value-at-cost" />
            <Stat label="Stock value at price" value=m(t.value_at_price) note=format!("{} units", t.units) testid="value-at-price" />
            <Stat label="Products" value=t.products.to_string() note="Drafts and live, not archived".to_owned() testid="products" />
            <Stat label="Low on stock" value=t.low_stock.to_string() note="Out of stock included".to_owned() testid="low-stock" />
            <Stat label="Out of stock" value=t.out_of_stock.to_string() testid="out-of-stock" />
        </dl>
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="Lowest on stock" summary=low_summary option=charts.cover tall=true download=csv("low_stock")>
                <StockTable rows=low currency=cur1 admin testid="low-stock-table" empty="No product is low on stock." />
            </ChartFigure>
            <ChartFigure title="Best sellers by units" summary=best_summary option=charts.best_sellers tall=true download=csv("best_sellers")>
                <TopTable rows=best currency=cur2 />
            </ChartFigure>
        </div>
        <section class="mt-6 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" aria-labelledby="quiet-title">
            <div class="flex items-baseline justify-between gap-2">
                <h2 id="quiet-title" class="text-base font-semibold">"No sale in 90 days"</h2>
                <CsvLink href=csv("no_sales") what="products with no sale" />
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"In stock and listed for over 90 days, yet not one sold: candidates for a promotion or a clearance. The most stock value first."</p>
            <div class="mt-3 overflow-x-auto">
                <StockTable rows=quiet currency=cur3 admin testid="no-sales-table" empty="Everything in stock has sold in the last 90 days." />
            </div>
        </section>
    }
}

#[component]
fn StockTable(
    rows: Vec<StockRow>,
    currency: String,
    admin: bool,
    testid: &'static str,
    empty: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text=empty testid /> }.into_any();
    }
    view! {
        <table class=TABLE data-testid=testid>
            <thead class=HEAD>
                <tr>
                    <th scope="col" class="py-1">"Product"</th>
                    {admin.then(|| view! { <th scope="col" class="hidden sm:table-cell">"Shop"</th> })}
                    <th scope="col" class="text-right">"In stock"</th>
                    <th scope="col" class="text-right">"Sold (30 days)"</th>
                    <th scope="col" class="text-right">"Days of cover"</th>
                    <th scope="col" class="hidden text-right sm:table-cell">"Value"</th>
                </tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|s| {
                    let cover = s.days_of_cover.map_or_else(|| "–".to_owned(), |d| d.to_string());
                    let tone = if s.stock == 0 { "text-rose-700 dark:text-rose-400 font-semibold" } else { "" };
                    view! {
                        <tr>
                            <th scope="row" class="py-1.5 pr-2 font-normal">{s.title}</th>
                            {admin.then(|| view! { <td class="hidden pr-2 sm:table-cell">{s.shop_name}</td> })}
                            <td class=format!("text-right {tone}")>{s.stock}<span class="sr-only">{format!(" (alert at {})", s.threshold)}</span></td>
                            <td class="text-right">{s.sold_30_days}</td>
                            <td class="text-right">{cover}</td>
                            <td class="hidden text-right sm:table-cell">{money(s.value_at_price, &currency)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
