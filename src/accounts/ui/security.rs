use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::two_factor::{TwoFactorActions, TwoStepPanel};
use super::{AccountFrame, ActivityList, Refused};
use crate::accounts::SessionInfo;
use crate::accounts::events::SecurityEvent;
use crate::accounts::security_api::{RevokeOtherSessions, RevokeSession, SecurityOverview, get_security};
use crate::components::form::{FormError, Notice, action_error};
use crate::components::{FOCUS, Panel};
use crate::dates::when;

/// `/account/security`: two-step sign-in, where the person is signed in
/// (each session ended on its own or all but this one), and what happened
/// to the account lately.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let revoke = ServerAction::<RevokeSession>::new();
    let others = ServerAction::<RevokeOtherSessions>::new();
    let two_factor = TwoFactorActions::new();
    let query = use_query_map();
    let list = Resource::new(
        move || {
            (revoke.version().get(), others.version().get(), two_factor.version(), query.read().get("saved"))
        },
        |_| get_security(),
    );
    let saved = Signal::derive(move || {
        query.read().get("saved").and_then(|what| match what.as_str() {
            "others" => Some("Every other session is signed out.".to_owned()),
            "revoked" => Some("That session is signed out.".to_owned()),
            "two_factor_off" => Some("Two-step sign-in is off.".to_owned()),
            "codes_saved" => Some("Two-step sign-in is on. Keep your recovery codes safe.".to_owned()),
            _ => None,
        })
    });
    view! {
        <Title text="Security" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your sessions…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(SecurityOverview { must_enrol, two_factor: status, fresh_recovery_codes, sessions, activity }) => view! {
                        <AccountFrame current="/account/security" title="Security">
                            <Notice text=saved />
                            {must_enrol.then(|| view! {
                                <p class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" role="alert">
                                    "Your role needs two-step sign-in. Turn it on below to use the back office and the studio."
                                </p>
                            })}
                            <TwoStepPanel status fresh_codes=fresh_recovery_codes actions=two_factor />
                            <Sessions sessions revoke others />
                            <Activity events=activity />
                        </AccountFrame>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const BUTTON: &str = "rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

#[component]
fn Sessions(
    sessions: Vec<SessionInfo>,
    revoke: ServerAction<RevokeSession>,
    others: ServerAction<RevokeOtherSessions>,
) -> impl IntoView {
    let error = Signal::derive(move || action_error(revoke).get().or_else(|| action_error(others).get()));
    let several = sessions.len() > 1;
    view! {
        <Panel title="Where you are signed in" description="Sign out a device you do not recognise, then change your password.">
            <FormError error />
            <ul class="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Your sessions">
                {sessions.into_iter().map(|s| view! { <SessionRow s revoke /> }).collect_view()}
            </ul>
            {several.then(|| view! {
                <ActionForm action=others attr:class="mt-5">
                    <button type="submit" class=format!("{BUTTON} {FOCUS}")>"Sign out everywhere else"</button>
                </ActionForm>
            })}
        </Panel>
    }
}

#[component]
fn SessionRow(s: SessionInfo, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let label = if s.current { "Sign out" } else { "Sign out this device" };
    let ip = if s.ip.is_empty() { "address unknown".to_owned() } else { s.ip.clone() };
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 py-4" data-testid="session">
            <div class="min-w-0 flex-1 basis-60">
                <p class="font-medium">
                    {s.device.clone()}
                    {s.current.then(|| view! {
                        <span class="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">"This device"</span>
                    })}
                </p>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                    {ip}" · signed in "{when(s.created_at)}" · last seen "{when(s.last_seen_at)}
                </p>
                <p class="mt-1 truncate text-xs text-stone-500 dark:text-stone-400" title=s.user_agent.clone()>{s.user_agent.clone()}</p>
            </div>
            <ActionForm action=revoke>
                <input type="hidden" name="id" value=s.id.clone() />
                <button type="submit" class=format!("{BUTTON} {FOCUS}")>
                    {label}<span class="sr-only">{format!(" ({})", s.device)}</span>
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn Activity(events: Vec<SecurityEvent>) -> impl IntoView {
    view! {
        <Panel title="Recent activity" description="Sign-ins, password changes and sessions ended on your account. Something you did not do? Change your password and sign out everywhere else.">
            {if events.is_empty() {
                view! { <p class="text-sm text-stone-600 dark:text-stone-400">"Nothing yet."</p> }.into_any()
            } else {
                view! { <ActivityList events /> }.into_any()
            }}
        </Panel>
    }
}
