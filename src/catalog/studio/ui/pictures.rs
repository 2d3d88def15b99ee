//! The editor's pictures (a plain multipart upload form, so it works
//! without JavaScript) and the delete button.

use leptos::prelude::*;

use crate::catalog::studio::api::{DeleteProduct as DeleteAction, RemoveProductImage};
use crate::catalog::studio::{EditImage, MAX_IMAGES};
use crate::components::form::INPUT;
use crate::components::{FOCUS, Panel};

#[component]
pub fn Pictures(product_id: String, images: Vec<EditImage>) -> impl IntoView {
    let remove = ServerAction::<RemoveProductImage>::new();
    let full = images.len() >= MAX_IMAGES;
    let count = images.len();
    let upload_to = format!("/studio/products/{product_id}/images");
    view! {
        <div id="pictures">
            <Panel title="Pictures" description="PNG, JPEG or WebP, up to 5 MB each and 8 a product. The first is the cover. We store a fresh copy of each picture (no hidden data from the file) and a small one for product cards.">
                {if count == 0 {
                    view! { <p class="text-sm text-stone-600 dark:text-stone-400">"No pictures yet. Products with a picture sell far better."</p> }.into_any()
                } else {
                    view! {
                        <ul class="grid grid-cols-2 gap-4 sm:grid-cols-4" role="list" data-testid="product-pictures">
                            {images.into_iter().enumerate().map(|(i, img)| { let product_id = product_id.clone(); view! {
                                <li class="space-y-2">
                                    <img src=img.thumb_url alt=img.alt.clone() width="240" height="240" class="aspect-square w-full rounded-xl bg-stone-100 object-cover dark:bg-stone-800" loading="lazy" />
                                    <div class="flex items-center justify-between gap-2 text-xs">
                                        <span class="text-stone-600 dark:text-stone-400">{if i == 0 { "Cover".to_owned() } else { format!("Picture {}", i + 1) }}</span>
                                        <ActionForm action=remove>
                                            <input type="hidden" name="id" value=product_id.clone() />
                                            <input type="hidden" name="image_id" value=img.id />
                                            <button type="submit" class=format!("rounded px-1 text-rose-700 underline underline-offset-2 dark:text-rose-300 {FOCUS}")>
                                                "Remove"<span class="sr-only">" "{img.alt}</span>
                                            </button>
                                        </ActionForm>
                                    </div>
                                </li>
                            }}).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!full).then(|| view! {
                    <form method="post" action=upload_to enctype="multipart/form-data" class="mt-5 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                        <div>
                            <label for="field-image" class="block text-sm font-medium">"Add a picture"</label>
                            <input id="field-image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required=true
                                class="mt-1 block w-full text-sm file:mr-3 file:rounded-full file:border-0 file:bg-stone-900 file:px-4 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-stone-700 dark:file:bg-stone-100 dark:file:text-stone-900" />
                        </div>
                        <div>
                            <label for="field-alt" class="block text-sm font-medium">"Description " <span class="font-normal text-stone-500 dark:text-stone-400">"(optional)"</span></label>
                            <input id="field-alt" name="alt" maxlength="200" placeholder="What the picture shows" class=INPUT />
                        </div>
                        <button type="submit" class=format!("rounded-full bg-stone-900 px-5 py-2.5 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white {FOCUS}")>"Upload"</button>
                    </form>
                })}
            </Panel>
        </div>
    }
}

#[component]
pub fn DeleteProduct(product_id: String, ordered: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteAction>::new();
    let text = if ordered {
        "This product was ordered or reviewed before: deleting takes it out of the shop and keeps it, archived, for that history."
    } else {
        "Deleting removes the product, its variants and pictures for good."
    };
    view! {
        <section class="rounded-2xl border border-rose-200 p-6 dark:border-rose-900" aria-labelledby="delete-heading">
            <h2 id="delete-heading" class="text-lg font-semibold">"Delete this product"</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{text}</p>
            <ActionForm action=delete attr:class="mt-4">
                <input type="hidden" name="id" value=product_id />
                <button type="submit" class=format!("rounded-full border border-rose-300 px-5 py-2.5 text-sm font-semibold text-rose-800 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950 {FOCUS}")>
                    {if ordered { "Archive product" } else { "Delete product" }}
                </button>
            </ActionForm>
        </section>
    }
}
