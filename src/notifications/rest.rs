//! `GET /api/v1/notifications`, `POST /api/v1/notifications/read` and the
//! live unread count `GET /api/v1/notifications/events` (SSE, event
//! `count`), for sellers, staff and administrators. Thin: parse, call
//! `service`, shape JSON.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::{Stream, StreamExt, stream};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{CHANNEL, Inbox, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read", post(read))
        .route("/notifications/events", get(events))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, read, events),
    tags((name = "notifications", description = "The back office's bell: orders, low stock, applications, escalations, mail failures"))
)]
pub struct Api;

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// Only the unread ones.
    unread_only: Option<bool>,
}

#[utoipa::path(
    get, path = "/api/v1/notifications", tag = "notifications", params(ListParams),
    responses(
        (status = 200, description = "The newest 50, and the unread count", body = Inbox),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Customers have no notifications", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<ListParams>,
) -> Result<Json<Inbox>, AppError> {
    Ok(Json(service::inbox(&mut state.db.conn().await?, &viewer, p.unread_only.unwrap_or(false)).await?))
}

/// `{"ids": [...]}`; no ids: all of them.
#[derive(Deserialize, ToSchema)]
pub struct ReadBody {
    #[serde(default)]
    ids: Vec<String>,
}

/// `{"unread_count"}`.
#[derive(Serialize, ToSchema)]
pub struct CountJson {
    unread_count: i64,
}

#[utoipa::path(
    post, path = "/api/v1/notifications/read", tag = "notifications", request_body = ReadBody,
    responses(
        (status = 200, description = "Marked read (others' ids are ignored)", body = CountJson),
        (status = 400, description = "More than 50 ids", body = ErrorBody),
        (status = 403, description = "Customers have no notifications", body = ErrorBody),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<ReadBody>,
) -> Result<Json<CountJson>, AppError> {
    Ok(Json(CountJson { unread_count: service::mark_read(&state.db, &viewer, &body.ids).await? }))
}

#[utoipa::path(
    get, path = "/api/v1/notifications/events", tag = "notifications",
    responses(
        (status = 200, description = "Server-sent events: `count` with the unread count, now and at every change", content_type = "text/event-stream"),
        (status = 403, description = "Customers have no notifications", body = ErrorBody),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    // Listen first, then count: a change in between is not missed.
    let changes = state.db.subscribe(CHANNEL).await;
    let first = service::unread(&mut state.db.conn().await?, &viewer).await?.ok_or(AppError::Forbidden)?;
    let (db, who) = (state.db.clone(), viewer.clone());
    let rest = crate::server::db::changes_to(changes, viewer.id.clone()).filter_map(move |()| {
        let (db, who) = (db.clone(), who.clone());
        async move {
            let mut c = db.conn().await.ok()?;
            let n = service::unread(&mut c, &who).await.ok()??;
            Some(Ok(count(n)))
        }
    });
    let all = stream::once(async move { Ok(count(first)) });
    Ok(Sse::new(all.chain(rest)).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))))
}

fn count(n: i64) -> Event {
    Event::default().event("count").data(n.to_string())
}
