use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AuthCard;
use crate::accounts::api::{Login, LoginSecondStep};
use crate::components::form::{Field, FormError, Notice, Submit, action_error};

/// `/login`: email, password, "remember me". Wrong email and wrong password
/// get the same message.
#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    // Arriving from an accepted staff invitation: say so, and offer the address.
    let joined = query.read_untracked().get("joined").unwrap_or_default();
    let welcome = Signal::stored(
        (!joined.is_empty()).then(|| format!("Your staff account for {joined} is ready: sign in.")),
    );
    let register_href = move || match next() {
        n if n.is_empty() => "/register".to_owned(),
        n => format!("/register?next={}", urlencoding_min(&n)),
    };
    view! {
        <Title text="Sign in" />
        <AuthCard title="Sign in" subtitle="Welcome back to Bazaar.">
            <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                <Notice text=welcome />
                <FormError error />
                <input type="hidden" name="next" value=next />
                <Field label="Email" name="email" kind="email" autocomplete="email" value=Signal::stored(joined.clone()) maxlength=254 error />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" maxlength=128 error />
                <div class="flex flex-wrap items-center justify-between gap-2">
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="remember" value="on" class="h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                        "Keep me signed in for 30 days"
                    </label>
                    <a href="/forgot-password" class="text-sm font-medium text-rose-700 underline dark:text-rose-300">"Forgot your password?"</a>
                </div>
                <Submit label="Sign in" pending=action.pending() />
            </ActionForm>
            <p class="mt-6 text-sm text-stone-600 dark:text-stone-400">
                "New here? " <a href=register_href class="font-medium text-rose-700 underline dark:text-rose-300">"Create an account"</a>
            </p>
        </AuthCard>
    }
}

/// `/login/2fa`: after the right password, the code from the app — or,
/// phone lost, a recovery code. Nobody is signed in until it is right.
#[component]
pub fn SecondStepPage() -> impl IntoView {
    let action = ServerAction::<LoginSecondStep>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Two-step sign-in" />
        <AuthCard title="Enter your code" subtitle="Open your authenticator app and type the 6-digit code it shows for Bazaar.">
            <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="next" value=next />
                <Field label="Code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength=8 error />
                <details class="rounded-lg border border-stone-200 p-3 text-sm dark:border-stone-700" open=move || error.get().is_some_and(|e| e.field_message("recovery_code").is_some())>
                    <summary class="cursor-pointer font-medium">"Lost your phone? Use a recovery code"</summary>
                    <div class="mt-3">
                        <Field label="Recovery code" name="recovery_code" autocomplete="off" maxlength=20 required=false hint="One of the ten codes you saved, like k3m9x-7qd2p. Each works once." error />
                    </div>
                </details>
                <Submit label="Sign in" pending=action.pending() />
            </ActionForm>
            <p class="mt-6 text-sm text-stone-600 dark:text-stone-400">
                "Not you, or took too long? " <a href="/login" class="font-medium text-rose-700 underline dark:text-rose-300">"Start again"</a>
            </p>
        </AuthCard>
    }
}

/// Percent-encode the few characters that matter inside a query value.
pub fn urlencoding_min(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "%26".to_owned(),
            '=' => "%3D".to_owned(),
            '?' => "%3F".to_owned(),
            '#' => "%23".to_owned(),
            '+' => "%2B".to_owned(),
            ' ' => "%20".to_owned(),
            '%' => "%25".to_owned(),
            c => c.to_string(),
        })
        .collect()
}
