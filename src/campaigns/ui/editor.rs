//! The campaign editor: one form (name, subject, message, audience,
//! products, when) whose buttons save, mail a test to me, schedule or send
//! now; beside it the preview for a sample recipient and how many people
//! the audience reaches. With JavaScript on, both follow the form as it is
//! typed (`live`); with it off, saving redraws them.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::live::CampaignLive;
use super::results::ResultsView;
use super::{BACK, StatusBadge};
use crate::accounts::ui::Refused;
use crate::accounts::{SKIN_CONCERNS, SKIN_TYPES};
use crate::campaigns::api::{Editor, PauseCampaign, SaveCampaign, get_campaign_editor};
use crate::campaigns::{Audience, reach};
use crate::components::FOCUS;
use crate::components::form::{Field, FormError, INPUT, Notice, action_error};
use crate::error::AppError;

const CARD: &str = "rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";
const BUTTON: &str = "rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";
const LEGEND: &str = "text-sm font-medium";
const HINT: &str = "mt-1 text-xs text-stone-600 dark:text-stone-400";
const BOX: &str = "mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500";

/// A new campaign's message, to start from.
const STARTER: &str = "Hello {{first_name}},\n\nOur newest picks are in, and these are chosen with you in mind:\n\n{{products}}\n\nSee everything new at {{shop_url}}.";

fn saved_text(code: &str) -> Option<String> {
    let text = match code {
        "save" => "Saved.",
        "test" => "Saved, and a test copy is on its way to your inbox.",
        "schedule" => "Scheduled. It goes out by itself at that time; you can still change it until then.",
        "send" => "Sending has started. The figures below fill in as the mail goes out.",
        "paused" => "Paused. Nothing more goes out until you resume.",
        "resumed" => "Sending again from where it stopped.",
        _ => return None,
    };
    Some(text.to_owned())
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveCampaign>::new();
    let pause = ServerAction::<PauseCampaign>::new();
    let editor = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), save.version().get(), pause.version().get()),
        |(id, _, _)| get_campaign_editor(id),
    );
    let saved = Signal::derive(move || query.read().get("saved").and_then(|s| saved_text(&s)));
    view! {
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin/campaigns" class=BACK>"← Campaigns"</a>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(Editor { campaign: Some(c), .. }) if !c.status.editable() => view! { <ResultsView c saved pause /> }.into_any(),
                        Ok(e) => view! { <EditorView e saved save /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A field's message from the form's last error.
fn message(error: Signal<Option<AppError>>, key: &'static str) -> impl Fn() -> Option<String> {
    move || error.get().and_then(|e| e.field_message(key))
}

/// Tick boxes named `name[0]`, `name[1]` … (the server reads them as a list).
#[component]
fn Checks(
    legend: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
    #[prop(optional)] hint: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let scroll = if options.len() > 8 { "max-h-48 overflow-y-auto pr-2" } else { "" };
    view! {
        <fieldset>
            <legend class=LEGEND>{legend}</legend>
            <div class=format!("mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2 {scroll}")>
                {options.into_iter().enumerate().map(|(i, (value, label))| {
                    let checked = chosen.contains(&value);
                    view! {
                        <label class="flex items-start gap-2 text-sm">
                            <input type="checkbox" name=format!("{name}[{i}]") value=value checked=checked class=BOX />
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class=HINT aria-live="polite">
                {move || match message(error, name)() {
                    Some(m) => view! { <span class="text-rose-700 dark:text-rose-300">{m}</span> }.into_any(),
                    None => hint.into_any(),
                }}
            </p>
        </fieldset>
    }
}

fn codes(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().filter(|(c, _)| !c.is_empty()).map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect()
}

#[component]
fn EditorView(e: Editor, saved: Signal<Option<String>>, save: ServerAction<SaveCampaign>) -> impl IntoView {
    let error = action_error(save);
    let c = e.campaign.clone();
    let id = c.as_ref().map(|c| c.id.clone()).unwrap_or_default();
    let title = c.as_ref().map_or("New campaign".to_owned(), |c| c.name.clone());
    let text = |f: fn(&crate::campaigns::Campaign) -> String, default: &str| {
        Signal::stored(c.as_ref().map_or(default.to_owned(), f))
    };
    let name = text(|c| c.name.clone(), "");
    let subject = text(|c| c.subject.clone(), "New in for you, {{first_name}}");
    let template = c.as_ref().map_or(STARTER.to_owned(), |c| c.template.clone());
    let audience = c.as_ref().map(|c| c.audience_filter.clone()).unwrap_or_default();
    let products = c.as_ref().map(|c| c.product_ids.clone()).unwrap_or_default();
    let status = c.as_ref().map(|c| c.status);
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    let preview = e.preview.clone();
    view! {
        <Title text=title.clone() />
        <header class="mt-2 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
            {status.map(|s| view! { <StatusBadge status=s /> })}
        </header>
        <div class="mt-4"><Notice text=saved /></div>
        <div class="mt-6 grid gap-6 lg:grid-cols-5">
            <ActionForm action=save attr:id="campaign-form" attr:class="space-y-6 lg:col-span-3" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <FormError error />
                <section class=format!("{CARD} space-y-4") aria-labelledby="mail-h">
                    <h2 id="mail-h" class="font-semibold">"The mail"</h2>
                    <Field label="Name" name="name" value=name maxlength=120 hint="For you; recipients never see it." error />
                    <Field label="Subject" name="subject" value=subject maxlength=200 hint="May use {{first_name}}." error />
                    <div>
                        <label for="field-template" class="block text-sm font-medium">"Message"</label>
                        <textarea id="field-template" name="template" rows="10" maxlength="20000" required=true class=INPUT aria-describedby="field-template-msg">
                            {crate::components::escape::raw_text(&template)}
                        </textarea>
                        <p id="field-template-msg" class=HINT aria-live="polite">
                            {move || match message(error, "template")() {
                                Some(m) => view! { <span class="text-rose-700 dark:text-rose-300">{m}</span> }.into_any(),
                                None => "Plain text; a blank line starts a paragraph. {{first_name}} is the person's first name, {{products}} the products below, {{shop_url}} a link to the shop. Names are inserted as text, never as markup.".into_any(),
                            }}
                        </p>
                    </div>
                </section>
                <AudienceFields e=e.clone() audience error days />
                <section class=CARD aria-labelledby="products-h">
                    <h2 id="products-h" class="sr-only">"Products"</h2>
                    <Checks legend="Products in the mail (up to 6)" name="product_ids" chosen=products
                        options=e.choices.products.iter().map(|(id, t, p)| (id.clone(), format!("{t} · {p}"))).collect()
                        hint="None ticked: each person gets three products recommended for them." error />
                </section>
                <section class=format!("{CARD} space-y-4") aria-labelledby="when-h">
                    <h2 id="when-h" class="font-semibold">"When"</h2>
                    <div>
                        <label for="field-schedule" class="block text-sm font-medium">"Send at"<span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span></label>
                        <input id="field-schedule" name="schedule" type="datetime-local" value=e.schedule_local.clone() class=format!("{INPUT} sm:w-64") aria-describedby="field-schedule-msg" />
                        <p id="field-schedule-msg" class=HINT aria-live="polite">
                            {let zone = e.zone.clone(); move || message(error, "schedule")().or_else(|| message(error, "scheduled_time")()).unwrap_or_else(|| format!("In the shop's time zone ({zone}). Empty: it waits as a draft until you send it."))}
                        </p>
                    </div>
                    <div class="flex flex-wrap gap-2">
                        <button type="submit" name="intent" value="save" class=format!("{BUTTON} {FOCUS}")>"Save draft"</button>
                        <button type="submit" name="intent" value="test" class=format!("{BUTTON} {FOCUS}")>"Send a test to me"</button>
                        <button type="submit" name="intent" value="schedule" class=format!("{BUTTON} {FOCUS}")>"Schedule"</button>
                        <button type="submit" name="intent" value="send" class=format!("rounded-full bg-rose-700 px-5 py-2 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>"Send now"</button>
                    </div>
                    <p class=HINT>"Send now starts at once, in batches; you can pause it. Each person gets it once."</p>
                </section>
            </ActionForm>
            <div class="lg:col-span-2">
                <section class=format!("{CARD} lg:sticky lg:top-4") aria-labelledby="preview-h">
                    <h2 id="preview-h" class="font-semibold">"Preview"</h2>
                    <p id="campaign-count" class="mt-1 text-sm font-medium text-rose-800 dark:text-rose-300" aria-live="polite">
                        {preview.as_ref().map_or("Save or type to count who gets it.".to_owned(), |p| reach(p.recipients))}
                    </p>
                    <p class="mt-3 text-sm"><span class="text-stone-600 dark:text-stone-400">"Subject: "</span><span id="campaign-subject">{preview.as_ref().map(|p| p.subject.clone())}</span></p>
                    <p class="mt-1 text-xs text-stone-600 dark:text-stone-400">"As "<span id="campaign-sample">{preview.as_ref().map_or("a recipient".to_owned(), |p| p.first_name.clone())}</span>" would see it"</p>
                    <iframe id="campaign-preview" title="Preview of the mail" sandbox="" srcdoc=preview.map(|p| p.html).unwrap_or_default()
                        class="mt-3 h-[28rem] w-full rounded-lg border border-stone-200 bg-white dark:border-stone-700"></iframe>
                </section>
                <CampaignLive />
            </div>
        </div>
    }
}

#[component]
fn AudienceFields(
    e: Editor,
    audience: Audience,
    error: Signal<Option<AppError>>,
    days: fn(Option<u32>) -> String,
) -> impl IntoView {
    let within = Signal::stored(days(audience.last_order_within_days));
    let before = Signal::stored(days(audience.last_order_before_days));
    let follows = audience.follows_seller_id.clone().unwrap_or_default();
    view! {
        <section class=format!("{CARD} space-y-5") aria-labelledby="audience-h">
            <div>
                <h2 id="audience-h" class="font-semibold">"Who gets it"</h2>
                <p class=HINT>"Only people who said yes to news ever get campaigns. Every choice narrows the list; nothing chosen means all of them."</p>
            </div>
            <Checks legend="Skin type" name="skin_types" options=codes(&SKIN_TYPES) chosen=audience.skin_types.clone() error />
            <Checks legend="Concerns" name="concerns" options=codes(&SKIN_CONCERNS) chosen=audience.concerns.clone() error />
            <Checks legend="Bought from these categories" name="category_ids" options=e.choices.categories.clone() chosen=audience.category_ids.clone() error />
            <Checks legend="Bought from these shops" name="seller_ids" options=e.choices.shops.clone() chosen=audience.seller_ids.clone() error />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Ordered within (days)" name="last_order_within_days" kind="number" value=within required=false maxlength=4 error />
                <Field label="No order for at least (days)" name="last_order_before_days" kind="number" value=before required=false maxlength=4 hint="Win back people who ordered before." error />
            </div>
            <div>
                <label for="field-follows" class="block text-sm font-medium">"Follows a shop"</label>
                <select id="field-follows" name="follows_seller_id" class=INPUT>
                    <option value="" selected=follows.is_empty()>"Any — following not needed"</option>
                    {e.choices.shops.iter().map(|(id, name)| view! { <option value=id.clone() selected=follows == *id>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
        </section>
    }
}
