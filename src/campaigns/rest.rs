//! `/api/v1/campaigns` (administrators) and the signed-out one-click
//! unsubscribe `POST /api/v1/unsubscribe/{token}` (RFC 8058). Thin: parse,
//! call `service`, shape JSON.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{Audience, Campaign, CampaignInput, CampaignRow, PER_PAGE, Status, recipient, service};
use crate::audit::log::Actor;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns", get(list).post(create))
        .route("/campaigns/audience", post(audience))
        .route("/campaigns/{id}", get(one).put(update))
        .route("/campaigns/{id}/send", post(send))
        .route("/campaigns/{id}/pause", post(pause))
        .route("/campaigns/{id}/resume", post(resume))
        .route("/campaigns/{id}/test", post(test))
        .route("/unsubscribe/{token}", post(unsubscribe))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, audience, one, update, send, pause, resume, test, unsubscribe),
    tags((name = "campaigns", description = "Email campaigns to customers who opted in, and one-click unsubscribe"))
)]
pub struct Api;

#[derive(Deserialize, IntoParams)]
pub struct PageParams {
    /// 1-based.
    page: Option<u32>,
    /// 20 by default and at most.
    limit: Option<u32>,
}

/// `{"campaigns": [...], "total_count"}`.
#[derive(Serialize, ToSchema)]
pub struct CampaignsJson {
    campaigns: Vec<CampaignRow>,
    total_count: i64,
}

const NOT_ADMIN: &str = "Not an administrator";

#[utoipa::path(
    get, path = "/api/v1/campaigns", tag = "campaigns", params(PageParams),
    responses(
        (status = 200, description = "Campaigns, newest first", body = CampaignsJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<PageParams>,
) -> Result<Json<CampaignsJson>, AppError> {
    let page =
        service::list(&mut state.db.conn().await?, &viewer, p.page.unwrap_or(1), p.limit.unwrap_or(PER_PAGE))
            .await?;
    Ok(Json(CampaignsJson { campaigns: page.campaigns, total_count: page.total }))
}

/// `{"campaign_id"}`.
#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    campaign_id: String,
}

#[utoipa::path(
    post, path = "/api/v1/campaigns", tag = "campaigns", request_body = CampaignInput,
    responses(
        (status = 201, description = "A draft (or scheduled, with `scheduled_time`)", body = CreatedJson),
        (status = 400, description = "A field is missing or wrong (unknown merge field, audience key…)", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<CampaignInput>,
) -> Result<(StatusCode, Json<CreatedJson>), AppError> {
    let campaign_id = service::create(&state.db, &viewer, &device, body).await?;
    Ok((StatusCode::CREATED, Json(CreatedJson { campaign_id })))
}

/// `{"recipients"}`: how many people an audience reaches now.
#[derive(Serialize, ToSchema)]
pub struct AudienceJson {
    recipients: i64,
}

#[utoipa::path(
    post, path = "/api/v1/campaigns/audience", tag = "campaigns", request_body = Audience,
    responses(
        (status = 200, description = "People who opted in and match the filter", body = AudienceJson),
        (status = 400, description = "Unknown key or value", body = ErrorBody),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
    )
)]
pub async fn audience(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<Audience>,
) -> Result<Json<AudienceJson>, AppError> {
    Ok(Json(AudienceJson { recipients: service::count(&mut state.db.conn().await?, &viewer, body).await? }))
}

#[utoipa::path(
    get, path = "/api/v1/campaigns/{id}", tag = "campaigns",
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "The campaign and its results", body = Campaign),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<Campaign>, AppError> {
    Ok(Json(service::get(&mut state.db.conn().await?, &viewer, &id).await?))
}

#[utoipa::path(
    put, path = "/api/v1/campaigns/{id}", tag = "campaigns", request_body = CampaignInput,
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "Saved", body = Campaign),
        (status = 400, description = "A field is missing or wrong", body = ErrorBody),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
        (status = 409, description = "It has started: no more changes", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CampaignInput>,
) -> Result<Json<Campaign>, AppError> {
    service::update(&state.db, &viewer, &device, &id, body).await?;
    Ok(Json(service::get(&mut state.db.conn().await?, &viewer, &id).await?))
}

/// `{"status", "recipients"}`.
#[derive(Serialize, ToSchema)]
pub struct SendJson {
    status: Status,
    recipients: i64,
}

#[utoipa::path(
    post, path = "/api/v1/campaigns/{id}/send", tag = "campaigns",
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 202, description = "Sending (in batches); a second call changes nothing and says where it is", body = SendJson),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
    )
)]
pub async fn send(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<SendJson>), AppError> {
    let (status, recipients) = service::send(&state.db, Actor::Person(&viewer, &device), &id).await?;
    Ok((StatusCode::ACCEPTED, Json(SendJson { status, recipients })))
}

/// `{"status"}`.
#[derive(Serialize, ToSchema)]
pub struct StatusJson {
    status: Status,
}

#[utoipa::path(
    post, path = "/api/v1/campaigns/{id}/pause", tag = "campaigns",
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "Paused: no more mail is written until resumed", body = StatusJson),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
        (status = 409, description = "It is not being sent", body = ErrorBody),
    )
)]
pub async fn pause(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<Json<StatusJson>, AppError> {
    Ok(Json(StatusJson { status: service::pause(&state.db, &viewer, &device, &id, true).await? }))
}

#[utoipa::path(
    post, path = "/api/v1/campaigns/{id}/resume", tag = "campaigns",
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "Sending again from where it stopped", body = StatusJson),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
        (status = 409, description = "It is not paused", body = ErrorBody),
    )
)]
pub async fn resume(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<Json<StatusJson>, AppError> {
    Ok(Json(StatusJson { status: service::pause(&state.db, &viewer, &device, &id, false).await? }))
}

#[utoipa::path(
    post, path = "/api/v1/campaigns/{id}/test", tag = "campaigns",
    params(("id" = String, Path, description = "The campaign's id")),
    responses(
        (status = 202, description = "A test copy is on its way to you (\"[Test]\" in the subject; nothing counted)", body = StatusJson),
        (status = 403, description = NOT_ADMIN, body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
    )
)]
pub async fn test(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<StatusJson>), AppError> {
    let c = service::send_test_of(&state, &viewer, &id).await?;
    Ok((StatusCode::ACCEPTED, Json(StatusJson { status: c.status })))
}

/// `{"unsubscribed": true, "email"}` (the address masked).
#[derive(Serialize, ToSchema)]
pub struct UnsubscribedJson {
    unsubscribed: bool,
    email: String,
}

#[utoipa::path(
    post, path = "/api/v1/unsubscribe/{token}", tag = "campaigns",
    params(("token" = String, Path, description = "The token from a campaign mail's List-Unsubscribe header")),
    responses(
        (status = 200, description = "No more marketing mail to this address (works signed out; repeatable)", body = UnsubscribedJson),
        (status = 404, description = "Not a token of ours (altered or made up)", body = ErrorBody),
    )
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<UnsubscribedJson>, AppError> {
    let email = recipient::unsubscribe(&state.db, &token).await?;
    Ok(Json(UnsubscribedJson { unsubscribed: true, email }))
}
