//! The integrations card: each service's state, where it points, the last
//! four characters of its secret, the last outcome and a "Test" button.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::FOCUS;
use crate::settings::IntegrationView;
use crate::settings::api::TestIntegration;

fn pill(state: &str) -> &'static str {
    match state {
        "Working" => "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
        "Failing" => "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
        "Not tested yet" => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        _ => "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
    }
}

#[component]
pub fn Integrations(list: Vec<IntegrationView>, test: ServerAction<TestIntegration>) -> impl IntoView {
    let query = use_query_map();
    let tested = query.read_untracked().get("tested");
    view! {
        <section id="integrations" class="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900" aria-labelledby="integrations-title">
            <h2 id="integrations-title" class="text-lg font-semibold">"Integrations"</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Set by the server's BAZAAR_* settings. Secrets never show here, only their last four characters."</p>
            <ul class="mt-5 divide-y divide-stone-200 dark:divide-stone-800">
                {list.into_iter().map(|i| {
                    let state = i.state();
                    let just_tested = tested.as_deref() == Some(i.which.as_str());
                    let pending = test.pending();
                    view! {
                        <li class="py-4" data-testid=format!("integration-{}", i.which.as_str())>
                            <div class="flex flex-wrap items-center justify-between gap-2">
                                <h3 class="font-medium">{i.which.label()}</h3>
                                <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {}", pill(state)) data-testid="integration-state">{state}</span>
                            </div>
                            {if i.configured {
                                view! {
                                    <p class="mt-1 break-all text-sm text-stone-600 dark:text-stone-400">
                                        {i.target.clone()}
                                        {i.secret_tail.clone().map(|t| format!(" · key ending in {t}"))}
                                    </p>
                                }.into_any()
                            } else {
                                view! { <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{format!("Set {} to turn it on.", i.which.keys())}</p> }.into_any()
                            }}
                            {i.last.clone().map(|c| view! {
                                <p class="mt-1 text-xs text-stone-600 dark:text-stone-400" role=just_tested.then_some("status")>
                                    {if c.ok { "Last check passed " } else { "Last check failed " }}
                                    {crate::dates::when(c.at)}
                                    {(!c.ok).then(|| view! { <span class="mt-1 block break-words text-rose-700 dark:text-rose-300">{c.error.clone()}</span> })}
                                </p>
                            })}
                            {i.configured.then(|| view! {
                                <ActionForm action=test attr:class="mt-2">
                                    <input type="hidden" name="which" value=i.which.as_str() />
                                    <button type="submit" disabled=move || pending.get() class=format!("rounded-full border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                                        "Test"<span class="sr-only">{format!(" {}", i.which.label())}</span>
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
