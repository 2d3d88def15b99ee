//! `/studio/products`: the seller's products, every status, with quick
//! publish / unpublish. Customers get the 403 page, visitors the sign-in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::StatusBadge;
use crate::accounts::ui::Refused;
use crate::catalog::studio::api::{SetProductStatus, get_studio_products};
use crate::catalog::studio::{ProductStatus, StudioList, StudioRow};
use crate::components::FOCUS;
use crate::components::form::Notice;

#[component]
pub fn StudioProductsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(move || query.read().get("changed"), |_| get_studio_products());
    let note = Signal::derive(move || {
        query.read().get("changed").map(|c| {
            match c.as_str() {
                "active" => "Published: the product is in your shop now.",
                "draft" => "Unpublished: the product is hidden from shoppers.",
                "archived" => "Archived: it was ordered or reviewed before, so it is kept for that history, out of the shop.",
                "deleted" => "Deleted.",
                _ => "Saved.",
            }
            .to_owned()
        })
    });
    view! {
        <Title text="Your products" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your products…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ProductTable list note /> }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductTable(list: StudioList, note: Signal<Option<String>>) -> impl IntoView {
    let count = list.rows.len();
    view! {
        <div class="pt-8">
            <div class="flex flex-wrap items-end justify-between gap-4">
                <div>
                    <p class="text-sm text-stone-600 dark:text-stone-400">
                        <a href=format!("/shops/{}", list.shop_slug) class=format!("underline-offset-2 hover:underline {FOCUS} rounded")>{list.shop_name.clone()}</a>
                    </p>
                    <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Your products"</h1>
                </div>
                <div class="flex flex-wrap gap-3">
                <a href="/studio/shop" class=format!("inline-flex items-center rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                    "Shop page"
                </a>
                <a href="/studio/shipping" class=format!("inline-flex items-center rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                    "Shipping"
                </a>
                <a href="/studio/products/new" class=format!("inline-flex items-center rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                    "New product"
                </a>
                </div>
            </div>
            <div class="mt-4"><Notice text=note /></div>
            {if count == 0 {
                view! {
                    <div class="mt-8 rounded-2xl border border-dashed border-stone-300 p-10 text-center dark:border-stone-700">
                        <p class="font-medium">"No products yet"</p>
                        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"List your first product: a title, a price, a picture — you can publish when it looks right."</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="mt-6 divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" role="list" data-testid="studio-products">
                        {list.rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn Row(row: StudioRow) -> impl IntoView {
    let set_status = ServerAction::<SetProductStatus>::new();
    let (next, next_label) = match row.status {
        ProductStatus::Active => (ProductStatus::Draft, "Unpublish"),
        _ => (ProductStatus::Active, "Publish"),
    };
    let stock = match (row.stock, row.variant_count) {
        (0, _) => "Sold out".to_owned(),
        (n, 1) => format!("{n} in stock"),
        (n, v) => format!("{n} in stock · {v} variants"),
    };
    let edit = format!("/studio/products/{}", row.id);
    view! {
        <li class="flex flex-wrap items-center gap-4 p-4 sm:flex-nowrap">
            {match row.image {
                Some(img) => view! { <img src=img.url alt="" width="56" height="56" class="h-14 w-14 shrink-0 rounded-lg bg-stone-100 object-cover dark:bg-stone-800" loading="lazy" /> }.into_any(),
                None => view! { <div class="grid h-14 w-14 shrink-0 place-items-center rounded-lg bg-stone-100 text-xs text-stone-500 dark:bg-stone-800 dark:text-stone-400" aria-hidden="true">"No picture"</div> }.into_any(),
            }}
            <div class="min-w-0 flex-1">
                <a href=edit.clone() class=format!("block truncate font-medium underline-offset-2 hover:underline {FOCUS} rounded")>{row.title.clone()}</a>
                <p class="mt-0.5 text-sm text-stone-600 dark:text-stone-400">{row.price.to_string()}" · "{stock}</p>
            </div>
            <StatusBadge status=row.status />
            <div class="flex items-center gap-2">
                <a href=edit class=format!("rounded-full border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Edit"</a>
                <ActionForm action=set_status>
                    <input type="hidden" name="id" value=row.id.clone() />
                    <input type="hidden" name="status" value=next.as_str() />
                    <button type="submit" class=format!("rounded-full border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                        {next_label}<span class="sr-only">" "{row.title.clone()}</span>
                    </button>
                </ActionForm>
                {(row.status == ProductStatus::Active).then(|| view! {
                    <a href=format!("/products/{}", row.slug) class=format!("hidden rounded-full px-3 py-1.5 text-sm underline-offset-2 hover:underline sm:inline {FOCUS}")>"View"</a>
                })}
            </div>
        </li>
    }
}
