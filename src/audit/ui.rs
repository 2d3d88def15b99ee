//! `/admin/audit`: who changed what, filtered by person, kind of record,
//! action and date, with a CSV of the same filters (administrators only);
//! and `History`, an entity's own rows for its page. GET forms and links:
//! everything works with JavaScript off.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::{ACTIONS, AuditEntry, AuditFilter, Entity, PER_PAGE, action_label};
use crate::components::FOCUS;
use crate::components::form::{DatesAndShow, INPUT};
use crate::components::lists::{ListError, NewerOlder, NoMatch, PILL};
use crate::error::AppError;

/// One page of the log under `filter`, plus one more row when there are older.
#[server(endpoint = "admin_audit")]
pub async fn get_audit(filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    super::log::search(&mut state.db.conn().await?, &filter, None).await
}

fn filter_of(q: &ParamsMap) -> AuditFilter {
    AuditFilter {
        actor: q.get("actor").unwrap_or_default(),
        entity: q.get("entity").unwrap_or_default(),
        entity_id: q.get("entity_id").unwrap_or_default(),
        action: q.get("action").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let rows = Resource::new(move || filter_of(&query.read()), get_audit);
    let current = filter_of(&query.read_untracked());
    let csv = format!("/api/v1/admin/audit/export?{}", current.query(0));
    view! {
        <Title text="Audit log" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <div class="mt-2 flex flex-wrap items-end justify-between gap-3">
                <div>
                    <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Audit log"</h1>
                    <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Every change to roles, access, settings, prices, stock, orders, refunds and reviews: who, what, before and after. Nothing here can be edited or removed."</p>
                </div>
                <a href=csv download="audit.csv" class=format!("{PILL} {FOCUS}")>"Download CSV"</a>
            </div>
            <Filters current />
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading the log…"</p> }>
                {move || Suspend::new(async move {
                    let filter = filter_of(&query.read_untracked());
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <NoMatch text="No changes match." /> }.into_any(),
                        Ok(mut list) => {
                            let page = filter.page.max(1);
                            let older = list.len() > PER_PAGE as usize;
                            list.truncate(PER_PAGE as usize);
                            view! {
                                <div class="mt-6 rounded-2xl border border-stone-200 bg-white px-5 dark:border-stone-800 dark:bg-stone-900">
                                    <Entries entries=list with_entity=true />
                                </div>
                                <NewerOlder
                                    newer=(page > 1).then(|| format!("/admin/audit?{}", filter.query(page - 1)))
                                    older=older.then(|| format!("/admin/audit?{}", filter.query(page + 1)))
                                />
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
fn Filters(current: AuditFilter) -> impl IntoView {
    let label = "block text-xs font-medium text-stone-600 dark:text-stone-400";
    view! {
        <form method="get" class="mt-6 grid grid-cols-2 items-end gap-3 rounded-2xl border border-stone-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-stone-800" aria-label="Filter the audit log">
            <div class="col-span-2 sm:col-span-1">
                <label for="f-actor" class=label>"Who"</label>
                <input id="f-actor" name="actor" value=current.actor.clone() placeholder="part of an email" maxlength="100" class=INPUT />
            </div>
            <div>
                <label for="f-entity" class=label>"Record"</label>
                <select id="f-entity" name="entity" class=INPUT>
                    <option value="" selected=current.entity.is_empty()>"Any"</option>
                    {Entity::ALL.into_iter().map(|e| view! {
                        <option value=e.as_str() selected=current.entity == e.as_str()>{e.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-action" class=label>"Change"</label>
                <select id="f-action" name="action" class=INPUT>
                    <option value="" selected=current.action.is_empty()>"Any"</option>
                    {ACTIONS.into_iter().map(|(a, l)| view! {
                        <option value=a selected=current.action == a>{l}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!current.entity_id.is_empty()).then(|| view! { <input type="hidden" name="entity_id" value=current.entity_id.clone() /> })}
            <DatesAndShow from=current.from.clone() to=current.to.clone() />
        </form>
    }
}

/// Rows of the log: when, who, what, and each changed field before → after.
#[component]
pub fn Entries(entries: Vec<AuditEntry>, #[prop(optional)] with_entity: bool) -> impl IntoView {
    view! {
        <ul class="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Changes">
            {entries.into_iter().map(|e| view! { <EntryRow e with_entity /> }).collect_view()}
        </ul>
    }
}

#[component]
fn EntryRow(e: AuditEntry, with_entity: bool) -> impl IntoView {
    let who = match (&e.actor_id, e.actor_email.is_empty()) {
        (None, _) => "The shop".to_owned(),
        (Some(_), true) => "A former account".to_owned(),
        (Some(_), false) => e.actor_email.clone(),
    };
    let entity = Entity::parse(&e.entity);
    let what = entity.map_or(e.entity.clone(), |x| x.label().to_owned());
    let link = entity.and_then(|x| x.href(&e.entity_id));
    let mut whence = vec![crate::dates::when(e.created_at)];
    if !e.ip.is_empty() {
        whence.push(e.ip.clone());
    }
    view! {
        <li class="py-3 text-sm">
            <div class="flex flex-wrap items-baseline justify-between gap-x-3">
                <p>
                    <span class="font-medium">{action_label(&e.action).to_owned()}</span>
                    " · "<span>{who}</span>
                    <span class="ml-1 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700 dark:bg-stone-800 dark:text-stone-300">{e.actor_role.clone()}</span>
                </p>
                <p class="text-xs text-stone-600 dark:text-stone-400">{whence.join(" · ")}</p>
            </div>
            {with_entity.then(|| view! {
                <p class="mt-0.5 text-xs text-stone-600 dark:text-stone-400">
                    {what}" "
                    {match link {
                        Some(href) => view! { <a href=href class="font-mono text-rose-700 hover:underline dark:text-rose-300">{e.entity_id.clone()}</a> }.into_any(),
                        None => view! { <span class="font-mono">{e.entity_id.clone()}</span> }.into_any(),
                    }}
                </p>
            })}
            <dl class="mt-1 grid gap-x-3 text-xs sm:grid-cols-[max-content_1fr]">
                {e.changes.into_iter().map(|c| view! {
                    <dt class="font-medium text-stone-700 dark:text-stone-300">{c.field}</dt>
                    <dd class="break-words text-stone-700 dark:text-stone-300">
                        <span class="text-stone-500 line-through decoration-stone-400 dark:text-stone-400">{if c.before.is_empty() { "—".to_owned() } else { c.before }}</span>
                        " → "
                        <span>{if c.after.is_empty() { "—".to_owned() } else { c.after }}</span>
                    </dd>
                }).collect_view()}
            </dl>
        </li>
    }
}

/// An entity's page: its newest changes.
#[component]
pub fn History(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="text-sm text-stone-600 dark:text-stone-400">"No changes recorded yet."</p> }.into_any();
    }
    view! { <Entries entries /> }.into_any()
}
