//! A campaign that has started: progress (a bar, and the page refreshes
//! itself every few seconds while mail is going out — JavaScript or not),
//! pause and resume, and what it did: sent, failed, opened, clicked,
//! unsubscribed, and the orders and revenue within 7 days of a click.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::StatusBadge;
use crate::campaigns::api::PauseCampaign;
use crate::campaigns::{Campaign, Status};
use crate::catalog::Money;
use crate::components::FOCUS;
use crate::components::form::{FormError, Notice, action_error};

const CARD: &str = "rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";

fn percent(part: i64, whole: i64) -> String {
    if whole == 0 { "—".to_owned() } else { format!("{:.0}%", part as f64 * 100.0 / whole as f64) }
}

#[component]
fn Figure(label: &'static str, value: String, #[prop(optional)] note: String) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
            <dt class="text-xs font-medium uppercase tracking-wide text-stone-600 dark:text-stone-400">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
            <dd class="text-xs text-stone-600 dark:text-stone-400">{note}</dd>
        </div>
    }
}

#[component]
pub fn ResultsView(
    c: Campaign,
    saved: Signal<Option<String>>,
    pause: ServerAction<PauseCampaign>,
) -> impl IntoView {
    let r = c.results.clone();
    let done = r.percent_done();
    let sending = c.status == Status::Sending;
    let error = action_error(pause);
    let revenue = Money::new(
        r.revenue_minor,
        if r.currency.is_empty() { "USD".to_owned() } else { r.currency.clone() },
    );
    let progress = format!("{} of {} sent", r.sent, r.recipients);
    view! {
        <Title text=c.name.clone() />
        // While mail is going out the figures change: look again every few seconds.
        {sending.then(|| view! { <Meta http_equiv="refresh" content="3" /> })}
        <header class="mt-2 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{c.name.clone()}</h1>
            <StatusBadge status=c.status />
        </header>
        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{format!("“{}” · {}", c.subject, c.audience)}</p>
        <div class="mt-4 space-y-3"><Notice text=saved /><FormError error /></div>
        <section class=format!("mt-6 {CARD}") aria-labelledby="progress-h">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 id="progress-h" class="font-semibold">"Progress"</h2>
                {matches!(c.status, Status::Sending | Status::Paused).then(|| {
                    let paused = c.status == Status::Sending;
                    view! {
                        <ActionForm action=pause>
                            <input type="hidden" name="id" value=c.id.clone() />
                            <input type="hidden" name="paused" value=paused.to_string() />
                            <button type="submit" class=format!("rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                                {if paused { "Pause" } else { "Resume" }}
                            </button>
                        </ActionForm>
                    }
                })}
            </div>
            <div class="mt-3 h-3 w-full overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800" role="progressbar"
                aria-label="Mail sent" aria-valuemin="0" aria-valuemax="100" aria-valuenow=done.to_string() aria-valuetext=progress.clone()>
                <div class="h-full rounded-full bg-rose-600 transition-all" style=format!("width: {done}%")></div>
            </div>
            <p class="mt-2 text-sm" role="status">{format!("{progress} · {done}% done")}{(c.status == Status::Paused).then_some(" · paused")}</p>
        </section>
        <section class="mt-6" aria-labelledby="results-h">
            <h2 id="results-h" class="font-semibold">"Results"</h2>
            <dl class="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
                <Figure label="Sent" value=r.sent.to_string() note=format!("of {} people", r.recipients) />
                <Figure label="Opened" value=r.opens.to_string() note=format!("{} of sent", percent(r.opens, r.sent)) />
                <Figure label="Clicked" value=r.clicks.to_string() note=format!("{} of sent", percent(r.clicks, r.sent)) />
                <Figure label="Orders" value=r.orders.to_string() note="within 7 days of a click".to_owned() />
                <Figure label="Revenue" value=revenue.to_string() note="from those orders".to_owned() />
                <Figure label="Unsubscribed" value=r.unsubscribes.to_string() note=percent(r.unsubscribes, r.sent) />
                <Figure label="Failed" value=r.failed.to_string() note="the mail server refused".to_owned() />
                <Figure label="Skipped" value=r.skipped.to_string() note="opted out before their turn".to_owned() />
            </dl>
            <p class="mt-3 text-xs text-stone-600 dark:text-stone-400">"Opens are counted when a mail's images load, so some readers are never counted."</p>
        </section>
    }
}
