use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::catalog::Money;
use crate::catalog::money::{currency_exponent, format_major};
use crate::checkout::shop_shipping::{SaveShopShipping, ShopShipping, get_shop_shipping};
use crate::components::form::{Field, FormError, Notice, Submit, action_error};
use crate::components::{FOCUS, Panel};

/// `/studio/shipping`: the seller's own shipping rate.
#[component]
pub fn ShopShippingPage() -> impl IntoView {
    let save = ServerAction::<SaveShopShipping>::new();
    let query = use_query_map();
    let data = Resource::new(move || save.version().get(), |_| get_shop_shipping());
    let saved = Signal::derive(move || {
        query.read().get("saved").map(|_| "Saved. New checkouts use it now.".to_owned())
    });
    view! {
        <Title text="Shipping" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/studio/products" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Studio"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Shipping"</h1>
            <div class="mt-4"><Notice text=saved /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <Rate s save /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn describe(currency: &str, (flat, free_over): (i64, Option<i64>)) -> String {
    let flat = Money::new(flat, currency);
    match free_over {
        Some(from) => format!("{flat} per order, free from {}", Money::new(from, currency)),
        None => format!("{flat} per order"),
    }
}

#[component]
fn Rate(s: ShopShipping, save: ServerAction<SaveShopShipping>) -> impl IntoView {
    let error = action_error(save);
    let exp = currency_exponent(&s.currency);
    let shown = s.own.unwrap_or(s.default);
    let flat = format_major(shown.0, exp);
    let free = shown.1.map(|v| format_major(v, exp)).unwrap_or_default();
    let now = match s.own {
        Some(own) => format!("{} charges its own rate: {}.", s.shop_name, describe(&s.currency, own)),
        None => format!("{} uses the shop-wide rate: {}.", s.shop_name, describe(&s.currency, s.default)),
    };
    let own = s.own.is_some();
    view! {
        <div class="mt-6 max-w-xl">
            <Panel title="Your parcels" description="Each order from your shop is one parcel: a flat rate, or free from a subtotal.">
                <p class="text-sm" data-testid="shipping-now">{now}</p>
                <ActionForm action=save attr:class="mt-4 space-y-4" attr:novalidate=true>
                    <FormError error />
                    <Field label="Flat rate per order" name="flat" value=flat maxlength=12 error />
                    <Field label="Free from a subtotal of" name="free_over" value=free required=false maxlength=12 hint="Empty: never free." error />
                    <div class="flex flex-wrap gap-3">
                        <Submit label="Save my rate" pending=save.pending() />
                        {own.then(|| view! {
                            <button type="submit" name="reset" value="1"
                                class=format!("rounded-full border border-stone-300 px-5 py-2.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                                "Use the shop-wide rate"
                            </button>
                        })}
                    </div>
                </ActionForm>
            </Panel>
        </div>
    }
}
