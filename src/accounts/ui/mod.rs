//! Account pages: sign in, sign up, profile, addresses, and the pages only
//! some roles may open.

mod account;
mod activity;
mod addresses;
mod data;
mod email;
mod login;
mod recovery;
mod register;
mod security;
mod two_factor;

pub use account::AccountPage;
pub use activity::ActivityList;
pub use addresses::AddressesPage;
pub use data::DataPage;
pub use email::VerifyEmailPage;
pub use login::{LoginPage, SecondStepPage};
pub use recovery::{ForgotPasswordPage, ResetPasswordPage};
pub use register::RegisterPage;
pub use security::SecurityPage;

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::components::{ErrorView, FOCUS};
use crate::error::AppError;

/// The narrow card around the sign-in and sign-up forms.
#[component]
fn AuthCard(title: &'static str, subtitle: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="mx-auto mt-10 max-w-md rounded-2xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8 dark:border-stone-800 dark:bg-stone-900">
            <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
            <p class="mt-1 mb-6 text-sm text-stone-600 dark:text-stone-400">{subtitle}</p>
            {children()}
        </section>
    }
}

/// What a protected page shows when its data could not be loaded: the
/// sign-in page for visitors (coming back here afterwards), the error
/// otherwise (403 for the wrong role).
#[component]
pub fn Refused(error: AppError) -> impl IntoView {
    let location = use_location();
    match error {
        AppError::Unauthorized => {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let here = if here.ends_with('?') { here.trim_end_matches('?').to_owned() } else { here };
            let path = format!("/login?next={}", login::urlencoding_min(&here));
            view! { <Redirect path /> }.into_any()
        }
        AppError::TwoFactorRequired => view! { <Redirect path="/account/security?enrol=1" /> }.into_any(),
        other => view! { <ErrorView error=other /> }.into_any(),
    }
}

/// Side navigation of `/account/…`.
#[component]
fn AccountNav(current: &'static str) -> impl IntoView {
    const LINKS: [(&str, &str); 5] = [
        ("/account", "Profile & password"),
        ("/account/addresses", "Addresses"),
        ("/account/following", "Shops you follow"),
        ("/account/security", "Security"),
        ("/account/data", "Your data"),
    ];
    view! {
        <nav aria-label="Account sections" class="flex flex-wrap gap-2 lg:flex-col">
            {LINKS.iter().map(|(href, label)| {
                let active = *href == current;
                let class = format!(
                    "whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium {} {FOCUS}",
                    if active { "bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900" }
                    else { "text-stone-700 hover:bg-stone-100 dark:text-stone-300 dark:hover:bg-stone-800" }
                );
                view! { <a href=*href class=class aria-current=active.then_some("page")>{*label}</a> }
            }).collect_view()}
        </nav>
    }
}

/// The two-column frame of the account pages.
#[component]
pub fn AccountFrame(current: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
            <div class="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
                <aside class="min-w-0"><AccountNav current /></aside>
                <div class="min-w-0 space-y-8">{children()}</div>
            </div>
        </div>
    }
}

/// The marketing-mail question, asked at registration and on /account:
/// never ticked for the person; a checkbox named `marketing_opt_in`.
#[component]
pub fn MarketingChoice(on: bool) -> impl IntoView {
    view! {
        <div class="flex items-start gap-3 text-sm">
            <input id="marketing-opt-in" type="checkbox" name="marketing_opt_in" value="on" checked=on aria-describedby="marketing-opt-in-hint" class="mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
            <div>
                <label for="marketing-opt-in" class="font-medium">"Send me news and offers"</label>
                <p id="marketing-opt-in-hint" class="text-stone-600 dark:text-stone-400">"New products, live streams and offers from the shops, a few times a month. Every mail has a link to stop."</p>
            </div>
        </div>
    }
}
