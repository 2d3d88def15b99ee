use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::catalog::ProductCard;
use crate::components::form::{FormError, INPUT, Notice, action_error};
use crate::components::{Panel, Price};
use crate::wishlist::Wishlist;
use crate::wishlist::api::{RemoveWishes, RevokeWishlistShare, ShareWishlist, get_wishlist};

/// `/wishlist`: saved products with checkboxes for removing several at
/// once, and the share link (create, renew, revoke).
#[component]
pub fn WishlistPage() -> impl IntoView {
    let remove = ServerAction::<RemoveWishes>::new();
    let share = ServerAction::<ShareWishlist>::new();
    let revoke = ServerAction::<RevokeWishlistShare>::new();
    let query = use_query_map();
    let list = Resource::new(
        move || {
            (
                remove.version().get(),
                share.version().get(),
                revoke.version().get(),
                query.read().get("removed"),
            )
        },
        |_| get_wishlist(),
    );
    let notice = Signal::derive(move || {
        let q = query.read();
        if let Some(n) = q.get("removed") {
            Some(if n == "1" { "Removed 1 product.".to_owned() } else { format!("Removed {n} products.") })
        } else if q.get("shared").is_some() {
            Some("Your share link is ready. Anyone with it can see this list, not change it.".to_owned())
        } else {
            q.get("revoked").map(|_| "The share link no longer works.".to_owned())
        }
    });
    view! {
        <Title text="Your wishlist" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your wishlist…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(w) => view! {
                        <div class="pt-8">
                            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Your wishlist"</h1>
                            <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_20rem]">
                                <div class="space-y-4">
                                    <Notice text=notice />
                                    <Items w=w.clone() remove />
                                </div>
                                <SharePanel w share revoke />
                            </div>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Items(w: Wishlist, remove: ServerAction<RemoveWishes>) -> impl IntoView {
    if w.items.is_empty() {
        return view! {
            <div class="rounded-2xl border border-dashed border-stone-300 p-12 text-center dark:border-stone-700">
                <p class="font-medium">"Nothing saved yet."</p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Tap the heart on any product to keep it here."</p>
                <a href="/products" class="mt-4 inline-block text-sm font-medium text-rose-700 underline dark:text-rose-300">"Browse products"</a>
            </div>
        }
        .into_any();
    }
    let removed = action_error(remove);
    // "Move to cart" posts elsewhere; its refusal (sold out…) shows here too.
    let moved = action_error(ServerAction::<crate::cart::api::MoveToCart>::new());
    let error = Signal::derive(move || removed.get().or_else(|| moved.get()));
    view! {
        <ActionForm action=remove attr:aria-label="Saved products">
            <FormError error />
            <ul class="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" role="list">
                {w.items.into_iter().map(|c| view! { <Row c /> }).collect_view()}
            </ul>
            <div class="mt-4 flex items-center gap-3">
                <button type="submit" class="focus-ring whitespace-nowrap rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Remove selected"</button>
            </div>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Row(c: ProductCard) -> impl IntoView {
    let id = format!("wish-{}", c.id);
    view! {
        <li class="flex items-center gap-4 p-4">
            <input id=id.clone() type="checkbox" name="product_ids[]" value=c.id.clone() class="facet-input" />
            <label for=id class="sr-only">{format!("Select {}", c.title)}</label>
            {c.image.clone().map(|img| view! {
                <img src=img.url alt="" width="64" height="64" class="h-16 w-16 rounded-xl bg-stone-100 object-cover dark:bg-stone-800" loading="lazy" />
            })}
            <div class="min-w-0 flex-1 sm:flex sm:items-center sm:justify-between sm:gap-4">
                <div class="min-w-0">
                    <a href=format!("/products/{}", c.slug) class="focus-ring rounded font-medium hover:underline">{c.title.clone()}</a>
                    <p class="text-xs text-stone-600 dark:text-stone-400">{c.shop_name.clone()}{(c.stock <= 0).then_some(" · Sold out")}</p>
                </div>
                <div class="mt-1 flex items-center gap-3 sm:mt-0">
                    <Price price=c.price.clone() compare_at=c.compare_at.clone() />
                    {move_button(&c)}
                </div>
            </div>
        </li>
    }
}

/// "Move to cart" inside the bulk form: its own action (`formaction`),
/// so it works without JavaScript. Products with options open their page.
fn move_button(c: &ProductCard) -> AnyView {
    let class = "focus-ring whitespace-nowrap rounded-full bg-rose-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-rose-800 dark:bg-rose-600";
    if c.stock <= 0 {
        return ().into_any();
    }
    if c.has_variants {
        return view! { <a href=format!("/products/{}", c.slug) class=class>"Choose options"</a> }.into_any();
    }
    view! {
        <button type="submit" formaction="/api/move_to_cart" formnovalidate=true name="product_id" value=c.id.clone() class=class
            aria-label=format!("Move {} to cart", c.title)>
            "Move to cart"
        </button>
    }
    .into_any()
}

#[component]
fn SharePanel(
    w: Wishlist,
    share: ServerAction<ShareWishlist>,
    revoke: ServerAction<RevokeWishlistShare>,
) -> impl IntoView {
    let has_link = w.share_path.is_some();
    view! {
        <Panel title="Share your list" description="A read-only link: people who have it can see your saved products.">
            {w.share_path.map(|path| view! {
                <label for="share-link" class="block text-sm font-medium">"Your link"</label>
                <input id="share-link" readonly value=path.clone() class=INPUT data-testid="share-link" />
                <a href=path class="mt-2 inline-block text-sm font-medium text-rose-700 underline dark:text-rose-300">"Open it"</a>
            })}
            <div class="mt-4 flex flex-wrap gap-2">
                <ActionForm action=share>
                    <button type="submit" class="focus-ring rounded-full bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900">
                        {if has_link { "New link" } else { "Create a share link" }}
                    </button>
                </ActionForm>
                {has_link.then(|| view! {
                    <ActionForm action=revoke>
                        <button type="submit" class="focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">"Stop sharing"</button>
                    </ActionForm>
                })}
            </div>
        </Panel>
    }
}
