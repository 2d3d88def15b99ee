//! Suggestions as shoppers see them: a titled row of product cards, each
//! with the reason it is there ("For dry skin with redness; 89% …").

use leptos::prelude::*;

use super::Suggestion;
use crate::catalog::ui::ProductCardView;

/// A section of suggestions; nothing at all when there are none.
#[component]
pub fn Suggestions(
    /// The heading's id (for `aria-labelledby`) and the test id.
    id: &'static str,
    heading: String,
    items: Vec<Suggestion>,
    #[prop(optional)] lead: Option<String>,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let heading_id = format!("{id}-heading");
        let labelled_by = heading_id.clone();
        view! {
            <section class="mt-14" aria-labelledby=labelled_by data-testid=id>
                <h2 id=heading_id class="text-xl font-semibold tracking-tight">{heading}</h2>
                {lead.map(|l| view! { <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{l}</p> })}
                <ul class="mt-5 grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" role="list">
                    {items.into_iter().map(|s| view! {
                        <li class="flex flex-col gap-2">
                            <ProductCardView card=s.card />
                            <p class="text-xs text-stone-600 dark:text-stone-400" data-testid="suggestion-reason">{s.reason}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
