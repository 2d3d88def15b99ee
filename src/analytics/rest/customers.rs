//! `GET /api/v1/analytics/customers`: new and repeat customers, churn,
//! lifetime value, monthly cohorts and the split by skin type.

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ExportParams, SalesParams, renamed};
use crate::accounts::Viewer;
use crate::analytics::customers::{CustomerTotals, CustomersReport};
use crate::analytics::service;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

/// A period's customers (money in minor units, rates 0–1).
#[derive(Serialize, ToSchema)]
pub struct CustomerTotalsJson {
    /// Customers with a sale in the period, each counted once.
    customers: i64,
    /// Their first sale fell in the period.
    new_customers: i64,
    /// They had bought before the period.
    repeat_customers: i64,
    /// Repeat customers per customer (`null` when nobody bought).
    repeat_rate: Option<f64>,
    /// Of those who had bought 90 days before the last day, the share who bought nothing since.
    churn_rate: Option<f64>,
    average_order_value: i64,
    /// Net revenue to the last day per customer to that day.
    lifetime_value: i64,
    orders: i64,
}

impl From<&CustomerTotals> for CustomerTotalsJson {
    fn from(t: &CustomerTotals) -> Self {
        Self {
            customers: t.customers,
            new_customers: t.new_customers,
            repeat_customers: t.returning_customers,
            repeat_rate: t.repeat_rate,
            churn_rate: t.churn_rate,
            average_order_value: t.average_order_value,
            lifetime_value: t.lifetime_value,
            orders: t.orders,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CustomerPointJson {
    period: String,
    new_customers: i64,
    returning_customers: i64,
}

/// A month's new customers and how many of them bought in each month since.
#[derive(Serialize, ToSchema)]
pub struct CohortJson {
    /// `YYYY-MM`.
    month: String,
    customers: i64,
    /// Customers of the cohort who bought in its month, the month after, …
    active: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SegmentJson {
    /// From the beauty profile; '' when not given.
    skin_type: String,
    customers: i64,
    new_customers: i64,
    orders: i64,
    revenue: i64,
}

#[derive(Serialize, ToSchema)]
pub struct PreviousCustomersJson {
    start_date: String,
    end_date: String,
    #[serde(flatten)]
    totals: CustomerTotalsJson,
}

#[derive(Serialize, ToSchema)]
pub struct CustomersJson {
    #[serde(flatten)]
    totals: CustomerTotalsJson,
    currency: String,
    time_zone: String,
    start_date: String,
    end_date: String,
    group_by: String,
    seller_id: Option<String>,
    series: Vec<CustomerPointJson>,
    /// The twelve monthly cohorts up to the last day's month.
    cohorts: Vec<CohortJson>,
    segments: Vec<SegmentJson>,
    previous: PreviousCustomersJson,
}

impl From<CustomersReport> for CustomersJson {
    fn from(r: CustomersReport) -> Self {
        Self {
            totals: (&r.totals).into(),
            currency: r.currency,
            time_zone: r.time_zone,
            start_date: r.period.start,
            end_date: r.period.end,
            group_by: r.group,
            seller_id: r.shop.map(|s| s.id),
            series: r
                .series
                .into_iter()
                .map(|p| CustomerPointJson {
                    period: p.period,
                    new_customers: p.new_customers,
                    returning_customers: p.returning_customers,
                })
                .collect(),
            cohorts: r
                .cohorts
                .into_iter()
                .map(|c| CohortJson { month: c.month, customers: c.customers, active: c.active })
                .collect(),
            segments: r
                .segments
                .into_iter()
                .map(|s| SegmentJson {
                    skin_type: s.skin_type,
                    customers: s.customers,
                    new_customers: s.new_customers,
                    orders: s.orders,
                    revenue: s.revenue,
                })
                .collect(),
            previous: PreviousCustomersJson {
                start_date: r.previous_period.start,
                end_date: r.previous_period.end,
                totals: (&r.previous).into(),
            },
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/analytics/customers", tag = "analytics", params(SalesParams),
    responses(
        (status = 200, description = "New and repeat customers, churn, lifetime value, cohorts", body = CustomersJson),
        (status = 400, description = "A date or grouping that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
        (status = 404, description = "No such shop", body = ErrorBody),
    )
)]
pub async fn customers(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
) -> Result<Json<CustomersJson>, AppError> {
    Ok(Json(report(&state, &viewer, &p).await?.into()))
}

async fn report(state: &AppState, viewer: &Viewer, p: &SalesParams) -> Result<CustomersReport, AppError> {
    let (q, seller) = p.query();
    let (mut c, r, shop) =
        service::prepare(&state.db, viewer, crate::accounts::areas::Area::Analytics, &q, seller)
            .await
            .map_err(renamed)?;
    service::customers::report(&mut c, &r, shop, &state.shop().currency).await
}

#[utoipa::path(
    get, path = "/api/v1/analytics/customers/export", tag = "analytics", params(SalesParams, ExportParams),
    responses(
        (status = 200, description = "`series`, `cohorts` or `segments` as text/csv (formula-like text neutralised) or application/json"),
        (status = 400, description = "An unknown table or format, or dates that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
    Query(e): Query<ExportParams>,
) -> Result<axum::response::Response, AppError> {
    let r = report(&state, &viewer, &p).await?;
    let rows = crate::analytics::export::views::customers(&r, &e.table)?;
    crate::analytics::export::file(
        rows,
        &e.format,
        &format!("customers-{}-{}-{}", e.table, r.period.start, r.period.end),
    )
}
