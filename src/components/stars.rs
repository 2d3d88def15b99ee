use leptos::prelude::*;

use crate::catalog::Rating;

/// Five stars filled to the average, with a text equivalent.
#[component]
pub fn Stars(rating: Rating, #[prop(default = false)] show_count: bool) -> impl IntoView {
    if rating.count == 0 {
        return view! { <p class="text-xs text-stone-500 dark:text-stone-400">"No reviews yet"</p> }
            .into_any();
    }
    let avg = rating.average();
    let label = format!("Rated {avg:.1} out of 5 from {} reviews", rating.count);
    let width = format!("width: {:.0}%", (avg / 5.0 * 100.0).clamp(0.0, 100.0));
    view! {
        <p class="flex items-center gap-1.5 muted-xs">
            <span class="stars" role="img" aria-label=label>
                <span class="text-stone-300 dark:text-stone-700" aria-hidden="true">"★★★★★"</span>
                <span class="stars-fill" style=width aria-hidden="true">
                    "★★★★★"
                </span>
            </span>
            <span aria-hidden="true">{format!("{avg:.1}")}</span>
            {show_count.then(|| view! { <span aria-hidden="true">{format!("({})", rating.count)}</span> })}
        </p>
    }
    .into_any()
}
