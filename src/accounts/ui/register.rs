use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, MarketingChoice};
use crate::accounts::api::Register;
use crate::accounts::validate::MIN_PASSWORD;
use crate::components::form::{Field, FormError, Submit, action_error};

/// `/register`: name, email, password twice. Field errors come back from
/// the server and show beside each field.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let hint: &'static str = const_format_hint();
    view! {
        <Title text="Create an account" />
        <AuthCard title="Create an account" subtitle="Save addresses, follow shops and join live drops.">
            <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="next" value=next />
                <Field label="Full name" name="full_name" autocomplete="name" maxlength=100 error />
                <Field label="Email" name="email" kind="email" autocomplete="email" maxlength=254 error />
                <Field label="Password" name="password" kind="password" autocomplete="new-password" maxlength=128 hint error />
                <Field label="Confirm password" name="password_confirm" kind="password" autocomplete="new-password" maxlength=128 error />
                <MarketingChoice on=false />
                <Submit label="Create account" pending=action.pending() />
            </ActionForm>
            <p class="mt-6 text-sm text-stone-600 dark:text-stone-400">
                "Already have an account? " <a href="/login" class="font-medium text-rose-700 underline dark:text-rose-300">"Sign in"</a>
            </p>
        </AuthCard>
    }
}

fn const_format_hint() -> &'static str {
    const _: () = assert!(MIN_PASSWORD == 12, "update the hint below");
    "At least 12 characters. A short sentence is easy to remember and hard to guess."
}
