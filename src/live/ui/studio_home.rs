//! `/studio`: where sellers and staff run live streams, with the shops they
//! stream for. Customers get the 403 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::ui::Refused;
use crate::components::FOCUS;
use crate::live::api::get_studio_shops;

#[component]
pub fn StudioPage() -> impl IntoView {
    let shops = Resource::new(|| (), |_| get_studio_shops());
    view! {
        <Title text="Stream studio" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading the studio…"</p> }>
            {move || Suspend::new(async move {
                match shops.await {
                    Ok(shops) => view! {
                        <div class="pt-8">
                            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Stream studio"</h1>
                            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"The shops you can go live for, and what they have in stock to show."</p>
                            <a href="/studio/streams" class=format!("mt-4 inline-flex items-center gap-2 rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                                <span class="h-2 w-2 rounded-full bg-white" aria-hidden="true"></span>"Your streams"
                            </a>
                            <a href="/studio/analytics" class=format!("ml-2 mt-4 inline-flex items-center rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Your figures"</a>
                            <a href="/studio/reports" class=format!("ml-2 mt-4 inline-flex items-center rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Reports"</a>
                            {if shops.is_empty() {
                                view! { <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700">"You do not run a shop yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" role="list">
                                        {shops.into_iter().map(|s| view! {
                                            <li class="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
                                                <a href=format!("/shops/{}", s.slug) class="font-medium underline-offset-2 hover:underline">{s.shop_name}</a>
                                                <p class="mt-1 text-xs uppercase tracking-wide text-stone-500 dark:text-stone-400">{s.status}</p>
                                                <p class="mt-3 text-sm">{format!("{} products · {} in stock", s.products, s.in_stock)}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
