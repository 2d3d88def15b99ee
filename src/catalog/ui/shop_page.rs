use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

use super::filters::SortForm;
use super::{FacetPanel, GridSkeleton, ProductGrid, query_pairs};
use crate::catalog::api::get_shop_view;
use crate::catalog::{ListQuery, ShopView};
use crate::components::{ErrorView, Icon, Pager, Stars};

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
    let rating = data.rating;
    let followers = match data.follower_count {
        1 => "1 follower".to_owned(),
        n => format!("{n} followers"),
    };
    view! {
        <Title text=s.shop_name.clone() />
        <Meta name="description" content=format!("{} — {}", s.shop_name, s.tagline) />
        <section class="mt-6 overflow-hidden rounded-3xl bg-white ring-1 ring-stone-200 dark:bg-stone-900 dark:ring-stone-800">
            {match data.banner_url {
                Some(url) => view! { <img src=url alt="" class="h-32 w-full object-cover sm:h-48" /> }.into_any(),
                None => view! { <div class="h-20 bg-gradient-to-r from-rose-100 via-amber-50 to-emerald-100 sm:h-28 dark:from-rose-950 dark:via-stone-900 dark:to-emerald-950" aria-hidden="true"></div> }.into_any(),
            }}
            <div class="flex flex-col gap-5 p-6 sm:flex-row sm:items-center">
                {match data.logo_url {
                    Some(url) => view! { <img src=url alt=format!("{} logo", s.shop_name) width="64" height="64" class="-mt-14 h-16 w-16 flex-none rounded-2xl bg-white object-cover ring-4 ring-white sm:-mt-16 dark:ring-stone-900" /> }.into_any(),
                    None => view! {
                        <span class="-mt-14 grid h-16 w-16 flex-none place-items-center rounded-2xl bg-rose-100 text-rose-800 ring-4 ring-white sm:-mt-16 dark:bg-rose-950 dark:text-rose-200 dark:ring-stone-900">
                            <Icon name="store" class="h-8 w-8" />
                        </span>
                    }.into_any(),
                }}
                <div class="flex-1">
                    <h1 class="text-2xl font-semibold tracking-tight">{s.shop_name.clone()}</h1>
                    <p class="text-stone-600 dark:text-stone-400">{s.tagline.clone()}</p>
                    <div class="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-stone-600 dark:text-stone-400" data-testid="shop-stats">
                        {(rating.count > 0).then(|| view! {
                            <Stars rating />
                            <span>{format!("({} reviews) ·", rating.count)}</span>
                        })}
                        <span>{format!("{} · {} products · {followers}{}", s.location, s.product_count, if s.verified { " · Verified seller" } else { "" })}</span>
                    </div>
                </div>
                <FollowButton shop_id=s.id.clone() shop_name=s.shop_name.clone() following=data.following />
            </div>
        </section>
        <crate::live::ui::NextStream shop_id=s.id.clone() />
        <p class="mt-6 max-w-3xl whitespace-pre-line text-stone-700 dark:text-stone-300">{data.description}</p>
        <div class="mt-8 flex justify-end">
            <SortForm query=query.clone() action=base.clone() />
        </div>
        <div class="mt-6 grid gap-8 lg:grid-cols-[15rem_1fr]">
            <div>
                <h2 class="sr-only">"Products"</h2>
                <ProductGrid cards=data.products.items empty="This shop has no products on sale right now." />
                <Pager query=query.clone() page_count base=base.clone() />
            </div>
            <aside aria-label="Filters" class="lg:order-first">
                <FacetPanel query facets=data.products.facets.into_iter().filter(|g| g.key != crate::catalog::FacetKey::Shop).collect() action=base />
            </aside>
        </div>
    }
}

/// Follow / Following: a form post (JavaScript off); visitors sign in first.
#[component]
fn FollowButton(shop_id: String, shop_name: String, following: Option<bool>) -> impl IntoView {
    let location = use_location();
    let back = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
    let class =
        "focus-ring inline-flex items-center justify-center rounded-full px-5 py-2.5 text-sm font-semibold";
    match following {
        None => view! {
            <a href=format!("/login?next={}", crate::catalog::query::encode(&back))
                class=format!("{class} bg-stone-900 text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900")>
                "Follow"<span class="sr-only">" "{shop_name}</span>
            </a>
        }.into_any(),
        Some(on) => view! {
            <form method="post" action="/api/toggle_follow">
                <input type="hidden" name="shop_id" value=shop_id />
                <input type="hidden" name="back" value=back />
                <button type="submit" aria-pressed=on.to_string() data-testid="follow-button"
                    class=if on { format!("{class} border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800") }
                          else { format!("{class} bg-stone-900 text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900") }>
                    {if on { "Following" } else { "Follow" }}<span class="sr-only">" "{shop_name}</span>
                </button>
            </form>
        }.into_any(),
    }
}
