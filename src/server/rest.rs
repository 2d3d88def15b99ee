//! The `/api/v1` router: JSON everywhere, including 404 and 405, and the
//! OpenAPI 3.1 document generated from the handlers' annotations.

use axum::Json;
use axum::Router;
use axum::routing::get;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::state::AppState;
use crate::catalog;
use crate::error::AppError;

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
    paths(catalog::rest::list, catalog::rest::show),
    components(schemas(ErrorBody)),
    tags((name = "products", description = "Catalog"))
)]
pub struct ApiDoc;

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
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}
