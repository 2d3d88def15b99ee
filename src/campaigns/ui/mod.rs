//! `/admin/campaigns`: every campaign with its audience, status and
//! figures; `/admin/campaigns/new` and `/admin/campaigns/{id}`: the editor
//! (or, once sending, its progress and results); `/unsubscribe/{token}`.
//! Plain pages and forms: they work with JavaScript off.

mod editor;
mod live;
#[cfg(feature = "hydrate")]
mod live_driver;
mod results;
mod unsubscribe;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

pub use editor::CampaignPage;
pub use unsubscribe::UnsubscribePage;

use super::api::get_campaigns;
use super::{CampaignRow, PER_PAGE, Status};
use crate::components::FOCUS;
use crate::components::lists::{ListError, NewerOlder, PILL};

const BACK: &str = "text-sm text-rose-700 hover:underline dark:text-rose-300";
const PRIMARY: &str = "inline-flex items-center justify-center rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500";

/// A status as a coloured label.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let tone = match status {
        Status::Draft => "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
        Status::Scheduled => "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
        Status::Sending => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        Status::Paused => "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
        Status::Sent => "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
    };
    view! { <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {tone}")>{status.label()}</span> }
}

#[component]
pub fn AdminCampaignsPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).max(1);
    let campaigns = Resource::new(page, get_campaigns);
    view! {
        <Title text="Campaigns" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class=BACK>"← Back office"</a>
            <div class="mt-2 flex flex-wrap items-end justify-between gap-3">
                <div>
                    <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Campaigns"</h1>
                    <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Mail for the customers who said yes to news: pick who, write it, preview it, then send now or later."</p>
                </div>
                <a href="/admin/campaigns/new" class=format!("{PRIMARY} {FOCUS}")>"New campaign"</a>
            </div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading campaigns…"</p> }>
                {move || Suspend::new(async move {
                    let page = page();
                    match campaigns.await {
                        Ok(list) if list.campaigns.is_empty() && page == 1 => view! { <Empty /> }.into_any(),
                        Ok(list) => {
                            let older = (i64::from(page * PER_PAGE) < list.total).then(|| format!("/admin/campaigns?page={}", page + 1));
                            let newer = (page > 1).then(|| format!("/admin/campaigns?page={}", page - 1));
                            view! {
                                <ul class="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" aria-label="Campaigns">
                                    {list.campaigns.into_iter().map(|c| view! { <Row c /> }).collect_view()}
                                </ul>
                                <NewerOlder newer older />
                            }.into_any()
                        }
                        Err(e) => view! { <ListError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Empty() -> impl IntoView {
    view! {
        <div class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center dark:border-stone-700">
            <p class="font-medium">"No campaigns yet"</p>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Tell the people who opted in about a new arrival, a restock or a sale — only they ever get campaign mail."</p>
            <a href="/admin/campaigns/new" class=format!("mt-4 {PILL} {FOCUS} inline-block")>"Write the first one"</a>
        </div>
    }
}

#[component]
fn Row(c: CampaignRow) -> impl IntoView {
    let href = format!("/admin/campaigns/{}", crate::catalog::query::encode(&c.id));
    let when = match (c.status, c.scheduled_at) {
        (Status::Scheduled, Some(at)) => format!("Goes out {}", crate::dates::when(at)),
        _ => format!("Created {}", crate::reviews::date_label(c.created_at)),
    };
    let figures = if c.status.editable() {
        "Not sent yet".to_owned()
    } else {
        format!("{} of {} sent · {:.0}% opened", c.sent_count, c.recipients, c.open_rate * 100.0)
    };
    view! {
        <li>
            <a href=href class=format!("flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-stone-50 dark:hover:bg-stone-800/60 {FOCUS}")>
                <span class="min-w-0">
                    <span class="block truncate font-medium">{c.name.clone()}</span>
                    <span class="block truncate text-sm text-stone-600 dark:text-stone-400">{c.audience.clone()}</span>
                </span>
                <span class="flex flex-wrap items-center gap-3 text-sm">
                    <StatusBadge status=c.status />
                    <span class="text-stone-700 dark:text-stone-300">{figures}</span>
                    <span class="hidden text-xs text-stone-500 sm:inline dark:text-stone-400">{when}</span>
                </span>
            </a>
        </li>
    }
}
