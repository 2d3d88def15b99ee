//! `/api/v1/wishlist…`: thin adapters over the wishlist service.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::service;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/wishlist", get(list).post(add))
        .route("/wishlist/share", post(share).delete(revoke))
        .route("/wishlist/{product_id}", delete(remove))
}

#[derive(OpenApi)]
#[openapi(paths(list, add, remove, share, revoke), tags((name = "wishlist", description = "The signed-in person's wishlist")))]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct WishJson {
    product_id: String,
    slug: String,
    title: String,
    price: f64,
    currency: String,
    image_url: Option<String>,
    in_stock: bool,
}

#[derive(Serialize, ToSchema)]
pub struct WishlistJson {
    data: Vec<WishJson>,
    /// The share link's path while one exists.
    share_url: Option<String>,
}

#[utoipa::path(
    get, path = "/api/v1/wishlist", tag = "wishlist",
    responses(
        (status = 200, description = "Saved products, newest first", body = WishlistJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<WishlistJson>, AppError> {
    let w = service::wishlist(&mut state.db.conn().await?, &viewer.id).await?;
    Ok(Json(WishlistJson {
        share_url: w.share_path,
        data: w
            .items
            .into_iter()
            .map(|c| WishJson {
                in_stock: c.stock > 0,
                price: c.price.major(),
                currency: c.price.currency.clone(),
                image_url: c.image.map(|i| i.url),
                product_id: c.id,
                slug: c.slug,
                title: c.title,
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct AddBody {
    #[serde(default)]
    product_id: String,
}

#[utoipa::path(
    post, path = "/api/v1/wishlist", tag = "wishlist", request_body = AddBody,
    responses(
        (status = 201, description = "Saved"),
        (status = 200, description = "Was saved already"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<AddBody>,
) -> Result<Response, AppError> {
    let added = state.db.write(async |tx| service::add(tx, &viewer.id, &body.product_id).await).await?;
    let status = if added { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(serde_json::json!({"product_id": body.product_id}))).into_response())
}

#[utoipa::path(
    delete, path = "/api/v1/wishlist/{product_id}", tag = "wishlist",
    params(("product_id" = String, Path, description = "Product id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "Not on the wishlist", body = ErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(product_id): Path<String>,
) -> Result<StatusCode, AppError> {
    let ids = [product_id];
    match state.db.write(async |tx| service::remove(tx, &viewer.id, &ids).await).await? {
        0 => Err(AppError::NotFound("Wishlist item".into())),
        _ => Ok(StatusCode::NO_CONTENT),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ShareJson {
    /// The read-only link's path (`/wishlist/shared/{token}`).
    url: String,
}

#[utoipa::path(
    post, path = "/api/v1/wishlist/share", tag = "wishlist",
    responses(
        (status = 200, description = "A new share link; any older one stops working", body = ShareJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn share(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<ShareJson>, AppError> {
    let url = state.db.write(async |tx| service::share(tx, &viewer.id).await).await?;
    Ok(Json(ShareJson { url }))
}

#[utoipa::path(
    delete, path = "/api/v1/wishlist/share", tag = "wishlist",
    responses(
        (status = 204, description = "The share link no longer works"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn revoke(State(state): State<AppState>, Signed(viewer): Signed) -> Result<StatusCode, AppError> {
    state.db.write(async |tx| service::revoke(tx, &viewer.id).await).await?;
    Ok(StatusCode::NO_CONTENT)
}
