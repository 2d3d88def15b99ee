//! The editor's field groups whose names are made at run time (variant
//! rows, attributes) and the category choice.

use leptos::prelude::*;

use crate::catalog::attribute_label;
use crate::catalog::studio::validate::RawVariant;
use crate::catalog::studio::{ATTRIBUTE_KEYS, CategoryChoice};
use crate::components::form::INPUT;
use crate::error::AppError;

/// Blank variant rows offered under the stored ones.
const SPARE_ROWS: usize = 3;

fn message(
    error: Signal<Option<AppError>>,
    key: String,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || error.get().and_then(|e| e.field_message(&key))
}

/// The variant table: one row per stored variant, then a few blank ones.
#[component]
pub fn VariantRows(rows: Vec<RawVariant>, error: Signal<Option<AppError>>) -> impl IntoView {
    let total = rows.len() + SPARE_ROWS;
    let rows: Vec<RawVariant> =
        rows.into_iter().chain(std::iter::repeat_with(RawVariant::default)).take(total).collect();
    view! {
        <div class="mt-4 overflow-x-auto">
            <table class="w-full min-w-[36rem] text-left text-sm">
                <caption class="sr-only">"Variants"</caption>
                <thead class="text-xs uppercase tracking-wide text-stone-500 dark:text-stone-400">
                    <tr>
                        <th scope="col" class="pb-2 pr-2 font-medium">"Values"</th>
                        <th scope="col" class="pb-2 pr-2 font-medium">"SKU"</th>
                        <th scope="col" class="pb-2 pr-2 font-medium">"Price"</th>
                        <th scope="col" class="pb-2 font-medium">"Stock"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, v)| {
                        let name = move |part: &str| format!("variants[{i}][{part}]");
                        let label = move |part: &str| format!("Variant {} {part}", i + 1);
                        let errors = [
                            message(error, format!("variants.{i}.values")),
                            message(error, format!("variants.{i}.sku")),
                            message(error, format!("variants.{i}.price")),
                            message(error, format!("variants.{i}.stock")),
                        ];
                        let [e_values, e_sku, e_price, e_stock] = errors;
                        view! {
                            <tr class="align-top">
                                <td class="pb-2 pr-2">
                                    <input type="hidden" name=name("id") value=v.id.clone() />
                                    <input name=name("values") value=v.values.clone() aria-label=label("values") maxlength="120" placeholder="e.g. 50 ml" class=INPUT />
                                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{e_values}</p>
                                </td>
                                <td class="pb-2 pr-2">
                                    <input name=name("sku") value=v.sku.clone() aria-label=label("SKU") maxlength="40" placeholder="Made for you" class=INPUT />
                                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{e_sku}</p>
                                </td>
                                <td class="pb-2 pr-2">
                                    <input name=name("price") value=v.price.clone() aria-label=label("price") inputmode="decimal" maxlength="14" placeholder="Product price" class=INPUT />
                                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{e_price}</p>
                                </td>
                                <td class="pb-2">
                                    <input name=name("stock") value=v.stock.clone() aria-label=label("stock") inputmode="numeric" maxlength="8" placeholder="0" class=INPUT />
                                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{e_stock}</p>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The category `<select>`.
#[component]
pub fn CategorySelect(
    choices: Vec<CategoryChoice>,
    selected: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let msg = message(error, "category_id".into());
    let invalid = message(error, "category_id".into());
    view! {
        <div>
            <label for="field-category_id" class="block text-sm font-medium">"Category"</label>
            <select id="field-category_id" name="category_id" required=true class=INPUT aria-describedby="field-category_id-msg"
                aria-invalid=move || invalid().is_some().to_string()>
                <option value="" selected=selected.is_empty()>"Choose…"</option>
                {choices.into_iter().map(|c| {
                    let is = c.id == selected;
                    view! { <option value=c.id selected=is>{c.label}</option> }
                }).collect_view()}
            </select>
            <p id="field-category_id-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{msg}</p>
        </div>
    }
}

/// Attribute fields, grouped by the vertical they belong to.
#[component]
pub fn AttributeFields(values: Vec<(String, String)>, error: Signal<Option<AppError>>) -> impl IntoView {
    let group = move |vertical: &'static str, title: &'static str| {
        let fields = ATTRIBUTE_KEYS
            .iter()
            .filter(|(_, v)| *v == vertical)
            .map(|(key, _)| {
                let id = format!("field-attr-{key}");
                let value = values.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
                let msg = message(error, format!("attributes.{key}"));
                view! {
                    <div>
                        <label for=id.clone() class="block text-sm font-medium">{attribute_label(key)}</label>
                        <input id=id name=format!("attributes[{key}]") value=value maxlength="400" class=INPUT placeholder="Comma-separated" />
                        <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{msg}</p>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="space-y-3">
                <legend class="text-sm font-semibold">{title}</legend>
                <div class="grid gap-4 sm:grid-cols-3">{fields}</div>
            </fieldset>
        }
    };
    view! {
        <div class="space-y-5">
            {group("beauty", "Beauty products")}
            {group("florals", "Flowers and plants")}
        </div>
    }
}
