//! `/admin/ai`: whether semantic search is on (and why not), how far the
//! product vectors are, and whether Gemini writes the assistant's answers.
//! While products are being embedded the page refreshes itself every few
//! seconds (a meta refresh: no script needed).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::api::get_ai_overview;
use super::{AiOverview, IndexerPhase};
use crate::accounts::ui::Refused;

#[component]
pub fn AdminAiPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_ai_overview());
    view! {
        <Title text="Search and assistant" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Search and assistant"</h1>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(o) => view! { <Overview o /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Overview(o: AiOverview) -> impl IntoView {
    let s = o.semantic.clone();
    let embedding = s.on && s.phase != IndexerPhase::Current;
    let percent = if s.active_products > 0 {
        (s.embedded_products.min(s.active_products) * 100 / s.active_products) as u32
    } else {
        100
    };
    let card = "rounded-2xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900";
    let state_line = match (s.on, s.phase) {
        (false, _) => "Off".to_owned(),
        (true, IndexerPhase::Starting) => "Starting: reading stored vectors".to_owned(),
        (true, IndexerPhase::Embedding) => format!("Embedding products: {} of {}", s.done, s.todo),
        (true, IndexerPhase::Current) => "On: every product has a current vector".to_owned(),
    };
    view! {
        {embedding.then(|| view! { <Meta http_equiv="refresh" content="5" /> })}
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <section class=card aria-labelledby="semantic-heading">
                <h2 id="semantic-heading" class="text-lg font-semibold">"Search by meaning"</h2>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                    "A small language model (all-MiniLM-L6-v2) runs inside the server: searches find products by what they are for, not only by their words, and suggestions use it too."
                </p>
                <p class="mt-4 font-medium" data-testid="semantic-state">{state_line}</p>
                {(!s.on).then(|| view! {
                    <p class="mt-2 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" role="status">
                        "Searches match words and suggestions use popularity only. "
                        {s.off_reason.clone().unwrap_or_default()}
                    </p>
                })}
                {s.on.then(|| view! {
                    <div class="mt-4">
                        <div class="flex justify-between text-sm">
                            <span>"Products with a vector"</span>
                            <span class="font-medium">{format!("{} of {}", s.embedded_products, s.active_products)}</span>
                        </div>
                        <div class="mt-1 h-2 rounded-full bg-stone-100 dark:bg-stone-800" role="progressbar"
                            aria-label="Products with a vector" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()>
                            <div class="h-2 rounded-full bg-rose-600" style=format!("width: {}%", percent.max(1))></div>
                        </div>
                        <dl class="mt-4 grid grid-cols-2 gap-3 text-sm">
                            <dt class="text-stone-600 dark:text-stone-400">"Rate"</dt>
                            <dd>{if s.per_second > 0.0 { format!("{:.1} products a second", s.per_second) } else { "—".to_owned() }}</dd>
                            <dt class="text-stone-600 dark:text-stone-400">"In memory on this server"</dt>
                            <dd>{s.in_memory}</dd>
                            <dt class="text-stone-600 dark:text-stone-400">"Model folder"</dt>
                            <dd class="break-all">{o.model_dir.clone()}</dd>
                        </dl>
                    </div>
                })}
            </section>
            <section class=card aria-labelledby="gemini-heading">
                <h2 id="gemini-heading" class="text-lg font-semibold">"Assistant answers"</h2>
                {if o.gemini {
                    view! {
                        <p class="mt-4 font-medium" data-testid="gemini-state">{format!("Written by Google Gemini ({})", o.gemini_model)}</p>
                        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                            "Products and prices always come from the shop's own data. If Gemini is slow or fails, the assistant answers on its own within 3 seconds."
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <p class="mt-4 font-medium" data-testid="gemini-state">"Offline: written from templates"</p>
                        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                            "Set BAZAAR_GEMINI_API_KEY to have Google Gemini write the answers. Nothing leaves this server until then."
                        </p>
                    }.into_any()
                }}
            </section>
        </div>
    }
}
