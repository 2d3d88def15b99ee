use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AuthCard;
use crate::accounts::api::{RequestPasswordReset, ResetPassword, reset_link_usable};
use crate::components::form::{Field, FormError, Submit, action_error};

const LINK: &str = "font-medium text-rose-700 underline dark:text-rose-300";

/// `/forgot-password`: the address to mail a link to. The answer is the
/// same whether or not the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Title text="Forgot your password?" />
        <Show
            when=sent
            fallback=move || view! {
                <AuthCard title="Forgot your password?" subtitle="We will mail you a link to choose a new one.">
                    <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                        <FormError error />
                        <Field label="Email" name="email" kind="email" autocomplete="email" maxlength=254 error />
                        <Submit label="Send the link" pending=action.pending() />
                    </ActionForm>
                    <p class="mt-6 text-sm text-stone-600 dark:text-stone-400">
                        "Remembered it? " <a href="/login" class=LINK>"Sign in"</a>
                    </p>
                </AuthCard>
            }
        >
            <AuthCard title="Check your inbox" subtitle="If an account uses that address, a link is on its way.">
                <div role="status" class="space-y-3 text-sm text-stone-700 dark:text-stone-300">
                    <p>"Open the link in the mail to choose a new password. It works once, within 30 minutes."</p>
                    <p>"Nothing after a few minutes? Look in your spam folder, or "
                        <a href="/forgot-password" class=LINK>"ask for another link"</a>"."</p>
                </div>
            </AuthCard>
        </Show>
    }
}

/// `/reset-password?token=…`: the new password, when the link still works.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, reset_link_usable);
    view! {
        <Title text="Choose a new password" />
        <Suspense fallback=|| view! { <p class="pt-8 text-center text-sm text-stone-500" aria-busy="true">"Checking your link…"</p> }>
            {move || Suspend::new(async move {
                match usable.await {
                    Ok(true) => view! { <ResetForm token=token() /> }.into_any(),
                    Ok(false) => view! { <LinkSpent /> }.into_any(),
                    Err(e) => view! { <crate::components::ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResetForm(token: String) -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    view! {
        <AuthCard title="Choose a new password" subtitle="You will be signed out everywhere else.">
            <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="token" value=token />
                <Field label="New password" name="password" kind="password" autocomplete="new-password" maxlength=128
                    hint="At least 12 characters. A short sentence is easy to remember and hard to guess." error />
                <Field label="Confirm new password" name="password_confirm" kind="password" autocomplete="new-password" maxlength=128 error />
                <Submit label="Set new password" pending=action.pending() />
            </ActionForm>
        </AuthCard>
    }
}

#[component]
fn LinkSpent() -> impl IntoView {
    view! {
        <AuthCard title="This link no longer works" subtitle="Reset links work once, within 30 minutes, and a newer link replaces an older one.">
            <p class="text-sm"><a href="/forgot-password" class=LINK>"Ask for a new link"</a></p>
        </AuthCard>
    }
}
