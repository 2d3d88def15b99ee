use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::filters::{CategoryNav, SortForm};
use super::{FacetPanel, GridSkeleton, ProductGrid, query_pairs};
use crate::catalog::api::get_listing;
use crate::catalog::{Category, FacetKey, ListQuery, ListingView, ProductPage};
use crate::components::{ErrorView, Pager};

/// `/products`: every product, with text filter, category, sort and pages.
#[component]
pub fn ProductListPage() -> impl IntoView {
    let pairs = query_pairs();
    let listing = Resource::new(pairs, get_listing);

    view! {
        <Suspense fallback=|| view! { <div class="pt-8"><GridSkeleton /></div> }>
            {move || Suspend::new(async move {
                let query = ListQuery::from_pairs(&pairs());
                match (query, listing.await) {
                    (Ok(query), Ok(ListingView { products: page, categories })) => {
                        let heading = match (&query.search, &query.category) {
                            (Some(q), _) => format!("Results for “{q}”"),
                            (None, Some(slug)) => categories.iter().find(|c| &c.slug == slug)
                                .map(|c| c.name.clone()).unwrap_or_else(|| "Products".into()),
                            (None, None) => "All products".into(),
                        };
                        view! { <Listing heading query page categories /> }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Listing(heading: String, query: ListQuery, page: ProductPage, categories: Vec<Category>) -> impl IntoView {
    let page_count = page.page_count();
    let categories = narrowed(categories, &query, &page);
    let facets = page.facets.clone();
    let suggestion = page.did_you_mean.clone().map(|words| {
        let href = ListQuery { search: Some(words.clone()), page: 1, ..query.clone() }.href("/products");
        view! {
            <p class="mb-6 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100" role="status">
                "Did you mean "
                <a href=href class="focus-ring rounded font-semibold underline">{words}</a>
                "?"
            </p>
        }
    });
    let understood = (!page.understood.is_empty()).then(|| {
        view! {
            <p class="mb-6 text-sm text-stone-600 dark:text-stone-400" data-testid="understood">
                "Read from your words: "
                {page.understood.iter().map(|label| view! {
                    <span class="mr-1 inline-block rounded-full bg-stone-100 px-3 py-0.5 font-medium text-stone-800 dark:bg-stone-800 dark:text-stone-100">{label.clone()}</span>
                }).collect_view()}
            </p>
        }
    });
    let title = if query.page > 1 { format!("{heading} — page {}", query.page) } else { heading.clone() };
    let nav_query = query.clone();
    let href = Callback::new(move |slug: Option<String>| {
        ListQuery { category: slug, page: 1, ..nav_query.clone() }.href("/products")
    });
    let summary = match page.total {
        0 => "No products".to_owned(),
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    view! {
        <Title text=title />
        <Meta name="description" content=format!("{heading}: {summary} from independent beauty labels and florists.") />
        <div class="flex flex-col gap-4 pt-8 sm:flex-row sm:items-end sm:justify-between">
            <div>
                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{heading}</h1>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400" data-testid="result-count">
                    {summary}{(page_count > 1).then(|| format!(" · page {} of {page_count}", page.page))}
                </p>
            </div>
            <SortForm query=query.clone() action="/products".to_owned() />
        </div>
        <div class="mt-8 grid gap-8 lg:grid-cols-[15rem_1fr]">
            <div>
                // Phones: the filters sit after the products (one copy in the
                // page); this link jumps there.
                <a href="#filters" class="focus-ring mb-6 inline-flex items-center gap-2 rounded-full border border-stone-300 px-4 py-2 text-sm font-medium lg:hidden dark:border-stone-700">
                    {if query.filters.is_empty() { "Filters".to_owned() } else { format!("Filters ({})", query.filters.len()) }}
                </a>
                {suggestion}
                {understood}
                <h2 class="sr-only">"Products"</h2>
                <ProductGrid cards=page.items />
                <Pager query=query.clone() page_count base="/products".to_owned() />
            </div>
            <aside id="filters" aria-label="Categories and filters" class="lg:order-first">
                <CategoryNav categories current=query.category.clone() href />
                <FacetPanel query facets action="/products".to_owned() />
            </aside>
        </div>
    }
}

/// With words or filters, the category links count what the search left
/// (and hide the empty ones); plain browsing shows the catalog's counts.
fn narrowed(categories: Vec<Category>, query: &ListQuery, page: &ProductPage) -> Vec<Category> {
    if !query.is_filtered() {
        return categories;
    }
    let Some(group) = page.facets.iter().find(|g| g.key == FacetKey::Category) else { return categories };
    categories
        .into_iter()
        .filter_map(|mut c| {
            let count = group.values.iter().find(|v| v.value == c.slug).map_or(0, |v| v.count as i64);
            c.product_count = count;
            (count > 0 || query.category.as_ref() == Some(&c.slug)).then_some(c)
        })
        .collect()
}
