use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{GridSkeleton, ProductGrid};
use crate::catalog::api::get_home;
use crate::catalog::{Category, HomeData, ProductCard};
use crate::components::{ErrorView, FOCUS};

/// `/`: hero, categories, featured products, new arrivals.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Title text="Beauty & flowers from independent shops" />
        <Meta name="description" content="Bazaar: skincare from independent labels and fresh flowers from local florists, with live shopping and honest reviews." />
        <Suspense fallback=|| view! { <div class="pt-10"><GridSkeleton /></div> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(data) => view! { <Home data /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Home(data: HomeData) -> impl IntoView {
    let tops: Vec<Category> = data.categories.iter().filter(|c| c.parent_id.is_none()).cloned().collect();
    let subs: Vec<Category> = data.categories.iter().filter(|c| c.parent_id.is_some()).cloned().collect();
    view! {
        <section class="relative mt-6 overflow-hidden rounded-3xl bg-gradient-to-br from-rose-100 via-amber-50 to-emerald-100 px-6 py-14 sm:px-12 sm:py-20 dark:from-rose-950 dark:via-stone-900 dark:to-emerald-950">
            <div class="max-w-2xl">
                <p class="text-sm font-semibold uppercase tracking-widest text-rose-800 dark:text-rose-300">"Independent makers, one market"</p>
                <h1 class="mt-3 text-4xl font-semibold tracking-tight sm:text-5xl">"Skincare that suits you. Flowers that say it."</h1>
                <p class="mt-4 text-lg text-stone-700 dark:text-stone-300">
                    {format!("{} products from {} verified shops — small-batch serums, cleansers and SPF next to same-day bouquets.", data.product_total, data.shop_total)}
                </p>
                <div class="mt-8 flex flex-wrap gap-3">
                    <a href="/categories/beauty" class=format!("rounded-full bg-stone-900 px-6 py-3 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-white dark:text-stone-900 dark:hover:bg-stone-200 {FOCUS}")>"Shop beauty"</a>
                    <a href="/categories/florals" class=format!("rounded-full bg-white/80 px-6 py-3 text-sm font-semibold text-stone-900 ring-1 ring-stone-900/10 hover:bg-white dark:bg-stone-800 dark:text-white dark:ring-white/10 {FOCUS}")>"Send flowers"</a>
                </div>
            </div>
        </section>

        <section class="mt-14" aria-labelledby="cat-heading">
            <h2 id="cat-heading" class="text-xl font-semibold tracking-tight">"Shop by category"</h2>
            <ul class="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" role="list">
                {subs.into_iter().map(|c| view! {
                    <li>
                        <a href=format!("/categories/{}", c.slug) class=format!("flex h-full flex-col rounded-2xl border border-stone-200 bg-white p-4 hover:border-rose-300 hover:shadow-sm dark:border-stone-800 dark:bg-stone-900 dark:hover:border-rose-800 {FOCUS}")>
                            <span class="font-medium">{c.name}</span>
                            <span class="mt-1 text-xs text-stone-600 dark:text-stone-400">{format!("{} products", c.product_count)}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
            <p class="mt-3 text-sm text-stone-600 dark:text-stone-400">
                {tops.into_iter().map(|c| view! {
                    <a href=format!("/categories/{}", c.slug) class="mr-4 font-medium text-rose-700 underline-offset-4 hover:underline dark:text-rose-300">
                        {format!("All {} ({})", c.name.to_lowercase(), c.product_count)}
                    </a>
                }).collect_view()}
            </p>
        </section>

        <crate::recs::ui::Suggestions id="for-you" heading="For you".to_owned() items=data.for_you
            lead=if data.no_profile {
                "Picked from what sells and what you looked at. Add your skin type and concerns to your profile for picks that suit you.".to_owned()
            } else {
                "Picked for your skin, what you bought and what you looked at.".to_owned()
            } />
        {(!data.from_followed.is_empty()).then(|| view! {
            <Shelf id="followed" title="New from shops you follow" cards=data.from_followed more=("/account/following", "Your shops") />
        })}
        {(!data.trending.is_empty()).then(|| view! {
            <Shelf id="trending" title="Trending now" cards=data.trending more=("/products?sort=rating", "See top rated") />
        })}
        <Shelf id="featured" title="Featured this week" cards=data.featured more=("/products?sort=rating", "See top rated") />
        <Shelf id="new" title="New arrivals" cards=data.new_arrivals more=("/products", "Shop everything") />
    }
}

#[component]
fn Shelf(
    id: &'static str,
    title: &'static str,
    cards: Vec<ProductCard>,
    more: (&'static str, &'static str),
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="mt-14" aria-labelledby=labelled_by>
            <div class="flex items-end justify-between">
                <h2 id=heading_id class="text-xl font-semibold tracking-tight">{title}</h2>
                <a href=more.0 class="text-sm font-medium text-rose-700 hover:underline dark:text-rose-300">{more.1}" →"</a>
            </div>
            <div class="mt-5"><ProductGrid cards /></div>
        </section>
    }
}
