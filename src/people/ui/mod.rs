//! `/admin/people`: everyone with an account, searched by name or email and
//! filtered by role and status, 25 a page (administrators, and staff with
//! the people area). A GET form and plain links: it works without JavaScript.

mod person;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
pub use person::PersonPage;

use super::api::get_people;
use super::{PER_PAGE, PeopleFilter, PersonRow, Status};
use crate::accounts::Role;
use crate::components::FOCUS;
use crate::components::form::INPUT;
use crate::components::lists::{ListError, NoMatch, PILL};

fn filter_of(q: &ParamsMap) -> PeopleFilter {
    PeopleFilter {
        q: q.get("q").unwrap_or_default(),
        role: q.get("role").unwrap_or_default(),
        status: q.get("status").unwrap_or_default(),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
    }
}

fn page_href(f: &PeopleFilter, page: u32) -> String {
    let pairs = [("q", &f.q), ("role", &f.role), ("status", &f.status)];
    let mut q: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::catalog::query::encode(v)))
        .collect();
    q.push(format!("page={page}"));
    format!("/admin/people?{}", q.join("&"))
}

pub const ROLES: [Role; 4] = [Role::Customer, Role::Seller, Role::Staff, Role::Admin];

#[component]
pub fn AdminPeoplePage() -> impl IntoView {
    let query = use_query_map();
    let people = Resource::new(move || filter_of(&query.read()), get_people);
    view! {
        <Title text="People" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <div class="mt-2 flex flex-wrap items-end justify-between gap-3">
                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"People"</h1>
                <a href="/admin/people/invite" class=format!("{PILL} {FOCUS}")>"Invite staff"</a>
            </div>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Customers, sellers and your team. Open someone to see their orders, sessions and history, change their role or switch their account off."</p>
            <Filters current=filter_of(&query.read_untracked()) />
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading people…"</p> }>
                {move || Suspend::new(async move {
                    let filter = filter_of(&query.read_untracked());
                    match people.await {
                        Ok(page) if page.people.is_empty() => view! { <NoMatch text="Nobody matches. Try part of a name or an email." /> }.into_any(),
                        Ok(page) => {
                            let pages = u32::try_from((page.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE)).unwrap_or(1);
                            view! {
                                <p class="mt-6 text-sm text-stone-600 dark:text-stone-400" role="status">{format!("{} {}", page.total, if page.total == 1 { "person" } else { "people" })}</p>
                                <ul class="mt-2 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" aria-label="People">
                                    {page.people.into_iter().map(|p| view! { <Row p /> }).collect_view()}
                                </ul>
                                <Pages filter pages />
                            }.into_any()
                        }
                        Err(e) => view! { <ListError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The small coloured label of a role or status.
#[component]
pub fn Badge(text: String, #[prop(optional)] warn: bool) -> impl IntoView {
    let tone = if warn {
        "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    } else {
        "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300"
    };
    view! { <span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {tone}")>{text}</span> }
}

pub fn role_label(role: &str) -> String {
    Role::parse(role).map_or(role.to_owned(), |r| r.label().to_owned())
}

#[component]
fn Row(p: PersonRow) -> impl IntoView {
    let off = p.status == Status::Deactivated.as_str();
    let href = format!("/admin/people/{}", crate::catalog::query::encode(&p.id));
    view! {
        <li>
            <a href=href class=format!("flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-stone-50 dark:hover:bg-stone-800/60 {FOCUS}")>
                <span class="min-w-0">
                    <span class="block truncate font-medium">{p.full_name.clone()}</span>
                    <span class="block truncate text-sm text-stone-600 dark:text-stone-400">{p.email.clone()}</span>
                </span>
                <span class="flex items-center gap-2">
                    <Badge text=role_label(&p.role) />
                    {off.then(|| view! { <Badge text=Status::Deactivated.label().to_owned() warn=true /> })}
                    <span class="hidden text-xs text-stone-500 sm:inline dark:text-stone-400">{format!("Joined {}", crate::reviews::date_label(p.created_at))}</span>
                </span>
            </a>
        </li>
    }
}

#[component]
fn Pages(filter: PeopleFilter, pages: u32) -> impl IntoView {
    let page = filter.page.max(1);
    let link = format!("{PILL} {FOCUS}");
    view! {
        <nav aria-label="Pages" class="mt-4 flex items-center justify-between gap-2">
            {(page > 1).then(|| view! { <a class=link.clone() href=page_href(&filter, page - 1)>"← Previous"</a> })}
            <span class="text-sm text-stone-600 dark:text-stone-400">{format!("Page {page} of {}", pages.max(1))}</span>
            {(page < pages).then(|| view! { <a class=link.clone() href=page_href(&filter, page + 1)>"Next →"</a> })}
        </nav>
    }
}

#[component]
fn Filters(current: PeopleFilter) -> impl IntoView {
    let label = "block text-xs font-medium text-stone-600 dark:text-stone-400";
    view! {
        <form method="get" class="mt-6 grid grid-cols-2 items-end gap-3 rounded-2xl border border-stone-200 p-4 sm:grid-cols-4 dark:border-stone-800" role="search" aria-label="Find people">
            <div class="col-span-2 sm:col-span-1">
                <label for="f-q" class=label>"Name or email"</label>
                <input id="f-q" name="q" type="search" value=current.q.clone() maxlength="100" class=INPUT />
            </div>
            <div>
                <label for="f-role" class=label>"Role"</label>
                <select id="f-role" name="role" class=INPUT>
                    <option value="" selected=current.role.is_empty()>"Any"</option>
                    {ROLES.into_iter().map(|r| view! { <option value=r.as_str() selected=current.role == r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-status" class=label>"Status"</label>
                <select id="f-status" name="status" class=INPUT>
                    <option value="" selected=current.status.is_empty()>"Any"</option>
                    {[Status::Active, Status::Deactivated].into_iter().map(|s| view! { <option value=s.as_str() selected=current.status == s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class=format!("col-span-2 rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700 sm:col-span-1 dark:bg-stone-100 dark:text-stone-900 {FOCUS}")>"Find"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_keep_the_filters() {
        let f = super::PeopleFilter { q: "ada lo".into(), role: "staff".into(), ..Default::default() };
        assert_eq!(super::page_href(&f, 2), "/admin/people?q=ada+lo&role=staff&page=2");
    }
}
