//! `/account/following`: the shops a person follows, with unfollow.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::ui::{AccountFrame, Refused};
use crate::components::{FOCUS, Icon};
use crate::sellers::api::get_following;
use crate::sellers::follows::FollowedShop;

#[component]
pub fn FollowingPage() -> impl IntoView {
    let shops = Resource::new(|| (), |_| get_following());
    view! {
        <Title text="Shops you follow" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match shops.await {
                    Ok(shops) => view! {
                        <AccountFrame current="/account/following" title="Shops you follow">
                            <ShopList shops />
                        </AccountFrame>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ShopList(shops: Vec<FollowedShop>) -> impl IntoView {
    if shops.is_empty() {
        return view! {
            <div class="rounded-2xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700">
                <p class="font-medium">"You do not follow any shops yet"</p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                    "Follow a shop from its page to see its new products on the home page. "
                    <a href="/products" class=format!("rounded underline {FOCUS}")>"Browse products"</a>
                </p>
            </div>
        }
        .into_any();
    }
    view! {
        <ul class="grid gap-4 sm:grid-cols-2" role="list" data-testid="followed-shops">
            {shops.into_iter().map(|s| view! {
                <li class="flex items-center gap-4 rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                    {match s.logo_url {
                        Some(url) => view! { <img src=url alt="" width="48" height="48" class="h-12 w-12 flex-none rounded-xl object-cover" /> }.into_any(),
                        None => view! { <span class="grid h-12 w-12 flex-none place-items-center rounded-xl bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200"><Icon name="store" class="h-6 w-6" /></span> }.into_any(),
                    }}
                    <div class="min-w-0 flex-1">
                        <a href=format!("/shops/{}", s.slug) class=format!("block truncate font-medium underline-offset-2 hover:underline {FOCUS} rounded")>{s.shop_name.clone()}</a>
                        <p class="truncate text-sm text-stone-600 dark:text-stone-400">{s.tagline}</p>
                        <p class="text-xs text-stone-500 dark:text-stone-400">{format!("{} products · {} followers", s.product_count, s.follower_count)}</p>
                    </div>
                    <form method="post" action="/api/toggle_follow">
                        <input type="hidden" name="shop_id" value=s.id />
                        <input type="hidden" name="back" value="/account/following" />
                        <button type="submit" class=format!("rounded-full border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                            "Unfollow"<span class="sr-only">" "{s.shop_name}</span>
                        </button>
                    </form>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
