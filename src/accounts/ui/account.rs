use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AccountFrame, Refused};
use crate::accounts::api::{ChangePassword, UpdateProfile, get_profile};
use crate::accounts::{GENDERS, INTERESTS, Profile, SKIN_CONCERNS, SKIN_TYPES};
use crate::components::Panel;
use crate::components::form::{Field, FormError, INPUT, Notice, Submit, action_error};
use crate::error::AppError;

/// `/account`: the profile (with the beauty profile recommendations use)
/// and the password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let save = ServerAction::<UpdateProfile>::new();
    let password = ServerAction::<ChangePassword>::new();
    let query = use_query_map();
    let profile = Resource::new(move || (save.version().get(), query.read().get("saved")), |_| get_profile());
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading your account…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => {
                        let two_factor = p.two_factor;
                        let (email, verified) = (p.email.clone(), p.email_verified);
                        view! {
                            <AccountFrame current="/account" title="Your account">
                                <AvatarForm url=p.avatar_url.clone() name=p.full_name.clone() />
                                <super::email::EmailPanel email verified two_factor />
                                <ProfileForm profile=p save />
                                <PasswordForm action=password two_factor />
                            </AccountFrame>
                        }.into_any()
                    }
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Saved" after a successful submit, with or without JavaScript (the
/// server function redirects to `?saved=…`).
fn saved_note(key: &'static str, text: &'static str, ok: Signal<bool>) -> Signal<Option<String>> {
    let query = use_query_map();
    Signal::derive(move || {
        (ok.get() || query.read().get("saved").as_deref() == Some(key)).then(|| text.to_owned())
    })
}

/// A plain multipart form: the browser posts the file and comes back to
/// `/account` with a note or an error (`?avatar_error=…`).
#[component]
fn AvatarForm(url: Option<String>, name: String) -> impl IntoView {
    let query = use_query_map();
    let error = move || query.read().get("avatar_error").map(|code| crate::accounts::avatar_message(&code));
    let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
    view! {
        <Panel title="Photo" description="PNG, JPEG or WebP, up to 1 MB.">
            <form method="post" action="/account/avatar" enctype="multipart/form-data" class="flex flex-wrap items-center gap-4">
                {match url {
                    Some(src) => view! { <img src=src alt=format!("Photo of {name}") class="h-16 w-16 rounded-full object-cover" width="64" height="64" /> }.into_any(),
                    None => view! { <span class="grid h-16 w-16 place-items-center rounded-full bg-rose-100 text-xl font-semibold text-rose-900 dark:bg-rose-900 dark:text-rose-100" aria-hidden="true">{initial}</span> }.into_any(),
                }}
                <div class="flex-1">
                    <label for="field-avatar" class="block text-sm font-medium">"New photo"</label>
                    <input id="field-avatar" name="avatar" type="file" accept="image/png,image/jpeg,image/webp" required
                        aria-describedby="field-avatar-msg"
                        class="mt-1 block w-full text-sm file:mr-3 file:rounded-full file:border-0 file:bg-stone-100 file:px-4 file:py-2 file:text-sm file:font-medium dark:file:bg-stone-800" />
                    <p id="field-avatar-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{error}</p>
                </div>
                <button type="submit" class="rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-rose-500 dark:border-stone-700 dark:hover:bg-stone-800">"Upload"</button>
            </form>
            <Notice text=saved_note("avatar", "Your photo is updated.", Signal::stored(false)) />
        </Panel>
    }
}

#[component]
fn ProfileForm(profile: Profile, save: ServerAction<UpdateProfile>) -> impl IntoView {
    let error = action_error(save);
    let ok = Signal::derive(move || matches!(save.value().get(), Some(Ok(_))));
    let text = |s: &str| Signal::stored(s.to_owned());
    view! {
        <Panel title="Profile" description="How you appear in live chats and reviews.">
            <ActionForm action=save attr:class="space-y-4" attr:novalidate=true>
                <Notice text=saved_note("profile", "Your profile is saved.", ok) />
                <FormError error />
                <p class="text-sm text-stone-600 dark:text-stone-400">"Signed in as " <strong>{profile.email.clone()}</strong></p>
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="Full name" name="full_name" value=text(&profile.full_name) autocomplete="name" maxlength=100 error />
                    <Field label="Username" name="username" value=text(&profile.username.clone().unwrap_or_default())
                        required=false maxlength=30 hint="3–30 letters, digits, dots, dashes or underscores." error />
                </div>
                <div>
                    <label for="field-bio" class="block text-sm font-medium">"Bio" <span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span></label>
                    <textarea id="field-bio" name="bio" rows="3" maxlength="500" class=INPUT>{crate::components::escape::raw_text(&profile.bio)}</textarea>
                </div>
                <div class="grid gap-4 sm:grid-cols-2">
                    <Choice label="Gender" name="gender" options=&GENDERS selected=profile.gender.clone() />
                    <Choice label="Skin type" name="skin_type" options=&SKIN_TYPES selected=profile.skin_type.clone() />
                </div>
                <Checks legend="Skin concerns" name="skin_concerns" options=&SKIN_CONCERNS checked=profile.skin_concerns.clone() />
                <Checks legend="Interests" name="interests" options=&INTERESTS checked=profile.interests.clone() />
                <super::MarketingChoice on=profile.marketing_opt_in />
                <Submit label="Save profile" pending=save.pending() />
            </ActionForm>
        </Panel>
    }
}

/// A labelled `<select>` over fixed choices.
#[component]
fn Choice(
    label: &'static str,
    name: &'static str,
    options: &'static [(&'static str, &'static str)],
    selected: String,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{label}</label>
            <select id=id name=name class=INPUT>
                {options.iter().map(|(value, text)| {
                    view! { <option value=*value selected=*value == selected>{*text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A checkbox group. Names are indexed (`name[3]`) so the ticked boxes
/// arrive as a list, with JavaScript or without.
#[component]
fn Checks(
    legend: &'static str,
    name: &'static str,
    options: &'static [(&'static str, &'static str)],
    checked: Vec<String>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend class="text-sm font-medium">{legend}</legend>
            <div class="mt-2 flex flex-wrap gap-2">
                {options.iter().enumerate().map(|(i, (value, text))| {
                    let on = checked.iter().any(|c| c == value);
                    view! {
                        <label class="inline-flex cursor-pointer items-center gap-2 rounded-full border border-stone-300 px-3 py-1.5 text-sm has-[:checked]:border-rose-600 has-[:checked]:bg-rose-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-rose-500 dark:border-stone-700 dark:has-[:checked]:bg-rose-950">
                            <input type="checkbox" name=format!("{name}[{i}]") value=*value checked=on class="h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                            {*text}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn PasswordForm(action: ServerAction<ChangePassword>, two_factor: bool) -> impl IntoView {
    let error = action_error(action);
    let ok = Signal::derive(move || matches!(action.value().get(), Some(Ok(_))));
    view! {
        <Panel title="Password" description="Changing it signs you out everywhere else.">
            <ActionForm action attr:class="space-y-4" attr:novalidate=true>
                <Notice text=saved_note("password", "Your password is changed. Other sessions are signed out.", ok) />
                <Notice text=saved_note("password_reset", "Your new password is set and you are signed in. Every other session was signed out.", Signal::stored(false)) />
                <FormError error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))) />
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" maxlength=128 error />
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="New password" name="new_password" kind="password" autocomplete="new-password" maxlength=128
                        hint="At least 12 characters." error />
                    <Field label="Confirm new password" name="new_password_confirm" kind="password" autocomplete="new-password" maxlength=128 error />
                </div>
                {two_factor.then(|| view! {
                    <Field label="Code from your authenticator app" name="code" autocomplete="one-time-code" maxlength=20
                        hint="Two-step sign-in is on: a recovery code works too." error />
                })}
                <Submit label="Change password" pending=action.pending() />
            </ActionForm>
        </Panel>
    }
}
