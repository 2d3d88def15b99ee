//! Server functions behind `/admin/people` and a person's page. Each finds
//! the viewer and calls `service` (or `accounts::roles`), which checks the
//! area or the role; the forms post and come back with JavaScript off.

use leptos::prelude::*;

use super::{PeopleFilter, PeoplePage, PersonDetail};
use crate::error::AppError;

#[server(endpoint = "admin_people")]
pub async fn get_people(filter: PeopleFilter) -> Result<PeoplePage, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::list(&mut state.db.conn().await?, &viewer, &filter, super::PER_PAGE).await
}

#[server(endpoint = "admin_person")]
pub async fn get_person(id: String) -> Result<PersonDetail, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::detail(&mut state.db.conn().await?, &viewer, &id).await
}

#[cfg(feature = "ssr")]
fn back(id: &str, saved: &str) {
    leptos_axum::redirect(&format!("/admin/people/{}?saved={saved}", crate::catalog::query::encode(id)));
}

/// Change a role: the administrator's password (and a code with two-step
/// sign-in on) every time.
#[server(endpoint = "admin_person_role")]
pub async fn set_person_role(
    id: String,
    role: String,
    password: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    use crate::accounts::roles::{self, RoleChange};
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let role = crate::accounts::Role::parse(&role)
        .ok_or_else(|| AppError::field("role", "Choose customer, seller, staff or admin."))?;
    let change = RoleChange { user_id: &id, role, password: &password, code: &code };
    roles::change(&state.db, &state.passwords, &admin, &change, &device).await?;
    back(&id, "role");
    Ok(())
}

/// Switch an account off or on (`status`: `active` or `deactivated`).
#[server(endpoint = "admin_person_status")]
pub async fn set_person_status(id: String, status: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let status = super::Status::parse(&status)
        .ok_or_else(|| AppError::field("status", "Choose active or deactivated."))?;
    super::service::set_status(&state.db, &admin, &device, &id, status).await?;
    back(&id, "status");
    Ok(())
}

/// A staff member's areas; ticked boxes arrive as `areas[0]`, `areas[4]` …
#[server(endpoint = "admin_person_areas")]
pub async fn set_person_areas(id: String, #[server(default)] areas: Vec<String>) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let areas = crate::accounts::areas::Areas::parse_names(&areas)
        .map_err(|name| AppError::field("areas", format!("“{name}” is not an area.")))?;
    super::service::set_areas(&state.db, &admin, &device, &id, &areas).await?;
    back(&id, "areas");
    Ok(())
}

#[server(endpoint = "admin_person_note")]
pub async fn add_person_note(id: String, body: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    super::service::add_note(&state.db, &viewer, &device, &id, &body).await?;
    back(&id, "note");
    Ok(())
}
