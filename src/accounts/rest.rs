//! `/api/v1/auth/…` and `/api/v1/users/…`: accounts for apps and
//! integrations. Sign-in sets the same cookie session the web shop uses —
//! there are no bearer tokens. Thin: parse, call the service, shape JSON.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::signin::{self, Step};
use super::validate::{AddressInput, AddressPatch, ProfileInput, RegisterInput};
use super::{Address, Profile, Viewer, recovery, service, session};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, ClientIp, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

/// This domain's part of `/api/v1` (nested there by `server::rest`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/register", post(register))
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/auth/password-reset", post(password_reset))
        .route("/auth/password-reset/confirm", post(password_reset_confirm))
        .route("/users/me", get(me))
        .route("/users/profile", patch(update_profile))
        .route("/users/addresses", get(addresses).post(add_address))
        .route("/users/addresses/{id}", patch(update_address).delete(delete_address))
}

/// This domain's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(register, login, logout, password_reset, password_reset_confirm, me, update_profile, addresses, add_address, update_address, delete_address),
    tags(
        (name = "auth", description = "Sign up, sign in and out (cookie session)"),
        (name = "users", description = "The signed-in person's profile and addresses"),
    )
)]
pub struct Api;

/// `{"user": {id, email, role}}`.
#[derive(Serialize, ToSchema)]
pub struct UserEnvelope {
    user: UserJson,
}

impl UserEnvelope {
    pub fn new(viewer: Viewer) -> Self {
        Self { user: viewer.into() }
    }
}

/// `POST /auth/login`'s answer: the person, or — with two-step sign-in on —
/// `{"two_factor_required": true}` and a session not yet signed in.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum LoginReply {
    SignedIn(UserEnvelope),
    SecondStep { two_factor_required: bool },
}

#[derive(Serialize, ToSchema)]
pub struct UserJson {
    id: String,
    email: String,
    full_name: String,
    /// `customer`, `seller`, `staff` or `admin`.
    role: String,
}

impl From<Viewer> for UserJson {
    fn from(v: Viewer) -> Self {
        UserJson { id: v.id, email: v.email, full_name: v.full_name, role: v.role.as_str().to_owned() }
    }
}

/// `POST /auth/register` body.
#[derive(Deserialize, ToSchema)]
pub struct RegisterBody {
    full_name: String,
    email: String,
    /// At least 12 characters and not a well-known password.
    password: String,
    /// Yes to news and offers by email; `false` when left out.
    #[serde(default)]
    marketing_opt_in: bool,
}

/// `POST /auth/login` body.
#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    email: String,
    password: String,
    /// Keep the session for 30 idle days instead of until the browser closes.
    #[serde(default)]
    remember: bool,
}

#[utoipa::path(
    post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterBody,
    responses(
        (status = 201, description = "Registered and signed in (session cookie set)", body = UserEnvelope),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 409, description = "The email is registered already", body = ErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ClientDevice(device): ClientDevice,
    session: Session,
    JsonBody(body): JsonBody<RegisterBody>,
) -> Result<Response, AppError> {
    let input = RegisterInput {
        full_name: body.full_name,
        email: body.email,
        password: body.password,
        password_confirm: None,
        marketing_opt_in: body.marketing_opt_in,
    };
    let signed = service::register(
        &state.db,
        &state.passwords,
        input,
        Some(ip),
        state.settings.server.registrations_per_hour,
    )
    .await?;
    session::sign_in(&session, &state.db, &signed.viewer.id, signed.epoch, false, &device).await?;
    Ok((StatusCode::CREATED, Json(UserEnvelope::new(signed.viewer))).into_response())
}

#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in (session cookie set), or `{\"two_factor_required\":true}`: \
            then `POST /api/v1/auth/login/2fa` with a code signs in", body = LoginReply),
        (status = 401, description = "Email and password do not match", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    session: Session,
    JsonBody(body): JsonBody<LoginBody>,
) -> Result<Json<LoginReply>, AppError> {
    let step =
        signin::with_password(&state, &session, &body.email, &body.password, body.remember, &device).await?;
    Ok(Json(match step {
        Step::SignedIn(viewer) => LoginReply::SignedIn(UserEnvelope::new(viewer)),
        Step::SecondStep => LoginReply::SecondStep { two_factor_required: true },
    }))
}

#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out; the session is deleted"))
)]
pub async fn logout(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    session: Session,
) -> Result<StatusCode, AppError> {
    session::sign_out(&session, &state.db, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /auth/password-reset` body.
#[derive(Deserialize, ToSchema)]
pub struct ResetRequestBody {
    email: String,
}

/// `{"status":"sent"}`: the same for every address.
#[derive(Serialize, ToSchema)]
pub struct SentJson {
    status: &'static str,
}

#[utoipa::path(
    post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequestBody,
    responses(
        (status = 202, description = "If the address has an account, a link valid 30 minutes is on its way; \
            the same answer when it has none", body = SentJson),
        (status = 400, description = "Not an email address", body = ErrorBody),
        (status = 429, description = "Too many requests for this address or from this client; see Retry-After", body = ErrorBody),
    )
)]
pub async fn password_reset(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<ResetRequestBody>,
) -> Result<Response, AppError> {
    recovery::request(&state.db, &body.email, &device).await?;
    Ok((StatusCode::ACCEPTED, Json(SentJson { status: "sent" })).into_response())
}

/// `POST /auth/password-reset/confirm` body.
#[derive(Deserialize, ToSchema)]
pub struct ResetConfirmBody {
    /// From the mailed link's `token=`.
    token: String,
    /// The same rules as at registration.
    password: String,
}

#[utoipa::path(
    post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = ResetConfirmBody,
    responses(
        (status = 204, description = "Password changed; every session of the person has ended"),
        (status = 400, description = "`invalid_token` (unknown, used or expired link) or a password rule", body = ErrorBody),
    )
)]
pub async fn password_reset_confirm(
    State(state): State<AppState>,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<ResetConfirmBody>,
) -> Result<StatusCode, AppError> {
    recovery::reset(&state.db, &state.passwords, &body.token, &body.password, None, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /users/me`.
#[derive(Serialize, ToSchema)]
pub struct MeJson {
    id: String,
    email: String,
    full_name: String,
    role: String,
    /// The person proved the address (a mailed link); until then they may
    /// browse and buy but not apply to sell.
    email_verified: bool,
    /// They said yes to news and offers by email.
    marketing_opt_in: bool,
    profile: Profile,
}

#[utoipa::path(
    get, path = "/api/v1/users/me", tag = "users",
    responses(
        (status = 200, description = "The signed-in person", body = MeJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn me(State(state): State<AppState>, Signed(viewer): Signed) -> Result<Json<MeJson>, AppError> {
    let profile = service::profile(&mut state.db.conn().await?, &viewer.id).await?;
    Ok(Json(MeJson {
        id: viewer.id,
        email: viewer.email,
        full_name: viewer.full_name,
        role: viewer.role.as_str().to_owned(),
        email_verified: profile.email_verified,
        marketing_opt_in: profile.marketing_opt_in,
        profile,
    }))
}

#[utoipa::path(
    patch, path = "/api/v1/users/profile", tag = "users",
    request_body(content = ProfileInput, description = "Any of the fields; absent ones keep their value"),
    responses(
        (status = 200, description = "The updated profile", body = Profile),
        (status = 400, description = "A field is invalid or a username is taken", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn update_profile(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(input): JsonBody<ProfileInput>,
) -> Result<Json<Profile>, AppError> {
    Ok(Json(state.db.write(async |tx| service::update_profile(tx, &viewer.id, input).await).await?))
}

#[utoipa::path(
    get, path = "/api/v1/users/addresses", tag = "users",
    responses(
        (status = 200, description = "Addresses, the default first", body = [Address]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn addresses(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<Vec<Address>>, AppError> {
    Ok(Json(service::addresses(&mut state.db.conn().await?, &viewer.id).await?))
}

#[utoipa::path(
    post, path = "/api/v1/users/addresses", tag = "users",
    request_body(content = AddressInput, description = "full_name, address_line1, city, postal_code, country required; phone, address_line2, state, is_default optional"),
    responses(
        (status = 201, description = "The new address", body = Address),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn add_address(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(input): JsonBody<AddressInput>,
) -> Result<Response, AppError> {
    let address = state.db.write(async |tx| service::add_address(tx, &viewer.id, input).await).await?;
    Ok((StatusCode::CREATED, Json(address)).into_response())
}

#[utoipa::path(
    patch, path = "/api/v1/users/addresses/{id}", tag = "users",
    params(("id" = String, Path, description = "Address id")),
    request_body(content = AddressPatch, description = "Any address fields; is_default = true makes it the default"),
    responses(
        (status = 200, description = "The updated address", body = Address),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 404, description = "No such address of yours", body = ErrorBody),
    )
)]
pub async fn update_address(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<AddressPatch>,
) -> Result<Json<Address>, AppError> {
    Ok(Json(state.db.write(async |tx| service::patch_address(tx, &viewer.id, &id, patch).await).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/users/addresses/{id}", tag = "users",
    params(("id" = String, Path, description = "Address id")),
    responses(
        (status = 204, description = "Deleted; another address becomes the default if needed"),
        (status = 404, description = "No such address of yours", body = ErrorBody),
    )
)]
pub async fn delete_address(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    state.db.write(async |tx| service::delete_address(tx, &viewer.id, &id).await).await?;
    Ok(StatusCode::NO_CONTENT)
}
