//! `/admin/people/invite` (administrators): an address and the areas, and
//! the invitation goes out. `/invite?token=…`: the invited person sets their
//! name and password. Plain forms: both work with JavaScript off.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::api::{AcceptInvite, InviteStaff, get_invite, may_invite};
use crate::accounts::areas::{Area, Areas};
use crate::accounts::ui::Refused;
use crate::components::form::{Field, FormError, Notice, Submit, action_error};

const CARD: &str = "mx-auto mt-8 max-w-lg rounded-2xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900";
const BOX: &str = "mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500";

#[component]
pub fn InviteStaffPage() -> impl IntoView {
    let query = use_query_map();
    let allowed = Resource::new(|| (), |_| may_invite());
    let action = ServerAction::<InviteStaff>::new();
    let error = action_error(action);
    let sent = Signal::derive(move || {
        query
            .read()
            .get("sent")
            .map(|to| format!("Invitation sent to {to}. The link works once, for 7 days."))
    });
    let first = Areas::first(crate::accounts::Role::Staff);
    view! {
        <Title text="Invite staff" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin/people" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← People"</a>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || {
                    let first = first.clone();
                    Suspend::new(async move {
                    match allowed.await {
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                        Ok(()) => view! {
                            <section class=CARD aria-labelledby="invite-h">
                                <h1 id="invite-h" class="text-xl font-semibold">"Invite a member of staff"</h1>
                                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"They get a link by mail to choose their name and password. They can use only the areas you tick; you can change them later on their page."</p>
                                <ActionForm action attr:class="mt-4 space-y-4" attr:novalidate=true>
                                    <Notice text=sent />
                                    <FormError error />
                                    <Field label="Their email" name="email" kind="email" autocomplete="off" maxlength=254 error />
                                    <fieldset>
                                        <legend class="text-sm font-medium">"Areas"</legend>
                                        <div class="mt-2 space-y-2">
                                            {Area::ALL.into_iter().enumerate().map(|(i, a)| view! {
                                                <label class="flex items-start gap-3 text-sm">
                                                    <input type="checkbox" name=format!("areas[{i}]") value=a.as_str() checked=first.contains(a) class=BOX />
                                                    <span><span class="font-medium">{a.label()}</span><span class="block text-stone-600 dark:text-stone-400">{a.hint()}</span></span>
                                                </label>
                                            }).collect_view()}
                                        </div>
                                    </fieldset>
                                    <Submit label="Send the invitation" pending=action.pending() />
                                </ActionForm>
                            </section>
                        }.into_any(),
                    }
                })}}
            </Suspense>
        </div>
    }
}

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let invite = Resource::new(token, get_invite);
    let action = ServerAction::<AcceptInvite>::new();
    let error = action_error(action);
    view! {
        <Title text="Join the staff" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Checking your invitation…"</p> }>
            {move || Suspend::new(async move {
                match invite.await {
                    Err(_) => view! {
                        <section class=CARD>
                            <h1 class="text-xl font-semibold">"This invitation cannot be used"</h1>
                            <p class="mt-2 text-sm" role="alert">"It has been used already, replaced by a newer one, or is more than 7 days old. Ask the person who invited you to send another."</p>
                        </section>
                    }.into_any(),
                    Ok(i) => {
                        let areas: Vec<String> = i.areas.iter().filter_map(|a| Area::parse(a)).map(|a| a.label().to_owned()).collect();
                        view! {
                            <section class=CARD aria-labelledby="join-h">
                                <h1 id="join-h" class="text-xl font-semibold">"Join the staff"</h1>
                                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{format!("For {}. You will work in: {}.", i.email, if areas.is_empty() { "no area yet".to_owned() } else { areas.join(", ") })}</p>
                                <ActionForm action attr:class="mt-4 space-y-4" attr:novalidate=true>
                                    <FormError error />
                                    <input type="hidden" name="token" value=token() />
                                    <Field label="Full name" name="full_name" autocomplete="name" maxlength=100 error />
                                    <Field label="Password" name="password" kind="password" autocomplete="new-password" maxlength=128 hint="At least 12 characters; a phrase of a few words is easy to remember." error />
                                    <Field label="Confirm password" name="confirm" kind="password" autocomplete="new-password" maxlength=128 error />
                                    <Submit label="Create my staff account" pending=action.pending() />
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
