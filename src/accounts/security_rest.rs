//! `/api/v1/auth/sessions…`: the signed-in person's sessions, listed and
//! ended. Thin: find the person and this session's handle, call the
//! service, shape JSON.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::{SessionInfo, session, sessions};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

/// This part of `/api/v1` (nested there by `server::rest`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/sessions", get(list))
        .route("/auth/sessions/revoke-others", post(revoke_others))
        .route("/auth/sessions/{id}", delete(revoke))
}

/// This part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, revoke, revoke_others))]
pub struct Api;

/// `{"sessions": [...]}`.
#[derive(Serialize, ToSchema)]
pub struct SessionsJson {
    sessions: Vec<SessionInfo>,
}

#[utoipa::path(
    get, path = "/api/v1/auth/sessions", tag = "auth",
    responses(
        (status = 200, description = "Open sessions, last seen first; `current` is this client", body = SessionsJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    s: Session,
) -> Result<Json<SessionsJson>, AppError> {
    let current = session::handle(&s).await?;
    let sessions = sessions::list(&mut state.db.conn().await?, &viewer.id, current.as_deref()).await?;
    Ok(Json(SessionsJson { sessions }))
}

#[utoipa::path(
    delete, path = "/api/v1/auth/sessions/{id}", tag = "auth",
    params(("id" = String, Path, description = "A session's `id` from the list")),
    responses(
        (status = 204, description = "Ended: its next request is signed out, on every node"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such open session of yours", body = ErrorBody),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    state.db.write(async |tx| sessions::revoke(tx, &viewer.id, &id, &device).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post, path = "/api/v1/auth/sessions/revoke-others", tag = "auth",
    responses(
        (status = 204, description = "Every other session of yours is ended; this one stays"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn revoke_others(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    s: Session,
) -> Result<StatusCode, AppError> {
    let keep = session::handle(&s).await?.ok_or(AppError::Unauthorized)?;
    state.db.write(async |tx| sessions::revoke_others(tx, &viewer.id, &keep, &device).await).await?;
    Ok(StatusCode::NO_CONTENT)
}
