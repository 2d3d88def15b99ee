//! The parts every back-office list shares: "nothing matches", a filter the
//! server did not understand, and the page links. Plain links and markup,
//! so the lists work with JavaScript off.

use leptos::prelude::*;

use super::FOCUS;
use crate::accounts::ui::Refused;
use crate::error::AppError;

/// A pill-shaped secondary link or button.
pub const PILL: &str = "rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

/// The empty state of a filtered list.
#[component]
pub fn NoMatch(text: &'static str) -> impl IntoView {
    view! {
        <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">{text}</p>
    }
}

/// Why a list could not be shown: the filters' mistakes (field: message),
/// or the refusal page (sign in, not allowed, …).
#[component]
pub fn ListError(error: AppError) -> impl IntoView {
    match error {
        AppError::Validation(fields) => view! {
            <ul class="mt-6 rounded-lg bg-rose-50 px-4 py-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100" role="alert">
                {fields.into_iter().map(|(field, m)| view! { <li>{format!("{field}: {m}")}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        other => view! { <Refused error=other /> }.into_any(),
    }
}

/// "← Newer" and "Older →" for a newest-first list (`None`: no such page).
#[component]
pub fn NewerOlder(newer: Option<String>, older: Option<String>) -> impl IntoView {
    view! {
        <nav aria-label="Pages" class="mt-4 flex justify-between">
            {newer.map(|href| view! { <a class=format!("{PILL} {FOCUS}") href=href>"← Newer"</a> })}
            <span></span>
            {older.map(|href| view! { <a class=format!("{PILL} {FOCUS}") href=href>"Older →"</a> })}
        </nav>
    }
}
