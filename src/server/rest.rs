//! The `/api/v1` router: JSON everywhere, including 404 and 405, and the
//! OpenAPI 3.1 document generated from the handlers' annotations.

use axum::extract::{FromRequest, Request};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::{OpenApi, ToSchema};

use super::state::AppState;
use crate::error::AppError;
use crate::{accounts, cart, catalog, checkout, live, orders, payments, reviews, sellers, wishlist};

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

/// The document's frame; each domain adds its own paths (`merge`).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bazaar API",
        version = "1",
        description = "Storefront, marketplace and back-office API. \
        Authentication uses the same cookie session as the web shop."
    ),
    components(schemas(ErrorBody))
)]
pub struct ApiDoc;

/// The whole OpenAPI document: the frame plus every domain's part.
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(catalog::rest::Api::openapi());
    doc.merge(catalog::studio::rest::Api::openapi());
    doc.merge(accounts::rest::Api::openapi());
    doc.merge(accounts::security_rest::Api::openapi());
    doc.merge(accounts::email_rest::Api::openapi());
    doc.merge(accounts::data::rest::Api::openapi());
    doc.merge(accounts::roles_rest::Api::openapi());
    doc.merge(crate::people::rest::Api::openapi());
    doc.merge(crate::audit::rest::Api::openapi());
    doc.merge(crate::campaigns::rest::Api::openapi());
    doc.merge(crate::notifications::rest::Api::openapi());
    doc.merge(sellers::rest::Api::openapi());
    doc.merge(reviews::rest::Api::openapi());
    doc.merge(wishlist::rest::Api::openapi());
    doc.merge(crate::recs::rest::Api::openapi());
    doc.merge(crate::assistant::rest::Api::openapi());
    doc.merge(cart::rest::Api::openapi());
    doc.merge(checkout::rest::Api::openapi());
    doc.merge(orders::rest::Api::openapi());
    doc.merge(crate::analytics::rest::Api::openapi());
    doc.merge(crate::reports::rest::Api::openapi());
    doc.merge(payments::rest::Api::openapi());
    doc.merge(live::rest::Api::openapi());
    doc.merge(live::chat::rest::Api::openapi());
    doc.merge(live::video::rest::Api::openapi());
    doc
}

/// A JSON request body whose problems come back as our JSON 400, not
/// axum's plain-text rejection.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge)
            }
            Err(rejection) => Err(AppError::field("body", rejection.body_text())),
        }
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_doc())
}

async fn not_found() -> AppError {
    AppError::NotFound("Endpoint".into())
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// Everything under `/api/v1`: each domain's routes, merged.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(catalog::rest::routes())
        .merge(accounts::rest::routes())
        .merge(accounts::security_rest::routes())
        .merge(accounts::email_rest::routes())
        .merge(accounts::data::rest::routes())
        .merge(accounts::roles_rest::routes())
        .merge(crate::people::rest::routes())
        .merge(crate::audit::rest::routes())
        .merge(crate::campaigns::rest::routes())
        .merge(crate::notifications::rest::routes())
        .merge(sellers::rest::routes())
        .merge(reviews::rest::routes())
        .merge(wishlist::rest::routes())
        .merge(crate::recs::rest::routes())
        .merge(crate::assistant::rest::routes())
        .merge(cart::rest::routes())
        .merge(orders::rest::routes())
        .merge(crate::analytics::rest::routes())
        .merge(crate::reports::rest::routes())
        .merge(payments::rest::routes())
        .merge(live::rest::routes())
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}
