//! `/checkout`: choose an address and a promo (a GET form: the preview
//! follows), then how to pay and "Place order" (a POST with a one-time
//! token). Works the same with JavaScript off.

mod settings;
mod shop_shipping;

pub use settings::CheckoutSettingsPage;
pub use shop_shipping::ShopShippingPage;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::checkout::api::{PlaceOrder, get_checkout};
use crate::checkout::{CheckoutView, Quote};
use crate::components::FOCUS;
use crate::components::form::{FormError, INPUT, action_error};

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let place = ServerAction::<PlaceOrder>::new();
    let query = use_query_map();
    let view_data = Resource::new(
        move || {
            let q = query.read();
            (q.get("address"), q.get("promo"))
        },
        |(address, promo)| get_checkout(address, promo),
    );
    view! {
        <Title text="Checkout" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Checkout"</h1>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Pricing your order…"</p> }>
                {move || Suspend::new(async move {
                    match view_data.await {
                        Ok(v) => view! { <Checkout v place /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Checkout(v: CheckoutView, place: ServerAction<PlaceOrder>) -> impl IntoView {
    if v.addresses.is_empty() {
        return view! {
            <div class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center dark:border-stone-700">
                <p class="font-medium">"Where should we send it?"</p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Add a delivery address, then come back to check out."</p>
                <a href="/account/addresses" class=format!("mt-4 inline-block rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 {FOCUS}")>"Add an address"</a>
            </div>
        }
        .into_any();
    }
    let Some(quote) = v.quote.clone() else {
        let message = v.problem.clone().unwrap_or_else(|| "Your cart is empty.".to_owned());
        return view! {
            <div class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center dark:border-stone-700" role="status">
                <p class="font-medium" data-testid="checkout-problem">{message}</p>
                <a href="/cart" class="mt-4 inline-block text-sm font-medium text-rose-700 underline dark:text-rose-300">"Back to your cart"</a>
            </div>
        }
        .into_any();
    };
    let error = action_error(place);
    let address_id = v.address_id.clone().unwrap_or_default();
    let promo_code = quote.promo.as_ref().map(|(code, _)| code.clone());
    let place_label = format!("Place order · {}", quote.money(quote.total));
    view! {
        <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_24rem] lg:items-start">
            <div class="space-y-6">
                <Choices v=v.clone() />
                <section class="rounded-2xl border border-stone-200 p-6 dark:border-stone-800" aria-labelledby="pay-heading">
                    <h2 id="pay-heading" class="text-lg font-semibold">"Payment"</h2>
                    <ActionForm action=place attr:class="mt-4 space-y-4" attr:id="place-order">
                        <FormError error />
                        <input type="hidden" name="address_id" value=address_id />
                        <input type="hidden" name="token" value=v.token.clone() />
                        {promo_code.map(|code| view! { <input type="hidden" name="promo_code" value=code /> })}
                        <fieldset class="space-y-2">
                            <legend class="sr-only">"How to pay"</legend>
                            <label class="flex items-center gap-3 rounded-xl border border-stone-300 px-4 py-3 text-sm has-[:checked]:border-rose-600 has-[:disabled]:opacity-50 dark:border-stone-700">
                                <input type="radio" name="payment_method" value="card" disabled=!v.card_enabled checked=v.card_enabled class="accent-rose-700" />
                                <span>
                                    <span class="block font-medium">"Card"</span>
                                    <span class="block text-xs text-stone-500 dark:text-stone-400">
                                        {if v.card_enabled { "Visa, Mastercard, Amex — paid securely with Stripe." } else { "Not set up in this shop yet." }}
                                    </span>
                                </span>
                            </label>
                            <label class="flex items-center gap-3 rounded-xl border border-stone-300 px-4 py-3 text-sm has-[:checked]:border-rose-600 dark:border-stone-700">
                                <input type="radio" name="payment_method" value="cash_on_delivery" checked=!v.card_enabled class="accent-rose-700" />
                                <span>
                                    <span class="block font-medium">"Cash on delivery"</span>
                                    <span class="block text-xs text-stone-500 dark:text-stone-400">"Pay the courier when your parcel arrives."</span>
                                </span>
                            </label>
                        </fieldset>
                        <button type="submit" class=format!("flex w-full items-center justify-center rounded-full bg-rose-700 px-5 py-3 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                            {place_label}
                        </button>
                    </ActionForm>
                </section>
            </div>
            <Summary quote />
        </div>
    }
    .into_any()
}

/// Address and promo code: a GET form, so the preview follows the choice
/// with or without JavaScript.
#[component]
fn Choices(v: CheckoutView) -> impl IntoView {
    let chosen = v.address_id.clone().unwrap_or_default();
    let applied = v.quote.as_ref().and_then(|q| q.promo.clone());
    let (typed, refused) = match &v.promo_refused {
        Some((code, why)) => (code.clone(), Some(why.clone())),
        None => (applied.as_ref().map(|(c, _)| c.clone()).unwrap_or_default(), None),
    };
    view! {
        <form method="get" action="/checkout" class="space-y-6">
            <section class="rounded-2xl border border-stone-200 p-6 dark:border-stone-800" aria-labelledby="ship-heading">
                <div class="flex items-baseline justify-between gap-3">
                    <h2 id="ship-heading" class="text-lg font-semibold">"Deliver to"</h2>
                    <a href="/account/addresses" class="text-sm font-medium text-rose-700 hover:underline dark:text-rose-300">"Add a new address"</a>
                </div>
                <div class="mt-4 grid gap-2 sm:grid-cols-2">
                    {v.addresses.iter().map(|a| view! {
                        <label class="flex cursor-pointer gap-3 rounded-xl border border-stone-300 px-4 py-3 text-sm has-[:checked]:border-rose-600 has-[:checked]:ring-1 has-[:checked]:ring-rose-600 dark:border-stone-700">
                            <input type="radio" name="address" value=a.id.clone() checked=a.id == chosen class="mt-1 accent-rose-700" />
                            <span>
                                <span class="block font-medium">{a.full_name.clone()}</span>
                                <span class="block text-stone-600 dark:text-stone-400">{format!("{}, {} {}, {}", a.address_line1, a.postal_code, a.city, a.country)}</span>
                            </span>
                        </label>
                    }).collect_view()}
                </div>
            </section>
            <section class="rounded-2xl border border-stone-200 p-6 dark:border-stone-800" aria-labelledby="promo-heading">
                <h2 id="promo-heading" class="text-lg font-semibold">"Promo code"</h2>
                <div class="mt-3 flex items-start gap-2">
                    <div class="flex-1">
                        <label for="promo" class="sr-only">"Promo code"</label>
                        <input id="promo" name="promo" value=typed maxlength="32" autocomplete="off" class=INPUT
                            aria-invalid=refused.is_some().to_string() aria-describedby="promo-msg" />
                        <p id="promo-msg" class="mt-1 text-xs" aria-live="polite">
                            {match (refused, applied) {
                                (Some(why), _) => view! { <span class="text-rose-700 dark:text-rose-300" data-testid="promo-refused">{why}</span> }.into_any(),
                                (None, Some((code, label))) => view! { <span class="text-emerald-700 dark:text-emerald-400">{format!("{code}: {label}")}</span> }.into_any(),
                                _ => ().into_any(),
                            }}
                        </p>
                    </div>
                    <button type="submit" class=format!("rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Apply"</button>
                </div>
            </section>
        </form>
    }
}

#[component]
fn Summary(quote: Quote) -> impl IntoView {
    let row = |label: String, minor: i64, q: &Quote, id: &'static str| {
        view! {
            <div class="flex justify-between">
                <dt>{label}</dt>
                <dd class="tabular-nums" data-testid=id>{q.money(minor).to_string()}</dd>
            </div>
        }
    };
    let many = quote.shops.len() > 1;
    view! {
        <aside class="rounded-2xl border border-stone-200 p-6 dark:border-stone-800 lg:sticky lg:top-24" aria-labelledby="order-heading">
            <h2 id="order-heading" class="text-lg font-semibold">"Your order"</h2>
            {many.then(|| view! { <p class="mt-1 text-xs text-stone-600 dark:text-stone-400">{format!("From {} shops: each sends its own parcel.", quote.shops.len())}</p> })}
            {quote.shops.iter().map(|s| view! {
                <div class="mt-4 border-t border-stone-200 pt-4 dark:border-stone-800">
                    <p class="text-xs font-semibold uppercase tracking-wide text-stone-500 dark:text-stone-400">{s.shop_name.clone()}</p>
                    <ul role="list" class="mt-2 space-y-1 text-sm">
                        {s.lines.iter().map(|l| view! {
                            <li class="flex justify-between gap-3">
                                <span class="min-w-0 truncate">{format!("{} × {}", l.quantity, l.title)}</span>
                                <span class="tabular-nums">{quote.money(l.line_total).to_string()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="mt-1 text-xs text-stone-500 dark:text-stone-400">
                        {if s.shipping == 0 { "Free shipping".to_owned() } else { format!("Shipping {}", quote.money(s.shipping)) }}
                    </p>
                </div>
            }).collect_view()}
            <dl class="mt-4 space-y-1 border-t border-stone-200 pt-4 text-sm dark:border-stone-800">
                {row("Subtotal".into(), quote.subtotal, &quote, "quote-subtotal")}
                {row("Shipping".into(), quote.shipping, &quote, "quote-shipping")}
                {(quote.discount > 0).then(|| view! {
                    <div class="flex justify-between text-emerald-700 dark:text-emerald-400">
                        <dt>{format!("Discount ({})", quote.promo.as_ref().map(|p| p.0.clone()).unwrap_or_default())}</dt>
                        <dd class="tabular-nums" data-testid="quote-discount">{format!("−{}", quote.money(quote.discount))}</dd>
                    </div>
                })}
                {row("Tax".into(), quote.tax, &quote, "quote-tax")}
                <div class="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold dark:border-stone-800">
                    <dt>"Total"</dt>
                    <dd class="tabular-nums" data-testid="quote-total">{quote.money(quote.total).to_string()}</dd>
                </div>
            </dl>
        </aside>
    }
}
