//! Security events as a list: the person's own on /account/security, and
//! (with the address) everyone's on /admin/security.

use leptos::prelude::*;

use crate::accounts::events::SecurityEvent;
use crate::dates::when;

/// Newest first. `with_email` adds whose event it was.
#[component]
pub fn ActivityList(events: Vec<SecurityEvent>, #[prop(optional)] with_email: bool) -> impl IntoView {
    view! {
        <ul class="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Security activity">
            {events.into_iter().map(|e| view! { <ActivityRow e with_email /> }).collect_view()}
        </ul>
    }
}

#[component]
fn ActivityRow(e: SecurityEvent, with_email: bool) -> impl IntoView {
    let dot = if e.kind.is_warning() { "bg-amber-500" } else { "bg-emerald-500" };
    let mut whence: Vec<String> = Vec::new();
    if !e.device.is_empty() {
        whence.push(e.device.clone());
    }
    if !e.ip.is_empty() {
        whence.push(e.ip.clone());
    }
    if !e.detail.is_empty() {
        whence.push(e.detail.clone());
    }
    view! {
        <li class="flex items-start gap-3 py-3" data-testid="security-event" data-kind=e.kind.as_str()>
            <span class=format!("mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full {dot}") aria-hidden="true"></span>
            <div class="min-w-0 flex-1">
                <p class="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                    <span class="font-medium">
                        {e.kind.label()}
                        {e.kind.is_warning().then(|| view! { <span class="sr-only">" (warning)"</span> })}
                    </span>
                    <time class="text-xs text-stone-500 dark:text-stone-400">{when(e.created_at)}</time>
                </p>
                {with_email.then(|| view! {
                    <p class="truncate text-sm text-stone-700 dark:text-stone-300">
                        {if e.email.is_empty() { "(no address)".to_owned() } else { e.email.clone() }}
                    </p>
                })}
                <p class="text-xs text-stone-600 dark:text-stone-400">{whence.join(" · ")}</p>
            </div>
        </li>
    }
}
