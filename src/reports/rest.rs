//! `/api/v1/exports` (a list now, up to 50,000 rows, streamed) and
//! `/api/v1/reports` (a list in the background: ask, watch, fetch).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use super::ReportView;
use super::service::{self, Ask};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exports", get(export))
        .route("/reports", post(request).get(list))
        .route("/reports/{id}", get(status))
        .route("/reports/{id}/download", get(download))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(export, request, list, status, download),
    tags((name = "reports", description = "Lists as CSV or JSON: at once, or as background reports"))
)]
pub struct Api;

/// A report and how far it got.
#[derive(Serialize, ToSchema)]
pub struct ReportJson {
    report_id: String,
    kind: String,
    format: String,
    start_date: String,
    end_date: String,
    /// `queued`, `running`, `done` or `failed`.
    status: String,
    /// Percent done (100 once the file is written).
    progress: i64,
    rows_written: i64,
    total_rows: i64,
    byte_size: i64,
    /// Where the file is, once `done`.
    download_url: Option<String>,
    error: Option<String>,
    /// Unix ms.
    created_at: i64,
    /// The file is deleted after this (unix ms).
    expires_at: i64,
}

impl From<ReportView> for ReportJson {
    fn from(r: ReportView) -> Self {
        Self {
            progress: r.progress(),
            download_url: r.download_url(),
            report_id: r.id,
            kind: r.kind,
            format: r.format,
            start_date: r.start_date,
            end_date: r.end_date,
            status: r.status,
            rows_written: r.rows_written,
            total_rows: r.total_rows,
            byte_size: r.byte_size,
            error: r.error,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/exports", tag = "reports", params(Ask),
    responses(
        (status = 200, description = "The list as text/csv or application/json, streamed"),
        (status = 400, description = "An unknown kind or format, a bad date, or more than 50,000 rows", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(a): Query<Ask>,
) -> Result<axum::response::Response, AppError> {
    service::download_now(&state.db, &viewer, &a, &state.settings).await
}

#[utoipa::path(
    post, path = "/api/v1/reports", tag = "reports", request_body = Ask,
    responses(
        (status = 202, description = "Queued; watch it at /api/v1/reports/{id}", body = ReportJson),
        (status = 400, description = "An unknown kind or format, or a bad date", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
    )
)]
pub async fn request(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    JsonBody(a): JsonBody<Ask>,
) -> Result<(StatusCode, Json<ReportJson>), AppError> {
    let r = service::request(&state.db, &viewer, &a).await?;
    Ok((StatusCode::ACCEPTED, Json(r.into())))
}

#[utoipa::path(
    get, path = "/api/v1/reports", tag = "reports",
    responses(
        (status = 200, description = "The newest reports the caller asked for", body = [ReportJson]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
) -> Result<Json<Vec<ReportJson>>, AppError> {
    Ok(Json(service::mine(&state.db, &viewer).await?.into_iter().map(Into::into).collect()))
}

#[utoipa::path(
    get, path = "/api/v1/reports/{id}", tag = "reports",
    responses(
        (status = 200, description = "The report's status and progress", body = ReportJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such report of the caller's", body = ErrorBody),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<ReportJson>, AppError> {
    Ok(Json(service::get(&state.db, &viewer, &id).await?.into()))
}

#[utoipa::path(
    get, path = "/api/v1/reports/{id}/download", tag = "reports",
    responses(
        (status = 200, description = "The report's file"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such report of the caller's, or not written yet", body = ErrorBody),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<axum::response::Response, AppError> {
    service::file(&state.db, &state.media, &viewer, &id).await
}
