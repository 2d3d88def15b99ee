//! `/studio/shop`: the seller edits the shop's public profile — words,
//! logo and banner. Plain forms; works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::components::form::{Field, FormError, INPUT, Notice, Submit, action_error};
use crate::components::{FOCUS, Icon, Panel};
use crate::sellers::api::{SaveShopProfile, get_shop_profile};
use crate::sellers::profile::{MAX_DESCRIPTION, ShopProfile};

#[component]
pub fn ShopProfilePage() -> impl IntoView {
    let query = use_query_map();
    let profile = Resource::new(move || query.read().get("saved"), |_| get_shop_profile());
    view! {
        <Title text="Your shop page" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <Editor p /> }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(p: ShopProfile) -> impl IntoView {
    let save = ServerAction::<SaveShopProfile>::new();
    let error = action_error(save);
    let query = use_query_map();
    let note = Signal::derive(move || {
        query.read().get("saved").map(|s| if s == "picture" { "Picture saved." } else { "Saved." }.to_owned())
    });
    let refused = move || query.read().get("image_error").map(|c| crate::catalog::studio::image_message(&c));
    let v = |s: &str| Signal::stored(s.to_owned());
    view! {
        <div class="mx-auto max-w-3xl pt-8">
            <nav aria-label="Breadcrumb" class="text-sm text-stone-600 dark:text-stone-400">
                <a href="/studio/products" class=format!("rounded underline-offset-2 hover:underline {FOCUS}")>"Your products"</a>
            </nav>
            <div class="mt-1 flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Your shop page"</h1>
                <a href=format!("/shops/{}", p.slug) class=format!("text-sm underline underline-offset-2 {FOCUS} rounded")>"View your shop"</a>
            </div>
            <div class="mt-4 space-y-4">
                <Notice text=note />
                <Show when=move || refused().is_some()>
                    <div role="alert" class="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">{refused}</div>
                </Show>
            </div>
            <div class="mt-6 space-y-6">
                <Panel title="Pictures" description="PNG, JPEG or WebP up to 5 MB. The logo is shown square; the banner across the top of your shop page.">
                    <div class="grid gap-6 sm:grid-cols-[8rem_1fr]">
                        <div>
                            {match p.logo_url.clone() {
                                Some(url) => view! { <img src=url alt="Your logo" width="128" height="128" class="h-32 w-32 rounded-2xl object-cover ring-1 ring-stone-200 dark:ring-stone-800" /> }.into_any(),
                                None => view! { <span class="grid h-32 w-32 place-items-center rounded-2xl bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200"><Icon name="store" class="h-10 w-10" /></span> }.into_any(),
                            }}
                            <PictureForm which="logo" label="Logo" />
                        </div>
                        <div>
                            {match p.banner_url.clone() {
                                Some(url) => view! { <img src=url alt="Your banner" class="h-32 w-full rounded-2xl object-cover ring-1 ring-stone-200 dark:ring-stone-800" /> }.into_any(),
                                None => view! { <div class="h-32 rounded-2xl bg-gradient-to-r from-rose-100 via-amber-50 to-emerald-100 dark:from-rose-950 dark:via-stone-900 dark:to-emerald-950" aria-hidden="true"></div> }.into_any(),
                            }}
                            <PictureForm which="banner" label="Banner" />
                        </div>
                    </div>
                </Panel>
                <Panel title="About your shop" description="Shown on your shop page. Plain text; line breaks are kept.">
                    <ActionForm action=save attr:class="space-y-4" attr:novalidate=true>
                        <FormError error />
                        <Field label="Tagline" name="tagline" value=v(&p.tagline) maxlength=120 required=false error />
                        <Field label="Location" name="location" value=v(&p.location) maxlength=80 required=false error />
                        <div>
                            <label for="field-description" class="block text-sm font-medium">"Description"</label>
                            <textarea id="field-description" name="description" rows="6" maxlength=MAX_DESCRIPTION.to_string() class=INPUT>
                                {crate::components::escape::raw_text(&p.description)}
                            </textarea>
                            <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">
                                {move || error.get().and_then(|e| e.field_message("description"))}
                            </p>
                        </div>
                        <Submit label="Save" pending=save.pending() />
                    </ActionForm>
                </Panel>
            </div>
        </div>
    }
}

#[component]
fn PictureForm(which: &'static str, label: &'static str) -> impl IntoView {
    let id = format!("field-{which}");
    view! {
        <form method="post" action=format!("/studio/shop/{which}") enctype="multipart/form-data" class="mt-3 space-y-2">
            <label for=id.clone() class="block text-sm font-medium">{format!("New {}", label.to_lowercase())}</label>
            <input id=id name="image" type="file" accept="image/png,image/jpeg,image/webp" required=true
                class="block w-full text-sm file:mr-3 file:rounded-full file:border-0 file:bg-stone-900 file:px-4 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-stone-700 dark:file:bg-stone-100 dark:file:text-stone-900" />
            <button type="submit" class=format!("rounded-full border border-stone-300 px-4 py-1.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                {format!("Upload {}", label.to_lowercase())}
            </button>
        </form>
    }
}
