//! `/api/v1/analytics/…`: the dashboards' figures as JSON (seed shapes,
//! snake_case, money in minor units). Administrators and staff read any
//! shop or all of them; a seller only their own; customers 403, visitors 401.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{Point, RangeQuery, SalesReport, Totals, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

mod customers;
mod finance;
mod inventory;
mod traffic;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/analytics/sales", get(sales))
        .route("/analytics/customers", get(customers::customers))
        .route("/analytics/customers/export", get(customers::export))
        .route("/analytics/inventory", get(inventory::inventory))
        .route("/analytics/inventory/export", get(inventory::export))
        .route("/financial/reports", get(finance::reports))
        .route("/financial/reports/export", get(finance::export))
        .route("/analytics/sales/export", get(export))
        .route("/analytics/traffic", get(traffic::traffic))
        .route("/analytics/traffic/export", get(traffic::export))
        .route("/analytics/live", get(super::live::events))
}

#[derive(OpenApi)]
#[openapi(paths(sales, export, customers::customers, customers::export, inventory::inventory, inventory::export, finance::reports, finance::export, traffic::traffic, traffic::export, super::live::events), tags((name = "analytics", description = "Sales figures from the daily rollups")))]
pub struct Api;

#[derive(Deserialize, IntoParams)]
pub struct SalesParams {
    /// `YYYY-MM-DD`, first local day (with `end_date`; both absent: the last 30 days).
    #[serde(default)]
    start_date: String,
    /// `YYYY-MM-DD`, last local day, included.
    #[serde(default)]
    end_date: String,
    /// `day`, `week` or `month` (default: by the range's length).
    #[serde(default)]
    group_by: String,
    /// One shop's figures (administrators and staff; a seller may name only their own).
    #[serde(default)]
    seller_id: String,
}

/// A period's totals (minor units).
#[derive(Serialize, ToSchema)]
pub struct TotalsJson {
    total_revenue: i64,
    total_orders: i64,
    average_order_value: i64,
    gross_sales: i64,
    refunds: i64,
    discounts: i64,
    shipping: i64,
    tax: i64,
    new_customers: i64,
    /// Distinct visitors per day, summed over the period (first-party
    /// traffic; robots and Do Not Track are not counted).
    visitors: i64,
    /// Paid orders per visitor; `null` without visitors.
    conversion_rate: Option<f64>,
}

impl TotalsJson {
    fn of(t: &Totals, f: &crate::traffic::Funnel) -> Self {
        Self {
            total_revenue: t.revenue,
            total_orders: t.orders,
            average_order_value: t.average_order_value,
            gross_sales: t.gross,
            refunds: t.refunds,
            discounts: t.discounts,
            shipping: t.shipping,
            tax: t.tax,
            new_customers: t.new_customers,
            visitors: f.visitors,
            conversion_rate: f.conversion_rate(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TopProductJson {
    product_id: String,
    name: String,
    revenue: i64,
    units: i64,
}

impl From<super::TopProduct> for TopProductJson {
    fn from(t: super::TopProduct) -> Self {
        Self { product_id: t.product_id, name: t.name, revenue: t.revenue, units: t.units }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PointJson {
    /// The bucket: `YYYY-MM-DD` (a day, or a week's Monday) or `YYYY-MM`.
    period: String,
    revenue: i64,
    orders: i64,
}

/// A shop's sales in the period (the marketplace's view).
#[derive(Serialize, ToSchema)]
pub struct ShopSalesJson {
    seller_id: String,
    name: String,
    orders: i64,
    revenue: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ShareJson {
    id: String,
    name: String,
    units: i64,
    revenue: i64,
}

impl From<super::Share> for ShareJson {
    fn from(s: super::Share) -> Self {
        Self { id: s.id, name: s.name, units: s.units, revenue: s.revenue }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PromoUseJson {
    code: String,
    orders: i64,
    discount: i64,
    /// The orders' totals.
    revenue: i64,
}

#[derive(Serialize, ToSchema)]
pub struct StatusCountJson {
    status: String,
    orders: i64,
}

/// Sales of a period, with the period just before it for comparison.
#[derive(Serialize, ToSchema)]
pub struct SalesJson {
    #[serde(flatten)]
    totals: TotalsJson,
    currency: String,
    time_zone: String,
    start_date: String,
    end_date: String,
    group_by: String,
    seller_id: Option<String>,
    top_products: Vec<TopProductJson>,
    series: Vec<PointJson>,
    orders_by_status: Vec<StatusCountJson>,
    /// Every shop's sales, best first (all shops only; empty for one shop).
    by_shop: Vec<ShopSalesJson>,
    /// Line revenue (before order discounts) by category, best first.
    by_category: Vec<ShareJson>,
    /// Line revenue by channel: `storefront`, `live` (bought from a live stream), `assistant`.
    by_channel: Vec<ShareJson>,
    /// Promo codes used by the period's sold orders.
    promo_codes: Vec<PromoUseJson>,
    /// The same figures for the as-long period just before.
    previous: PreviousJson,
}

#[derive(Serialize, ToSchema)]
pub struct PreviousJson {
    start_date: String,
    end_date: String,
    #[serde(flatten)]
    totals: TotalsJson,
    series: Vec<PointJson>,
}

fn points(series: &[Point]) -> Vec<PointJson> {
    series
        .iter()
        .map(|p| PointJson { period: p.period.clone(), revenue: p.revenue, orders: p.orders })
        .collect()
}

impl From<SalesReport> for SalesJson {
    fn from(r: SalesReport) -> Self {
        Self {
            totals: TotalsJson::of(&r.totals, &r.funnel),
            currency: r.currency,
            time_zone: r.time_zone,
            start_date: r.period.start,
            end_date: r.period.end,
            group_by: r.group,
            seller_id: r.shop.map(|s| s.id),
            top_products: r.top_products.into_iter().map(Into::into).collect(),
            by_category: r.by_category.into_iter().map(Into::into).collect(),
            by_channel: r.by_channel.into_iter().map(Into::into).collect(),
            promo_codes: r
                .promo_codes
                .into_iter()
                .map(|p| PromoUseJson {
                    code: p.code,
                    orders: p.orders,
                    discount: p.discount,
                    revenue: p.revenue,
                })
                .collect(),
            series: points(&r.series),
            by_shop: r
                .by_shop
                .into_iter()
                .map(|s| ShopSalesJson {
                    seller_id: s.shop_id,
                    name: s.name,
                    orders: s.orders,
                    revenue: s.revenue,
                })
                .collect(),
            orders_by_status: r
                .statuses
                .into_iter()
                .map(|(status, orders)| StatusCountJson { status, orders })
                .collect(),
            previous: PreviousJson {
                start_date: r.previous_period.start,
                end_date: r.previous_period.end,
                totals: TotalsJson::of(&r.previous, &r.previous_funnel),
                series: points(&r.previous_series),
            },
        }
    }
}

/// The form's field names as this API calls them.
fn renamed(e: AppError) -> AppError {
    match e {
        AppError::Validation(map) => AppError::Validation(
            map.into_iter()
                .map(|(k, v)| {
                    let k = match k.as_str() {
                        "from" | "range" => "start_date",
                        "to" => "end_date",
                        "group" => "group_by",
                        other => other,
                    };
                    (k.to_owned(), v)
                })
                .collect(),
        ),
        other => other,
    }
}

impl SalesParams {
    /// The range form's query these parameters mean (no dates: the last 30
    /// days), and the shop named.
    fn query(&self) -> (RangeQuery, Option<&str>) {
        let q = if self.start_date.is_empty() && self.end_date.is_empty() {
            RangeQuery { group: self.group_by.clone(), ..RangeQuery::default() }
        } else {
            RangeQuery {
                range: "custom".into(),
                from: self.start_date.clone(),
                to: self.end_date.clone(),
                group: self.group_by.clone(),
            }
        };
        (q, Some(self.seller_id.as_str()).filter(|s| !s.is_empty()))
    }
}

/// The report the parameters ask for, checked as the dashboards check it.
async fn report_for(
    state: &AppState,
    viewer: &crate::accounts::Viewer,
    p: SalesParams,
) -> Result<SalesReport, AppError> {
    let (q, seller) = p.query();
    service::report(&state.db, viewer, &q, seller, &state.shop().currency).await.map_err(renamed)
}

#[derive(Deserialize, IntoParams)]
pub struct ExportParams {
    /// `series`, `top_products`, `orders_by_status`, `by_shop`, `by_category`, `by_channel` or `promo_codes`.
    #[serde(default)]
    pub(super) table: String,
    /// `csv` (the default) or `json`.
    #[serde(default)]
    pub(super) format: String,
}

#[utoipa::path(
    get, path = "/api/v1/analytics/sales/export", tag = "analytics", params(SalesParams, ExportParams),
    responses(
        (status = 200, description = "The table as a file: text/csv (formula-like text neutralised) or application/json"),
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
    let r = report_for(&state, &viewer, p).await?;
    let rows = super::export::sales::table(&r, &e.table)?;
    super::export::file(rows, &e.format, &format!("sales-{}-{}-{}", e.table, r.period.start, r.period.end))
}

#[utoipa::path(
    get, path = "/api/v1/analytics/sales", tag = "analytics", params(SalesParams),
    responses(
        (status = 200, description = "Revenue (sold orders' totals minus refunds), orders, series and best sellers", body = SalesJson),
        (status = 400, description = "A date or grouping that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
        (status = 404, description = "No such shop", body = ErrorBody),
    )
)]
pub async fn sales(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
) -> Result<Json<SalesJson>, AppError> {
    Ok(Json(report_for(&state, &viewer, p).await?.into()))
}
