use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::cart::api::{RemoveCartLine, UpdateCartLine, get_cart};
use crate::cart::{Cart, CartLine};
use crate::components::form::{FormError, Notice, action_error};
use crate::components::{FOCUS, Icon};

/// `/cart`: lines with quantity steppers (plain forms), remove buttons,
/// stock warnings, the subtotal and the way to checkout.
#[component]
pub fn CartPage() -> impl IntoView {
    let update = ServerAction::<UpdateCartLine>::new();
    let remove = ServerAction::<RemoveCartLine>::new();
    let query = use_query_map();
    let cart = Resource::new(
        move || (update.version().get(), remove.version().get(), query.read().get("added")),
        |_| get_cart(),
    );
    let notice = Signal::derive(move || {
        let q = query.read();
        if q.get("added").is_some() {
            Some("Added to your cart.".to_owned())
        } else if q.get("removed").is_some() {
            Some("Removed from your cart.".to_owned())
        } else {
            q.get("updated").map(|_| "Your cart is updated.".to_owned())
        }
    });
    let update_error = action_error(update);
    let remove_error = action_error(remove);
    let error = Signal::derive(move || update_error.get().or_else(|| remove_error.get()));
    view! {
        <Title text="Your cart" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Your cart"</h1>
            <div class="mt-4 space-y-3">
                <Notice text=notice />
                <FormError error />
            </div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading your cart…"</p> }>
                {move || Suspend::new(async move {
                    match cart.await {
                        Ok(cart) if cart.lines.is_empty() => view! { <Empty /> }.into_any(),
                        Ok(cart) => view! { <Filled cart update remove /> <Routine update remove /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// "Complete your routine": suggestions that go with what is in the cart.
#[component]
fn Routine(update: ServerAction<UpdateCartLine>, remove: ServerAction<RemoveCartLine>) -> impl IntoView {
    let routine = Resource::new(
        move || (update.version().get(), remove.version().get()),
        |_| crate::recs::api::get_routine(),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                routine.await.ok().map(|items| view! {
                    <crate::recs::ui::Suggestions id="routine" heading="Complete your routine".to_owned() items
                        lead="Goes with what is in your cart.".to_owned() />
                })
            })}
        </Suspense>
    }
}

#[component]
fn Empty() -> impl IntoView {
    view! {
        <div class="mt-6 rounded-2xl border border-dashed border-stone-300 p-12 text-center dark:border-stone-700">
            <span class="mx-auto grid h-12 w-12 place-items-center rounded-full bg-stone-100 text-stone-600 dark:bg-stone-800 dark:text-stone-300">
                <Icon name="bag" />
            </span>
            <p class="mt-3 font-medium">"Your cart is empty."</p>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Find something you love — it will wait here."</p>
            <a href="/products" class=format!("mt-4 inline-block rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 {FOCUS}")>"Browse products"</a>
        </div>
    }
}

#[component]
fn Filled(
    cart: Cart,
    update: ServerAction<UpdateCartLine>,
    remove: ServerAction<RemoveCartLine>,
) -> impl IntoView {
    let ready = cart.ready();
    let count = cart.count;
    view! {
        <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_22rem] lg:items-start">
            <ul role="list" class="divide-y divide-stone-200 rounded-2xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800" aria-label="Items in your cart">
                {cart.lines.into_iter().map(|line| view! { <Line line update remove /> }).collect_view()}
            </ul>
            <aside class="rounded-2xl border border-stone-200 p-6 dark:border-stone-800 lg:sticky lg:top-24" aria-labelledby="summary-heading">
                <h2 id="summary-heading" class="text-lg font-semibold">"Summary"</h2>
                <dl class="mt-4 space-y-2 text-sm">
                    <div class="flex justify-between">
                        <dt>{if count == 1 { "1 item".to_owned() } else { format!("{count} items") }}</dt>
                        <dd class="font-semibold tabular-nums" data-testid="cart-subtotal">{cart.subtotal.to_string()}</dd>
                    </div>
                    <div class="flex justify-between text-stone-600 dark:text-stone-400">
                        <dt>"Shipping and tax"</dt>
                        <dd>"At checkout"</dd>
                    </div>
                </dl>
                {if ready {
                    view! {
                        <a href="/checkout" class=format!("mt-6 flex w-full items-center justify-center rounded-full bg-rose-700 px-5 py-3 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                            "Check out"
                        </a>
                    }.into_any()
                } else {
                    view! {
                        <p class="mt-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" role="status">
                            "Some items cannot be bought as they are — see the notes beside them."
                        </p>
                    }.into_any()
                }}
                <a href="/products" class="mt-4 block text-center text-sm font-medium text-rose-700 hover:underline dark:text-rose-300">"Continue shopping"</a>
            </aside>
        </div>
    }
}

#[component]
fn Line(
    line: CartLine,
    update: ServerAction<UpdateCartLine>,
    remove: ServerAction<RemoveCartLine>,
) -> impl IntoView {
    let problem = line.problem();
    let low = line.low_stock();
    let max = line.max_quantity().max(line.quantity);
    let label = format!("Quantity of {}", line.title);
    let field = format!("qty-{}", line.id);
    let href = format!("/products/{}", line.slug);
    let (update_id, remove_id) = (line.id.clone(), line.id.clone());
    let remove_label = format!(" {}", line.title);
    let button = format!(
        "rounded-full border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}"
    );
    view! {
        <li class="flex gap-4 p-4 sm:p-5" data-testid="cart-line">
            // The picture repeats the title's link: out of the tab order and the accessibility tree.
            <a href=href.clone() tabindex="-1" aria-hidden="true" class=format!("h-24 w-24 flex-none overflow-hidden rounded-xl bg-stone-100 dark:bg-stone-800 {FOCUS}")>
                {line.image.clone().map(|img| view! { <img src=img.url alt=img.alt width="96" height="96" class="h-full w-full object-cover" loading="lazy" /> })}
            </a>
            <div class="min-w-0 flex-1">
                <div class="flex flex-wrap items-start justify-between gap-2">
                    <div class="min-w-0">
                        <a href=href class="font-medium hover:underline">{line.title.clone()}</a>
                        {(line.variant_title != "Default").then(|| view! { <p class="text-sm text-stone-600 dark:text-stone-400">{line.variant_title.clone()}</p> })}
                        <p class="text-xs text-stone-500 dark:text-stone-400">{format!("Sold by {}", line.shop_name)}</p>
                    </div>
                    <p class="text-right">
                        <span class="block font-semibold tabular-nums" data-testid="line-total">{line.line_total.to_string()}</span>
                        <span class="block text-xs text-stone-500 dark:text-stone-400">{format!("{} each", line.unit_price)}</span>
                    </p>
                </div>
                {problem.map(|p| view! { <p class="mt-2 text-sm font-medium text-rose-700 dark:text-rose-300" data-testid="line-problem">{p}</p> })}
                {low.map(|p| view! { <p class="mt-2 text-sm font-medium text-amber-700 dark:text-amber-400">{p}</p> })}
                <div class="mt-3 flex flex-wrap items-center gap-3">
                    <ActionForm action=update attr:class="flex items-center gap-2">
                        <input type="hidden" name="item_id" value=update_id />
                        <label for=field.clone() class="sr-only">{label}</label>
                        <select id=field name="quantity" class="rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900">
                            {(1..=max).map(|n| view! { <option value=n.to_string() selected=n == line.quantity>{n.to_string()}</option> }).collect_view()}
                        </select>
                        <button type="submit" class=button.clone()>"Update"</button>
                    </ActionForm>
                    <ActionForm action=remove>
                        <input type="hidden" name="item_id" value=remove_id />
                        <button type="submit" class=format!("rounded-full px-3 py-1.5 text-sm font-medium text-stone-600 underline hover:text-rose-700 dark:text-stone-400 {FOCUS}")>
                            "Remove"<span class="sr-only">{remove_label}</span>
                        </button>
                    </ActionForm>
                </div>
            </div>
        </li>
    }
}
