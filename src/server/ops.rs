//! Operations endpoints: `/health` and `/metrics`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde_json::json;

use super::db::Db;
use super::state::AppState;

/// 200 when the database answers and every migration is applied, else 503.
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let expected = Db::expected_migration();
    let backend = state.db.backend().name();
    match state.db.applied_migration().await {
        Ok(applied) if applied >= expected => (
            StatusCode::OK,
            Json(
                json!({ "status": "ok", "database": backend, "migration": applied, "expected_migration": expected }),
            ),
        ),
        Ok(applied) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(
                json!({ "status": "migrations_pending", "database": backend, "migration": applied, "expected_migration": expected }),
            ),
        ),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    json!({ "status": "database_unreachable", "database": backend, "expected_migration": expected }),
                ),
            )
        }
    }
}

/// Prometheus text format, with the pool gauges read at scrape time.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let (size, idle) = state.db.pool_size();
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_idle_connections").set(idle as f64);
    metrics::gauge!("db_pool_max_connections").set(f64::from(state.db.max_connections()));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render())
}
