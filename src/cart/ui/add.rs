use leptos::prelude::*;

use crate::cart::api::{AddToCart, cart_count};
use crate::components::form::{FormError, action_error};
use crate::components::{FOCUS, Icon};

const PRIMARY: &str = "inline-flex items-center justify-center gap-2 rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:cursor-not-allowed disabled:bg-stone-400 dark:bg-rose-600 dark:hover:bg-rose-500 dark:disabled:bg-stone-700";

/// The product page's "Add to cart": a plain form around the variant
/// picker (`children`), a quantity and the button. Errors (sold out, only
/// N left, choose an option) come back beside it, with or without JavaScript.
#[component]
pub fn AddToCartForm(product_id: String, sold_out: bool, children: Children) -> impl IntoView {
    let add = ServerAction::<AddToCart>::new();
    let error = action_error(add);
    view! {
        <ActionForm action=add attr:class="mt-6 space-y-4" attr:id="add-to-cart">
            <FormError error />
            <input type="hidden" name="product_id" value=product_id />
            {children()}
            <div class="flex items-end gap-3">
                <div>
                    <label for="add-quantity" class="block text-sm font-medium">"Quantity"</label>
                    <select id="add-quantity" name="quantity" class="mt-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900">
                        {(1..=crate::cart::MAX_PER_LINE).map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" disabled=sold_out class=format!("{PRIMARY} flex-1 sm:flex-none {FOCUS}")>
                    <Icon name="bag" class="h-4 w-4" />
                    {if sold_out { "Sold out" } else { "Add to cart" }}
                </button>
            </div>
        </ActionForm>
    }
}

/// The header's cart link with the number of items.
#[component]
pub fn CartLink() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let count = Resource::new(move || location.pathname.get(), |_| cart_count());
    view! {
        <a href="/cart" data-testid="cart-link" class=format!("relative flex h-10 w-10 items-center justify-center rounded-full hover:bg-stone-100 dark:hover:bg-stone-800 {FOCUS}")>
            <Icon name="bag" />
            <Suspense fallback=|| view! { <span class="sr-only">"Cart"</span> }>
                {move || Suspend::new(async move {
                    let n = count.await.unwrap_or(0);
                    let label = match n { 0 => "Cart, empty".to_owned(), 1 => "Cart, 1 item".to_owned(), n => format!("Cart, {n} items") };
                    view! {
                        <span class="sr-only">{label}</span>
                        {(n > 0).then(|| view! {
                            <span class="absolute -right-0.5 -top-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-rose-700 px-1 text-[11px] font-semibold text-white" aria-hidden="true" data-testid="cart-count">
                                {n.to_string()}
                            </span>
                        })}
                    }
                })}
            </Suspense>
        </a>
    }
}
