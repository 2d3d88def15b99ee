//! The sales dashboard: `/admin` (every shop, or one) and, for a seller,
//! `/studio/analytics` (their own shop). The figures follow paid orders
//! live while the page is open (the chart script listens and re-reads).

use leptos::prelude::*;

use super::breakdowns::Breakdowns;
use super::chart::ChartFigure;
use super::figures::Figure;
use super::money;
use super::shell::{dashboard, live_url};
use super::tables::{SeriesTable, ShopTable, StatusTable, TopTable};
use super::traffic::FunnelFigure;
use crate::analytics::Dashboard;
use crate::analytics::api::get_sales_dashboard;

#[component]
pub fn SalesDashboard(
    /// The back office's view: every shop, with a shop filter.
    admin: bool,
    /// The page's heading and links, shown only to those allowed in.
    #[prop(into)]
    intro: ViewFn,
    /// With the breakdowns: by category, channel and promo code.
    #[prop(optional)]
    detail: bool,
) -> impl IntoView {
    dashboard(
        admin,
        intro,
        move |q, shop| get_sales_dashboard(q, shop, admin),
        move |d: &Dashboard| Some(live_url(d.report.shop.as_ref().map(|s| s.id.as_str()), admin)),
        move |d| view! { <Body d admin detail /> }.into_any(),
    )
}

#[component]
fn Body(d: Dashboard, admin: bool, detail: bool) -> impl IntoView {
    let Dashboard { report: r, charts } = d;
    let cur = r.currency.clone();
    let (t, b) = (r.totals.clone(), r.previous.clone());
    let in_currency = cur.clone();
    let m = move |v: i64| money(v, &in_currency);
    let scope = r.shop.as_ref().map_or_else(|| "every shop".to_owned(), |s| s.name.clone());
    let revenue_summary = format!(
        "Revenue of {scope}, {} to {}: {} against {} in the period before.",
        r.period.start,
        r.period.end,
        m(t.revenue),
        m(b.revenue)
    );
    let orders_summary = format!(
        "{} orders from {} to {}, against {} before.",
        t.orders, r.period.start, r.period.end, b.orders
    );
    let top_summary = match r.top_products.first() {
        Some(p) => format!("Best seller: {} with {} from {} units.", p.name, m(p.revenue), p.units),
        None => "Nothing sold in this period.".to_owned(),
    };
    let status_summary = r.statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect::<Vec<_>>().join(", ");
    let mut base = format!(
        "/api/v1/analytics/sales/export?start_date={}&end_date={}&group_by={}",
        r.period.start, r.period.end, r.group
    );
    if let Some(s) = r.shop.as_ref().filter(|_| admin) {
        base.push_str(&format!("&seller_id={}", s.id));
    }
    let csv = |table: &str| format!("{base}&table={table}");
    // Each chart's table is its own closure: give each its own copy.
    let (series, previous) = (r.series.clone(), r.previous_series.clone());
    let (series2, previous2, cur2, cur3) =
        (r.series.clone(), r.previous_series.clone(), cur.clone(), cur.clone());
    let (top, statuses) = (r.top_products.clone(), r.statuses.clone());
    let shops = (!r.by_shop.is_empty()).then(|| {
        let summary = match r.by_shop.first() {
            Some(s) => {
                format!("{} shops sold; the first, {}, took {}.", r.by_shop.len(), s.name, m(s.revenue))
            }
            None => String::new(),
        };
        let (rows, currency, download) = (r.by_shop.clone(), cur.clone(), csv("by_shop"));
        view! {
            <ChartFigure title="Revenue by shop" summary option=charts.by_shop.clone() tall=true download>
                <ShopTable rows currency />
            </ChartFigure>
        }
    });
    view! {
        <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="dashboard-period">
            {format!("{} to {} · compared with {} to {} · days in {}", r.period.start, r.period.end, r.previous_period.start, r.previous_period.end, r.time_zone)}
        </p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-6">
            <Figure label="Revenue" value=m(t.revenue) now=t.revenue before=b.revenue before_text=m(b.revenue) testid="revenue" />
            <Figure label="Orders" value=t.orders.to_string() now=t.orders before=b.orders before_text=b.orders.to_string() testid="orders" />
            <Figure label="Average order" value=m(t.average_order_value) now=t.average_order_value before=b.average_order_value before_text=m(b.average_order_value) testid="aov" />
            <Figure label="New customers" value=t.new_customers.to_string() now=t.new_customers before=b.new_customers before_text=b.new_customers.to_string() testid="new-customers" />
            <Figure label="Refunds" value=m(t.refunds) now=t.refunds before=b.refunds before_text=m(b.refunds) rise_is_bad=true testid="refunds" />
            <Figure label="Conversion" value=r.funnel.conversion_text() now=r.funnel.conversion_bp() before=r.previous_funnel.conversion_bp() before_text=r.previous_funnel.conversion_text() testid="conversion" />
        </dl>
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="Revenue" summary=revenue_summary option=charts.revenue tall=true download=csv("series")>
                <SeriesTable series previous currency=cur testid="revenue-table" />
            </ChartFigure>
            <ChartFigure title="Orders" summary=orders_summary option=charts.orders tall=true>
                <SeriesTable series=series2 previous=previous2 currency=cur2 testid="orders-table" />
            </ChartFigure>
            <ChartFigure title="Best sellers" summary=top_summary option=charts.top_products tall=true download=csv("top_products")>
                <TopTable rows=top currency=cur3 />
            </ChartFigure>
            <ChartFigure title="Orders by status" summary=status_summary option=charts.statuses tall=true download=csv("orders_by_status")>
                <StatusTable rows=statuses />
            </ChartFigure>
            {shops}
            <FunnelFigure funnel=r.funnel.clone() option=charts.funnel.clone() whole_site=r.shop.is_none() />
        </div>
        {detail.then(|| {
            let base = base.clone();
            view! {
                <Breakdowns categories=r.by_category.clone() channels=r.by_channel.clone() promos=r.promo_codes.clone()
                    options=(charts.categories.clone(), charts.channels.clone()) currency=r.currency.clone()
                    csv=Callback::new(move |table: &'static str| format!("{base}&table={table}")) />
            }
        })}
    }
}
