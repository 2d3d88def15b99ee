//! A conversation's messages: the shopper's on the right, the assistant's
//! and the team's on the left, products as cards with "Add to cart".

use leptos::prelude::*;

use crate::assistant::{ChatMessage, ChatProduct, Role};
use crate::components::FOCUS;

// Shared with the drawer's script, which draws the message being written.
pub(crate) const MINE: &str = "flex flex-col items-end";
pub(crate) const THEIRS: &str = "flex flex-col items-start";
pub(crate) const WHO: &str = "text-xs text-stone-500 dark:text-stone-400";
pub(crate) const BUBBLE: &str = "mt-1 max-w-[40rem] whitespace-pre-line rounded-2xl px-4 py-2 text-sm";
pub(crate) const USER: &str = "ml-auto bg-rose-700 text-white dark:bg-rose-600";
pub(crate) const ASSISTANT: &str = "bg-stone-100 text-stone-900 dark:bg-stone-800 dark:text-stone-100";
const STAFF: &str = "bg-amber-50 text-amber-950 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-50 dark:ring-amber-800";

/// The messages, oldest first; `compact` for the drawer (two cards a row).
#[component]
pub fn Thread(messages: Vec<ChatMessage>, #[prop(optional)] compact: bool) -> impl IntoView {
    let last = messages.len().saturating_sub(1);
    let grid = if compact { "grid-cols-2" } else { "grid-cols-2 sm:grid-cols-4" };
    view! {
        <ol class="space-y-4" role="list" aria-label="Messages" data-testid="assistant-thread">
            {messages.into_iter().enumerate().map(|(i, m)| {
                let mine = m.role == Role::User;
                let (who, bubble) = match m.role {
                    Role::User => ("You", USER),
                    Role::Assistant => ("Assistant", ASSISTANT),
                    Role::Staff => ("Our team", STAFF),
                };
                view! {
                    <li id=(i == last && !compact).then_some("latest") data-role=m.role.as_str() class=if mine { MINE } else { THEIRS }>
                        <span class=WHO>{who}</span>
                        <p class=format!("{BUBBLE} {bubble}")>{m.content}</p>
                        {(!m.products.is_empty()).then(|| view! {
                            <ul class=format!("mt-3 grid w-full gap-3 {grid}") role="list" aria-label="Suggested products">
                                {m.products.into_iter().map(|p| view! { <Card p /> }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Card(p: ChatProduct) -> impl IntoView {
    let href = format!("/products/{}", p.slug);
    view! {
        <li class="flex flex-col rounded-xl border border-stone-200 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-900" data-testid="assistant-product">
            <a href=href.clone() class=format!("block rounded-lg {FOCUS}")>
                {p.image_url.clone().map(|src| view! {
                    <img src=src alt=format!("{}", p.name) loading="lazy" width="240" height="240" class="aspect-square w-full rounded-lg object-cover" />
                })}
                <span class="mt-2 line-clamp-2 block font-medium">{p.name.clone()}</span>
            </a>
            <span class="mt-1 font-semibold tabular-nums" data-testid="assistant-price">{p.price.to_string()}</span>
            {if p.has_variants {
                view! {
                    <a href=href class=format!("mt-2 block w-full rounded-full border border-stone-300 px-3 py-1.5 text-center text-xs font-semibold hover:bg-stone-100 dark:border-stone-600 dark:hover:bg-stone-800 {FOCUS}")>"Choose options"</a>
                }.into_any()
            } else {
                view! {
            <form method="post" action="/api/add_to_cart" class="mt-2">
                <input type="hidden" name="product_id" value=p.product_id.clone() />
                <input type="hidden" name="quantity" value="1" />
                <input type="hidden" name="channel" value="assistant" />
                <button type="submit" disabled=!p.in_stock aria-label=format!("Add {} to cart", p.name)
                    class=format!("w-full rounded-full bg-stone-900 px-3 py-1.5 text-xs font-semibold text-white hover:bg-stone-700 disabled:bg-stone-400 dark:bg-white dark:text-stone-900 {FOCUS}")>
                    {if p.in_stock { "Add to cart" } else { "Sold out" }}
                </button>
            </form>
                }.into_any()
            }}
        </li>
    }
}
