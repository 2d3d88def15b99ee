//! `GET /api/v1/users` (the back office's people list),
//! `PUT /api/v1/users/{id}/status` and `PUT /api/v1/users/{id}/permissions`.
//! Customers and sellers get 403. Thin: parse, call `service`, shape JSON.

use axum::extract::{Path, Query, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{PeopleFilter, PersonRow, Status, service};
use crate::accounts::areas::{Area, Areas};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", get(list))
        .route("/users/{id}/status", put(set_status))
        .route("/users/{id}/permissions", put(set_permissions))
        .route("/users/invite", axum::routing::post(invite))
}

#[derive(OpenApi)]
#[openapi(paths(list, set_status, set_permissions, invite))]
pub struct Api;

#[derive(Deserialize, IntoParams)]
pub struct PeopleParams {
    /// 1-based.
    page: Option<u32>,
    /// 25 by default; at most 25 (the back office's page).
    limit: Option<u32>,
    /// `customer`, `seller`, `staff` or `admin`.
    role: Option<String>,
    /// `active` or `deactivated`.
    status: Option<String>,
    /// Part of a name or an email.
    q: Option<String>,
}

/// `{"users": [...], "total_count"}`.
#[derive(Serialize, ToSchema)]
pub struct PeopleJson {
    users: Vec<PersonRow>,
    total_count: i64,
}

#[utoipa::path(
    get, path = "/api/v1/users", tag = "users", params(PeopleParams),
    responses(
        (status = 200, description = "People, newest first (deleted accounts left out)", body = PeopleJson),
        (status = 400, description = "A filter is not understood", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator, nor staff with the people area", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(params): Query<PeopleParams>,
) -> Result<Json<PeopleJson>, AppError> {
    let filter = PeopleFilter {
        q: params.q.unwrap_or_default(),
        role: params.role.unwrap_or_default(),
        status: params.status.unwrap_or_default(),
        page: params.page.unwrap_or(1),
    };
    let per_page = params.limit.unwrap_or(super::PER_PAGE);
    let page = service::list(&mut state.db.conn().await?, &viewer, &filter, per_page).await?;
    Ok(Json(PeopleJson { users: page.people, total_count: page.total }))
}

/// `PUT /users/{id}/status` body.
#[derive(Deserialize, ToSchema)]
pub struct StatusBody {
    /// `active` or `deactivated`.
    status: String,
}

#[utoipa::path(
    put, path = "/api/v1/users/{id}/status", tag = "users", request_body = StatusBody,
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The person; switched off, every session of theirs has ended", body = PersonRow),
        (status = 400, description = "Unknown status", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "The last active administrator, or yourself", body = ErrorBody),
    )
)]
pub async fn set_status(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<StatusBody>,
) -> Result<Json<PersonRow>, AppError> {
    let status = Status::parse(&body.status)
        .ok_or_else(|| AppError::field("status", "Choose active or deactivated."))?;
    Ok(Json(service::set_status(&state.db, &viewer, &device, &id, status).await?))
}

/// `PUT /users/{id}/permissions` body.
#[derive(Deserialize, ToSchema)]
pub struct PermissionsBody {
    /// Any of `orders`, `catalog`, `live`, `support`, `analytics`, `finance`, `people`.
    areas: Vec<String>,
}

/// `{"areas": [...]}`.
#[derive(Serialize, ToSchema)]
pub struct PermissionsJson {
    areas: Vec<Area>,
}

#[utoipa::path(
    put, path = "/api/v1/users/{id}/permissions", tag = "users", request_body = PermissionsBody,
    params(("id" = String, Path, description = "The staff member's id")),
    responses(
        (status = 200, description = "The areas they may now use, from their next request", body = PermissionsJson),
        (status = 400, description = "Unknown area", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "The person is not staff", body = ErrorBody),
    )
)]
pub async fn set_permissions(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PermissionsBody>,
) -> Result<Json<PermissionsJson>, AppError> {
    if body.areas.len() > Area::ALL.len() * 2 {
        return Err(AppError::field("areas", "List each area once."));
    }
    let areas = Areas::parse_names(&body.areas)
        .map_err(|name| AppError::field("areas", format!("“{name}” is not an area.")))?;
    let areas = service::set_areas(&state.db, &viewer, &device, &id, &areas).await?;
    Ok(Json(PermissionsJson { areas: areas.iter().collect() }))
}

/// `POST /users/invite` body.
#[derive(Deserialize, ToSchema)]
pub struct InviteBody {
    email: String,
    /// The areas the staff member will use (see `/users/{id}/permissions`).
    #[serde(default)]
    areas: Vec<String>,
}

#[utoipa::path(
    post, path = "/api/v1/users/invite", tag = "users", request_body = InviteBody,
    responses(
        (status = 201, description = "Invitation mailed: a single-use link, 7 days", body = super::invites::Invite),
        (status = 400, description = "Not an email address, or an unknown area", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 409, description = "The address already has an account", body = ErrorBody),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<InviteBody>,
) -> Result<(axum::http::StatusCode, Json<super::invites::Invite>), AppError> {
    let areas = Areas::parse_names(&body.areas)
        .map_err(|name| AppError::field("areas", format!("“{name}” is not an area.")))?;
    let invite = super::invites::service::invite(&state.db, &viewer, &device, &body.email, &areas).await?;
    Ok((axum::http::StatusCode::CREATED, Json(invite)))
}
