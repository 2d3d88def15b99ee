//! A figure card: the period's value and its change against the period
//! before (an arrow and a percentage, green when it grew — red for refunds).

use leptos::prelude::*;

use crate::analytics::delta_percent;

#[component]
pub fn Figure(
    label: &'static str,
    /// The value as shown.
    value: String,
    now: i64,
    before: i64,
    /// Shown for the previous period ("$1,200.00 before").
    before_text: String,
    /// A rise is bad news (refunds).
    #[prop(optional)]
    rise_is_bad: bool,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let delta = delta_percent(now, before);
    let (arrow, tone, words) = match delta {
        None => ("", "text-stone-500 dark:text-stone-400", "no earlier figure".to_owned()),
        Some(0) => ("→", "text-stone-500 dark:text-stone-400", "unchanged".to_owned()),
        Some(d) => {
            let good = (d > 0) != rise_is_bad;
            let tone = if good {
                "text-emerald-700 dark:text-emerald-400"
            } else {
                "text-rose-700 dark:text-rose-400"
            };
            (if d > 0 { "↑" } else { "↓" }, tone, format!("{}{d}%", if d > 0 { "+" } else { "" }))
        }
    };
    view! {
        // Sized by the card's own width (a container query): six cards
        // in a row keep "$104,187.00" on one line.
        <div class="@container rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" data-testid=testid>
            <dt class="text-sm text-stone-600 dark:text-stone-400">{label}</dt>
            <dd class="mt-1 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] @[9rem]:text-xl @[11rem]:text-2xl" data-figure=testid>{value}</dd>
            <dd class=format!("mt-1 text-xs font-medium {tone}")>
                <span aria-hidden="true">{arrow}" "</span>{words}
                <span class="font-normal text-stone-500 dark:text-stone-400">" · "{before_text}" before"</span>
            </dd>
        </div>
    }
}
