//! Traffic: `/admin/analytics/traffic` (the whole site: visitors, page
//! views, the funnel, top pages, where visits came from and searches that
//! found nothing) and the funnel card the sales views share.

use leptos::prelude::*;

use super::chart::ChartFigure;
use super::figures::Figure;
use super::shell::dashboard;
use super::tables::{BODY, Empty, HEAD, TABLE};
use crate::analytics::api::get_traffic_dashboard;
use crate::catalog::money::count_text;
use crate::traffic::{Funnel, Ranked, TrafficDashboard, TrafficPoint};

/// The funnel from visits to paid orders, as a chart and a table.
#[component]
pub fn FunnelFigure(funnel: Funnel, option: String, whole_site: bool) -> impl IntoView {
    let steps = funnel.steps(whole_site);
    let summary = format!(
        "{} visitors, {} paid orders: {} converted.",
        funnel.visitors,
        funnel.orders,
        funnel.conversion_text()
    );
    let first = steps.first().map_or(0, |s| s.1);
    view! {
        <ChartFigure title="From visit to order" summary option tall=true>
            <table class=TABLE data-testid="funnel-table">
                <thead class=HEAD>
                    <tr><th scope="col" class="py-1">"Step"</th><th scope="col" class="text-right">"Visitors"</th><th scope="col" class="text-right">"Of visitors"</th></tr>
                </thead>
                <tbody class=BODY>
                    {steps.into_iter().map(|(label, n)| {
                        let share = if first > 0 { format!("{:.1} %", n as f64 * 100.0 / first as f64) } else { "—".to_owned() };
                        view! {
                            <tr>
                                <th scope="row" class="py-1.5 font-normal">{label}</th>
                                <td class="text-right">{n}</td>
                                <td class="text-right">{share}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="mt-2 text-xs text-stone-500 dark:text-stone-400">
                "Visitors are counted once a day each, without cookies; robots, prefetches and browsers asking not to be tracked are left out."
            </p>
        </ChartFigure>
    }
}

#[component]
pub fn TrafficFigures(#[prop(into)] intro: ViewFn) -> impl IntoView {
    // The whole site's: no shop filter.
    dashboard(
        false,
        intro,
        move |q, _shop| get_traffic_dashboard(q),
        |_: &TrafficDashboard| Some("/api/v1/analytics/live".to_owned()),
        move |d| view! { <Body d /> }.into_any(),
    )
}

#[component]
fn Body(d: TrafficDashboard) -> impl IntoView {
    let TrafficDashboard { report: r, charts } = d;
    let (f, b) = (r.funnel.clone(), r.previous.clone());
    let series_summary = format!(
        "{} page views and {} visitors from {} to {}, against {} and {} before.",
        f.page_views, f.visitors, r.period.start, r.period.end, b.page_views, b.visitors
    );
    view! {
        <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="dashboard-period">
            {format!("{} to {} · compared with {} to {} · days in {}", r.period.start, r.period.end, r.previous_period.start, r.previous_period.end, r.time_zone)}
        </p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 sm:gap-4">
            <Figure label="Visitors" value=count_text(f.visitors) now=f.visitors before=b.visitors before_text=count_text(b.visitors) testid="visitors" />
            <Figure label="Page views" value=count_text(f.page_views) now=f.page_views before=b.page_views before_text=count_text(b.page_views) testid="page-views" />
            <Figure label="Product views" value=count_text(f.product_views) now=f.product_views before=b.product_views before_text=count_text(b.product_views) testid="product-views" />
            <Figure label="Conversion" value=f.conversion_text() now=f.conversion_bp() before=b.conversion_bp() before_text=b.conversion_text() testid="conversion" />
        </dl>
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="Visitors and page views" summary=series_summary option=charts.series tall=true>
                <PointTable rows=r.series.clone() />
            </ChartFigure>
            <FunnelFigure funnel=f whole_site=true option=charts.funnel />
        </div>
        <div class="mt-6 grid gap-4 lg:grid-cols-3">
            <RankedList title="Top pages" what="Page" rows=r.pages.clone() empty="No page views yet." testid="top-pages" />
            <RankedList title="Where visits came from" what="Source" rows=r.referrers.clone() empty="No visits from other sites yet." testid="referrers" />
            <RankedList title="Searches that found nothing" what="Search" rows=r.searches.clone() empty="Every search found something." testid="no-result-searches" />
        </div>
    }
}

#[component]
fn PointTable(rows: Vec<TrafficPoint>) -> impl IntoView {
    view! {
        <table class=TABLE data-testid="traffic-table">
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">"Period"</th><th scope="col" class="text-right">"Visitors"</th><th scope="col" class="text-right">"Page views"</th></tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row" class="py-1.5 font-normal">{p.period}</th>
                        <td class="text-right">{p.visitors}</td>
                        <td class="text-right">{p.page_views}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn RankedList(
    title: &'static str,
    what: &'static str,
    rows: Vec<Ranked>,
    empty: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <Empty text=empty /> }.into_any()
    } else {
        view! {
            <table class=TABLE data-testid=testid>
                <thead class=HEAD>
                    <tr><th scope="col" class="py-1">{what}</th><th scope="col" class="text-right">"Count"</th></tr>
                </thead>
                <tbody class=BODY>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row" class="py-1.5 pr-2 font-normal [overflow-wrap:anywhere]">{r.name}</th>
                            <td class="text-right">{r.count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="min-w-0 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900">
            <h2 class="text-base font-semibold">{title}</h2>
            <div class="mt-2">{body}</div>
        </section>
    }
}
