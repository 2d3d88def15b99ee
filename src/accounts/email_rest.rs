//! `/api/v1/auth/verify-email…` and `/api/v1/users/me/email`: proving an
//! address and changing it. Thin: parse, call `verification`, shape JSON.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::verification;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/verify-email", post(verify))
        .route("/auth/verify-email/resend", post(resend))
        .route("/users/me/email", post(change))
}

#[derive(OpenApi)]
#[openapi(paths(verify, resend, change))]
pub struct Api;

/// `POST /auth/verify-email` body.
#[derive(Deserialize, ToSchema)]
pub struct VerifyBody {
    /// From the mailed link's `token=`.
    token: String,
}

#[utoipa::path(
    post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = VerifyBody,
    responses(
        (status = 204, description = "The address is proved (for a change: it is now the account's, and the old one is told)"),
        (status = 400, description = "`invalid_token`: unknown, used or expired link", body = ErrorBody),
        (status = 409, description = "The new address was taken by another account meanwhile", body = ErrorBody),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<VerifyBody>,
) -> Result<StatusCode, AppError> {
    verification::verify(&state.db, &body.token, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `{"status":"sent"}`.
#[derive(Serialize, ToSchema)]
pub struct SentJson {
    status: &'static str,
}

fn sent() -> Response {
    (StatusCode::ACCEPTED, Json(SentJson { status: "sent" })).into_response()
}

#[utoipa::path(
    post, path = "/api/v1/auth/verify-email/resend", tag = "auth",
    responses(
        (status = 202, description = "A new link is on its way to the person's address", body = SentJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Confirmed already", body = ErrorBody),
        (status = 429, description = "Five an hour; see Retry-After", body = ErrorBody),
    )
)]
pub async fn resend(State(state): State<AppState>, Signed(viewer): Signed) -> Result<Response, AppError> {
    verification::resend(&state.db, &viewer).await?;
    Ok(sent())
}

/// `POST /users/me/email` body: never the session alone.
#[derive(Deserialize, ToSchema)]
pub struct ChangeBody {
    email: String,
    password: String,
    /// With two-step sign-in on: a code from the app, or a recovery code.
    #[serde(default)]
    code: String,
}

#[utoipa::path(
    post, path = "/api/v1/users/me/email", tag = "users", request_body = ChangeBody,
    responses(
        (status = 202, description = "A link is on its way to the new address; nothing changes until it is used", body = SentJson),
        (status = 400, description = "Bad or taken address, wrong password or code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 429, description = "Too many tries; see Retry-After", body = ErrorBody),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<ChangeBody>,
) -> Result<Response, AppError> {
    let (email, password, code) = (&body.email, &body.password, &body.code);
    verification::request_change(&state.db, &state.passwords, &viewer, email, password, code, &device)
        .await?;
    Ok(sent())
}
