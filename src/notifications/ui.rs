//! The bell (a link with the unread count, kept live by a small island)
//! and `/notifications` (the newest 50, unread first in weight, "mark all
//! read"). Plain links and forms: the page works with JavaScript off.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::Notification;
use super::api::{MarkNotificationsRead, get_notifications, notification_count};
use crate::accounts::ui::Refused;
use crate::components::{FOCUS, Icon};

/// The bell in the header (nothing for visitors and customers).
#[component]
pub fn NotificationBell() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let count = Resource::new(move || location.pathname.get(), |_| notification_count());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                count.await.ok().flatten().map(|n| view! {
                    <a href="/notifications" data-testid="bell" class=format!("relative flex h-10 w-10 items-center justify-center rounded-full hover:bg-stone-100 dark:hover:bg-stone-800 {FOCUS}")>
                        <Icon name="bell" />
                        <span class="sr-only" id="bell-label">{label(n)}</span>
                        <span id="bell-count" aria-hidden="true" hidden=n == 0 class="absolute -right-0.5 -top-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-rose-700 px-1 text-[11px] font-semibold text-white">
                            {n.to_string()}
                        </span>
                        <BellLive />
                    </a>
                })
            })}
        </Suspense>
    }
}

/// "Notifications, 3 unread".
pub fn label(n: i64) -> String {
    match n {
        0 => "Notifications, none unread".to_owned(),
        n => format!("Notifications, {n} unread"),
    }
}

/// Keeps the bell's count current: an `EventSource` on
/// `/api/v1/notifications/events` updates the badge in place.
#[island]
pub fn BellLive() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    listen();
    view! { <span hidden=true></span> }
}

#[cfg(feature = "hydrate")]
fn listen() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Ok(source) = web_sys::EventSource::new("/api/v1/notifications/events") else { return };
    let on_count = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let n: i64 = ev.data().as_string().and_then(|t| t.trim().parse().ok()).unwrap_or(0);
        let document = document();
        if let Some(badge) = document.get_element_by_id("bell-count") {
            badge.set_text_content(Some(&n.to_string()));
            if n == 0 {
                let _ = badge.set_attribute("hidden", "");
            } else {
                let _ = badge.remove_attribute("hidden");
            }
        }
        if let Some(text) = document.get_element_by_id("bell-label") {
            text.set_text_content(Some(&label(n)));
        }
    });
    let _ = source.add_event_listener_with_callback("count", on_count.as_ref().unchecked_ref());
    on_count.forget();
    std::mem::forget(source);
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let unread_only = move || query.read().get("unread").is_some();
    let read = ServerAction::<MarkNotificationsRead>::new();
    let inbox = Resource::new(move || (unread_only(), read.version().get()), |(u, _)| get_notifications(u));
    let tab = |on: bool| {
        if on {
            "rounded-full bg-stone-900 px-3 py-1 text-sm font-medium text-white dark:bg-white dark:text-stone-900"
        } else {
            "rounded-full px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:hover:bg-stone-800"
        }
    };
    view! {
        <Title text="Notifications" />
        <Meta name="robots" content="noindex" />
        <div class="mx-auto max-w-3xl pt-8">
            <div class="flex flex-wrap items-end justify-between gap-3">
                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Notifications"</h1>
                <ActionForm action=read>
                    <input type="hidden" name="id" value="" />
                    <button type="submit" class=format!("rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Mark all as read"</button>
                </ActionForm>
            </div>
            <nav class="mt-4 flex gap-2" aria-label="Show">
                <a href="/notifications" class=move || format!("{} {FOCUS}", tab(!unread_only())) aria-current=move || (!unread_only()).then_some("page")>"All"</a>
                <a href="/notifications?unread=1" class=move || format!("{} {FOCUS}", tab(unread_only())) aria-current=move || unread_only().then_some("page")>"Unread"</a>
            </nav>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(i) if i.notifications.is_empty() => view! {
                            <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">"Nothing here. New orders, low stock and customers waiting show up here as they happen."</p>
                        }.into_any(),
                        Ok(i) => view! {
                            <p class="mt-4 text-sm text-stone-600 dark:text-stone-400" role="status">{label(i.unread_count)}</p>
                            <ul class="mt-2 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" aria-label="Notifications">
                                {i.notifications.into_iter().map(|n| view! { <Row n read /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Row(n: Notification, read: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    let weight = if n.read { "text-stone-600 dark:text-stone-400" } else { "font-semibold" };
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
            <div class="min-w-0">
                <p class="text-xs uppercase tracking-wide text-stone-500 dark:text-stone-400">{n.kind.label()}</p>
                {if n.link.is_empty() {
                    view! { <p class=weight>{n.title.clone()}</p> }.into_any()
                } else {
                    view! { <a href=n.link.clone() class=format!("{weight} hover:underline {FOCUS}")>{n.title.clone()}</a> }.into_any()
                }}
                <p class="text-xs text-stone-500 dark:text-stone-400">{crate::dates::when(n.created_at)}</p>
            </div>
            {(!n.read).then(|| view! {
                <ActionForm action=read>
                    <input type="hidden" name="id" value=n.id.clone() />
                    <button type="submit" class=format!("text-sm text-rose-700 hover:underline dark:text-rose-300 {FOCUS}")>"Mark read"</button>
                </ActionForm>
            })}
        </li>
    }
}
