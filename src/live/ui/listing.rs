use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::StreamGrid;
use crate::components::ErrorView;
use crate::live::api::get_live_listing;

/// `/live`: streams on now, then those coming up.
#[component]
pub fn LivePage() -> impl IntoView {
    let listing = Resource::new(|| (), |_| get_live_listing());
    view! {
        <Title text="Live shopping" />
        <Meta name="description" content="Watch independent makers live, ask them anything in the chat, and buy what they show without leaving the stream." />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Live shopping"</h1>
            <p class="mt-1 max-w-2xl text-stone-600 dark:text-stone-400">
                "Watch independent makers show their work, ask them anything, and buy what they show without leaving the stream."
            </p>
            <Suspense fallback=|| view! { <div class="mt-8 h-64 animate-pulse rounded-3xl bg-stone-200 dark:bg-stone-800" aria-busy="true"></div> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(l) => view! {
                            <section class="mt-8" aria-labelledby="live-now">
                                <h2 id="live-now" class="text-xl font-semibold tracking-tight">"Live now"</h2>
                                <StreamGrid streams=l.live empty="Nobody is live right now — see what is coming up below." />
                            </section>
                            <section class="mt-12" aria-labelledby="coming-up">
                                <h2 id="coming-up" class="text-xl font-semibold tracking-tight">"Coming up"</h2>
                                <StreamGrid streams=l.upcoming empty="No streams are scheduled yet. Follow a shop to hear when it plans one." />
                            </section>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
