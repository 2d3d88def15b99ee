//! The two-step sign-in panel of /account/security: off (turn on), a key
//! waiting for its first code (QR code and the key in text), on (turn off
//! with password and code), and the recovery codes shown once.

use leptos::prelude::*;

use crate::accounts::security_api::{
    DisableTwoFactor, DismissRecoveryCodes, EnableTwoFactor, StartTwoFactor, TwoFactorSetup, TwoFactorStatus,
};
use crate::components::form::{Field, FormError, Submit, action_error};
use crate::components::{FOCUS, Panel};

/// The actions the panel's forms post to.
#[derive(Clone, Copy)]
pub struct TwoFactorActions {
    pub start: ServerAction<StartTwoFactor>,
    pub enable: ServerAction<EnableTwoFactor>,
    pub saved: ServerAction<DismissRecoveryCodes>,
    pub disable: ServerAction<DisableTwoFactor>,
}

impl TwoFactorActions {
    pub fn new() -> Self {
        Self {
            start: ServerAction::new(),
            enable: ServerAction::new(),
            saved: ServerAction::new(),
            disable: ServerAction::new(),
        }
    }

    /// Changes whenever one of them ran: the page reloads its data.
    pub fn version(&self) -> (usize, usize, usize, usize) {
        let Self { start, enable, saved, disable } = *self;
        (start.version().get(), enable.version().get(), saved.version().get(), disable.version().get())
    }
}

#[component]
pub fn TwoStepPanel(
    status: TwoFactorStatus,
    fresh_codes: Vec<String>,
    actions: TwoFactorActions,
) -> impl IntoView {
    let body = if !fresh_codes.is_empty() {
        view! { <RecoveryCodes codes=fresh_codes action=actions.saved /> }.into_any()
    } else if status.enabled {
        view! { <TurnOff left=status.recovery_codes_left action=actions.disable /> }.into_any()
    } else if let Some(setup) = status.setup {
        view! { <Confirm setup action=actions.enable /> }.into_any()
    } else {
        view! { <TurnOn action=actions.start /> }.into_any()
    };
    view! {
        <div id="two-step">
            <Panel title="Two-step sign-in" description="A code from an authenticator app on your phone (Google Authenticator, 1Password, Aegis…) as well as your password: a stolen password alone no longer opens your account.">
                {body}
            </Panel>
        </div>
    }
}

const PRIMARY: &str = "rounded-full bg-stone-900 px-5 py-2.5 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white";

#[component]
fn TurnOn(action: ServerAction<StartTwoFactor>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <p class="mb-4 flex items-center gap-2 text-sm">
            <span class="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold text-stone-800 dark:bg-stone-700 dark:text-stone-100">"Off"</span>
            "Only your password protects this account."
        </p>
        <ActionForm action>
            <FormError error />
            <button type="submit" class=format!("{PRIMARY} {FOCUS}")>"Turn on two-step sign-in"</button>
        </ActionForm>
    }
}

#[component]
fn Confirm(setup: TwoFactorSetup, action: ServerAction<EnableTwoFactor>) -> impl IntoView {
    let error = action_error(action);
    let grouped = setup
        .secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <ol class="space-y-5 text-sm">
            <li>
                <p class="font-medium">"1. Scan this code with your authenticator app"</p>
                <div class="mt-3 inline-block rounded-xl bg-white p-3 ring-1 ring-stone-200" role="img" aria-label="QR code of your two-step sign-in key" inner_html=setup.qr_svg></div>
                <p class="mt-3 text-stone-600 dark:text-stone-400">"Cannot scan? Type this key into the app (time-based, 6 digits):"</p>
                <p class="mt-1 break-all font-mono text-base tracking-wider" data-testid="totp-secret">{grouped}</p>
            </li>
            <li>
                <p class="font-medium">"2. Type the code the app shows"</p>
                <ActionForm action attr:class="mt-3 max-w-xs space-y-4" attr:novalidate=true>
                    <FormError error />
                    <Field label="Code from the app" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength=8 error />
                    <Submit label="Turn on" pending=action.pending() />
                </ActionForm>
            </li>
        </ol>
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>, action: ServerAction<DismissRecoveryCodes>) -> impl IntoView {
    let text = format!(
        "Bazaar recovery codes. Each works once, in place of a code from your app.\n\n{}\n",
        codes.join("\n")
    );
    let href =
        format!("data:text/plain;charset=utf-8,{}", crate::catalog::query::encode(&text).replace('+', "%20"));
    view! {
        <div class="rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950" role="status">
            <p class="font-semibold text-emerald-900 dark:text-emerald-100">"Two-step sign-in is on. Save these recovery codes now."</p>
            <p class="mt-1 text-sm text-emerald-900 dark:text-emerald-200">"If you lose your phone, each code signs you in once. They are shown only this time: print them or keep them in a password manager."</p>
            <ul class="mt-4 grid grid-cols-2 gap-2 font-mono text-base sm:grid-cols-5" aria-label="Recovery codes">
                {codes.into_iter().map(|c| view! { <li class="rounded bg-white px-2 py-1 text-center text-stone-900 dark:bg-stone-900 dark:text-stone-100" data-testid="recovery-code">{c}</li> }).collect_view()}
            </ul>
            <div class="mt-4 flex flex-wrap items-center gap-3">
                <a href=href download="bazaar-recovery-codes.txt" class=format!("rounded-full border border-emerald-700 px-4 py-2 text-sm font-medium text-emerald-900 hover:bg-emerald-100 dark:border-emerald-300 dark:text-emerald-100 dark:hover:bg-emerald-900 {FOCUS}")>"Download as a text file"</a>
                <ActionForm action>
                    <button type="submit" class=format!("{PRIMARY} {FOCUS}")>"I have saved them"</button>
                </ActionForm>
            </div>
        </div>
    }
}

#[component]
fn TurnOff(left: i64, action: ServerAction<DisableTwoFactor>) -> impl IntoView {
    let error = action_error(action);
    let codes = match left {
        0 => "No recovery codes left: turn two-step sign-in off and on again for new ones.".to_owned(),
        1 => "1 recovery code left.".to_owned(),
        n => format!("{n} recovery codes left."),
    };
    view! {
        <p class="flex flex-wrap items-center gap-2 text-sm">
            <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">"On"</span>
            "Signing in asks for a code from your app. "{codes}
        </p>
        <details class="mt-4 rounded-lg border border-stone-200 p-4 dark:border-stone-700" open=move || error.get().is_some()>
            <summary class="cursor-pointer text-sm font-medium">"Turn two-step sign-in off"</summary>
            <ActionForm action attr:class="mt-4 max-w-sm space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Your password" name="password" kind="password" autocomplete="current-password" maxlength=128 error />
                <Field label="Code from the app, or a recovery code" name="code" autocomplete="one-time-code" maxlength=20 error />
                <Submit label="Turn off" pending=action.pending() />
            </ActionForm>
        </details>
    }
}
