//! The `/api/v1` router: JSON everywhere, including 404 and 405, and the
//! OpenAPI 3.1 document generated from the handlers' annotations.

use axum::extract::{FromRequest, Request};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::{OpenApi, ToSchema};

use super::state::AppState;
use crate::error::AppError;
use crate::{accounts, catalog};

/// `{"error": {"code", "message", "fields"}}`.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `validation_failed`, `not_found`, `unauthorized`, `forbidden`, `conflict`, `rate_limited`, `internal`…
    code: String,
    message: String,
    /// Field name → message, for `validation_failed`.
    fields: std::collections::HashMap<String, String>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Bazaar API", version = "1", description = "Storefront, marketplace and back-office API. \
        Authentication uses the same cookie session as the web shop."),
    paths(
        catalog::rest::list, catalog::rest::show,
        accounts::rest::register, accounts::rest::login, accounts::rest::logout,
        accounts::rest::me, accounts::rest::update_profile,
        accounts::rest::addresses, accounts::rest::add_address,
        accounts::rest::update_address, accounts::rest::delete_address,
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "products", description = "Catalog"),
        (name = "auth", description = "Sign up, sign in and out (cookie session)"),
        (name = "users", description = "The signed-in person's profile and addresses"),
    )
)]
pub struct ApiDoc;

/// A JSON request body whose problems come back as our JSON 400, not
/// axum's plain-text rejection.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(AppError::field("body", rejection.body_text())),
        }
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found() -> AppError {
    AppError::NotFound("Endpoint".into())
}

async fn method_not_allowed() -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = serde_json::json!({
        "error": { "code": "method_not_allowed", "message": "That method is not allowed here.", "fields": {} }
    });
    (axum::http::StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

/// Everything under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/products", get(catalog::rest::list))
        .route("/products/{id}", get(catalog::rest::show))
        .route("/auth/register", post(accounts::rest::register))
        .route("/auth/login", post(accounts::rest::login))
        .route("/auth/logout", post(accounts::rest::logout))
        .route("/users/me", get(accounts::rest::me))
        .route("/users/profile", patch(accounts::rest::update_profile))
        .route("/users/addresses", get(accounts::rest::addresses).post(accounts::rest::add_address))
        .route(
            "/users/addresses/{id}",
            patch(accounts::rest::update_address).delete(accounts::rest::delete_address),
        )
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}
