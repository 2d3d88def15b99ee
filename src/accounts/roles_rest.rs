//! `PUT /api/v1/users/{id}/roles`: an administrator changes someone's role
//! after re-entering their password. Thin: parse, call `roles`, shape JSON.

use axum::extract::{Path, State};
use axum::routing::put;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::{OpenApi, ToSchema};

use super::Role;
use super::rest::UserJson;
use super::roles::{self, RoleChange};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/users/{id}/roles", put(set_role))
}

#[derive(OpenApi)]
#[openapi(paths(set_role))]
pub struct Api;

/// `PUT /users/{id}/roles` body: never the session alone.
#[derive(Deserialize, ToSchema)]
pub struct RoleBody {
    /// `customer`, `seller`, `staff` or `admin`.
    role: String,
    /// The administrator's own password.
    password: String,
    /// With the administrator's two-step sign-in on: a code, or a recovery code.
    #[serde(default)]
    code: String,
}

#[utoipa::path(
    put, path = "/api/v1/users/{id}/roles", tag = "users", request_body = RoleBody,
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The person with the new role; it holds from their next request", body = UserJson),
        (status = 400, description = "Unknown role, wrong password or code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "The last administrator cannot be demoted", body = ErrorBody),
        (status = 429, description = "Too many tries; see Retry-After", body = ErrorBody),
    )
)]
pub async fn set_role(
    State(state): State<AppState>,
    signed: Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RoleBody>,
) -> Result<Json<UserJson>, AppError> {
    let admin = signed.with_role(&[Role::Admin])?;
    let role = Role::parse(&body.role)
        .ok_or_else(|| AppError::field("role", "Choose customer, seller, staff or admin."))?;
    let change = RoleChange { user_id: &id, role, password: &body.password, code: &body.code };
    let person = roles::change(&state.db, &state.passwords, &admin, &change, &device).await?;
    Ok(Json(person.into()))
}
