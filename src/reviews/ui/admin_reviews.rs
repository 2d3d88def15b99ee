use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::components::form::{FormError, INPUT, Notice, action_error};
use crate::reviews::api::{ModerateReview, get_recent_reviews};
use crate::reviews::{Review, date_label};

/// `/admin/reviews`: the newest reviews, hidden ones marked, each with
/// hide (and a reason) or show again.
#[component]
pub fn AdminReviewsPage() -> impl IntoView {
    let moderate = ServerAction::<ModerateReview>::new();
    let query = use_query_map();
    let list =
        Resource::new(move || (moderate.version().get(), query.read().get("done")), |_| get_recent_reviews());
    let done = Signal::derive(move || {
        query.read().get("done").map(|d| {
            if d == "hidden" { "The review is hidden." } else { "The review is shown again." }.to_owned()
        })
    });
    view! {
        <Title text="Reviews" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading reviews…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(reviews) => view! {
                        <div class="pt-8">
                            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Reviews"</h1>
                            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"The newest reviews across the shop. A hidden review leaves the product's rating."</p>
                            <div class="mt-6 space-y-4">
                                <Notice text=done />
                                {reviews.is_empty().then(|| view! {
                                    <p class="rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">"No reviews yet."</p>
                                })}
                                {reviews.into_iter().map(|(r, product_id)| view! { <Row r product_id moderate /> }).collect_view()}
                            </div>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Row(r: Review, product_id: String, moderate: ServerAction<ModerateReview>) -> impl IntoView {
    let error = action_error(moderate);
    let reason_id = format!("reason-{}", r.id);
    view! {
        <article class="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900" aria-label=format!("Review by {}", r.author)>
            <p class="text-xs text-stone-600 dark:text-stone-400">
                {format!("{}★ · {} · {} · product {}", r.rating, r.author, date_label(r.created_at), product_id)}
                {r.hidden.then(|| view! { <span class="ml-2 rounded-full bg-stone-900 px-2 py-0.5 text-white dark:bg-stone-100 dark:text-stone-900">"Hidden"</span> })}
            </p>
            {(!r.title.is_empty()).then(|| view! { <h2 class="mt-1 font-semibold">{r.title.clone()}</h2> })}
            <p class="mt-1 whitespace-pre-line text-sm">{r.body.clone()}</p>
            {r.hidden.then(|| view! { <p class="mt-2 text-xs text-stone-600 dark:text-stone-400">{format!("Hidden because: {}", r.hidden_reason)}</p> })}
            <ActionForm action=moderate attr:class="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
                <FormError error />
                <input type="hidden" name="id" value=r.id.clone() />
                <input type="hidden" name="hide" value=(!r.hidden).to_string() />
                {(!r.hidden).then(|| view! {
                    <div class="flex-1">
                        <label for=reason_id.clone() class="block text-xs font-medium">"Reason to hide"</label>
                        <input id=reason_id.clone() name="reason" maxlength="500" class=INPUT />
                    </div>
                })}
                {r.hidden.then(|| view! { <input type="hidden" name="reason" value="" /> })}
                <button type="submit" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
                    {if r.hidden { "Show again" } else { "Hide" }}
                </button>
            </ActionForm>
        </article>
    }
}
