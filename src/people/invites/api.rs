//! Server functions behind `/admin/people/invite` and `/invite`.

use leptos::prelude::*;

use super::Invite;
use crate::error::AppError;

/// The invitation page is for administrators: Ok for them, 403 otherwise.
#[server(endpoint = "admin_invite_form")]
pub async fn may_invite() -> Result<(), AppError> {
    let viewer = crate::server::auth::require_viewer().await?;
    crate::people::service::must_administer(&viewer)
}

/// Invite `email` to the staff with `areas` (ticked boxes: `areas[0]` …).
#[server(endpoint = "admin_invite_staff")]
pub async fn invite_staff(email: String, #[server(default)] areas: Vec<String>) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let areas = crate::accounts::areas::Areas::parse_names(&areas)
        .map_err(|name| AppError::field("areas", format!("“{name}” is not an area.")))?;
    let invite = super::service::invite(&state.db, &admin, &device, &email, &areas).await?;
    leptos_axum::redirect(&format!(
        "/admin/people/invite?sent={}",
        crate::catalog::query::encode(&invite.email)
    ));
    Ok(())
}

/// The invitation a link carries (404 once used, withdrawn or out of date).
#[server(endpoint = "staff_invitation")]
pub async fn get_invite(token: String) -> Result<Invite, AppError> {
    let state = crate::server::state::current()?;
    super::service::look(&state.db, &token).await
}

/// Accept: the new staff member's name and password; then they sign in.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(
    token: String,
    full_name: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    if password != confirm {
        return Err(AppError::field("confirm", "The two passwords differ."));
    }
    let state = crate::server::state::current()?;
    let email = super::service::accept(&state.db, &state.passwords, &token, &full_name, &password).await?;
    leptos_axum::redirect(&format!("/login?joined={}", crate::catalog::query::encode(&email)));
    Ok(())
}
