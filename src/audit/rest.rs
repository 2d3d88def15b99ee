//! `GET /api/v1/admin/audit` (a page of the log as JSON) and
//! `GET /api/v1/admin/audit/export` (the same filters as CSV).
//! Administrators only. Thin: parse, call `log`, shape JSON.

use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{AuditEntry, AuditFilter, PER_PAGE, log};
use crate::accounts::Role;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/audit", get(list)).route("/admin/audit/export", get(export))
}

#[derive(OpenApi)]
#[openapi(paths(list, export), tags((name = "admin", description = "The back office")))]
pub struct Api;

/// Filters, all optional and ANDed.
#[derive(Deserialize, IntoParams)]
pub struct AuditParams {
    /// The actor's id.
    actor_id: Option<String>,
    /// Part of the actor's email.
    actor: Option<String>,
    /// `user`, `setting`, `product`, `order`, `review` or `seller`.
    entity: Option<String>,
    /// One entity's id.
    entity_id: Option<String>,
    /// An action, e.g. `role_changed`, `order_status_changed`, `refunded`.
    action: Option<String>,
    /// `YYYY-MM-DD`, first day included (UTC).
    from: Option<String>,
    /// `YYYY-MM-DD`, last day included (UTC).
    to: Option<String>,
    /// 1-based; 50 rows a page.
    page: Option<u32>,
}

impl AuditParams {
    fn filter(self) -> AuditFilter {
        AuditFilter {
            actor: self.actor_id.or(self.actor).unwrap_or_default(),
            entity: self.entity.unwrap_or_default(),
            entity_id: self.entity_id.unwrap_or_default(),
            action: self.action.unwrap_or_default(),
            from: self.from.unwrap_or_default(),
            to: self.to.unwrap_or_default(),
            page: self.page.unwrap_or(1),
        }
    }
}

/// Who acted (`id` null: the shop itself).
#[derive(Serialize, ToSchema)]
pub struct ActorJson {
    id: Option<String>,
    email: String,
    /// Their role when they acted.
    role: String,
}

/// One change: the changed fields only, before and after.
#[derive(Serialize, ToSchema)]
pub struct AuditJson {
    id: String,
    actor: ActorJson,
    entity: String,
    entity_id: String,
    action: String,
    /// The changed fields as they were: field name → value (`null`: not set).
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    before: serde_json::Value,
    /// The same fields as they became.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    after: serde_json::Value,
    ip: String,
    request_id: String,
    /// Unix ms.
    created_at: i64,
}

impl From<AuditEntry> for AuditJson {
    fn from(e: AuditEntry) -> Self {
        let parse = |s: &str| serde_json::from_str(s).unwrap_or(serde_json::Value::Null);
        Self {
            before: parse(&e.before_json),
            after: parse(&e.after_json),
            id: e.id,
            actor: ActorJson { id: e.actor_id, email: e.actor_email, role: e.actor_role },
            entity: e.entity,
            entity_id: e.entity_id,
            action: e.action,
            ip: e.ip,
            request_id: e.request_id,
            created_at: e.created_at,
        }
    }
}

/// `{"entries": [...], "page", "has_more"}`.
#[derive(Serialize, ToSchema)]
pub struct AuditPageJson {
    entries: Vec<AuditJson>,
    page: u32,
    has_more: bool,
}

#[utoipa::path(
    get, path = "/api/v1/admin/audit", tag = "admin", params(AuditParams),
    responses(
        (status = 200, description = "A page of the audit log, newest first", body = AuditPageJson),
        (status = 400, description = "A filter is not understood", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Query(params): Query<AuditParams>,
) -> Result<Json<AuditPageJson>, AppError> {
    signed.with_role(&[Role::Admin])?;
    let filter = params.filter();
    let mut entries = log::search(&mut state.db.conn().await?, &filter, None).await?;
    let has_more = entries.len() > PER_PAGE as usize;
    entries.truncate(PER_PAGE as usize);
    let page = filter.page.max(1);
    Ok(Json(AuditPageJson { entries: entries.into_iter().map(Into::into).collect(), page, has_more }))
}

#[utoipa::path(
    get, path = "/api/v1/admin/audit/export", tag = "admin", params(AuditParams),
    responses(
        (status = 200, description = "The newest 50,000 matching changes as text/csv, a line per changed field"),
        (status = 400, description = "A filter is not understood", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    signed: Signed,
    Query(params): Query<AuditParams>,
) -> Result<Response, AppError> {
    signed.with_role(&[Role::Admin])?;
    let rows = log::table(&mut state.db.conn().await?, &params.filter()).await?;
    crate::analytics::export::file(rows, "csv", "audit")
}
