use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::components::Panel;
use crate::components::form::{Field, FormError, Notice, Select, Submit, action_error};
use crate::sellers::api::{ApplyToSell, get_my_application};
use crate::sellers::{
    Application, EXPERIENCE_LEVELS, PLATFORMS, REVENUE_BANDS, SHOP_CATEGORIES, SOCIAL, ShopStatus,
};

/// `/sell`: apply to open a shop, then see where the application stands.
#[component]
pub fn SellPage() -> impl IntoView {
    let apply = ServerAction::<ApplyToSell>::new();
    let query = use_query_map();
    let mine =
        Resource::new(move || (apply.version().get(), query.read().get("sent")), |_| get_my_application());
    let sent = Signal::derive(move || {
        query.read().get("sent").map(|_| {
            "Thank you — your application is in. We review new shops within two working days.".to_owned()
        })
    });
    view! {
        <Title text="Sell on Bazaar" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(current) => {
                        let may_apply = current.as_ref().is_none_or(|a| a.status == ShopStatus::Rejected);
                        view! {
                        <div class="mx-auto max-w-3xl pt-8">
                            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Sell on Bazaar"</h1>
                            <p class="mt-2 text-stone-600 dark:text-stone-400">
                                "Open a shop beside independent beauty labels and florists. Tell us about your shop; an administrator checks every application."
                            </p>
                            <div class="mt-6 space-y-6">
                                <Notice text=sent />
                                <Standing current=current.clone() />
                                {may_apply.then(|| view! { <ApplyForm apply previous=current.clone() /> })}
                            </div>
                        </div>
                    }.into_any()
                    }
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where an existing application stands.
#[component]
fn Standing(current: Option<Application>) -> impl IntoView {
    let Some(a) = current else { return ().into_any() };
    let (tone, body) = match a.status {
        ShopStatus::Pending => ("border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100",
            "We have your application and will review it soon. You will be able to list products as soon as it is approved.".to_owned()),
        ShopStatus::Verified => ("border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100",
            "Your shop is open. List your first products from the studio.".to_owned()),
        ShopStatus::Rejected => ("border-rose-200 bg-rose-50 text-rose-950 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-100",
            format!("We could not approve this application: {}. You can change it and apply again below.", a.review_note)),
        ShopStatus::Suspended => ("border-stone-300 bg-stone-100 text-stone-900 dark:border-stone-700 dark:bg-stone-800 dark:text-stone-100",
            "This shop is suspended. Please contact the marketplace team.".to_owned()),
    };
    view! {
        <section class=format!("rounded-2xl border p-6 {tone}") aria-labelledby="standing" data-testid="application-status">
            <h2 id="standing" class="text-lg font-semibold">{a.shop_name.clone()}" — "{a.status.label()}</h2>
            <p class="mt-2 text-sm">{body}</p>
            {(a.status == ShopStatus::Verified).then(|| view! {
                <p class="mt-4 flex gap-4 text-sm font-medium">
                    <a class="focus-ring rounded underline" href=format!("/shops/{}", a.slug)>"See your shop"</a>
                    <a class="focus-ring rounded underline" href="/studio">"Open the studio"</a>
                </p>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn ApplyForm(apply: ServerAction<ApplyToSell>, previous: Option<Application>) -> impl IntoView {
    let error = action_error(apply);
    let p = previous.map(|a| a.input).unwrap_or_default();
    let v = |s: &str| Signal::stored(s.to_owned());
    let chosen = p.platforms.clone();
    view! {
        <Panel title="Your shop" description="Fields marked optional can be left empty.">
            <ActionForm action=apply attr:class="space-y-5" attr:novalidate=true attr:id="apply-form">
                <FormError error />
                <Field label="Shop name" name="shop_name" value=v(&p.shop_name) maxlength=60 error />
                <div class="grid gap-4 sm:grid-cols-3">
                    <Select label="What you sell" name="category" options=&SHOP_CATEGORIES value=v(&p.category) error />
                    <Select label="Experience" name="experience_level" options=&EXPERIENCE_LEVELS value=v(&p.experience_level) error />
                    <Select label="Monthly sales" name="monthly_revenue" options=&REVENUE_BANDS value=v(&p.monthly_revenue) error />
                </div>
                <fieldset>
                    <legend class="text-sm font-medium">"Where you sell today " <span class="font-normal text-stone-500 dark:text-stone-400">"(optional)"</span></legend>
                    <div class="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                        {PLATFORMS.iter().map(|name| view! {
                            <label class="flex items-center gap-2 text-sm">
                                <input type="checkbox" name="platforms[]" value=*name checked=chosen.iter().any(|c| c == name) class="facet-input" />
                                {*name}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="grid gap-4 sm:grid-cols-3">
                    {SOCIAL.iter().map(|(key, label)| {
                        let name: &'static str = match *key { "instagram" => "social_links[instagram]", "tiktok" => "social_links[tiktok]", _ => "social_links[website]" };
                        let error_key: &'static str = match *key { "instagram" => "social_links.instagram", "tiktok" => "social_links.tiktok", _ => "social_links.website" };
                        view! { <Field label=*label name error_key value=v(p.social_links.get(*key).map_or("", String::as_str)) required=false error /> }
                    }).collect_view()}
                </div>
                <fieldset class="space-y-4">
                    <legend class="text-sm font-medium">"Return address"</legend>
                    <div class="grid gap-4 sm:grid-cols-2">
                        <Field label="Full name" name="return_address[full_name]" error_key="return_address.full_name" value=v(&p.return_address.full_name) autocomplete="name" maxlength=100 error />
                        <Field label="Address" name="return_address[address_line1]" error_key="return_address.address_line1" value=v(&p.return_address.address_line1) autocomplete="address-line1" required=false maxlength=120 error />
                    </div>
                    <div class="grid gap-4 sm:grid-cols-3">
                        <Field label="City" name="return_address[city]" error_key="return_address.city" value=v(&p.return_address.city) autocomplete="address-level2" required=false maxlength=80 error />
                        <Field label="Postal code" name="return_address[post_code]" error_key="return_address.post_code" value=v(&p.return_address.post_code) autocomplete="postal-code" maxlength=16 error />
                        <Field label="Country" name="return_address[country]" error_key="return_address.country" value=v(&p.return_address.country) autocomplete="country-name" required=false maxlength=56 error />
                    </div>
                </fieldset>
                <div>
                    <label class="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="agreed_to_terms" value="on" class="facet-input mt-0.5" aria-describedby="terms-msg" />
                        <span>"I agree to the seller terms: I sell only what I make or curate, ship within the time I promise and answer buyers within two days."</span>
                    </label>
                    <p id="terms-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">
                        {move || error.get().and_then(|e| e.field_message("agreed_to_terms"))}
                    </p>
                </div>
                <Submit label="Send application" pending=apply.pending() />
            </ActionForm>
        </Panel>
    }
}
