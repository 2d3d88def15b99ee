//! Account server functions: thin — find the session and state, call the
//! service, redirect where a form should land. Every one of them works as a
//! plain form post with JavaScript off.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::validate::RegisterInput;
use super::{Address, Profile, Viewer};
use crate::error::AppError;

/// Where to go after signing in: an absolute path on this site only (no
/// open redirects). Browsers drop tabs and newlines and read `\` as `/`,
/// so `/\t/evil.test` would become `//evil.test`: anything with a control
/// character, whitespace, a backslash, or a second leading slash is refused.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if local_path(n) => n.to_owned(),
        _ => "/account".to_owned(),
    }
}

/// True for an absolute path on this site and nothing else (see `safe_next`).
pub fn local_path(n: &str) -> bool {
    n.starts_with('/')
        && !n.starts_with("//")
        && n.len() <= 500
        && !n.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// The signed-in person, or `None` for a visitor.
#[server(endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    crate::server::auth::viewer().await
}

#[server(endpoint = "register")]
pub async fn register(
    full_name: String,
    email: String,
    password: String,
    password_confirm: String,
    next: Option<String>,
    #[server(default)] marketing_opt_in: Option<String>,
) -> Result<(), AppError> {
    use super::{service, session};
    let state = crate::server::state::current()?;
    let input = RegisterInput {
        full_name,
        email,
        password,
        password_confirm: Some(password_confirm),
        marketing_opt_in: marketing_opt_in.is_some(),
    };
    let ip = crate::server::auth::current_ip().await;
    let signed = service::register(
        &state.db,
        &state.passwords,
        input,
        ip,
        state.settings.server.registrations_per_hour,
    )
    .await?;
    let s = crate::server::auth::current_session().await?;
    let device = crate::server::auth::current_device().await;
    session::sign_in(&s, &state.db, &signed.viewer.id, signed.epoch, false, &device).await?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    remember: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::signin::{self, Step};
    let state = crate::server::state::current()?;
    let device = crate::server::auth::current_device().await;
    let s = crate::server::auth::current_session().await?;
    let step = signin::with_password(&state, &s, &email, &password, remember.is_some(), &device).await?;
    let next = safe_next(next.as_deref());
    match step {
        Step::SignedIn(_) => leptos_axum::redirect(&next),
        Step::SecondStep => leptos_axum::redirect(&second_step_href(&next)),
    }
    Ok(())
}

/// The second sign-in step's page, coming back to `next` afterwards.
pub fn second_step_href(next: &str) -> String {
    format!("/login/2fa?next={}", crate::catalog::query::encode(next))
}

/// `/login/2fa`: the code from the app, or a recovery code.
#[server(endpoint = "login_second_step")]
pub async fn login_second_step(
    #[server(default)] code: String,
    #[server(default)] recovery_code: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::two_factor::Answer;
    let state = crate::server::state::current()?;
    let device = crate::server::auth::current_device().await;
    let s = crate::server::auth::current_session().await?;
    let answer = Answer::from_fields(Some(&code), Some(&recovery_code))?;
    super::signin::with_second_step(&state.db, &s, &answer, &device).await?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let s = crate::server::auth::current_session().await?;
    let device = crate::server::auth::current_device().await;
    super::session::sign_out(&s, &state.db, &device).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// `/forgot-password`: ask for a link; the page then says the same thing
/// whether or not the address has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let device = crate::server::auth::current_device().await;
    super::recovery::request(&state.db, &email, &device).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link still works (the page shows the form or says why not).
#[server(endpoint = "reset_link_usable")]
pub async fn reset_link_usable(token: String) -> Result<bool, AppError> {
    let state = crate::server::state::current()?;
    super::recovery::usable(&state.db, &token).await
}

/// `/reset-password`: the new password; every other session ends and this
/// browser is signed in under a new session id (after a code, with
/// two-step sign-in on).
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let device = crate::server::auth::current_device().await;
    let confirm = Some(password_confirm.as_str());
    let signed =
        super::recovery::reset(&state.db, &state.passwords, &token, &password, confirm, &device).await?;
    let s = crate::server::auth::current_session().await?;
    // With two-step sign-in on, the new password alone does not sign in.
    match super::signin::after_password(&state.db, &s, signed, false, &device).await? {
        super::signin::Step::SignedIn(_) => leptos_axum::redirect("/account?saved=password_reset"),
        super::signin::Step::SecondStep => {
            leptos_axum::redirect(&second_step_href("/account?saved=password_reset"))
        }
    }
    Ok(())
}

#[server(endpoint = "get_profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::profile(&mut state.db.conn().await?, &viewer.id).await
}

pub use profile_form::*;

/// The profile form has one argument per field, more than clippy likes;
/// the `#[server]` macro copies the list where an outer `allow` cannot reach.
mod profile_form {
    #![allow(clippy::too_many_arguments)]

    use leptos::prelude::*;

    use super::super::Profile;
    use crate::error::AppError;

    /// The profile form. Checkbox groups arrive as indexed lists
    /// (`interests[0]`, `interests[3]` …) and are absent when none is ticked;
    /// so is the marketing checkbox when it is not ticked. One argument per
    /// form field, as the form posts them.
    #[server(endpoint = "update_profile")]
    pub async fn update_profile(
        full_name: String,
        username: String,
        bio: String,
        gender: String,
        #[server(default)] interests: Vec<String>,
        skin_type: String,
        #[server(default)] skin_concerns: Vec<String>,
        #[server(default)] marketing_opt_in: Option<String>,
    ) -> Result<Profile, AppError> {
        let state = crate::server::state::current()?;
        let viewer = crate::server::auth::require_viewer().await?;
        let input = super::super::validate::ProfileInput {
            full_name: Some(full_name),
            username: Some(username),
            bio: Some(bio),
            gender: Some(gender),
            interests: Some(interests),
            skin_type: Some(skin_type),
            skin_concerns: Some(skin_concerns),
            marketing_opt_in: Some(marketing_opt_in.is_some()),
        };
        let profile = state
            .db
            .write(async |tx| super::super::service::update_profile(tx, &viewer.id, input).await)
            .await?;
        leptos_axum::redirect("/account?saved=profile");
        Ok(profile)
    }
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let epoch = super::recovery::change_password(
        &state.db,
        &state.passwords,
        &viewer.id,
        &super::recovery::PasswordChange {
            current: &current_password,
            new: &new_password,
            confirm: &new_password_confirm,
            code: &code,
        },
        &crate::server::auth::current_device().await,
    )
    .await?;
    // This browser stays signed in, under a new session id; others end.
    let s = crate::server::auth::current_session().await?;
    super::session::renew(&s, &state.db, epoch).await?;
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}

#[server(endpoint = "get_addresses")]
pub async fn get_addresses() -> Result<Vec<Address>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::addresses(&mut state.db.conn().await?, &viewer.id).await
}

pub use address_form::*;

/// The address form has one argument per field, more than clippy likes; the
/// `#[server]` macro copies the list into code an outer `allow` cannot reach.
mod address_form {
    #![allow(clippy::too_many_arguments)]

    use leptos::prelude::*;

    use super::super::Address;
    #[cfg(feature = "ssr")]
    use super::super::validate::AddressInput;
    use crate::error::AppError;

    /// Add (no `id`) or edit an address.
    #[server(endpoint = "save_address")]
    pub async fn save_address(
        id: Option<String>,
        full_name: String,
        phone: String,
        address_line1: String,
        address_line2: String,
        city: String,
        state: String,
        postal_code: String,
        country: String,
        is_default: Option<String>,
    ) -> Result<Address, AppError> {
        let app = crate::server::state::current()?;
        let viewer = crate::server::auth::require_viewer().await?;
        let input = AddressInput {
            full_name,
            phone,
            address_line1,
            address_line2,
            city,
            state,
            postal_code,
            country,
            is_default: is_default.is_some(),
        };
        use crate::accounts::service;
        let saved = match id.filter(|i| !i.is_empty()) {
            Some(id) => {
                app.db.write(async |tx| service::update_address(tx, &viewer.id, &id, input).await).await?
            }
            None => app.db.write(async |tx| service::add_address(tx, &viewer.id, input).await).await?,
        };
        leptos_axum::redirect("/account/addresses?saved=address");
        Ok(saved)
    }
}

#[server(endpoint = "delete_address")]
pub async fn delete_address(id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state.db.write(async |tx| super::service::delete_address(tx, &viewer.id, &id).await).await?;
    leptos_axum::redirect("/account/addresses?saved=deleted");
    Ok(())
}

#[server(endpoint = "set_default_address")]
pub async fn set_default_address(id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state.db.write(async |tx| super::service::set_default_address(tx, &viewer.id, &id).await).await?;
    leptos_axum::redirect("/account/addresses?saved=default");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/products?page=2")), "/products?page=2");
        for bad in [
            "https://evil.test",
            "//evil.test",
            "/\\evil.test",
            "/\t/evil.test",
            "/\n/evil.test",
            " //evil.test",
            "/a b",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/account", "{bad}");
        }
        assert_eq!(safe_next(None), "/account");
    }
}
