//! What every dashboard page shares: its range (and, in the back office,
//! shop) read from the address, the figures fetched on the server, the
//! range form with errors next to their fields, the 403 page for those not
//! allowed, and the chart script.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::CHART_SCRIPT;
use super::range_form::RangeForm;
use crate::accounts::ui::Refused;
use crate::analytics::RangeQuery;
use crate::error::AppError;

fn query_of(q: &leptos_router::params::ParamsMap) -> (RangeQuery, String) {
    let get = |k: &str| q.get(k).unwrap_or_default().chars().take(80).collect::<String>();
    (RangeQuery { range: get("range"), from: get("from"), to: get("to"), group: get("group") }, get("shop"))
}

/// A dashboard: `fetch` reads the figures of (range, shop filter); `live`
/// names the event stream that tells the page to re-read them (none: the
/// page does not follow sales); `body` draws them.
pub fn dashboard<T, Fut>(
    admin: bool,
    intro: ViewFn,
    fetch: impl Fn(RangeQuery, String) -> Fut + Send + Sync + 'static,
    live: impl Fn(&T) -> Option<String> + Send + Sync + Clone + 'static,
    body: impl Fn(T) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let query = use_query_map();
    let data = Resource::new(move || query_of(&query.read()), move |(q, shop)| fetch(q, shop));
    let (current, shop) = query_of(&query.read_untracked());
    view! {
        <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Adding up the figures…"</p> }>
            {move || {
                let (current, shop, intro, live, body) =
                    (current.clone(), shop.clone(), intro.clone(), live.clone(), body.clone());
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let stream = live(&d);
                            view! {
                            {intro.run()}
                            <RangeForm current shop=admin.then_some(shop) />
                            <section data-dashboard data-live=stream aria-live="polite" class="mt-6">
                                {body(d)}
                            </section>
                            <script src=CHART_SCRIPT defer></script>
                        }.into_any()
                        }
                        Err(e @ AppError::Validation(_)) => view! {
                            {intro.run()}
                            <RangeForm current shop=admin.then_some(shop) error=e />
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The live stream of a view: one shop's in the back office when filtered,
/// otherwise the viewer's own scope.
pub fn live_url(shop: Option<&str>, admin: bool) -> String {
    match shop.filter(|_| admin) {
        Some(id) => format!("/api/v1/analytics/live?seller_id={id}"),
        None => "/api/v1/analytics/live".to_owned(),
    }
}

/// Where a view's tables download from: `path` with the view's days, and
/// its shop when the back office narrowed to one; add `&table=…`.
pub fn export_base(
    path: &str,
    period: &crate::analytics::Period,
    shop: Option<&crate::analytics::ShopRef>,
    admin: bool,
) -> String {
    let mut base = format!("{path}?start_date={}&end_date={}", period.start, period.end);
    if let Some(s) = shop.filter(|_| admin) {
        base.push_str(&format!("&seller_id={}", s.id));
    }
    base
}

/// The views of a dashboard family, the current one marked.
#[component]
pub fn ViewNav(admin: bool, current: &'static str) -> impl IntoView {
    // Finance reads best as a year of months.
    let views: &[(&str, &str)] = if admin {
        &[
            ("/admin", "Overview"),
            ("/admin/analytics/sales", "Sales"),
            ("/admin/analytics/customers", "Customers"),
            ("/admin/analytics/inventory", "Inventory"),
            ("/admin/analytics/finance?range=year", "Finance"),
            ("/admin/analytics/traffic", "Traffic"),
            // Each stream's viewers, chat and sales (the live issue's figures).
            ("/admin/streams", "Live streams"),
        ]
    } else {
        &[
            ("/studio/analytics", "Sales"),
            ("/studio/analytics/customers", "Customers"),
            ("/studio/analytics/inventory", "Inventory"),
            ("/studio/analytics/finance?range=year", "Finance"),
            ("/studio/streams", "Live streams"),
        ]
    };
    view! {
        <nav aria-label="Figures" class="mt-4 flex flex-wrap gap-1 border-b border-stone-200 dark:border-stone-800">
            {views.iter().map(|&(href, label)| {
                let here = label == current;
                let tone = if here {
                    "border-rose-600 text-stone-900 dark:text-stone-100"
                } else {
                    "border-transparent text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100"
                };
                view! {
                    <a href=href aria-current=here.then_some("page")
                        class=format!("focus-ring -mb-px border-b-2 px-3 py-2 text-sm font-medium {tone}")>{label}</a>
                }
            }).collect_view()}
        </nav>
    }
}
