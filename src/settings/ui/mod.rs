//! `/admin/settings`: the store, money and time, security and the
//! integrations, each its own form (they all work with JavaScript off).

mod integrations;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::SettingsView;
use super::api::{RemoveLogo, SaveShop, SaveStaffRule, SaveStore, TestIntegration, get_settings};
use crate::accounts::ui::Refused;
use crate::catalog::money::format_major;
use crate::components::form::{Field, FormError, INPUT, Notice, Submit, action_error};
use crate::components::{FOCUS, Panel};

const QUIET_BUTTON: &str = "rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

fn saved_text(code: &str) -> &'static str {
    match code {
        "store" => "Saved. The header, footer and page titles use it now.",
        "shop" => "Saved. New orders and figures use it now.",
        "logo" => "The new logo is up.",
        "logo_removed" => "The logo is gone; the shop's initial stands in.",
        "security" => "Saved.",
        _ => "Saved.",
    }
}

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let store = ServerAction::<SaveStore>::new();
    let shop = ServerAction::<SaveShop>::new();
    let rule = ServerAction::<SaveStaffRule>::new();
    let remove = ServerAction::<RemoveLogo>::new();
    let test = ServerAction::<TestIntegration>::new();
    let query = use_query_map();
    let settings = Resource::new(
        move || {
            let q = query.read();
            (
                store.version().get(),
                shop.version().get(),
                rule.version().get(),
                remove.version().get(),
                test.version().get(),
                q.get("saved"),
                q.get("tested"),
            )
        },
        |_| get_settings(),
    );
    let saved = Signal::derive(move || query.read().get("saved").map(|c| saved_text(&c).to_owned()));
    view! {
        <Title text="Settings" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class=format!("rounded text-sm text-rose-700 hover:underline dark:text-rose-300 {FOCUS}")>"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Settings"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"How the shop presents itself, its money and time, who must use two-step sign-in, and the services it talks to."</p>
            <div class="mt-4"><Notice text=saved /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading settings…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <div class="mt-6 grid gap-8 lg:grid-cols-2 lg:items-start">
                                <div class="grid gap-8">
                                    <Store s=s.clone() store remove />
                                    <Security on=s.staff_two_factor rule />
                                </div>
                                <div class="grid gap-8">
                                    <MoneyAndTime s=s.clone() shop />
                                    <integrations::Integrations list=s.integrations test />
                                </div>
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
fn Store(s: SettingsView, store: ServerAction<SaveStore>, remove: ServerAction<RemoveLogo>) -> impl IntoView {
    let error = action_error(store);
    let query = use_query_map();
    // A logo has an avatar's limits (1 MB; PNG, JPEG, WebP), so their words.
    let upload_error = move || query.read().get("logo_error").map(|c| crate::accounts::avatar_message(&c));
    let p = s.store;
    let initial = p.name.chars().next().unwrap_or('B').to_uppercase().to_string();
    view! {
        <Panel title="Store" description="Shown in the header, the footer, page titles and mail.">
            <div class="flex flex-wrap items-center gap-4">
                {match p.logo.clone() {
                    Some(id) => view! { <img src=crate::media::url(&id) alt=format!("{} logo", p.name) class="h-16 w-16 rounded-xl border border-stone-200 object-contain dark:border-stone-700" /> }.into_any(),
                    None => view! { <span class="grid h-16 w-16 place-items-center rounded-xl bg-rose-700 text-2xl font-semibold text-white" aria-hidden="true">{initial}</span> }.into_any(),
                }}
                <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="flex flex-1 flex-wrap items-end gap-3">
                    <div class="min-w-0 flex-1">
                        <label for="field-logo" class="block text-sm font-medium">"Logo"</label>
                        <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" required=true aria-describedby="field-logo-msg" class="mt-1 block w-full text-sm file:mr-3 file:rounded-full file:border-0 file:bg-stone-100 file:px-3 file:py-1.5 file:text-sm dark:file:bg-stone-800" />
                        <p id="field-logo-msg" class="mt-1 text-xs text-stone-600 dark:text-stone-400" aria-live="polite">
                            {move || match upload_error() {
                                Some(m) => view! { <span class="text-rose-700 dark:text-rose-300">{m}</span> }.into_any(),
                                None => "PNG, JPEG or WebP, up to 1 MB; shown at most 256 px.".into_any(),
                            }}
                        </p>
                    </div>
                    <button type="submit" class=format!("{QUIET_BUTTON} {FOCUS}")>"Upload"</button>
                </form>
                {p.logo.is_some().then(|| view! {
                    <ActionForm action=remove>
                        <button type="submit" class=format!("rounded-full px-2 py-1 text-sm text-stone-600 underline hover:text-rose-700 dark:text-stone-400 {FOCUS}")>"Remove logo"</button>
                    </ActionForm>
                })}
            </div>
            <ActionForm action=store attr:class="mt-6 space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Store name" name="name" value=p.name.clone() maxlength=80 error />
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="Contact email" name="email" kind="email" value=p.email.clone() required=false maxlength=254 error />
                    <Field label="Phone" name="phone" kind="tel" value=p.phone.clone() required=false maxlength=30 error />
                </div>
                <div>
                    <label for="field-address" class="block text-sm font-medium">"Address"<span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span></label>
                    <textarea id="field-address" name="address" rows="3" maxlength="300" aria-describedby="field-address-msg" class=INPUT>{p.address.clone()}</textarea>
                    <p id="field-address-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">
                        {move || error.get().and_then(|e| e.field_message("address"))}
                    </p>
                </div>
                <Submit label="Save store" pending=store.pending() />
            </ActionForm>
        </Panel>
    }
}

#[component]
fn MoneyAndTime(s: SettingsView, shop: ServerAction<SaveShop>) -> impl IntoView {
    let error = action_error(shop);
    let recutting = s.figures_zone != s.time_zone;
    let currency_hint = if s.currency_locked {
        "Products and orders are priced in it: it can no longer change."
    } else {
        "A three-letter ISO code like EUR; it can change until the first product is listed."
    };
    view! {
        <Panel title="Money and time" description="The currency new prices are set in, the time zone days are cut in for the figures, the low-stock line and the marketplace's commission.">
            {recutting.then(|| view! {
                <p role="status" class="mb-4 flex items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                    <span class="h-3 w-3 animate-spin rounded-full border-2 border-amber-400 border-t-amber-800" aria-hidden="true"></span>
                    {format!("Recutting the figures from {} into {}…", s.figures_zone, s.time_zone)}
                </p>
            })}
            <ActionForm action=shop attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Time zone" name="time_zone" value=s.time_zone.clone() maxlength=64 hint="An IANA name like Europe/London or America/New_York." error />
                {if s.currency_locked {
                    view! {
                        <div>
                            <label for="field-currency" class="block text-sm font-medium">"Currency"</label>
                            <input id="field-currency" name="currency" value=s.currency.clone() readonly=true aria-describedby="field-currency-msg" class=format!("{INPUT} bg-stone-100 dark:bg-stone-800") />
                            <p id="field-currency-msg" class="mt-1 text-xs text-stone-600 dark:text-stone-400">{currency_hint}</p>
                        </div>
                    }.into_any()
                } else {
                    view! { <Field label="Currency" name="currency" value=s.currency.clone() maxlength=3 hint=currency_hint error /> }.into_any()
                }}
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="Low stock at (units)" name="low_stock" inputmode="numeric" value=s.low_stock.to_string() maxlength=6 hint="For products without their own line; alerts fire once per crossing." error />
                    <Field label="Commission (%)" name="commission" inputmode="decimal" value=format_major(s.commission_bps, 2) maxlength=6 hint="Of each shop's sales less refunds and tax." error />
                </div>
                <Submit label="Save money and time" pending=shop.pending() />
            </ActionForm>
            <p class="mt-6 border-t border-stone-200 pt-4 text-sm dark:border-stone-800">
                "Shipping rates and tax by country live on "
                <a href="/admin/settings/checkout" class=format!("rounded font-medium text-rose-700 underline dark:text-rose-300 {FOCUS}")>"Shipping and tax"</a>"."
            </p>
        </Panel>
    }
}

#[component]
fn Security(on: bool, rule: ServerAction<SaveStaffRule>) -> impl IntoView {
    view! {
        <Panel title="Security">
            <ActionForm action=rule>
                <label class="flex items-start gap-3 text-sm">
                    <input type="checkbox" name="required" value="on" checked=on class="mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                    <span>
                        <span class="font-medium">"Require two-step sign-in for staff"</span>
                        <span class="block text-stone-600 dark:text-stone-400">"Staff and administrators without it have no staff powers until they turn it on."</span>
                    </span>
                </label>
                <button type="submit" class=format!("mt-3 {QUIET_BUTTON} {FOCUS}")>"Save"</button>
            </ActionForm>
            <p class="mt-4 text-sm">
                <a href="/admin/security" class=format!("rounded text-rose-700 underline dark:text-rose-300 {FOCUS}")>"Security events"</a>
                " · "
                <a href="/admin/audit?entity=setting" class=format!("rounded text-rose-700 underline dark:text-rose-300 {FOCUS}")>"Settings history"</a>
            </p>
        </Panel>
    }
}
