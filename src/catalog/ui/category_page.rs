use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::filters::SortForm;
use super::{GridSkeleton, ProductGrid, query_pairs};
use crate::catalog::api::get_category_view;
use crate::catalog::{CategoryView, ListQuery};
use crate::components::{ErrorView, FOCUS, Pager};

/// `/categories/{slug}`: the category's products (children included).
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let pairs = query_pairs();
    let view_data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), pairs()),
        |(slug, pairs)| get_category_view(slug, pairs),
    );
    view! {
        <Suspense fallback=|| view! { <div class="pt-8"><GridSkeleton /></div> }>
            {move || Suspend::new(async move {
                match (view_data.await, ListQuery::from_pairs(&pairs())) {
                    (Ok(data), Ok(query)) => view! { <Category data query /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Category(data: CategoryView, query: ListQuery) -> impl IntoView {
    let c = data.category;
    let base = format!("/categories/{}", c.slug);
    let page_count = data.products.page_count();
    view! {
        <Title text=c.name.clone() />
        <Meta name="description" content=if c.description.is_empty() { format!("Shop {} at Bazaar.", c.name) } else { c.description.clone() } />
        <nav aria-label="Breadcrumb" class="pt-6 text-sm text-stone-600 dark:text-stone-400">
            <ol class="flex flex-wrap items-center gap-1">
                <li><a href="/" class="hover:underline">"Home"</a></li>
                {data.parent.map(|p| view! {
                    <li aria-hidden="true">"/"</li>
                    <li><a href=format!("/categories/{}", p.slug) class="hover:underline">{p.name}</a></li>
                })}
            </ol>
        </nav>
        <div class="mt-3 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div class="max-w-2xl">
                <h1 class="text-3xl font-semibold tracking-tight">{c.name.clone()}</h1>
                <p class="mt-2 text-stone-600 dark:text-stone-400">{c.description.clone()}</p>
                <p class="mt-1 text-sm text-stone-500 dark:text-stone-400" data-testid="result-count">
                    {format!("{} products", data.products.total)}
                </p>
            </div>
            <SortForm query=ListQuery { category: None, ..query.clone() } action=base.clone() />
        </div>
        {(!data.children.is_empty()).then(|| view! {
            <ul class="mt-6 flex flex-wrap gap-2" role="list" aria-label="Subcategories">
                {data.children.into_iter().map(|child| view! {
                    <li>
                        <a href=format!("/categories/{}", child.slug) class=format!("inline-flex items-center gap-2 rounded-full border border-stone-300 px-4 py-1.5 text-sm hover:border-rose-400 hover:text-rose-800 dark:border-stone-700 dark:hover:text-rose-300 {FOCUS}")>
                            {child.name}<span class="text-xs text-stone-500">{child.product_count}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <div class="mt-8">
            // Cards are h3s: a heading for the list keeps the outline in order.
            <h2 class="sr-only">"Products"</h2>
            <ProductGrid cards=data.products.items empty="Nothing in this category yet." />
            <Pager query=ListQuery { category: None, ..query } page_count base />
        </div>
    }
}
