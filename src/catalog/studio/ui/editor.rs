//! `/studio/products/new` and `/studio/products/{id}`: the product editor.
//! One plain form for the fields (works without JavaScript), then the
//! pictures (a multipart form) and deleting.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::StatusBadge;
use super::fields::{AttributeFields, CategorySelect, VariantRows};
use super::pictures::{DeleteProduct, Pictures};
use crate::accounts::ui::Refused;
use crate::catalog::studio::api::{SaveProduct, get_product_editor};
use crate::catalog::studio::{Editor, ProductStatus, RawProduct};
use crate::components::form::{Field, FormError, INPUT, Notice, action_error};
use crate::components::{FOCUS, Panel};

#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let editor = Resource::new(
        move || (params.read().get("id"), query.read().get("saved")),
        |(id, _)| get_product_editor(id.filter(|id| id != "new")),
    );
    view! {
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading the editor…"</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => view! { <EditorView editor /> }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const BUTTON: &str = "inline-flex items-center justify-center rounded-full px-5 py-2.5 text-sm font-semibold";
const PRIMARY: &str = "bg-rose-700 text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500";
const SECONDARY: &str = "border border-stone-300 bg-white hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:hover:bg-stone-800";

#[component]
fn EditorView(editor: Editor) -> impl IntoView {
    let save = ServerAction::<SaveProduct>::new();
    let error = action_error(save);
    let query = use_query_map();
    let note = Signal::derive(move || {
        query.read().get("saved").map(|s| {
            match s.as_str() {
                "image" => "Picture added.",
                "removed" => "Picture removed.",
                _ => "Saved.",
            }
            .to_owned()
        })
    });
    let Editor { product, categories, currency } = editor;
    let raw = product.as_ref().map(|p| p.input.to_raw(&currency)).unwrap_or_default();
    let RawProduct {
        title,
        subtitle,
        description,
        price,
        compare_at,
        category_id,
        cost,
        low_stock,
        stock,
        option_names,
        variants,
        attributes,
    } = raw;
    let heading = product.as_ref().map_or_else(|| "New product".to_owned(), |p| p.input.title.clone());
    let status = product.as_ref().map(|p| p.status);
    let id = product.as_ref().map(|p| p.id.clone()).unwrap_or_default();
    let v = |s: String| Signal::stored(s);
    let buttons = match status {
        None => view! {
            <button type="submit" name="intent" value="draft" class=format!("{BUTTON} {SECONDARY} {FOCUS}")>"Save draft"</button>
            <button type="submit" name="intent" value="publish" class=format!("{BUTTON} {PRIMARY} {FOCUS}")>"Publish"</button>
        }.into_any(),
        Some(ProductStatus::Active) => view! {
            <button type="submit" name="intent" value="draft" class=format!("{BUTTON} {SECONDARY} {FOCUS}")>"Save and unpublish"</button>
            <button type="submit" name="intent" value="save" class=format!("{BUTTON} {PRIMARY} {FOCUS}")>"Save"</button>
        }.into_any(),
        Some(_) => view! {
            <button type="submit" name="intent" value="save" class=format!("{BUTTON} {SECONDARY} {FOCUS}")>"Save"</button>
            <button type="submit" name="intent" value="publish" class=format!("{BUTTON} {PRIMARY} {FOCUS}")>"Save and publish"</button>
        }.into_any(),
    };
    view! {
        <Title text=format!("{heading} · Studio") />
        <div class="mx-auto max-w-4xl pt-8">
            <nav aria-label="Breadcrumb" class="text-sm text-stone-600 dark:text-stone-400">
                <a href="/studio/products" class=format!("rounded underline-offset-2 hover:underline {FOCUS}")>"Your products"</a>
            </nav>
            <div class="mt-1 flex flex-wrap items-center gap-3">
                <h1 class="min-w-0 break-words text-2xl font-semibold tracking-tight sm:text-3xl">{heading}</h1>
                {status.map(|status| view! { <StatusBadge status /> })}
                {product.as_ref().filter(|p| p.status == ProductStatus::Active).map(|p| view! {
                    <a href=format!("/products/{}", p.slug) class=format!("text-sm underline underline-offset-2 {FOCUS} rounded")>"View in shop"</a>
                })}
            </div>
            <div class="mt-4 space-y-4">
                <Notice text=note />
                <ImageErrorNote />
            </div>
            <ActionForm action=save attr:class="mt-6 space-y-6" attr:novalidate=true attr:id="product-form">
                <input type="hidden" name="id" value=id.clone() />
                <FormError error />
                <Panel title="Details" description="What shoppers read first. Plain text; line breaks are kept.">
                    <div class="space-y-4">
                        <Field label="Title" name="title" value=v(title) maxlength=120 error />
                        <Field label="Subtitle" name="subtitle" value=v(subtitle) maxlength=160 required=false hint="One line under the title, e.g. the size or the scent." error />
                        <div>
                            <label for="field-description" class="block text-sm font-medium">"Description"</label>
                            <textarea id="field-description" name="description" rows="6" maxlength="5000" class=INPUT>
                                {crate::components::escape::raw_text(&description)}
                            </textarea>
                            <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">
                                {move || error.get().and_then(|e| e.field_message("description"))}
                            </p>
                        </div>
                    </div>
                </Panel>
                <Panel title="Price and stock" description="Amounts in the shop's currency, e.g. 24.50.">
                    <div class="grid gap-4 sm:grid-cols-3">
                        <Field label="Price" name="price" value=v(price) maxlength=14 error />
                        <Field label="Compare-at price" name="compare_at" value=v(compare_at) maxlength=14 required=false hint="The earlier price, shown crossed out." error />
                        <Field label="Stock" name="stock" value=v(stock) maxlength=8 required=false hint="Without options; otherwise per variant below." error />
                        <Field label="Cost per unit" name="cost" value=v(cost) maxlength=14 required=false hint="What one cost you; only you and the back office see it." error />
                        <Field label="Low-stock alert at" name="low_stock" value=v(low_stock) maxlength=8 required=false hint="Units; empty uses the shop's default." error />
                    </div>
                </Panel>
                <Panel title="Options and variants" description="Leave the options empty for a single item. Otherwise name them (Size, or Colour / Size) and add a row for each choice, values in the same order (Blush / Large).">
                    <Field label="Options" name="option_names" value=v(option_names) maxlength=120 required=false error />
                    <VariantRows rows=variants error />
                </Panel>
                <Panel title="Category and details" description="Shoppers filter by these. Use the group that matches the category.">
                    <div class="space-y-5">
                        <CategorySelect choices=categories selected=category_id error />
                        <AttributeFields values=attributes.into_iter().collect() error />
                    </div>
                </Panel>
                <div class="sticky bottom-0 -mx-4 flex flex-wrap justify-end gap-3 border-t border-stone-200 bg-stone-50/95 px-4 py-3 backdrop-blur dark:border-stone-800 dark:bg-stone-950/95 sm:mx-0 sm:rounded-2xl sm:border">
                    {buttons}
                </div>
            </ActionForm>
            {match product {
                Some(p) => view! {
                    <div class="mt-6 space-y-6">
                        <Pictures product_id=p.id.clone() images=p.images.clone() />
                        <DeleteProduct product_id=p.id.clone() ordered=p.ordered />
                    </div>
                }.into_any(),
                None => view! {
                    <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-6 text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
                        "Save the product first, then add its pictures."
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// A refused upload, from the upload form's `?image_error=` code.
#[component]
fn ImageErrorNote() -> impl IntoView {
    let query = use_query_map();
    let text =
        move || query.read().get("image_error").map(|code| crate::catalog::studio::image_message(&code));
    view! {
        <Show when=move || text().is_some()>
            <div role="alert" class="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">
                {text}
            </div>
        </Show>
    }
}
