use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::catalog::ui::ProductGrid;
use crate::components::ErrorView;
use crate::wishlist::api::get_shared_wishlist;

/// `/wishlist/shared/{token}`: someone's wishlist, read-only.
#[component]
pub fn SharedWishlistPage() -> impl IntoView {
    let params = use_params_map();
    let list = Resource::new(move || params.read().get("token").unwrap_or_default(), get_shared_wishlist);
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(w) => {
                        let heading = format!("{}’s wishlist", w.owner);
                        view! {
                            <Title text=heading.clone() />
                            <div class="pt-8">
                                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{heading}</h1>
                                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{format!("{} saved products", w.items.len())}</p>
                                <div class="mt-8"><ProductGrid cards=w.items empty="Nothing saved here yet." /></div>
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
