//! `/admin/security`: everyone's security events — sign-ins, failures,
//! throttles, resets, sessions ended — filtered by person, kind and date
//! (administrators only). A GET form: it works with JavaScript off.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::accounts::events::{EVENTS_PER_PAGE, EventFilter, SecurityEvent, SecurityKind};
use crate::accounts::ui::ActivityList;
use crate::components::FOCUS;
use crate::components::form::{DatesAndShow, INPUT};
use crate::components::lists::{ListError, NewerOlder, NoMatch};
use crate::error::AppError;

/// One page of events under `filter`, plus one more when there are older.
#[server(endpoint = "admin_security_events")]
pub async fn get_security_events(filter: EventFilter) -> Result<Vec<SecurityEvent>, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    crate::accounts::audit::search(&mut state.db.conn().await?, &filter).await
}

/// Whether staff must turn on two-step sign-in, and whether this
/// administrator has it on.
#[server(endpoint = "admin_staff_two_factor")]
pub async fn get_staff_rule() -> Result<(bool, bool), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let mut c = state.db.conn().await?;
    let on = super::service::staff_two_factor(&mut c).await?;
    Ok((on, crate::accounts::two_factor::is_on(&mut c, &admin.id).await?))
}

/// The checkbox: present is on, absent is off.
#[server(endpoint = "admin_set_staff_two_factor")]
pub async fn set_staff_rule(#[server(default)] required: Option<String>) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    super::service::set_staff_two_factor(&state.db, &admin, required.is_some(), &device).await?;
    leptos_axum::redirect("/admin/security?saved=rule");
    Ok(())
}

fn filter_of(q: &ParamsMap) -> EventFilter {
    EventFilter {
        person: q.get("person").unwrap_or_default(),
        kind: q.get("kind").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
    }
}

/// The query string of `filter` at `page`.
fn page_href(filter: &EventFilter, page: u32) -> String {
    let pairs =
        [("person", &filter.person), ("kind", &filter.kind), ("from", &filter.from), ("to", &filter.to)];
    let mut q: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::catalog::query::encode(v)))
        .collect();
    q.push(format!("page={page}"));
    format!("/admin/security?{}", q.join("&"))
}

#[component]
pub fn AdminSecurityPage() -> impl IntoView {
    let query = use_query_map();
    let events = Resource::new(move || filter_of(&query.read()), get_security_events);
    view! {
        <Title text="Security events" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Security events"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Sign-ins, failed and paused attempts, password resets and sessions ended, newest first."</p>
            <StaffRule />
            <Filters current=filter_of(&query.read_untracked()) />
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading events…"</p> }>
                {move || Suspend::new(async move {
                    let filter = filter_of(&query.read_untracked());
                    match events.await {
                        Ok(list) if list.is_empty() => view! { <NoMatch text="No events match." /> }.into_any(),
                        Ok(mut list) => {
                            let page = filter.page.max(1);
                            let older = list.len() > EVENTS_PER_PAGE as usize;
                            list.truncate(EVENTS_PER_PAGE as usize);
                            view! {
                                <div class="mt-6 rounded-2xl border border-stone-200 bg-white px-5 dark:border-stone-800 dark:bg-stone-900">
                                    <ActivityList events=list with_email=true />
                                </div>
                                <NewerOlder
                                    newer=(page > 1).then(|| page_href(&filter, page - 1))
                                    older=older.then(|| page_href(&filter, page + 1))
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

/// The back-office setting: staff and administrators need two-step sign-in.
#[component]
fn StaffRule() -> impl IntoView {
    let save = ServerAction::<SetStaffRule>::new();
    let rule = Resource::new(move || save.version().get(), |_| get_staff_rule());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                rule.await.ok().map(|(on, mine)| view! {
                    <ActionForm action=save attr:class="mt-6 rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                        <label class="flex items-start gap-3 text-sm">
                            <input type="checkbox" name="required" value="on" checked=on class="mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                            <span>
                                <span class="font-medium">"Require two-step sign-in for staff and administrators"</span>
                                <span class="block text-stone-600 dark:text-stone-400">"Until they turn it on, their role counts for nothing: the back office and studio send them to set it up."</span>
                                {(!mine).then(|| view! { <span class="mt-1 block text-amber-800 dark:text-amber-300">"You have not turned it on yourself yet: with this on, you will be asked to first."</span> })}
                            </span>
                        </label>
                        <button type="submit" class=format!("mt-3 rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Save"</button>
                    </ActionForm>
                })
            })}
        </Suspense>
    }
}

#[component]
fn Filters(current: EventFilter) -> impl IntoView {
    let label = "block text-xs font-medium text-stone-600 dark:text-stone-400";
    view! {
        <form method="get" class="mt-6 grid grid-cols-2 items-end gap-3 rounded-2xl border border-stone-200 p-4 sm:grid-cols-3 lg:grid-cols-5 dark:border-stone-800" aria-label="Filter security events">
            <div class="col-span-2 sm:col-span-1">
                <label for="f-person" class=label>"Person"</label>
                <input id="f-person" name="person" value=current.person.clone() placeholder="part of an email" maxlength="100" class=INPUT />
            </div>
            <div class="col-span-2 sm:col-span-1">
                <label for="f-kind" class=label>"What"</label>
                <select id="f-kind" name="kind" class=INPUT>
                    <option value="" selected=current.kind.is_empty()>"Anything"</option>
                    {SecurityKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=current.kind == k.as_str()>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <DatesAndShow from=current.from.clone() to=current.to.clone() />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_filters() {
        let f = EventFilter { person: "a+b@x".into(), kind: "sign_in".into(), page: 2, ..Default::default() };
        assert_eq!(page_href(&f, 3), "/admin/security?person=a%2Bb%40x&kind=sign_in&page=3");
    }
}
