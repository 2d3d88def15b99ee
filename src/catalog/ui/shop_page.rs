use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::filters::SortForm;
use super::{GridSkeleton, ProductGrid, query_pairs};
use crate::catalog::api::get_shop_view;
use crate::catalog::{ListQuery, ShopView};
use crate::components::{ErrorView, Icon, Pager};

/// `/shops/{slug}`: a seller's storefront.
#[component]
pub fn ShopPage() -> impl IntoView {
    let params = use_params_map();
    let pairs = query_pairs();
    let view_data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), pairs()),
        |(slug, pairs)| get_shop_view(slug, pairs),
    );
    view! {
        <Suspense fallback=|| view! { <div class="pt-8"><GridSkeleton /></div> }>
            {move || Suspend::new(async move {
                match (view_data.await, ListQuery::from_pairs(&pairs())) {
                    (Ok(data), Ok(query)) => view! { <Shop data query /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Shop(data: ShopView, query: ListQuery) -> impl IntoView {
    let s = data.shop;
    let base = format!("/shops/{}", s.slug);
    let page_count = data.products.page_count();
    view! {
        <Title text=s.shop_name.clone() />
        <Meta name="description" content=format!("{} — {}", s.shop_name, s.tagline) />
        <section class="mt-6 flex flex-col gap-5 rounded-3xl bg-white p-6 ring-1 ring-stone-200 sm:flex-row sm:items-center dark:bg-stone-900 dark:ring-stone-800">
            <span class="grid h-16 w-16 flex-none place-items-center rounded-2xl bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                <Icon name="store" class="h-8 w-8" />
            </span>
            <div class="flex-1">
                <h1 class="text-2xl font-semibold tracking-tight">{s.shop_name.clone()}</h1>
                <p class="text-stone-600 dark:text-stone-400">{s.tagline.clone()}</p>
                <p class="mt-1 text-sm text-stone-500 dark:text-stone-400">
                    {format!("{} · {} products{}", s.location, s.product_count, if s.verified { " · Verified seller" } else { "" })}
                </p>
            </div>
        </section>
        <p class="mt-6 max-w-3xl text-stone-700 dark:text-stone-300">{data.description}</p>
        <div class="mt-8 flex justify-end">
            <SortForm query=query.clone() action=base.clone() />
        </div>
        <div class="mt-6">
            <h2 class="sr-only">"Products"</h2>
            <ProductGrid cards=data.products.items empty="This shop has no products on sale right now." />
            <Pager query page_count base />
        </div>
    }
}
