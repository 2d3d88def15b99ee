//! `/account/data`: download everything held about me, and delete my
//! account. `?deleted=1` is the goodbye (the person is signed out by then).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AccountFrame, AuthCard, Refused};
use crate::accounts::data::DataOverview;
use crate::accounts::data::api::{DeleteAccount, get_my_data};
use crate::components::form::{Field, FormError, action_error};
use crate::components::{FOCUS, Panel};

#[component]
pub fn DataPage() -> impl IntoView {
    let query = use_query_map();
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <Title text="Your data" />
        <Show when=deleted fallback=Overview>
            <AuthCard title="Your account is deleted" subtitle="Thank you for shopping with us.">
                <p class="text-sm text-stone-700 dark:text-stone-300" role="status">
                    "Your profile, addresses, saved products and conversations are erased, and you are signed out everywhere. \
                     The shops keep your past orders for their books, without your name or address."
                </p>
                <p class="mt-4 text-sm"><a href="/" class=format!("font-medium text-rose-700 underline dark:text-rose-300 {FOCUS}")>"Back to the shop"</a></p>
            </AuthCard>
        </Show>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let data = Resource::new(|| (), |_| get_my_data());
    view! {
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your data…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => view! {
                        <AccountFrame current="/account/data" title="Your data">
                            <Download held=overview.held.clone() />
                            <DeletePanel overview action=delete />
                        </AccountFrame>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What is held, and the download (a plain link: the server builds the ZIP).
#[component]
fn Download(held: Vec<(String, i64)>) -> impl IntoView {
    view! {
        <Panel title="Download your data" description="Everything we hold about you, as JSON and CSV files in one ZIP: your profile, addresses, orders, reviews, saved products, shops you follow, assistant conversations, live chat and security history.">
            <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
                {held.into_iter().map(|(label, n)| view! {
                    <div class="rounded-lg border border-stone-200 px-3 py-2 dark:border-stone-700">
                        <dt class="text-xs text-stone-600 dark:text-stone-400">{label}</dt>
                        <dd class="text-lg font-semibold tabular-nums">{n}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <a href="/api/v1/users/me/export" download rel="nofollow"
                class=format!("mt-5 inline-flex items-center gap-2 rounded-full bg-stone-900 px-5 py-2.5 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-stone-300 {FOCUS}")>
                <svg class="h-4 w-4" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true"><path d="M10 3a1 1 0 0 1 1 1v7.6l2.3-2.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L9 11.6V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1h10a1 1 0 1 1 0 2H5a2 2 0 0 1-2-2 1 1 0 0 1 1-1Z"/></svg>
                "Download my data (ZIP)"
            </a>
        </Panel>
    }
}

/// Deleting: what must finish first, or the form (password, a code with
/// two-step sign-in on, and "I understand").
#[component]
fn DeletePanel(overview: DataOverview, action: ServerAction<DeleteAccount>) -> impl IntoView {
    let error = action_error(action);
    let confirm_error = move || error.get().and_then(|e| e.field_message("confirm"));
    let DataOverview { blockers, two_factor, .. } = overview;
    let body = if blockers.is_empty() {
        view! {
            <ActionForm action attr:class="max-w-sm space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Your password" name="password" kind="password" autocomplete="current-password" maxlength=128 error />
                {two_factor.then(|| view! {
                    <Field label="Code from your authenticator app" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength=20 error
                        hint="Or one of your recovery codes." />
                })}
                <div>
                    <label class="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="confirm" value="yes" required
                            aria-invalid=move || confirm_error().is_some().to_string() aria-describedby="confirm-msg"
                            class=format!("mt-0.5 h-4 w-4 rounded border-stone-400 text-rose-700 {FOCUS}") />
                        <span>"I understand that my account cannot be brought back."</span>
                    </label>
                    <p id="confirm-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{confirm_error}</p>
                </div>
                <button type="submit" disabled=move || action.pending().get()
                    class=format!("inline-flex items-center justify-center rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:opacity-60 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>
                    {move || if action.pending().get() { "Deleting…" } else { "Delete my account" }}
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <div class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" role="status">
                <p class="font-medium">"Before you can delete your account:"</p>
                <ul class="mt-2 list-disc space-y-1 pl-5">
                    {blockers.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    view! {
        <Panel title="Delete your account" description="You are signed out everywhere and your profile, addresses, saved products, follows and conversations are erased. Shops keep your past orders for their books, with your name and address removed; your reviews stay, signed “Former customer”.">
            {body}
        </Panel>
    }
}
