//! `GET /api/v1/analytics/traffic` (+ `/export`): the whole site's visitors,
//! page views, funnel, top pages, sources and searches that found nothing —
//! the back office's only (a seller's conversion rate is in their sales).

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ExportParams, SalesParams, renamed};
use crate::accounts::Viewer;
use crate::analytics::service;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;
use crate::traffic::{Funnel, Ranked, TrafficReport};

#[derive(Serialize, ToSchema)]
pub struct FunnelJson {
    page_views: i64,
    /// Distinct visitors per day, summed over the days.
    visitors: i64,
    product_views: i64,
    product_viewers: i64,
    added_to_cart: i64,
    started_checkout: i64,
    paid_orders: i64,
    /// Paid orders per visitor; `null` without visitors.
    conversion_rate: Option<f64>,
}

impl From<&Funnel> for FunnelJson {
    fn from(f: &Funnel) -> Self {
        Self {
            page_views: f.page_views,
            visitors: f.visitors,
            product_views: f.product_views,
            product_viewers: f.viewers,
            added_to_cart: f.carters,
            started_checkout: f.checkouts,
            paid_orders: f.orders,
            conversion_rate: f.conversion_rate(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RankedJson {
    name: String,
    count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TrafficPointJson {
    period: String,
    visitors: i64,
    page_views: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TrafficJson {
    start_date: String,
    end_date: String,
    time_zone: String,
    group_by: String,
    #[serde(flatten)]
    funnel: FunnelJson,
    series: Vec<TrafficPointJson>,
    top_pages: Vec<RankedJson>,
    referrers: Vec<RankedJson>,
    /// Search terms that found nothing, the most asked first.
    no_result_searches: Vec<RankedJson>,
    /// The as-long period just before.
    previous: FunnelJson,
}

fn ranked(rows: Vec<Ranked>) -> Vec<RankedJson> {
    rows.into_iter().map(|r| RankedJson { name: r.name, count: r.count }).collect()
}

impl From<TrafficReport> for TrafficJson {
    fn from(r: TrafficReport) -> Self {
        Self {
            start_date: r.period.start,
            end_date: r.period.end,
            time_zone: r.time_zone,
            group_by: r.group,
            funnel: (&r.funnel).into(),
            series: r
                .series
                .into_iter()
                .map(|p| TrafficPointJson {
                    period: p.period,
                    visitors: p.visitors,
                    page_views: p.page_views,
                })
                .collect(),
            top_pages: ranked(r.pages),
            referrers: ranked(r.referrers),
            no_result_searches: ranked(r.searches),
            previous: (&r.previous).into(),
        }
    }
}

async fn report(state: &AppState, viewer: &Viewer, p: &SalesParams) -> Result<TrafficReport, AppError> {
    crate::traffic::service::may_read(viewer)?;
    let (q, _) = p.query();
    let (mut c, r, _) =
        service::prepare(&state.db, viewer, crate::accounts::areas::Area::Analytics, &q, None)
            .await
            .map_err(renamed)?;
    crate::traffic::service::report(&mut c, &r).await
}

#[utoipa::path(
    get, path = "/api/v1/analytics/traffic", tag = "analytics", params(SalesParams),
    responses(
        (status = 200, description = "Visitors, page views, the funnel to paid orders, top pages, sources, searches with no results", body = TrafficJson),
        (status = 400, description = "A date that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator or staff", body = ErrorBody),
    )
)]
pub async fn traffic(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
) -> Result<Json<TrafficJson>, AppError> {
    Ok(Json(report(&state, &viewer, &p).await?.into()))
}

#[utoipa::path(
    get, path = "/api/v1/analytics/traffic/export", tag = "analytics", params(SalesParams, ExportParams),
    responses(
        (status = 200, description = "`series`, `funnel`, `pages`, `referrers` or `searches` as text/csv or application/json"),
        (status = 400, description = "An unknown table or format", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator or staff", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
    Query(e): Query<ExportParams>,
) -> Result<axum::response::Response, AppError> {
    let r = report(&state, &viewer, &p).await?;
    let rows = crate::analytics::export::traffic::traffic(&r, &e.table)?;
    crate::analytics::export::file(rows, &e.format, &format!("traffic-{}", e.table))
}
