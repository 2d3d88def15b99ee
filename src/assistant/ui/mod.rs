//! `/assistant` (a shopper's conversations with the assistant) and
//! `/studio/inbox` (staff answer the conversations handed to them). Plain
//! forms: both work with JavaScript off.

mod drawer;
#[cfg(feature = "hydrate")]
mod drawer_driver;
#[cfg(feature = "hydrate")]
mod drawer_send;
#[cfg(feature = "ssr")]
pub mod fragment;
mod inbox;
#[cfg(feature = "hydrate")]
mod page_driver;
mod thread;

pub use drawer::AssistantDrawer;
use drawer::{PageFeed, Welcome};
pub use inbox::InboxPage;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::api::{AskAssistant, DeleteConversation, get_assistant};
use crate::components::form::{FormError, action_error};
use crate::components::{ErrorView, FOCUS};
use thread::Thread;

const BUTTON: &str = "inline-flex items-center justify-center rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500";

/// `/assistant?c={conversation}`.
#[component]
pub fn AssistantPage() -> impl IntoView {
    let query = use_query_map();
    let chosen = move || query.read().get("c");
    let ask = ServerAction::<AskAssistant>::new();
    let remove = ServerAction::<DeleteConversation>::new();
    let data = Resource::new(move || (chosen(), ask.version().get()), |(c, _)| get_assistant(c));
    let error = action_error(ask);
    view! {
        <Title text="Shopping assistant" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Shopping assistant"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                "Ask for a gift idea, a routine for your skin, or where your order is. Prices and products come straight from the shop; a person from our team can take over any time."
            </p>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                        Ok((conversations, messages)) => {
                            let current = chosen().filter(|c| conversations.iter().any(|x| &x.id == c));
                            let listed = current.clone();
                            let hidden = current.clone().unwrap_or_default();
                            view! {
                                <div class="mt-6 grid gap-6 lg:grid-cols-[16rem_1fr]">
                                    <nav aria-label="Your conversations" class="order-last lg:order-first">
                                        <a href="/assistant" class=format!("block rounded-lg border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"+ New conversation"</a>
                                        <ul class="mt-3 space-y-1" role="list">
                                            {conversations.into_iter().map(|c| {
                                                let on = listed.as_deref() == Some(c.id.as_str());
                                                view! {
                                                    <li>
                                                        <a href=format!("/assistant?c={}", c.id) aria-current=on.then_some("page")
                                                            class=format!("block truncate rounded-lg px-3 py-2 text-sm hover:bg-stone-100 dark:hover:bg-stone-800 {} {FOCUS}", if on { "bg-stone-100 font-semibold dark:bg-stone-800" } else { "" })>
                                                            {c.title.clone()}
                                                            {c.escalated.then(|| view! { <span class="ml-1 rounded-full bg-amber-100 px-2 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">"with our team"</span> })}
                                                        </a>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </nav>
                                    <section aria-label="Conversation" class="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6 dark:border-stone-800 dark:bg-stone-900">
                                        {if messages.is_empty() {
                                            view! { <Welcome /> }.into_any()
                                        } else {
                                            view! { <Thread messages /> }.into_any()
                                        }}
                                        <ActionForm action=ask attr:class="mt-6" attr:id="assistant-form">
                                            <FormError error />
                                            <input type="hidden" name="conversation_id" value=hidden />
                                            <label for="assistant-message" class="sr-only">"Your message"</label>
                                            <div class="flex gap-2">
                                                <textarea id="assistant-message" name="message" rows="2" maxlength="2000" required
                                                    placeholder="Ask about products, gifts or your order…"
                                                    class=format!("min-h-[2.75rem] flex-1 rounded-xl border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-950 {FOCUS}")></textarea>
                                                <button type="submit" class=format!("{BUTTON} {FOCUS}")>"Send"</button>
                                            </div>
                                        </ActionForm>
                                        {current.clone().map(|conversation| view! { <PageFeed conversation /> })}
                                        {current.map(|id| view! {
                                            <ActionForm action=remove attr:class="mt-3 text-right">
                                                <input type="hidden" name="conversation_id" value=id />
                                                <button type="submit" class=format!("rounded text-xs text-stone-600 underline hover:text-rose-700 dark:text-stone-400 {FOCUS}")>"Delete this conversation"</button>
                                            </ActionForm>
                                        })}
                                    </section>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
