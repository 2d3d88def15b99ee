use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AccountFrame, Refused};
use crate::accounts::Address;
use crate::accounts::api::{DeleteAddress, SaveAddress, SetDefaultAddress, get_addresses};
use crate::components::FOCUS;
use crate::components::Panel;
use crate::components::form::{Field, FormError, Notice, Submit, action_error};

/// `/account/addresses`: the list, add, edit (`?edit=<id>`), delete and
/// "make default" — exactly one address is the default.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let save = ServerAction::<SaveAddress>::new();
    let remove = ServerAction::<DeleteAddress>::new();
    let make_default = ServerAction::<SetDefaultAddress>::new();
    let query = use_query_map();
    let list = Resource::new(
        move || {
            (
                save.version().get(),
                remove.version().get(),
                make_default.version().get(),
                query.read().get("saved"),
            )
        },
        |_| get_addresses(),
    );
    let saved = Signal::derive(move || {
        query.read().get("saved").map(|what| match what.as_str() {
            "deleted" => "The address is deleted.".to_owned(),
            "default" => "Your default address is changed.".to_owned(),
            _ => "The address is saved.".to_owned(),
        })
    });
    view! {
        <Title text="Your addresses" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your addresses…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(addresses) => {
                        let editing = query.read().get("edit")
                            .and_then(|id| addresses.iter().find(|a| a.id == id).cloned());
                        view! {
                            <AccountFrame current="/account/addresses" title="Your addresses">
                                <Notice text=saved />
                                <AddressList addresses remove make_default />
                                <AddressForm save editing />
                            </AccountFrame>
                        }.into_any()
                    }
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddressList(
    addresses: Vec<Address>,
    remove: ServerAction<DeleteAddress>,
    make_default: ServerAction<SetDefaultAddress>,
) -> impl IntoView {
    if addresses.is_empty() {
        return view! {
            <div class="rounded-2xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700">
                <p class="font-medium">"No addresses yet"</p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Add one below and checkout takes a click."</p>
            </div>
        }
        .into_any();
    }
    let button = format!(
        "rounded-full border border-stone-300 px-3 py-1.5 text-xs font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}"
    );
    view! {
        <ul class="grid gap-4 sm:grid-cols-2" role="list" data-testid="address-list">
            {addresses.into_iter().map(|a| {
                let edit = format!("/account/addresses?edit={}", a.id);
                let (id_delete, id_default) = (a.id.clone(), a.id.clone());
                let is_default = a.is_default;
                let (edit_class, default_class) = (button.clone(), button.clone());
                let delete_class = format!("{button} text-rose-700 dark:text-rose-300");
                view! {
                    <li class="flex flex-col rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
                        data-default=is_default.to_string()>
                        <div class="flex items-start justify-between gap-2">
                            <p class="font-medium">{a.full_name.clone()}</p>
                            {is_default.then(|| view! {
                                <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">"Default"</span>
                            })}
                        </div>
                        <address class="mt-2 text-sm not-italic text-stone-700 dark:text-stone-300">
                            {a.address_line1.clone()}<br />
                            {(!a.address_line2.is_empty()).then(|| view! { {a.address_line2.clone()}<br /> })}
                            {format!("{} {} {}", a.city, a.state, a.postal_code).split_whitespace().collect::<Vec<_>>().join(" ")}<br />
                            {a.country.clone()}
                            {(!a.phone.is_empty()).then(|| view! { <br />{a.phone.clone()} })}
                        </address>
                        <div class="mt-4 flex flex-wrap gap-2">
                            <a href=edit class=edit_class>"Edit"<span class="sr-only">{format!(" address {}", a.address_line1)}</span></a>
                            {(!is_default).then(|| view! {
                                <ActionForm action=make_default>
                                    <input type="hidden" name="id" value=id_default />
                                    <button type="submit" class=default_class>"Make default"</button>
                                </ActionForm>
                            })}
                            <ActionForm action=remove>
                                <input type="hidden" name="id" value=id_delete />
                                <button type="submit" class=delete_class>"Delete"</button>
                            </ActionForm>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn AddressForm(save: ServerAction<SaveAddress>, editing: Option<Address>) -> impl IntoView {
    let error = action_error(save);
    let a = editing.clone().unwrap_or_default();
    let v = |s: &str| Signal::stored(s.to_owned());
    let title = if editing.is_some() { "Edit address" } else { "Add an address" };
    view! {
        <Panel title>
            <ActionForm action=save attr:class="space-y-4" attr:novalidate=true attr:id="address-form">
                <FormError error />
                <input type="hidden" name="id" value=a.id.clone() />
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="Full name" name="full_name" value=v(&a.full_name) autocomplete="name" maxlength=100 error />
                    <Field label="Phone" name="phone" kind="tel" value=v(&a.phone) autocomplete="tel" required=false maxlength=32 error />
                </div>
                <Field label="Address" name="address_line1" value=v(&a.address_line1) autocomplete="address-line1" maxlength=120 error />
                <Field label="Apartment, suite, etc." name="address_line2" value=v(&a.address_line2) autocomplete="address-line2" required=false maxlength=120 error />
                <div class="grid gap-4 sm:grid-cols-3">
                    <Field label="City" name="city" value=v(&a.city) autocomplete="address-level2" maxlength=80 error />
                    <Field label="State / region" name="state" value=v(&a.state) autocomplete="address-level1" required=false maxlength=80 error />
                    <Field label="Postal code" name="postal_code" value=v(&a.postal_code) autocomplete="postal-code" maxlength=16 error />
                </div>
                <Field label="Country" name="country" value=v(&a.country) autocomplete="country-name" maxlength=56 error />
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="is_default" value="on" checked=a.is_default class="h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                    "Use as my default address"
                </label>
                <div class="flex items-center gap-3">
                    <Submit label=if editing.is_some() { "Save address" } else { "Add address" } pending=save.pending() />
                    {editing.is_some().then(|| view! {
                        <a href="/account/addresses" class="text-sm font-medium text-stone-600 underline dark:text-stone-400">"Cancel"</a>
                    })}
                </div>
            </ActionForm>
        </Panel>
    }
}
