//! `/api/v1/sellers…` and `/api/v1/admin/sellers…`: thin adapters over
//! the same service the pages use.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::validate::{ApplicationInput, RawApplication};
use super::{db, service};
use crate::accounts::Role;
use crate::audit::log::Actor;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sellers/apply", post(apply))
        .route("/sellers/{id}", get(show))
        .route("/sellers/{id}/follow", post(follow).delete(unfollow))
        .route("/admin/sellers/{id}/approve", post(approve))
        .route("/admin/sellers/{id}/reject", post(reject))
}

#[derive(OpenApi)]
#[openapi(
    paths(apply, show, follow, unfollow, approve, reject),
    components(schemas(RawApplication)),
    tags((name = "sellers", description = "Applying to sell; shop profiles; verification"))
)]
pub struct Api;

/// An application's id and where it stands.
#[derive(Serialize, ToSchema)]
pub struct ApplicationJson {
    id: String,
    /// `pending_verification`, `verified`, `rejected` or `suspended`.
    status: String,
    shop_name: String,
    slug: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    reason: String,
}

impl From<super::Application> for ApplicationJson {
    fn from(a: super::Application) -> Self {
        Self {
            id: a.id,
            status: a.status.as_api().to_owned(),
            shop_name: a.shop_name,
            slug: a.slug,
            reason: a.review_note,
        }
    }
}

/// A shop's public profile. `rating` is the average over its products' reviews.
#[derive(Serialize, ToSchema)]
pub struct ShopJson {
    id: String,
    shop_name: String,
    slug: String,
    tagline: String,
    description: String,
    location: String,
    logo_url: Option<String>,
    banner_url: Option<String>,
    rating: f64,
    review_count: i64,
    follower_count: i64,
}

#[utoipa::path(
    post, path = "/api/v1/sellers/apply", tag = "sellers", request_body = RawApplication,
    responses(
        (status = 201, description = "Application received", body = ApplicationJson),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Already applied (pending or verified)", body = ErrorBody),
    )
)]
pub async fn apply(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<RawApplication>,
) -> Result<Response, AppError> {
    let input = ApplicationInput::parse(body)?;
    let applied = state.db.write(async |tx| service::apply(tx, &viewer.id, input).await).await?;
    Ok((StatusCode::CREATED, Json(ApplicationJson::from(applied))).into_response())
}

#[utoipa::path(
    get, path = "/api/v1/sellers/{id}", tag = "sellers",
    params(("id" = String, Path, description = "Shop id or slug")),
    responses(
        (status = 200, description = "The shop", body = ShopJson),
        (status = 404, description = "No such verified shop", body = ErrorBody),
    )
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<ShopJson>, AppError> {
    if id.len() > 120 {
        return Err(AppError::NotFound("Shop".into()));
    }
    let row = db::public_shop(&mut state.db.conn().await?, &id)
        .await?
        .ok_or_else(|| AppError::NotFound("Shop".into()))?;
    let rating = if row.rating_count > 0 { row.rating_sum as f64 / row.rating_count as f64 } else { 0.0 };
    Ok(Json(ShopJson {
        logo_url: row.logo_media_id.as_deref().map(crate::media::url),
        banner_url: row.banner_media_id.as_deref().map(crate::media::url),
        rating: (rating * 10.0).round() / 10.0,
        review_count: row.rating_count,
        follower_count: row.follower_count,
        id: row.id,
        shop_name: row.shop_name,
        slug: row.slug,
        tagline: row.tagline,
        description: row.description,
        location: row.location,
    }))
}

#[utoipa::path(
    post, path = "/api/v1/admin/sellers/{id}/approve", tag = "sellers",
    params(("id" = String, Path, description = "Application (shop) id")),
    responses(
        (status = 200, description = "Verified; the applicant is a seller now", body = ApplicationJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such application", body = ErrorBody),
        (status = 409, description = "Already reviewed", body = ErrorBody),
    )
)]
pub async fn approve(
    State(state): State<AppState>,
    signed: Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<Json<ApplicationJson>, AppError> {
    let viewer = signed.with_role(&[Role::Admin])?;
    let by = Actor::Person(&viewer, &device);
    let done = state.db.write(async |tx| service::approve(tx, by, &id).await).await?;
    Ok(Json(done.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct RejectBody {
    /// Why, in words the applicant can act on.
    #[serde(default)]
    reason: String,
}

#[utoipa::path(
    post, path = "/api/v1/admin/sellers/{id}/reject", tag = "sellers", request_body = RejectBody,
    params(("id" = String, Path, description = "Application (shop) id")),
    responses(
        (status = 200, description = "Rejected", body = ApplicationJson),
        (status = 400, description = "No reason given", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such application", body = ErrorBody),
        (status = 409, description = "Already reviewed", body = ErrorBody),
    )
)]
pub async fn reject(
    State(state): State<AppState>,
    signed: Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RejectBody>,
) -> Result<Json<ApplicationJson>, AppError> {
    let viewer = signed.with_role(&[Role::Admin])?;
    let by = Actor::Person(&viewer, &device);
    let done = state.db.write(async |tx| service::reject(tx, by, &id, &body.reason).await).await?;
    Ok(Json(done.into()))
}

/// Where a follow stands after the request.
#[derive(Serialize, ToSchema)]
pub struct FollowJson {
    following: bool,
    follower_count: i64,
}

async fn set_follow(
    state: &AppState,
    user_id: &str,
    shop: &str,
    follow: bool,
) -> Result<Json<FollowJson>, AppError> {
    let follower_count =
        state.db.write(async |tx| super::follows::set(tx, user_id, shop, follow).await).await?;
    Ok(Json(FollowJson { following: follow, follower_count }))
}

/// Follow a shop (doing it twice changes nothing).
#[utoipa::path(
    post, path = "/api/v1/sellers/{id}/follow", tag = "sellers",
    params(("id" = String, Path, description = "Shop id or slug")),
    responses(
        (status = 200, description = "Following", body = FollowJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such verified shop", body = ErrorBody),
    )
)]
pub async fn follow(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<FollowJson>, AppError> {
    set_follow(&state, &viewer.id, &id, true).await
}

/// Stop following a shop.
#[utoipa::path(
    delete, path = "/api/v1/sellers/{id}/follow", tag = "sellers",
    params(("id" = String, Path, description = "Shop id or slug")),
    responses(
        (status = 200, description = "Not following", body = FollowJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such verified shop", body = ErrorBody),
    )
)]
pub async fn unfollow(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<FollowJson>, AppError> {
    set_follow(&state, &viewer.id, &id, false).await
}
