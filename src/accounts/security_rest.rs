//! `/api/v1/auth/sessions…`: the signed-in person's sessions, listed and
//! ended; `/api/v1/auth/2fa/…` and the second sign-in step. Thin: find the
//! person and this session's handle, call the service, shape JSON.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::rest::UserEnvelope;
use super::two_factor::{self, Answer};
use super::{SessionInfo, session, sessions, signin};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

/// This part of `/api/v1` (nested there by `server::rest`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/sessions", get(list))
        .route("/auth/sessions/revoke-others", post(revoke_others))
        .route("/auth/sessions/{id}", delete(revoke))
        .route("/auth/login/2fa", post(login_second_step))
        .route("/auth/2fa/setup", post(two_factor_setup))
        .route("/auth/2fa/enable", post(two_factor_enable))
        .route("/auth/2fa/disable", post(two_factor_disable))
}

/// This part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(
    list,
    revoke,
    revoke_others,
    login_second_step,
    two_factor_setup,
    two_factor_enable,
    two_factor_disable
))]
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

/// `POST /auth/login/2fa` body: one of the two.
#[derive(Deserialize, ToSchema)]
pub struct SecondStepBody {
    /// Six digits from the authenticator app.
    #[serde(default)]
    code: Option<String>,
    /// One of the ten recovery codes; each works once.
    #[serde(default)]
    recovery_code: Option<String>,
}

#[utoipa::path(
    post, path = "/api/v1/auth/login/2fa", tag = "auth", request_body = SecondStepBody,
    responses(
        (status = 200, description = "Signed in, under a new session id", body = UserEnvelope),
        (status = 400, description = "The code is wrong or was used already (`code` or `recovery_code`)", body = ErrorBody),
        (status = 401, description = "No sign-in is waiting for a code (or it waited over five minutes)", body = ErrorBody),
        (status = 429, description = "Five wrong codes in 15 minutes; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login_second_step(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    s: Session,
    JsonBody(body): JsonBody<SecondStepBody>,
) -> Result<Json<UserEnvelope>, AppError> {
    let answer = Answer::from_fields(body.code.as_deref(), body.recovery_code.as_deref())?;
    let viewer = signin::with_second_step(&state.db, &s, &answer, &device).await?;
    Ok(Json(UserEnvelope::new(viewer)))
}

/// `POST /auth/2fa/setup` answer.
#[derive(Serialize, ToSchema)]
pub struct SetupJson {
    /// Base32 (RFC 4648, no padding); SHA-1, 6 digits, 30 s.
    secret: String,
    otpauth_url: String,
}

#[utoipa::path(
    post, path = "/api/v1/auth/2fa/setup", tag = "auth",
    responses(
        (status = 200, description = "A new key, waiting for its first code (`/auth/2fa/enable`)", body = SetupJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Two-step sign-in is on already", body = ErrorBody),
    )
)]
pub async fn two_factor_setup(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<SetupJson>, AppError> {
    let setup = two_factor::setup(&state.db, &viewer).await?;
    Ok(Json(SetupJson { secret: setup.secret, otpauth_url: setup.otpauth_url }))
}

/// `POST /auth/2fa/enable` body.
#[derive(Deserialize, ToSchema)]
pub struct EnableBody {
    code: String,
}

/// The ten recovery codes, shown this once.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesJson {
    recovery_codes: Vec<String>,
}

#[utoipa::path(
    post, path = "/api/v1/auth/2fa/enable", tag = "auth", request_body = EnableBody,
    responses(
        (status = 200, description = "On; keep the recovery codes somewhere safe", body = RecoveryCodesJson),
        (status = 400, description = "Wrong code, or no setup begun", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "On already", body = ErrorBody),
        (status = 429, description = "Five wrong codes in 15 minutes; see Retry-After", body = ErrorBody),
    )
)]
pub async fn two_factor_enable(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<EnableBody>,
) -> Result<Json<RecoveryCodesJson>, AppError> {
    let recovery_codes = two_factor::enable(&state.db, &viewer, &body.code, &device).await?;
    Ok(Json(RecoveryCodesJson { recovery_codes }))
}

/// `POST /auth/2fa/disable` body: the password and a code — never the
/// session alone.
#[derive(Deserialize, ToSchema)]
pub struct DisableBody {
    password: String,
    /// From the app, or a recovery code.
    code: String,
}

#[utoipa::path(
    post, path = "/api/v1/auth/2fa/disable", tag = "auth", request_body = DisableBody,
    responses(
        (status = 204, description = "Off; the key and recovery codes are deleted"),
        (status = 400, description = "Wrong password or code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Off already", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords or codes; see Retry-After", body = ErrorBody),
    )
)]
pub async fn two_factor_disable(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<DisableBody>,
) -> Result<StatusCode, AppError> {
    two_factor::disable(&state.db, &state.passwords, &viewer, &body.password, &body.code, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}
