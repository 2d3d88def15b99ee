//! `/api/v1/auth/…` and `/api/v1/users/…`: accounts for apps and
//! integrations. Sign-in sets the same cookie session the web shop uses —
//! there are no bearer tokens. Thin: parse, call the service, shape JSON.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

use super::validate::{AddressInput, ProfileInput, RegisterInput};
use super::{Address, Profile, Viewer, service, session};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

/// `{"user": {id, email, role}}`.
#[derive(Serialize, ToSchema)]
pub struct UserEnvelope {
    user: UserJson,
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
    /// At least 10 characters and not a well-known password.
    password: String,
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
    session: Session,
    JsonBody(body): JsonBody<RegisterBody>,
) -> Result<Response, AppError> {
    let input = RegisterInput {
        full_name: body.full_name,
        email: body.email,
        password: body.password,
        password_confirm: None,
    };
    let signed = service::register(&state.db, input).await?;
    session::sign_in(&session, &signed.viewer.id, signed.epoch, false).await?;
    Ok((StatusCode::CREATED, Json(UserEnvelope { user: signed.viewer.into() })).into_response())
}

#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in (session cookie set)", body = UserEnvelope),
        (status = 401, description = "Email and password do not match", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    session: Session,
    JsonBody(body): JsonBody<LoginBody>,
) -> Result<Json<UserEnvelope>, AppError> {
    let signed = service::authenticate(&state.db, &body.email, &body.password, Some(client.ip())).await?;
    session::sign_in(&session, &signed.viewer.id, signed.epoch, body.remember).await?;
    Ok(Json(UserEnvelope { user: signed.viewer.into() }))
}

#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out; the session is deleted"))
)]
pub async fn logout(session: Session) -> Result<StatusCode, AppError> {
    session::sign_out(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /users/me`.
#[derive(Serialize, ToSchema)]
pub struct MeJson {
    id: String,
    email: String,
    full_name: String,
    role: String,
    #[schema(value_type = Object)]
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
    let profile = service::profile(&state.db, &viewer.id).await?;
    Ok(Json(MeJson {
        id: viewer.id,
        email: viewer.email,
        full_name: viewer.full_name,
        role: viewer.role.as_str().to_owned(),
        profile,
    }))
}

#[utoipa::path(
    patch, path = "/api/v1/users/profile", tag = "users",
    request_body(content = Object, description = "Any of full_name, username, bio, gender, interests, skin_type, skin_concerns"),
    responses(
        (status = 200, description = "The updated profile", body = Object),
        (status = 400, description = "A field is invalid or a username is taken", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn update_profile(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(input): JsonBody<ProfileInput>,
) -> Result<Json<Profile>, AppError> {
    Ok(Json(service::update_profile(&state.db, &viewer.id, input).await?))
}

#[utoipa::path(
    get, path = "/api/v1/users/addresses", tag = "users",
    responses(
        (status = 200, description = "Addresses, the default first", body = [Object]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn addresses(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<Vec<Address>>, AppError> {
    Ok(Json(service::addresses(&state.db, &viewer.id).await?))
}

#[utoipa::path(
    post, path = "/api/v1/users/addresses", tag = "users",
    request_body(content = Object, description = "full_name, address_line1, city, postal_code, country required; phone, address_line2, state, is_default optional"),
    responses(
        (status = 201, description = "The new address", body = Object),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn add_address(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(input): JsonBody<AddressInput>,
) -> Result<Response, AppError> {
    let address = service::add_address(&state.db, &viewer.id, input).await?;
    Ok((StatusCode::CREATED, Json(address)).into_response())
}

/// `PATCH /users/addresses/{id}`: any subset of the address fields.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AddressPatch {
    full_name: Option<String>,
    phone: Option<String>,
    address_line1: Option<String>,
    address_line2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    is_default: Option<bool>,
}

impl AddressPatch {
    fn apply(self, a: Address) -> AddressInput {
        AddressInput {
            full_name: self.full_name.unwrap_or(a.full_name),
            phone: self.phone.unwrap_or(a.phone),
            address_line1: self.address_line1.unwrap_or(a.address_line1),
            address_line2: self.address_line2.unwrap_or(a.address_line2),
            city: self.city.unwrap_or(a.city),
            state: self.state.unwrap_or(a.state),
            postal_code: self.postal_code.unwrap_or(a.postal_code),
            country: self.country.unwrap_or(a.country),
            is_default: self.is_default.unwrap_or(a.is_default),
        }
    }
}

#[utoipa::path(
    patch, path = "/api/v1/users/addresses/{id}", tag = "users",
    params(("id" = String, Path, description = "Address id")),
    request_body(content = Object, description = "Any address fields; is_default = true makes it the default"),
    responses(
        (status = 200, description = "The updated address", body = Object),
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
    let current = service::address(&state.db, &viewer.id, &id).await?;
    Ok(Json(service::update_address(&state.db, &viewer.id, &id, patch.apply(current)).await?))
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
    service::delete_address(&state.db, &viewer.id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
