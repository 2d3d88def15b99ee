//! `GET /api/v1/users/me/export` (the ZIP) and `DELETE /api/v1/users/me`.
//! Thin: call `export` or `erase`, shape the answer.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde::Deserialize;
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::{erase, export};
use crate::accounts::session;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/users/me/export", get(download)).route("/users/me", delete(remove))
}

#[derive(OpenApi)]
#[openapi(paths(download, remove))]
pub struct Api;

#[utoipa::path(
    get, path = "/api/v1/users/me/export", tag = "users",
    responses(
        (status = 200, description = "A ZIP of JSON and CSV files: profile, addresses, orders, reviews, wishlist, follows, assistant conversations, live chat, security events, sessions", content_type = "application/zip"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
) -> Result<Response, AppError> {
    let file = export::build(&state.db, &viewer, &device).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let headers = [
        (header::CONTENT_TYPE, "application/zip".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    Ok((headers, file.bytes).into_response())
}

/// `DELETE /users/me` body: never the session alone.
#[derive(Deserialize, ToSchema)]
pub struct DeleteBody {
    password: String,
    /// With two-step sign-in on: a code from the app, or a recovery code.
    #[serde(default)]
    code: String,
}

#[utoipa::path(
    delete, path = "/api/v1/users/me", tag = "users", request_body = DeleteBody,
    responses(
        (status = 204, description = "Deleted: signed out everywhere, personal fields erased, orders kept anonymised"),
        (status = 400, description = "Wrong password or code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Something must finish first (orders on their way, the shop's open orders, the only administrator); the message says what", body = ErrorBody),
        (status = 429, description = "Too many tries; see Retry-After", body = ErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    session: Session,
    JsonBody(body): JsonBody<DeleteBody>,
) -> Result<StatusCode, AppError> {
    erase::delete(&state, &viewer, &body.password, &body.code, &device).await?;
    session::forget(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}
