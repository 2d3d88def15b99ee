//! The customers dashboard: `/admin/analytics/customers` (every shop, or
//! one) and `/studio/analytics/customers` (a seller's own shop).

use leptos::prelude::*;

use super::chart::{ChartFigure, CsvLink};
use super::figures::Figure;
use super::money;
use super::shell::{dashboard, export_base, live_url};
use super::tables::{BODY, Empty, HEAD, TABLE};
use crate::analytics::api::get_customers_dashboard;
use crate::analytics::customers::{Cohort, CustomerPoint, CustomersDashboard, Segment, percent, skin_label};

#[component]
pub fn CustomerFigures(admin: bool, #[prop(into)] intro: ViewFn) -> impl IntoView {
    dashboard(
        admin,
        intro,
        move |q, shop| get_customers_dashboard(q, shop, admin),
        move |d: &CustomersDashboard| Some(live_url(d.report.shop.as_ref().map(|s| s.id.as_str()), admin)),
        move |d| view! { <Body d admin /> }.into_any(),
    )
}

/// A rate in tenths of a percent, for the figure cards' change.
fn permille(rate: Option<f64>) -> i64 {
    rate.map_or(0, |r| (r * 1000.0).round() as i64)
}

#[component]
fn Body(d: CustomersDashboard, admin: bool) -> impl IntoView {
    let CustomersDashboard { report: r, charts } = d;
    let (t, b) = (r.totals.clone(), r.previous.clone());
    let cur = r.currency.clone();
    let m = move |v: i64| money(v, &cur);
    let scope = r.shop.as_ref().map_or_else(|| "every shop".to_owned(), |s| s.name.clone());
    let series_summary = format!(
        "Customers of {scope} from {} to {}: {} new and {} returning.",
        r.period.start, r.period.end, t.new_customers, t.returning_customers
    );
    let segment_summary = r
        .segments
        .iter()
        .map(|s| format!("{}: {}", skin_label(&s.skin_type), s.customers))
        .collect::<Vec<_>>()
        .join(", ");
    let currency = r.currency.clone();
    let base = export_base("/api/v1/analytics/customers/export", &r.period, r.shop.as_ref(), admin);
    let csv = move |table: &str| format!("{base}&table={table}");
    view! {
        <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="dashboard-period">
            {format!("{} to {} · compared with {} to {} · days in {}", r.period.start, r.period.end, r.previous_period.start, r.previous_period.end, r.time_zone)}
        </p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-6">
            <Figure label="New customers" value=t.new_customers.to_string() now=t.new_customers before=b.new_customers before_text=b.new_customers.to_string() testid="new-customers" />
            <Figure label="Returning" value=t.returning_customers.to_string() now=t.returning_customers before=b.returning_customers before_text=b.returning_customers.to_string() testid="returning-customers" />
            <Figure label="Repeat rate" value=percent(t.repeat_rate) now=permille(t.repeat_rate) before=permille(b.repeat_rate) before_text=percent(b.repeat_rate) testid="repeat-rate" />
            <Figure label="Churn (90 days)" value=percent(t.churn_rate) now=permille(t.churn_rate) before=permille(b.churn_rate) before_text=percent(b.churn_rate) rise_is_bad=true testid="churn-rate" />
            <Figure label="Average order" value=m(t.average_order_value) now=t.average_order_value before=b.average_order_value before_text=m(b.average_order_value) testid="aov" />
            <Figure label="Lifetime value" value=m(t.lifetime_value) now=t.lifetime_value before=b.lifetime_value before_text=m(b.lifetime_value) testid="ltv" />
        </dl>
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="New and returning customers" summary=series_summary option=charts.series tall=true download=csv("series")>
                <PointTable rows=r.series.clone() />
            </ChartFigure>
            <ChartFigure title="Customers by skin type" summary=segment_summary option=charts.segments tall=true download=csv("segments")>
                <SegmentTable rows=r.segments.clone() currency />
            </ChartFigure>
        </div>
        <CohortTable rows=r.cohorts.clone() download=csv("cohorts") />
    }
}

#[component]
fn PointTable(rows: Vec<CustomerPoint>) -> impl IntoView {
    view! {
        <table class=TABLE data-testid="customers-table">
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">"Period"</th><th scope="col" class="text-right">"New"</th><th scope="col" class="text-right">"Returning"</th></tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row" class="py-1.5 font-normal">{p.period}</th>
                        <td class="text-right">{p.new_customers}</td>
                        <td class="text-right">{p.returning_customers}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn SegmentTable(rows: Vec<Segment>, currency: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty text="Nobody bought in this period." /> }.into_any();
    }
    view! {
        <table class=TABLE data-testid="segments-table">
            <thead class=HEAD>
                <tr>
                    <th scope="col" class="py-1">"Skin type"</th>
                    <th scope="col" class="text-right">"Customers"</th>
                    <th scope="col" class="text-right">"New"</th>
                    <th scope="col" class="text-right">"Revenue"</th>
                </tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row" class="py-1.5 font-normal">{skin_label(&s.skin_type)}</th>
                        <td class="text-right">{s.customers}</td>
                        <td class="text-right">{s.new_customers}</td>
                        <td class="text-right">{money(s.revenue, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Each month's new customers across, the share still buying in each later
/// month shaded by how many.
#[component]
fn CohortTable(rows: Vec<Cohort>, download: String) -> impl IntoView {
    let width = rows.first().map_or(0, |c| c.active.len());
    view! {
        <section class="mt-6 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" aria-labelledby="cohorts-title">
            <div class="flex items-baseline justify-between gap-2">
                <h2 id="cohorts-title" class="text-base font-semibold">"Monthly cohorts"</h2>
                <CsvLink href=download what="the cohorts" />
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Customers by the month of their first order, and the share of them who bought again in each month after."</p>
            <div class="mt-3 overflow-x-auto">
                <table class=format!("{TABLE} min-w-[40rem]") data-testid="cohorts">
                    <thead class=HEAD>
                        <tr>
                            <th scope="col" class="py-1">"First order"</th>
                            <th scope="col" class="text-right">"Customers"</th>
                            {(0..width).map(|k| view! { <th scope="col" class="px-1 text-right">{format!("M{k}")}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody class=BODY>
                        {rows.into_iter().map(|c| {
                            let size = c.customers;
                            view! {
                                <tr>
                                    <th scope="row" class="py-1.5 font-normal">{c.month}</th>
                                    <td class="text-right">{size}</td>
                                    {c.active.into_iter().map(|n| cell(n, size)).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn cell(n: i64, size: i64) -> impl IntoView {
    if size == 0 {
        return view! { <td class="px-1 text-right text-stone-400">"–"</td> }.into_any();
    }
    let share = n as f64 / size as f64;
    // Rose at the share's strength; dark text on light cells, light on strong ones.
    let style = format!("background-color: rgba(225, 29, 72, {:.2})", 0.08 + share * 0.8);
    let text = if share > 0.5 { "text-white" } else { "" };
    view! {
        <td class=format!("px-1 text-right {text}") style=style title=format!("{n} of {size}")>{format!("{:.0}%", share * 100.0)}</td>
    }
    .into_any()
}
