//! Proving and changing an email address: the `/verify-email` page, and the
//! "Email address" panel of `/account`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AuthCard;
use crate::accounts::email_api::{ChangeEmail, ResendVerification, VerifyEmail};
use crate::components::form::{Field, FormError, Notice, Submit, action_error};
use crate::components::{FOCUS, Panel};

const LINK: &str = "font-medium text-rose-700 underline dark:text-rose-300";

/// `/verify-email?token=…`: one button proves the address (a mail scanner
/// that opens the link changes nothing); `?done=1` afterwards.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    view! {
        <Title text="Confirm your email address" />
        <Show
            when=done
            fallback=move || view! {
                <AuthCard title="Confirm your email address" subtitle="One click and this address is proved to be yours.">
                    <ActionForm action attr:class="space-y-4">
                        <FormError error />
                        <input type="hidden" name="token" value=token />
                        <Submit label="Confirm my address" pending=action.pending() />
                    </ActionForm>
                    <p class="mt-6 text-sm text-stone-600 dark:text-stone-400">
                        "Link expired? Ask for a new one on " <a href="/account" class=LINK>"your account page"</a>"."
                    </p>
                </AuthCard>
            }
        >
            <AuthCard title="Your address is confirmed" subtitle="Thank you. Mail about your account and orders goes there.">
                <p class="text-sm" role="status"><a href="/account" class=LINK>"Go to your account"</a></p>
            </AuthCard>
        </Show>
    }
}

/// `/account`'s "Email address" panel: a reminder with "send again" while
/// unproved, and the change form (password, and a code with two-step
/// sign-in on).
#[component]
pub fn EmailPanel(email: String, verified: bool, two_factor: bool) -> impl IntoView {
    let resend = ServerAction::<ResendVerification>::new();
    let change = ServerAction::<ChangeEmail>::new();
    let resend_error = action_error(resend);
    let error = action_error(change);
    let query = use_query_map();
    let note = Signal::derive(move || match query.read().get("saved").as_deref() {
        Some("verification_sent") => {
            Some("A new link is on its way. It works once, within 24 hours.".to_owned())
        }
        Some("email_change_sent") => {
            Some("We mailed a link to the new address. Your address changes when you open it.".to_owned())
        }
        _ => None,
    });
    view! {
        <Panel title="Email address" description="Where we send mail about your account and orders.">
            <Notice text=note />
            <p class="flex flex-wrap items-center gap-2 text-sm">
                <span class="font-medium">{email}</span>
                {if verified {
                    view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">"Confirmed"</span> }.into_any()
                } else {
                    view! { <span class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">"Not confirmed"</span> }.into_any()
                }}
            </p>
            {(!verified).then(|| view! {
                <div class="mt-3 text-sm text-stone-700 dark:text-stone-300">
                    <p>"Open the link we mailed you to confirm it. You need a confirmed address to sell on Bazaar."</p>
                    <ActionForm action=resend attr:class="mt-3">
                        <FormError error=resend_error />
                        <button type="submit" class=format!("rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Send the link again"</button>
                    </ActionForm>
                </div>
            })}
            <details class="mt-4 rounded-lg border border-stone-200 p-4 dark:border-stone-700" open=move || error.get().is_some()>
                <summary class="cursor-pointer text-sm font-medium">"Change your email address"</summary>
                <ActionForm action=change attr:class="mt-4 max-w-sm space-y-4" attr:novalidate=true>
                    <FormError error />
                    <Field label="New email address" name="email" kind="email" autocomplete="email" maxlength=254 error
                        hint="We mail a link there; the change happens when you open it, and your current address is told." />
                    <Field label="Your password" name="password" kind="password" autocomplete="current-password" maxlength=128 error />
                    {two_factor.then(|| view! {
                        <Field label="Code from your authenticator app" name="code" autocomplete="one-time-code" maxlength=20 error />
                    })}
                    <Submit label="Send the link" pending=change.pending() />
                </ActionForm>
            </details>
        </Panel>
    }
}
