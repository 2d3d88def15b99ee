//! `/api/v1/streams/{id}/…` for the chat: read and write messages over plain
//! HTTP (the WebSocket does the same), and moderation — delete, mute or
//! ban, slow mode, the pinned product — by the stream's own people.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::{ChatMessage, PinnedProduct, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/streams/{id}/chat", get(super::ws::chat))
        .route("/streams/{id}/messages", get(list).post(write))
        .route("/streams/{id}/messages/{message}", delete(remove))
        .route("/streams/{id}/mutes", post(mute))
        .route("/streams/{id}/mutes/{user}", delete(unmute))
        .route("/streams/{id}/slow_mode", put(slow_mode))
        .route("/streams/{id}/pin", put(pin))
}

#[derive(OpenApi)]
#[openapi(paths(super::ws::chat, list, write, remove, mute, unmute, slow_mode, pin))]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct AuthorJson {
    id: String,
    name: String,
}

/// `text` is plain text.
#[derive(Serialize, ToSchema)]
pub struct MessageJson {
    id: String,
    user: AuthorJson,
    text: String,
    /// Unix ms.
    at: i64,
}

impl From<ChatMessage> for MessageJson {
    fn from(m: ChatMessage) -> Self {
        Self { id: m.id, user: AuthorJson { id: m.user.id, name: m.user.name }, text: m.text, at: m.at }
    }
}

/// Money in minor units.
#[derive(Serialize, ToSchema)]
pub struct PinnedJson {
    id: String,
    slug: String,
    title: String,
    price: i64,
    currency: String,
    stock: i64,
    image_url: Option<String>,
}

impl From<PinnedProduct> for PinnedJson {
    fn from(p: PinnedProduct) -> Self {
        Self {
            id: p.id,
            slug: p.slug,
            title: p.title,
            price: p.price,
            currency: p.currency,
            stock: p.stock,
            image_url: p.image_url,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct WriteBody {
    #[serde(default)]
    text: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MuteBody {
    #[serde(default)]
    user_id: String,
    /// Every stream of the shop, not just this one.
    #[serde(default)]
    ban: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct SlowBody {
    /// One message per this many seconds per person; 0 is off.
    seconds: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct PinBody {
    /// `null` unpins.
    product_id: Option<String>,
}

fn check(id: &str) -> Result<(), AppError> {
    if id.len() > 64 { Err(AppError::NotFound("Stream".into())) } else { Ok(()) }
}

#[utoipa::path(
    get, path = "/api/v1/streams/{id}/messages", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "The latest 50 messages, oldest first", body = [MessageJson]),
        (status = 404, description = "No such stream", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<MessageJson>>, AppError> {
    check(&id)?;
    let mut c = state.db.conn().await?;
    crate::live::service::require_stream(&mut c, &id).await?;
    Ok(Json(service::history(&mut c, &id).await?.into_iter().map(Into::into).collect()))
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/messages", tag = "streams", request_body = WriteBody,
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 201, description = "Sent to everyone watching", body = MessageJson),
        (status = 400, description = "Empty or longer than 500 characters", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
        (status = 409, description = "Muted, slow mode, or the stream is over", body = ErrorBody),
        (status = 429, description = "More than 10 messages in 10 seconds", body = ErrorBody),
    )
)]
pub async fn write(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<WriteBody>,
) -> Result<(StatusCode, Json<MessageJson>), AppError> {
    check(&id)?;
    let m = state.db.write(async |tx| service::post(tx, &viewer, &id, &body.text).await).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

#[utoipa::path(
    delete, path = "/api/v1/streams/{id}/messages/{message}", tag = "streams",
    params(("id" = String, Path, description = "Stream id"), ("message" = String, Path, description = "Message id")),
    responses(
        (status = 204, description = "Taken down for everyone"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop, or no such message", body = ErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path((id, message)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    check(&id)?;
    check(&message)?;
    state.db.write(async |tx| service::delete(tx, &viewer, &id, &message).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/mutes", tag = "streams", request_body = MuteBody,
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 204, description = "They can no longer write here (or, banned, in any of the shop's streams)"),
        (status = 400, description = "No such person, or yourself", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
    )
)]
pub async fn mute(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<MuteBody>,
) -> Result<StatusCode, AppError> {
    check(&id)?;
    check(&body.user_id)?;
    state.db.write(async |tx| service::mute(tx, &viewer, &id, &body.user_id, body.ban).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete, path = "/api/v1/streams/{id}/mutes/{user}", tag = "streams",
    params(("id" = String, Path, description = "Stream id"), ("user" = String, Path, description = "User id")),
    responses(
        (status = 204, description = "They may write again"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop, or no such mute", body = ErrorBody),
    )
)]
pub async fn unmute(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path((id, user)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    check(&id)?;
    state.db.write(async |tx| service::unmute(tx, &viewer, &id, &user).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put, path = "/api/v1/streams/{id}/slow_mode", tag = "streams", request_body = SlowBody,
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 204, description = "Set"),
        (status = 400, description = "Not 0–300 seconds", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
    )
)]
pub async fn slow_mode(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SlowBody>,
) -> Result<StatusCode, AppError> {
    check(&id)?;
    state.db.write(async |tx| service::set_slow_mode(tx, &viewer, &id, body.seconds).await).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put, path = "/api/v1/streams/{id}/pin", tag = "streams", request_body = PinBody,
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 200, description = "Pinned (null: unpinned); viewers see it at once", body = Option<PinnedJson>),
        (status = 400, description = "Not one of the shop's products on sale", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = ErrorBody),
    )
)]
pub async fn pin(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PinBody>,
) -> Result<Json<Option<PinnedJson>>, AppError> {
    check(&id)?;
    let product = body.product_id.filter(|p| !p.is_empty());
    if product.as_deref().is_some_and(|p| p.len() > 64) {
        return Err(AppError::field("product_id", "Pin one of this shop's products on sale."));
    }
    let pinned = state.db.write(async |tx| service::pin(tx, &viewer, &id, product.as_deref()).await).await?;
    Ok(Json(pinned.map(Into::into)))
}
