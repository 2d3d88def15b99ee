//! `/api/v1/streams…`: live and upcoming streams for everyone; scheduling,
//! going live, ending and the stream key for the stream's own people;
//! reminders for signed-in viewers.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::{StreamCard, StreamDetail, StreamInput, service};
use crate::catalog::rest::ProductJson;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/streams", post(create))
        .route("/streams/live", get(live))
        .route("/streams/upcoming", get(upcoming))
        .route("/streams/{id}", get(show))
        .route("/streams/{id}/start", post(start))
        .route("/streams/{id}/end", post(end))
        .route("/streams/{id}/key", post(rotate_key))
        .route("/streams/{id}/analytics", get(analytics))
        .route("/streams/{id}/cover", post(super::cover::upload_rest))
        .route("/streams/{id}/remind", post(remind).delete(forget))
        .merge(super::chat::rest::routes())
        .merge(super::video::rest::routes())
}

#[derive(OpenApi)]
#[openapi(
    paths(live, upcoming, show, create, start, end, rotate_key, analytics, super::cover::upload_rest, remind, forget),
    tags((name = "streams", description = "Live shopping streams"))
)]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct SellerJson {
    id: String,
    shop_name: String,
    slug: String,
}

/// Times are unix milliseconds.
#[derive(Serialize, ToSchema)]
pub struct StreamJson {
    id: String,
    title: String,
    /// `scheduled`, `live`, `ended` or `cancelled`.
    status: String,
    seller: SellerJson,
    viewer_count: i64,
    scheduled_at: i64,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    cover_url: Option<String>,
}

impl From<StreamCard> for StreamJson {
    fn from(s: StreamCard) -> Self {
        Self {
            id: s.id,
            title: s.title,
            status: s.status.as_str().to_owned(),
            seller: SellerJson { id: s.shop_id, shop_name: s.shop_name, slug: s.shop_slug },
            viewer_count: s.viewer_count,
            scheduled_at: s.scheduled_at,
            started_at: s.started_at,
            ended_at: s.ended_at,
            cover_url: s.cover_url,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct StreamDetailJson {
    #[serde(flatten)]
    stream: StreamJson,
    description: String,
    /// The category's slug.
    category: Option<String>,
    tags: Vec<String>,
    products: Vec<ProductJson>,
}

impl From<StreamDetail> for StreamDetailJson {
    fn from(d: StreamDetail) -> Self {
        Self {
            stream: d.card.into(),
            description: d.description,
            category: d.category.map(|(slug, _)| slug),
            tags: d.tags,
            products: d.products.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new stream, with the key its publisher (the console or OBS) sends.
#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    #[serde(flatten)]
    stream: StreamJson,
    stream_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct KeyJson {
    stream_key: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateBody {
    #[serde(default)]
    title: String,
    /// RFC 3339, e.g. `2026-12-01T18:30:00Z`.
    #[serde(default)]
    scheduled_at: String,
    #[serde(default)]
    description: String,
    /// A category id.
    #[serde(default)]
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    product_ids: Vec<String>,
    /// Staff and administrators: the shop (id or slug) the stream is for.
    seller_id: Option<String>,
}

/// A stream id longer than any we make is "not found" before any query.
pub(crate) fn check_id(id: &str) -> Result<(), AppError> {
    if id.len() > 64 { Err(AppError::NotFound("Stream".into())) } else { Ok(()) }
}

#[utoipa::path(
    get, path = "/api/v1/streams/live", tag = "streams",
    responses((status = 200, description = "Streams live now, newest first", body = [StreamJson]))
)]
pub async fn live(State(state): State<AppState>) -> Result<Json<Vec<StreamJson>>, AppError> {
    let mut streams = service::live_now(&mut state.db.conn().await?).await?;
    service::count_viewers(&state.chat, &mut streams);
    Ok(Json(streams.into_iter().map(Into::into).collect()))
}

#[utoipa::path(
    get, path = "/api/v1/streams/upcoming", tag = "streams",
    responses((status = 200, description = "Scheduled streams, soonest first", body = [StreamJson]))
)]
pub async fn upcoming(State(state): State<AppState>) -> Result<Json<Vec<StreamJson>>, AppError> {
    let streams = service::upcoming(&mut state.db.conn().await?, None).await?;
    Ok(Json(streams.into_iter().map(Into::into).collect()))
}

#[utoipa::path(
    get, path = "/api/v1/streams/{id}", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "The stream and the products it features", body = StreamDetailJson),
        (status = 404, description = "No such stream", body = ErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StreamDetailJson>, AppError> {
    check_id(&id)?;
    let mut detail = service::detail(&mut state.db.conn().await?, None, &id).await?;
    service::count_viewers(&state.chat, [&mut detail.card]);
    Ok(Json(detail.into()))
}

#[utoipa::path(
    post, path = "/api/v1/streams", tag = "streams", request_body = CreateBody,
    responses(
        (status = 201, description = "Scheduled", body = CreatedJson),
        (status = 400, description = "A field is wrong", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller with a verified shop, nor staff", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<CreateBody>,
) -> Result<(StatusCode, Json<CreatedJson>), AppError> {
    if body.tags.iter().any(|t| t.contains(',')) {
        return Err(AppError::field("tags", "A tag cannot hold a comma."));
    }
    let input = StreamInput {
        title: body.title,
        description: body.description,
        scheduled_at: body.scheduled_at,
        category: body.category,
        tags: body.tags.join(","),
        product_ids: body.product_ids,
        seller_id: body.seller_id,
    };
    let (card, key) = state.db.write(async |tx| service::schedule(tx, &viewer, &input).await).await?;
    Ok((StatusCode::CREATED, Json(CreatedJson { stream: card.into(), stream_key: key })))
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/start", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "Live; everyone who asked is mailed", body = StreamJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
        (status = 409, description = "The shop is live already, or the stream is over", body = ErrorBody),
    )
)]
pub async fn start(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<StreamJson>, AppError> {
    check_id(&id)?;
    let card = state.db.write(async |tx| service::start(tx, &viewer, &id).await).await?;
    Ok(Json(card.into()))
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/end", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "Ended (or, if it had not started, cancelled)", body = StreamJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
        (status = 409, description = "Over already", body = ErrorBody),
    )
)]
pub async fn end(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<StreamJson>, AppError> {
    check_id(&id)?;
    let card = state.db.write(async |tx| service::end(tx, &viewer, &id).await).await?;
    state.video.end(&id);
    Ok(Json(card.into()))
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/key", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "A new stream key; the old one stops working", body = KeyJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
    )
)]
pub async fn rotate_key(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<KeyJson>, AppError> {
    check_id(&id)?;
    let stream_key = state.db.write(async |tx| service::rotate_key(tx, &viewer, &id).await).await?;
    Ok(Json(KeyJson { stream_key }))
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/remind", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 204, description = "The viewer is mailed when it starts"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
        (status = 409, description = "Not upcoming any more", body = ErrorBody),
    )
)]
pub async fn remind(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    check_id(&id)?;
    state.db.write(async |tx| service::remind(tx, &viewer, &id, true).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete, path = "/api/v1/streams/{id}/remind", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 204, description = "No mail when it starts"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
    )
)]
pub async fn forget(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    check_id(&id)?;
    state.db.write(async |tx| service::remind(tx, &viewer, &id, false).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get, path = "/api/v1/streams/{id}/analytics", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "Peak, average and unique viewers, watch time, chat, orders, revenue, top products", body = crate::live::stats::StreamStats),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
    )
)]
pub async fn analytics(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<crate::live::stats::StreamStats>, AppError> {
    check_id(&id)?;
    let mut c = state.db.conn().await?;
    let stats = crate::live::stats::service::of_stream(&mut c, &viewer, &id, &state.shop().currency).await?;
    Ok(Json(stats))
}
