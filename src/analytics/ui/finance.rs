//! The finance view: `/admin/analytics/finance` (administrators; staff when
//! the shop allows) and `/studio/analytics/finance` (a seller's own shop:
//! what it sold, what it kept, what the marketplace took).

use leptos::prelude::*;

use super::chart::{ChartFigure, CsvLink};
use super::figures::Figure;
use super::money;
use super::shell::{dashboard, export_base, live_url};
use super::tables::{BODY, Empty, HEAD, TABLE};
use crate::analytics::api::get_finance_dashboard;
use crate::analytics::finance::{Breakdown, FinanceDashboard, MonthLedger, Payout, bps_label};

#[component]
pub fn FinanceFigures(admin: bool, #[prop(into)] intro: ViewFn) -> impl IntoView {
    dashboard(
        admin,
        intro,
        move |q, shop| get_finance_dashboard(q, shop, admin),
        move |d: &FinanceDashboard| Some(live_url(d.report.shop.as_ref().map(|s| s.id.as_str()), admin)),
        move |d| view! { <Body d admin /> }.into_any(),
    )
}

#[component]
fn Body(d: FinanceDashboard, admin: bool) -> impl IntoView {
    let FinanceDashboard { report: r, charts } = d;
    let (t, b) = (r.totals.clone(), r.previous.clone());
    let cur = r.currency.clone();
    let m = |v: i64| money(v, &cur);
    let months_summary = format!(
        "From {} to {}: revenue {}, expenses {}, profit {}.",
        r.period.start,
        r.period.end,
        m(t.revenue),
        m(t.expenses),
        m(t.profit)
    );
    let category_summary = match r.categories.first() {
        Some(c) => format!("{} led with {} of line revenue.", c.name, m(c.revenue)),
        None => "Nothing sold in this period.".to_owned(),
    };
    let rates = format!(
        "Card fees at {} + {} a payment; commission {} of revenue. Revenue is what customers paid less refunds and tax.",
        bps_label(r.card_fee_bps),
        m(r.card_fee_fixed),
        bps_label(r.commission_bps)
    );
    let (cur1, cur2, cur3, cur4) =
        (r.currency.clone(), r.currency.clone(), r.currency.clone(), r.currency.clone());
    let (months, categories, products, payouts) =
        (r.months.clone(), r.categories.clone(), r.products.clone(), r.payouts.clone());
    let base = export_base("/api/v1/financial/reports/export", &r.period, r.shop.as_ref(), admin);
    let csv = move |table: &str| format!("{base}&table={table}");
    let figure = |label: &'static str, now: i64, before: i64, testid: &'static str, bad: bool| {
        view! { <Figure label value=m(now) now before before_text=m(before) rise_is_bad=bad testid /> }
    };
    view! {
        <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="dashboard-period">
            {format!("{} to {} · compared with {} to {} · days in {}", r.period.start, r.period.end, r.previous_period.start, r.previous_period.end, r.time_zone)}
        </p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-6">
            {figure("Revenue", t.revenue, b.revenue, "revenue", false)}
            {figure("Cost of goods", t.cost_of_goods, b.cost_of_goods, "cost-of-goods", true)}
            {figure("Payment fees", t.payment_fees, b.payment_fees, "payment-fees", true)}
            {figure("Profit", t.profit, b.profit, "profit", false)}
            {figure("Refunds", t.refunds, b.refunds, "refunds", true)}
            {figure("Commission", t.commission, b.commission, "commission", false)}
        </dl>
        <p class="mt-2 text-xs text-stone-500 dark:text-stone-400">{rates}</p>
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <ChartFigure title="Revenue, expenses and profit" summary=months_summary option=charts.months tall=true download=csv("months")>
                <MonthTable rows=months currency=cur1 />
            </ChartFigure>
            <ChartFigure title="By category" summary=category_summary option=charts.categories tall=true download=csv("categories")>
                <LineTable rows=categories currency=cur2 label="Category" testid="category-breakdown" />
            </ChartFigure>
        </div>
        <Card title="By product" lead="Line revenue (before order discounts) against the goods' cost, for the best-selling products." download=csv("products")>
            <LineTable rows=products currency=cur3 label="Product" testid="product-breakdown" />
        </Card>
        {(!payouts.is_empty()).then(|| view! {
            <Card title="What each shop is owed" lead="Revenue less the marketplace's commission and the card fees of its payments." download=csv("payouts")>
                <PayoutTable rows=payouts currency=cur4 />
            </Card>
        })}
    }
}

#[component]
fn Card(title: &'static str, lead: &'static str, download: String, children: Children) -> impl IntoView {
    view! {
        <section class="mt-6 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900">
            <div class="flex items-baseline justify-between gap-2">
                <h2 class="text-base font-semibold">{title}</h2>
                <CsvLink href=download what=title.to_lowercase() />
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{lead}</p>
            <div class="mt-3 overflow-x-auto">{children()}</div>
        </section>
    }
}

fn th(text: &'static str) -> impl IntoView {
    view! { <th scope="col" class="px-2 py-1 text-right">{text}</th> }
}

#[component]
fn MonthTable(rows: Vec<MonthLedger>, currency: String) -> impl IntoView {
    view! {
        <table class=format!("{TABLE} min-w-[46rem]") data-testid="months-table">
            <thead class=HEAD>
                <tr>
                    <th scope="col" class="py-1">"Month"</th>
                    {th("Orders")}{th("Gross sales")}{th("Discounts")}{th("Shipping")}{th("Tax")}{th("Refunds")}
                    {th("Fees")}{th("Cost of goods")}{th("Revenue")}{th("Profit")}
                </tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|row| {
                    let l = row.ledger;
                    let m = |v: i64| money(v, &currency);
                    view! {
                        <tr>
                            <th scope="row" class="py-1.5 font-normal">{row.month}</th>
                            <td class="px-2 text-right">{l.orders}</td>
                            <td class="px-2 text-right">{m(l.gross_sales)}</td>
                            <td class="px-2 text-right">{m(l.discounts)}</td>
                            <td class="px-2 text-right">{m(l.shipping)}</td>
                            <td class="px-2 text-right">{m(l.tax)}</td>
                            <td class="px-2 text-right">{m(l.refunds)}</td>
                            <td class="px-2 text-right">{m(l.payment_fees)}</td>
                            <td class="px-2 text-right">{m(l.cost_of_goods)}</td>
                            <td class="px-2 text-right">{m(l.revenue)}</td>
                            <td class="px-2 text-right font-medium">{m(l.profit)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn LineTable(
    rows: Vec<Breakdown>,
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
                <tr><th scope="col" class="py-1">{label}</th>{th("Units")}{th("Revenue")}{th("Cost")}{th("Profit")}</tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|b| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-normal">{b.name}</th>
                        <td class="px-2 text-right">{b.units}</td>
                        <td class="px-2 text-right">{money(b.revenue, &currency)}</td>
                        <td class="px-2 text-right">{money(b.cost, &currency)}</td>
                        <td class="px-2 text-right">{money(b.profit, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn PayoutTable(rows: Vec<Payout>, currency: String) -> impl IntoView {
    view! {
        <table class=TABLE data-testid="payouts">
            <thead class=HEAD>
                <tr><th scope="col" class="py-1">"Shop"</th>{th("Revenue")}{th("Commission")}{th("Card fees")}{th("Owed")}</tr>
            </thead>
            <tbody class=BODY>
                {rows.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row" class="py-1.5 pr-2 font-normal">{p.name}</th>
                        <td class="px-2 text-right">{money(p.revenue, &currency)}</td>
                        <td class="px-2 text-right">{money(p.commission, &currency)}</td>
                        <td class="px-2 text-right">{money(p.payment_fees, &currency)}</td>
                        <td class="px-2 text-right font-medium">{money(p.owed, &currency)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
