use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::StreamGrid;
use crate::accounts::ui::Refused;
use crate::components::Panel;
use crate::components::form::{Field, FormError, INPUT, Submit, action_error};
use crate::error::AppError;
use crate::live::StudioStreams;
use crate::live::api::{ScheduleStream, get_studio_streams};

/// `/studio/streams`: the shop's streams, and a form to schedule one.
#[component]
pub fn StudioStreamsPage() -> impl IntoView {
    let schedule = ServerAction::<ScheduleStream>::new();
    let data = Resource::new(|| (), |_| get_studio_streams());
    view! {
        <Title text="Your streams" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/studio" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Studio"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Your streams"</h1>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <Streams s schedule /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Streams(s: StudioStreams, schedule: ServerAction<ScheduleStream>) -> impl IntoView {
    let has_shop = !s.shop_name.is_empty();
    let intro = if has_shop {
        format!("Streams of {}: open one for its console.", s.shop_name)
    } else {
        "Every shop's live and upcoming streams; open one for its console.".to_owned()
    };
    view! {
        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{intro}</p>
        <div class="mt-6 grid gap-10 lg:grid-cols-5">
            <section class="lg:col-span-3" aria-labelledby="streams-heading">
                <h2 id="streams-heading" class="sr-only">"Streams"</h2>
                <StreamGrid streams=s.streams empty="No streams yet. Schedule your first one." base="/studio/streams/" />
            </section>
            {has_shop.then(|| view! {
                <div class="lg:col-span-2">
                    <ScheduleForm soon=s.soon products=s.products categories=s.categories schedule />
                </div>
            })}
        </div>
    }
}

#[component]
fn ScheduleForm(
    soon: String,
    products: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    schedule: ServerAction<ScheduleStream>,
) -> impl IntoView {
    let error = action_error(schedule);
    let message = move |key: &'static str| move || error.get().and_then(|e: AppError| e.field_message(key));
    view! {
        <Panel title="Schedule a stream" description="Viewers see it at /live straight away and can ask to be reminded.">
            <ActionForm action=schedule attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Title" name="title" maxlength=120 error />
                <div>
                    <label for="field-description" class="block text-sm font-medium">
                        "What you will show"<span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span>
                    </label>
                    <textarea id="field-description" name="description" rows="4" maxlength="2000" class=INPUT
                        aria-invalid=move || message("description")().is_some().to_string() aria-describedby="field-description-msg"></textarea>
                    <p id="field-description-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{message("description")}</p>
                </div>
                <Field label="Starts at (UTC)" name="scheduled_at" kind="datetime-local" value=soon maxlength=40 error />
                <div>
                    <label for="field-category" class="block text-sm font-medium">
                        "Category"<span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span>
                    </label>
                    <select id="field-category" name="category" class=INPUT aria-describedby="field-category-msg">
                        <option value="">"None"</option>
                        {categories.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <p id="field-category-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{message("category")}</p>
                </div>
                <Field label="Tags" name="tags" required=false maxlength=300 hint="Comma separated: roses, gifts" error />
                <fieldset>
                    <legend class="text-sm font-medium">"Products to feature"</legend>
                    <p id="field-product_ids-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{message("product_ids")}</p>
                    {if products.is_empty() {
                        view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"Your shop has no products on sale yet."</p> }.into_any()
                    } else {
                        view! {
                            <div class="mt-2 max-h-64 space-y-1 overflow-y-auto rounded-lg border border-stone-200 p-2 dark:border-stone-700">
                                {products.into_iter().map(|(id, title)| view! {
                                    <label class="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-stone-50 dark:hover:bg-stone-800">
                                        <input type="checkbox" name="product_ids[]" value=id class="accent-rose-700" />
                                        {title}
                                    </label>
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }}
                </fieldset>
                <Submit label="Schedule" pending=schedule.pending() />
            </ActionForm>
        </Panel>
    }
}
