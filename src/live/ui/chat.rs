use leptos::prelude::*;

use crate::components::FOCUS;
use crate::live::chat::{ChatMessage, MAX_MESSAGE, PinnedProduct, REACTIONS};

// Shared by the server's markup and the browser's: one look either way.
pub(super) const LI: &str = "flex items-start gap-2";
pub(super) const TEXT: &str = "min-w-0 flex-1 break-words";
pub(super) const MOD_FORM: &str = "flex flex-none gap-1";
pub(super) const MOD_BUTTON: &str = "rounded px-1.5 py-0.5 text-xs text-stone-600 hover:bg-stone-100 dark:text-stone-300 dark:hover:bg-stone-800 focus-ring";
const BUY: &str = "rounded-full bg-rose-700 px-4 py-2 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 focus-ring";

/// The stream's side panel: viewers, the pinned product and the chat,
/// rendered on the server with the history — it reads, and through plain
/// forms writes and moderates, without JavaScript. With it, [`LiveChat`]
/// keeps the panel live over a WebSocket.
#[component]
pub fn ChatPanel(
    stream_id: String,
    history: Vec<ChatMessage>,
    pinned: Option<PinnedProduct>,
    viewers: i64,
    signed_in: bool,
    open: bool,
    moderate: bool,
) -> impl IntoView {
    let id = stream_id.clone();
    view! {
        <LiveChat stream_id=stream_id.clone() moderate>
            <div class="flex flex-col rounded-2xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900" id="chat">
                <div class="flex items-center justify-between border-b border-stone-200 px-4 py-3 dark:border-stone-800">
                    <h2 class="font-semibold">"Live chat"</h2>
                    <span class="text-xs text-stone-600 dark:text-stone-400" id="chat-viewers" data-testid="chat-viewers" aria-live="polite">
                        {format!("{viewers} watching")}
                    </span>
                </div>
                <Pinned p=pinned stream_id=stream_id.clone() />
                <ol id="chat-messages" class="max-h-96 min-h-48 flex-1 space-y-2 overflow-y-auto px-4 py-3 text-sm" aria-label="Chat messages" aria-live="polite" data-testid="chat-messages">
                    {history.into_iter().map(|m| view! {
                        <li class=LI data-message=m.id.clone()>
                            <p class=TEXT><span class="font-semibold">{m.user.name}</span>" "{m.text}</p>
                            {moderate.then(|| view! { <Moderation stream_id=id.clone() message_id=m.id.clone() user_id=m.user.id.clone() /> })}
                        </li>
                    }).collect_view()}
                </ol>
                <div class="pointer-events-none relative h-0" aria-hidden="true" id="chat-reactions"></div>
                <div class="border-t border-stone-200 p-3 dark:border-stone-800">
                    <p class="mb-2 text-xs text-rose-700 dark:text-rose-300" aria-live="assertive" id="chat-error" data-testid="chat-error"></p>
                    {if !open {
                        view! { <p class="text-sm text-stone-600 dark:text-stone-400">"This stream is over; its chat is closed."</p> }.into_any()
                    } else if signed_in {
                        view! {
                            <form method="post" action="/api/post_chat" class="flex gap-2" id="chat-form">
                                <input type="hidden" name="id" value=stream_id.clone() />
                                <label for="chat-text" class="sr-only">"Message"</label>
                                <input id="chat-text" name="text" maxlength=MAX_MESSAGE.to_string() autocomplete="off" required placeholder="Ask the seller…"
                                    class="min-w-0 flex-1 rounded-full border border-stone-300 bg-white px-4 py-2 text-sm dark:border-stone-700 dark:bg-stone-950" />
                                <button type="submit" class=BUY>"Send"</button>
                            </form>
                            <div class="mt-2 flex gap-1" role="group" aria-label="React" id="chat-react">
                                {REACTIONS.iter().map(|e| view! {
                                    <button type="button" data-reaction=*e aria-label=format!("React {e}")
                                        class=format!("rounded-full px-2 py-1 text-lg hover:bg-stone-100 disabled:opacity-40 dark:hover:bg-stone-800 {FOCUS}")
                                        disabled=true title="Needs JavaScript">{*e}</button>
                                }).collect_view()}
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <a href=format!("/login?next=/live/{stream_id}") class=format!("block rounded-full border border-stone-300 px-4 py-2 text-center text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                                "Sign in to chat"
                            </a>
                        }.into_any()
                    }}
                </div>
            </div>
        </LiveChat>
    }
}

/// The pinned product — price and stock as they are now, a way to buy — in
/// a block that is always there (hidden when nothing is pinned), so the
/// browser can fill it in when the seller pins something.
#[component]
fn Pinned(p: Option<PinnedProduct>, stream_id: String) -> impl IntoView {
    let hidden = p.is_none();
    let p = p.unwrap_or_else(|| PinnedProduct {
        id: String::new(),
        slug: String::new(),
        title: String::new(),
        price: 0,
        price_label: String::new(),
        currency: String::new(),
        stock: 0,
        image_url: None,
        simple: true,
    });
    let buyable = p.stock > 0 && p.simple;
    let choose = p.stock > 0 && !p.simple;
    view! {
        <div id="chat-pinned" hidden=hidden data-testid="pinned"
            class="flex items-center gap-3 border-b border-stone-200 bg-rose-50 px-4 py-3 dark:border-stone-800 dark:bg-rose-950/40">
            <img id="pinned-img" src=p.image_url.clone().unwrap_or_default() hidden=p.image_url.is_none() alt="" width="56" height="56" class="h-14 w-14 flex-none rounded-lg object-cover" />
            <div class="min-w-0 flex-1">
                <p class="text-xs font-semibold uppercase tracking-wide text-rose-700 dark:text-rose-300">"Pinned"</p>
                <a id="pinned-link" href=format!("/products/{}", p.slug) class="block truncate text-sm font-medium hover:underline">{p.title.clone()}</a>
                <p class="text-sm">
                    <span class="font-semibold" id="pinned-price" data-testid="pinned-price">{p.price_label.clone()}</span>
                    " · "<span id="pinned-stock" data-testid="pinned-stock">{stock_label(p.stock)}</span>
                </p>
            </div>
            <form method="post" action="/api/buy_now" id="pinned-buy" hidden=!buyable>
                <input type="hidden" name="product_id" value=p.id.clone() />
                <input type="hidden" name="stream_id" value=stream_id />
                <button type="submit" class=BUY>"Buy now"</button>
            </form>
            <a id="pinned-choose" href=format!("/products/{}", p.slug) hidden=!choose
                class=format!("rounded-full border border-stone-300 px-4 py-2 text-sm font-semibold dark:border-stone-700 {FOCUS}")>"Choose"</a>
        </div>
    }
}

pub(super) fn stock_label(stock: i64) -> String {
    match stock {
        0 => "Sold out".to_owned(),
        n if n <= 5 => format!("Only {n} left"),
        n => format!("{n} in stock"),
    }
}

/// Delete a message, or mute or ban its author (the console): a plain form.
#[component]
fn Moderation(stream_id: String, message_id: String, user_id: String) -> impl IntoView {
    view! {
        <form method="post" action="/api/moderate_chat" class=MOD_FORM>
            <input type="hidden" name="stream_id" value=stream_id />
            <input type="hidden" name="message_id" value=message_id />
            <input type="hidden" name="user_id" value=user_id />
            <button type="submit" name="action" value="delete" class=MOD_BUTTON>"Delete"</button>
            <button type="submit" name="action" value="mute" class=MOD_BUTTON>"Mute"</button>
            <button type="submit" name="action" value="ban" class=MOD_BUTTON>"Ban"</button>
        </form>
    }
}

/// Keeps a [`ChatPanel`] live: a WebSocket to the stream's chat, frames
/// applied straight to the panel's elements (the rest of the panel is the
/// server's markup, so this island stays small in every viewer's download),
/// the form and the reactions sent over the socket; it reconnects after a drop.
#[island(lazy)]
pub fn LiveChat(stream_id: String, moderate: bool, children: Children) -> impl IntoView {
    // The panel is the server's markup, already in the page: wire it up now.
    #[cfg(feature = "hydrate")]
    super::chat_driver::start(&stream_id, moderate);
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream_id, moderate);
    view! { <div class="contents">{children()}</div> }
}
