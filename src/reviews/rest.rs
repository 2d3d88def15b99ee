//! `/api/v1/products/{id}/reviews`, `/api/v1/reviews/{id}/helpful` and the
//! administrators' hide/unhide: thin adapters over the review service.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{Review, ReviewInput, ReviewSort, service};
use crate::accounts::session::Device;
use crate::audit::log::Actor;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/products/{id}/reviews", get(list).post(create))
        .route("/reviews/{id}/helpful", post(helpful))
        .route("/admin/reviews/{id}/hide", post(hide))
        .route("/admin/reviews/{id}/unhide", post(unhide))
}

#[derive(OpenApi)]
#[openapi(paths(list, create, helpful, hide, unhide), tags((name = "reviews", description = "Product reviews")))]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct ReviewJson {
    id: String,
    product_id: String,
    author: String,
    rating: u8,
    title: String,
    comment: String,
    verified_purchase: bool,
    helpful_count: i64,
    hidden: bool,
    created_at: i64,
    updated_at: i64,
}

impl From<Review> for ReviewJson {
    fn from(r: Review) -> Self {
        Self {
            id: r.id,
            product_id: r.product_id,
            author: r.author,
            rating: r.rating,
            title: r.title,
            comment: r.body,
            verified_purchase: r.verified_purchase,
            helpful_count: r.helpful_count,
            hidden: r.hidden,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SummaryJson {
    /// Average over every rating (1–5, one decimal).
    rating: f64,
    rating_count: i64,
    /// Written, visible reviews.
    review_count: i64,
    /// Written reviews per star: `"5"` … `"1"`.
    histogram: std::collections::BTreeMap<String, i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewList {
    data: Vec<ReviewJson>,
    summary: SummaryJson,
    pagination: crate::catalog::rest::Pagination,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `newest` (default) or `helpful`.
    sort: Option<String>,
    /// 1-based page (10 reviews a page).
    page: Option<u32>,
}

#[utoipa::path(
    get, path = "/api/v1/products/{id}/reviews", tag = "reviews",
    params(("id" = String, Path, description = "Product id"), ListParams),
    responses(
        (status = 200, description = "A page of visible reviews and the rating summary", body = ReviewList),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Json<ReviewList>, AppError> {
    let sort = ReviewSort::parse(params.sort.as_deref().unwrap_or_default());
    let page = service::page(&mut state.db.conn().await?, &id, None, sort, params.page.unwrap_or(1)).await?;
    let s = &page.summary;
    let histogram = (1..=5).map(|star| (star.to_string(), s.histogram[5 - star])).collect();
    Ok(Json(ReviewList {
        summary: SummaryJson {
            rating: (s.average_hundredths as f64 / 10.0).round() / 10.0,
            rating_count: s.rating_count,
            review_count: s.written,
            histogram,
        },
        pagination: crate::catalog::rest::Pagination::new(s.written, page.page, page.per_page),
        data: page.items.into_iter().map(ReviewJson::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewBody {
    /// 1 to 5.
    rating: Option<i64>,
    /// The review text.
    #[serde(default)]
    comment: String,
    #[serde(default)]
    title: String,
}

#[utoipa::path(
    post, path = "/api/v1/products/{id}/reviews", tag = "reviews", request_body = ReviewBody,
    params(("id" = String, Path, description = "Product id")),
    responses(
        (status = 201, description = "Review written", body = ReviewJson),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 409, description = "This person reviewed the product already", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReviewBody>,
) -> Result<Response, AppError> {
    let input = ReviewInput::parse(body.rating, &body.title, &body.comment)?;
    let review = state.db.write(async |tx| service::create(tx, &viewer, &id, input).await).await?;
    Ok((StatusCode::CREATED, Json(ReviewJson::from(review))).into_response())
}

#[utoipa::path(
    post, path = "/api/v1/reviews/{id}/helpful", tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "Counted", body = ReviewJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "One's own review", body = ErrorBody),
        (status = 404, description = "No such review", body = ErrorBody),
        (status = 409, description = "Voted already", body = ErrorBody),
    )
)]
pub async fn helpful(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<ReviewJson>, AppError> {
    let review = state.db.write(async |tx| service::vote_helpful(tx, &viewer, &id).await).await?;
    Ok(Json(review.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct ReasonBody {
    #[serde(default)]
    reason: String,
}

async fn moderate(
    state: &AppState,
    signed: Signed,
    device: Device,
    id: &str,
    hide: bool,
    reason: &str,
) -> Result<Json<ReviewJson>, AppError> {
    let viewer = signed.in_area(crate::accounts::areas::Area::Catalog)?;
    let actor = Actor::Person(&viewer, &device);
    let review = state.db.write(async |tx| service::moderate(tx, actor, id, hide, reason).await).await?;
    Ok(Json(review.into()))
}

#[utoipa::path(
    post, path = "/api/v1/admin/reviews/{id}/hide", tag = "reviews", request_body = ReasonBody,
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "Hidden; its rating no longer counts", body = ReviewJson),
        (status = 400, description = "No reason", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator, nor staff with the catalog area", body = ErrorBody),
        (status = 404, description = "No such review", body = ErrorBody),
    )
)]
pub async fn hide(
    State(state): State<AppState>,
    signed: Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReasonBody>,
) -> Result<Json<ReviewJson>, AppError> {
    moderate(&state, signed, device, &id, true, &body.reason).await
}

#[utoipa::path(
    post, path = "/api/v1/admin/reviews/{id}/unhide", tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "Shown again", body = ReviewJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator, nor staff with the catalog area", body = ErrorBody),
        (status = 404, description = "No such review", body = ErrorBody),
    )
)]
pub async fn unhide(
    State(state): State<AppState>,
    signed: Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<Json<ReviewJson>, AppError> {
    moderate(&state, signed, device, &id, false, "").await
}
