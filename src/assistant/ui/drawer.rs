//! The assistant on every shop page: a button in the corner opening a chat
//! drawer. Without JavaScript it is a `<details>` with a plain form (the
//! answer opens `/assistant`); with it, [`DrawerDriver`] keeps the shopper
//! on the page — the answer is written in as it arrives, the conversation
//! follows them from page to page, and a reply from our team appears live.

use leptos::prelude::*;

use crate::components::{FOCUS, Icon};

/// The drawer's first words, also when the conversation is new.
#[component]
pub fn Welcome() -> impl IntoView {
    view! {
        <div class="rounded-xl bg-stone-50 p-4 text-sm dark:bg-stone-800/60" data-testid="assistant-empty">
            <p class="font-medium">"Hi! What are you looking for?"</p>
            <p class="mt-1 text-stone-600 dark:text-stone-400">
                "Try “a gift for my mum under $50”, “something for pimples” or “where is my order?”."
            </p>
        </div>
    }
}

#[component]
pub fn AssistantDrawer() -> impl IntoView {
    view! {
        <DrawerDriver>
            <details id="assistant-drawer" class="fixed bottom-4 right-4 z-40 print:hidden" data-testid="assistant-drawer">
                <summary aria-label="Chat with our shopping assistant" data-testid="assistant-drawer-open"
                    class=format!("relative ml-auto flex h-14 w-14 cursor-pointer list-none items-center justify-center rounded-full bg-rose-700 text-white shadow-lg hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 [&::-webkit-details-marker]:hidden {FOCUS}")>
                    <Icon name="chat" class="h-7 w-7" />
                    <span id="assistant-drawer-dot" hidden class="absolute right-0 top-0 h-3.5 w-3.5 rounded-full bg-amber-400 ring-2 ring-white dark:ring-stone-950">
                        <span class="sr-only">"New reply"</span>
                    </span>
                </summary>
                <section aria-labelledby="assistant-drawer-title"
                    class="absolute bottom-16 right-0 flex h-[min(36rem,calc(100vh-7rem))] w-[min(24rem,calc(100vw-2rem))] flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-2xl dark:border-stone-700 dark:bg-stone-900">
                    <div class="flex items-center justify-between gap-2 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
                        <h2 id="assistant-drawer-title" class="font-semibold">"Shopping assistant"</h2>
                        <div class="flex items-center gap-3 text-xs">
                            <button type="button" id="assistant-drawer-new" hidden
                                class=format!("rounded font-medium text-stone-700 underline hover:text-rose-700 dark:text-stone-300 {FOCUS}")>"New chat"</button>
                            <a href="/assistant" id="assistant-drawer-full" class=format!("rounded font-medium text-stone-700 underline hover:text-rose-700 dark:text-stone-300 {FOCUS}")>"Full page"</a>
                        </div>
                    </div>
                    <div id="assistant-drawer-thread" class="flex-1 overflow-y-auto px-4 py-3" aria-live="polite" aria-busy="false" data-testid="assistant-drawer-thread">
                        <Welcome />
                    </div>
                    <form id="assistant-drawer-form" method="post" action="/api/assistant_ask" class="border-t border-stone-200 p-3 dark:border-stone-800">
                        <input type="hidden" name="conversation_id" id="assistant-drawer-conversation" value="" />
                        <p id="assistant-drawer-error" role="alert" class="mb-2 text-xs text-rose-700 empty:hidden dark:text-rose-300"></p>
                        <label for="assistant-drawer-message" class="sr-only">"Your message"</label>
                        <div class="flex items-end gap-2">
                            <textarea id="assistant-drawer-message" name="message" rows="2" maxlength="2000" required
                                placeholder="Ask about products, gifts or your order…"
                                class=format!("min-h-[2.75rem] flex-1 resize-none rounded-xl border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-950 {FOCUS}")></textarea>
                            <button type="submit" id="assistant-drawer-send"
                                class=format!("rounded-full bg-rose-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:opacity-60 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>"Send"</button>
                        </div>
                    </form>
                </section>
            </details>
        </DrawerDriver>
    }
}

/// Wires up the drawer's server markup. In the main bundle, not split off:
/// it is on every shop page, so a separate fetch would save nothing and
/// add a round trip (and a second lazy load beside a page's own).
#[island]
fn DrawerDriver(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::drawer_driver::start();
    view! { <div class="contents">{children()}</div> }
}

/// Keeps `/assistant`'s open conversation live: a reply from our team
/// appears without a reload (split off like the drawer's script).
#[island(lazy)]
pub fn PageFeed(conversation: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::page_driver::follow_page(&conversation);
    #[cfg(not(feature = "hydrate"))]
    let _ = conversation;
    view! { <span hidden data-testid="assistant-live"></span> }
}
