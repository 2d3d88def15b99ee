use leptos::prelude::*;

use crate::catalog::Money;

/// A price, with the old price struck through when it is on sale.
#[component]
pub fn Price(
    price: Money,
    #[prop(default = None)] compare_at: Option<Money>,
    #[prop(default = "text-base")] size: &'static str,
) -> impl IntoView {
    let on_sale = compare_at.is_some();
    view! {
        <p class=format!("flex items-baseline gap-2 {size}")>
            <span class=if on_sale { "font-semibold text-rose-700 dark:text-rose-300" } else { "font-semibold" }>
                <span class="sr-only">{if on_sale { "Sale price " } else { "Price " }}</span>
                {price.to_string()}
            </span>
            {compare_at.map(|was| view! {
                <s class="text-sm text-stone-500 dark:text-stone-400">
                    <span class="sr-only">"Was "</span>{was.to_string()}
                </s>
            })}
        </p>
    }
}
