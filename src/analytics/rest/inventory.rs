//! `GET /api/v1/analytics/inventory`: stock value at cost and at price, low
//! stock with days of cover, best sellers, products with no sale in 90 days.

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ExportParams, SalesParams, TopProductJson, renamed};
use crate::accounts::Viewer;
use crate::analytics::inventory::{InventoryReport, StockRow};
use crate::analytics::service;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct StockRowJson {
    product_id: String,
    name: String,
    seller_name: String,
    stock: i64,
    low_stock_threshold: i64,
    /// Units sold (net of refunds) in the last 30 days.
    units_sold_30_days: i64,
    /// Days the stock lasts at that pace; `null` when nothing sold.
    days_of_cover: Option<i64>,
    stock_value_at_price: i64,
}

impl From<StockRow> for StockRowJson {
    fn from(r: StockRow) -> Self {
        Self {
            product_id: r.product_id,
            name: r.title,
            seller_name: r.shop_name,
            stock: r.stock,
            low_stock_threshold: r.threshold,
            units_sold_30_days: r.sold_30_days,
            days_of_cover: r.days_of_cover,
            stock_value_at_price: r.value_at_price,
        }
    }
}

/// The stock of every product not archived (money in minor units).
#[derive(Serialize, ToSchema)]
pub struct InventoryJson {
    currency: String,
    seller_id: Option<String>,
    products: i64,
    units_in_stock: i64,
    /// Units × cost, over products with a cost.
    stock_value_at_cost: i64,
    stock_value_at_price: i64,
    /// Products without a cost, left out of the value at cost.
    products_without_cost: i64,
    low_stock_count: i64,
    out_of_stock_count: i64,
    /// The shop's threshold for products without their own.
    default_low_stock_threshold: i64,
    low_stock: Vec<StockRowJson>,
    /// In stock and listed over 90 days ago, with no sale in the last 90 days.
    no_sales_90_days: Vec<StockRowJson>,
    /// Best sellers of `start_date`..`end_date`.
    best_sellers: Vec<TopProductJson>,
    start_date: String,
    end_date: String,
}

impl From<InventoryReport> for InventoryJson {
    fn from(r: InventoryReport) -> Self {
        let t = r.totals;
        Self {
            currency: r.currency,
            seller_id: r.shop.map(|s| s.id),
            products: t.products,
            units_in_stock: t.units,
            stock_value_at_cost: t.value_at_cost,
            stock_value_at_price: t.value_at_price,
            products_without_cost: t.without_cost,
            low_stock_count: t.low_stock,
            out_of_stock_count: t.out_of_stock,
            default_low_stock_threshold: r.default_threshold,
            low_stock: r.low_stock.into_iter().map(Into::into).collect(),
            no_sales_90_days: r.no_sales.into_iter().map(Into::into).collect(),
            best_sellers: r.best_sellers.into_iter().map(Into::into).collect(),
            start_date: r.period.start,
            end_date: r.period.end,
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/analytics/inventory", tag = "analytics", params(SalesParams),
    responses(
        (status = 200, description = "Stock value, low stock, best sellers, products not selling", body = InventoryJson),
        (status = 400, description = "A date that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, or a seller naming another shop", body = ErrorBody),
        (status = 404, description = "No such shop", body = ErrorBody),
    )
)]
pub async fn inventory(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<SalesParams>,
) -> Result<Json<InventoryJson>, AppError> {
    Ok(Json(report(&state, &viewer, &p).await?.into()))
}

async fn report(state: &AppState, viewer: &Viewer, p: &SalesParams) -> Result<InventoryReport, AppError> {
    let (q, seller) = p.query();
    let (mut c, r, shop) =
        service::prepare(&state.db, viewer, crate::accounts::areas::Area::Analytics, &q, seller)
            .await
            .map_err(renamed)?;
    let s = state.shop();
    service::inventory::report(&mut c, &r, shop, &s.currency, s.low_stock).await
}

#[utoipa::path(
    get, path = "/api/v1/analytics/inventory/export", tag = "analytics", params(SalesParams, ExportParams),
    responses(
        (status = 200, description = "`low_stock`, `no_sales` or `best_sellers` as text/csv or application/json"),
        (status = 400, description = "An unknown table or format", body = ErrorBody),
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
    let rows = crate::analytics::export::views::inventory(&r, &e.table)?;
    crate::analytics::export::file(rows, &e.format, &format!("inventory-{}", e.table))
}
