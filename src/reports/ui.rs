//! `/admin/reports` and `/studio/reports`: choose a list and its days, then
//! download it now (up to 50,000 rows) or have it prepared in the
//! background; the page lists the reports asked for with a progress bar,
//! and looks again every two seconds while one is being written (a plain
//! refresh: no script needed).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::api::{RequestReport, get_reports};
use super::{KINDS, ReportView, STREAM_LIMIT};
use crate::accounts::ui::Refused;
use crate::components::form::{Field, FormError, Notice, action_error};
use crate::components::{FOCUS, Panel};

const INPUT: &str = "mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900";

#[component]
pub fn AdminReportsPage() -> impl IntoView {
    view! { <ReportsPage back="/admin" back_label="← Back office" /> }
}

#[component]
pub fn StudioReportsPage() -> impl IntoView {
    view! { <ReportsPage back="/studio" back_label="← Studio" /> }
}

#[component]
fn ReportsPage(back: &'static str, back_label: &'static str) -> impl IntoView {
    let request = ServerAction::<RequestReport>::new();
    let query = use_query_map();
    let reports = Resource::new(move || request.version().get(), |_| get_reports());
    let queued = Signal::derive(move || {
        query
            .read()
            .get("queued")
            .map(|_| "Your report is on its way; it appears below when written.".to_owned())
    });
    view! {
        <Title text="Reports" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href=back class="text-sm text-rose-700 hover:underline dark:text-rose-300">{back_label}</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Reports"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                {format!("Lists as CSV or JSON for a spreadsheet or your accountant. Up to {STREAM_LIMIT} rows download at once; longer lists are prepared in the background and kept 7 days.")}
            </p>
            <div class="mt-4"><Notice text=queued /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match reports.await {
                        Ok((list, admin)) => {
                            let pending = list.iter().any(ReportView::pending);
                            view! {
                                {pending.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
                                <div class="mt-6 grid gap-8 lg:grid-cols-[22rem_1fr] lg:items-start">
                                    <AskForm request admin />
                                    <ReportList list />
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AskForm(request: ServerAction<RequestReport>, admin: bool) -> impl IntoView {
    let error = action_error(request);
    let kind_msg = move || error.get().and_then(|e| e.field_message("kind"));
    view! {
        <Panel title="A new report">
            <ActionForm action=request attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <div>
                    <label for="report-kind" class="block text-sm font-medium">"List"</label>
                    <select id="report-kind" name="kind" class=format!("{INPUT} {FOCUS}") aria-describedby="report-kind-msg">
                        {KINDS.iter().map(|(value, label, dated)| {
                            let label = if *dated { (*label).to_owned() } else { format!("{label} (as now)") };
                            view! { <option value=*value>{label}</option> }
                        }).collect_view()}
                    </select>
                    <p id="report-kind-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{kind_msg}</p>
                </div>
                <div class="grid grid-cols-2 gap-3">
                    <Field label="From" name="start_date" kind="date" required=false hint="Default: 30 days ago." error />
                    <Field label="To" name="end_date" kind="date" required=false hint="Default: today." error />
                </div>
                <fieldset>
                    <legend class="text-sm font-medium">"Format"</legend>
                    <div class="mt-1 flex gap-4 text-sm">
                        <label class="flex items-center gap-2"><input type="radio" name="format" value="csv" checked=true class="accent-rose-700" />"CSV"</label>
                        <label class="flex items-center gap-2"><input type="radio" name="format" value="json" class="accent-rose-700" />"JSON"</label>
                    </div>
                </fieldset>
                {admin.then(|| view! {
                    <Field label="Only this shop" name="seller_id" required=false hint="The shop's address name or id; empty for every shop." error />
                })}
                <div class="flex flex-wrap gap-3">
                    <button type="submit" formmethod="get" formaction="/api/v1/exports"
                        class=format!("rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                        "Download now"
                    </button>
                    <button type="submit" disabled=move || request.pending().get()
                        class=format!("rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:opacity-60 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                        "Prepare in the background"
                    </button>
                </div>
            </ActionForm>
        </Panel>
    }
}

fn size(bytes: i64) -> String {
    match bytes {
        b if b >= 1_048_576 => format!("{:.1} MB", b as f64 / 1_048_576.0),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} B"),
    }
}

#[component]
fn ReportList(list: Vec<ReportView>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="text-sm text-stone-500 dark:text-stone-400" data-testid="no-reports">"No reports yet."</p> }.into_any();
    }
    view! {
        <ul class="space-y-3" data-testid="reports">
            {list.into_iter().map(|r| {
                let progress = r.progress();
                let state = match r.status.as_str() {
                    "queued" => "Waiting to start".to_owned(),
                    "running" => format!("Writing: {} of {} rows", r.rows_written, r.total_rows),
                    "done" => format!("{} rows · {}", r.rows_written, size(r.byte_size)),
                    _ => r.error.clone().unwrap_or_else(|| "Failed".into()),
                };
                let shop = r.shop_name.clone().map(|s| format!(" · {s}")).unwrap_or_default();
                let title = format!("{} · {} to {}{shop}", r.kind_label(), r.start_date, r.end_date);
                let label = title.clone();
                view! {
                    <li class="rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900" data-report=r.status.clone()>
                        <div class="flex flex-wrap items-baseline justify-between gap-2">
                            <p class="text-sm font-semibold">{title}<span class="ml-2 text-xs font-normal uppercase text-stone-500">{r.format.clone()}</span></p>
                            {r.download_url().map(|href| view! {
                                <a href=href download class=format!("rounded text-sm font-medium text-rose-700 hover:underline dark:text-rose-300 {FOCUS}")>
                                    "Download"<span class="sr-only">{format!(" {label}")}</span>
                                </a>
                            })}
                        </div>
                        <progress class="mt-2 h-2 w-full accent-rose-700" max="100" value=progress.to_string() aria-label=format!("{progress}% written")></progress>
                        <p class=format!("mt-1 text-xs {}", if r.status == "failed" { "text-rose-700 dark:text-rose-300" } else { "text-stone-600 dark:text-stone-400" })>{state}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
