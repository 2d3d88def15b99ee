use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::catalog::Money;
use crate::catalog::money::{currency_exponent, format_major};
use crate::checkout::settings::{
    CheckoutSettings, DeleteTaxRate, SaveShipping, SaveTaxRate, get_checkout_settings,
};
use crate::components::form::{Field, FormError, Notice, Submit, action_error};
use crate::components::{FOCUS, Panel};

/// `/admin/settings/checkout`: shipping and tax.
#[component]
pub fn CheckoutSettingsPage() -> impl IntoView {
    let ship = ServerAction::<SaveShipping>::new();
    let tax = ServerAction::<SaveTaxRate>::new();
    let remove = ServerAction::<DeleteTaxRate>::new();
    let query = use_query_map();
    let settings = Resource::new(
        move || (ship.version().get(), tax.version().get(), remove.version().get()),
        |_| get_checkout_settings(),
    );
    let saved = Signal::derive(move || {
        query.read().get("saved").map(|_| "Saved. New checkouts use it now.".to_owned())
    });
    view! {
        <Title text="Shipping and tax" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Shipping and tax"</h1>
            <div class="mt-4"><Notice text=saved /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <div class="mt-6 grid gap-8 lg:grid-cols-2 lg:items-start">
                                <Shipping s=s.clone() ship />
                                <Taxes s tax remove />
                            </div>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Shipping(s: CheckoutSettings, ship: ServerAction<SaveShipping>) -> impl IntoView {
    let error = action_error(ship);
    let exp = currency_exponent(&s.currency);
    let flat = format_major(s.flat, exp);
    let free = s.free_over.map(|v| format_major(v, exp)).unwrap_or_default();
    view! {
        <Panel title="Shipping" description="Each shop's parcel costs the flat rate, or nothing from the threshold up.">
            <ActionForm action=ship attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Flat rate per shop" name="flat" value=flat maxlength=12 error />
                <Field label="Free from a subtotal of" name="free_over" value=free required=false maxlength=12 hint="Empty: never free." error />
                <Submit label="Save shipping" pending=ship.pending() />
            </ActionForm>
        </Panel>
    }
}

#[component]
fn Taxes(
    s: CheckoutSettings,
    tax: ServerAction<SaveTaxRate>,
    remove: ServerAction<DeleteTaxRate>,
) -> impl IntoView {
    let error = action_error(tax);
    let removed = action_error(remove);
    let example = Money::new(10_000, &s.currency);
    view! {
        <Panel title="Tax rates" description="Charged on goods after discounts, by the delivery address.">
            <FormError error=removed />
            <table class="w-full text-left text-sm">
                <thead class="text-xs uppercase tracking-wide text-stone-600 dark:text-stone-400">
                    <tr><th scope="col" class="py-2">"Where"</th><th scope="col" class="py-2">"Rate"</th><th scope="col" class="py-2">{format!("On {example}")}</th><th scope="col"><span class="sr-only">"Remove"</span></th></tr>
                </thead>
                <tbody class="divide-y divide-stone-200 dark:divide-stone-800">
                    {s.taxes.into_iter().map(|(country, region, bp)| {
                        let place = match (country.as_str(), region.as_str()) {
                            ("*", _) => "Anywhere else".to_owned(),
                            (c, "") => c.to_owned(),
                            (c, r) => format!("{c} · {r}"),
                        };
                        let on = Money::new(crate::checkout::pricing::tax(10_000, bp), &s.currency);
                        let keep = country == "*";
                        view! {
                            <tr data-testid="tax-row">
                                <td class="py-2">{place.clone()}</td>
                                <td class="py-2 tabular-nums">{format!("{}%", format_major(bp, 2))}</td>
                                <td class="py-2 tabular-nums">{on.to_string()}</td>
                                <td class="py-2 text-right">
                                    {(!keep).then(|| view! {
                                        <ActionForm action=remove>
                                            <input type="hidden" name="country" value=country.clone() />
                                            <input type="hidden" name="region" value=region.clone() />
                                            <button type="submit" class=format!("rounded-full px-2 py-1 text-xs text-stone-600 underline hover:text-rose-700 dark:text-stone-400 {FOCUS}")>
                                                "Remove"<span class="sr-only">{format!(" the rate for {place}")}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ActionForm action=tax attr:class="mt-6 space-y-4" attr:novalidate=true>
                <FormError error />
                <div class="grid grid-cols-3 gap-3">
                    <Field label="Country" name="country" maxlength=2 hint="GB, or *" error />
                    <Field label="Region" name="region" required=false maxlength=8 hint="e.g. CA" error />
                    <Field label="Rate (%)" name="rate" maxlength=6 hint="e.g. 7.25" error />
                </div>
                <Submit label="Save tax rate" pending=tax.pending() />
            </ActionForm>
        </Panel>
    }
}
