//! `/admin`: the back-office home. Administrators only — anyone else gets
//! the 403 page, not just a hidden link.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_overview;
use crate::accounts::ui::Refused;

#[component]
pub fn AdminPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Title text="Back office" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading the back office…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let people: i64 = o.people_by_role.iter().map(|(_, n)| n).sum();
                        let max = o.people_by_role.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
                        view! {
                            <div class="pt-8">
                                <div class="flex flex-wrap items-end justify-between gap-4">
                                    <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Back office"</h1>
                                    <nav aria-label="Back office" class="flex flex-wrap gap-2">
                                        <a href="/admin/sellers" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Seller applications"</a>
                                        <a href="/admin/reviews" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Reviews"</a>
                                        <a href="/admin/promos" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Promo codes"</a>
                                        <a href="/admin/orders" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Orders"</a>
                                        <a href="/admin/streams" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Live streams"</a>
                                        <a href="/admin/ai" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Search and assistant"</a>
                                        <a href="/admin/outbox" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Outbox"</a>
                                        <a href="/admin/settings/checkout" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Shipping and tax"</a>
                                    </nav>
                                </div>
                                <dl class="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3">
                                    <Stat label="Active products" value=o.active_products />
                                    <Stat label="Shops" value=o.shops />
                                    <Stat label="People" value=people />
                                </dl>
                                <div class="mt-8 grid gap-8 lg:grid-cols-2">
                                    <section class="rounded-2xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900">
                                        <h2 class="text-lg font-semibold">"People by role"</h2>
                                        <ul class="mt-4 space-y-3" role="list">
                                            {o.people_by_role.into_iter().map(|(role, n)| {
                                                let width = format!("width: {}%", (n * 100 / max).max(2));
                                                view! {
                                                    <li>
                                                        <div class="flex justify-between text-sm"><span>{role}</span><span class="font-medium">{n}</span></div>
                                                        <div class="mt-1 h-2 rounded-full bg-stone-100 dark:bg-stone-800" aria-hidden="true">
                                                            <div class="h-2 rounded-full bg-rose-600" style=width></div>
                                                        </div>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                    <section class="rounded-2xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900">
                                        <h2 class="text-lg font-semibold">"Newest accounts"</h2>
                                        <table class="mt-4 w-full text-left text-sm">
                                            <thead class="text-xs uppercase text-stone-500 dark:text-stone-400">
                                                <tr><th scope="col" class="py-1">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr>
                                            </thead>
                                            <tbody class="divide-y divide-stone-100 dark:divide-stone-800">
                                                {o.recent.into_iter().map(|r| view! {
                                                    <tr><td class="py-2">{r.full_name}</td><td class="break-all">{r.email}</td><td>{r.role}</td></tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </section>
                                </div>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Stat(label: &'static str, value: i64) -> impl IntoView {
    view! {
        <div class="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <dt class="text-sm text-stone-600 dark:text-stone-400">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold">{value}</dd>
        </div>
    }
}
