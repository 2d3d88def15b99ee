//! `GET /api/v1/financial/reports?month&year`: a month's revenue, expenses
//! and profit, by product and category, and (the marketplace's view) what
//! each shop is owed.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ExportParams;
use crate::accounts::Viewer;
use crate::analytics::finance::{Breakdown, FinanceReport, Ledger, Payout, Rates};
use crate::analytics::{RangeQuery, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

#[derive(Deserialize, IntoParams)]
pub struct FinanceParams {
    /// 1–12 (with `year`; both absent: this month).
    month: Option<String>,
    /// e.g. 2026.
    year: Option<String>,
    /// One shop (administrators; a seller may name only their own).
    #[serde(default)]
    seller_id: String,
    /// Instead of a month: `YYYY-MM-DD`, first local day (with `end_date`).
    start_date: Option<String>,
    /// `YYYY-MM-DD`, last local day.
    end_date: Option<String>,
}

impl FinanceParams {
    /// The month as a custom range of its days.
    fn query(&self, today: jiff::civil::Date) -> Result<RangeQuery, AppError> {
        if let (Some(from), Some(to)) = (&self.start_date, &self.end_date) {
            let (from, to) = (from.clone(), to.clone());
            return Ok(RangeQuery { range: "custom".into(), from, to, group: "month".into() });
        }
        let (month, year) = match (self.month.as_deref(), self.year.as_deref()) {
            (None, None) => (today.month() as i64, today.year() as i64),
            (m, y) => {
                let month = m.and_then(|m| m.trim().parse::<i64>().ok()).filter(|m| (1..=12).contains(m));
                let year = y.and_then(|y| y.trim().parse::<i64>().ok()).filter(|y| (2000..=2100).contains(y));
                match (month, year) {
                    (Some(m), Some(y)) => (m, y),
                    (None, _) => {
                        return Err(AppError::field("month", "Give the month as 1 to 12, with the year."));
                    }
                    (_, None) => return Err(AppError::field("year", "Give the year, e.g. 2026.")),
                }
            }
        };
        let first = jiff::civil::Date::new(year as i16, month as i8, 1)
            .map_err(|_| AppError::field("month", "No such month."))?;
        Ok(RangeQuery {
            range: "custom".into(),
            from: first.to_string(),
            to: first.last_of_month().to_string(),
            group: "month".into(),
        })
    }
}

/// Money of the month, in minor units.
#[derive(Serialize, ToSchema)]
pub struct LedgerJson {
    /// What customers paid, less refunds and tax.
    revenue: i64,
    /// Card fees and the cost of goods sold.
    expenses: i64,
    profit: i64,
    orders: i64,
    gross_sales: i64,
    discounts: i64,
    shipping: i64,
    tax: i64,
    refunds: i64,
    payment_fees: i64,
    cost_of_goods: i64,
    commission: i64,
}

impl From<Ledger> for LedgerJson {
    fn from(l: Ledger) -> Self {
        Self {
            revenue: l.revenue,
            expenses: l.expenses,
            profit: l.profit,
            orders: l.orders,
            gross_sales: l.gross_sales,
            discounts: l.discounts,
            shipping: l.shipping,
            tax: l.tax,
            refunds: l.refunds,
            payment_fees: l.payment_fees,
            cost_of_goods: l.cost_of_goods,
            commission: l.commission,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BreakdownJson {
    id: String,
    name: String,
    units: i64,
    revenue: i64,
    cost: i64,
    profit: i64,
}

impl From<Breakdown> for BreakdownJson {
    fn from(b: Breakdown) -> Self {
        Self { id: b.id, name: b.name, units: b.units, revenue: b.revenue, cost: b.cost, profit: b.profit }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PayoutJson {
    seller_id: String,
    name: String,
    revenue: i64,
    commission: i64,
    payment_fees: i64,
    owed: i64,
}

impl From<Payout> for PayoutJson {
    fn from(p: Payout) -> Self {
        Self {
            seller_id: p.seller_id,
            name: p.name,
            revenue: p.revenue,
            commission: p.commission,
            payment_fees: p.payment_fees,
            owed: p.owed,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FinanceJson {
    #[serde(flatten)]
    totals: LedgerJson,
    currency: String,
    start_date: String,
    end_date: String,
    seller_id: Option<String>,
    commission_bps: i64,
    card_fee_bps: i64,
    card_fee_fixed: i64,
    product_breakdown: Vec<BreakdownJson>,
    category_breakdown: Vec<BreakdownJson>,
    /// What each shop is owed (all shops only).
    payouts: Vec<PayoutJson>,
}

impl From<FinanceReport> for FinanceJson {
    fn from(r: FinanceReport) -> Self {
        Self {
            totals: r.totals.into(),
            currency: r.currency,
            start_date: r.period.start,
            end_date: r.period.end,
            seller_id: r.shop.map(|s| s.id),
            commission_bps: r.commission_bps,
            card_fee_bps: r.card_fee_bps,
            card_fee_fixed: r.card_fee_fixed,
            product_breakdown: r.products.into_iter().map(Into::into).collect(),
            category_breakdown: r.categories.into_iter().map(Into::into).collect(),
            payouts: r.payouts.into_iter().map(Into::into).collect(),
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/financial/reports", tag = "analytics", params(FinanceParams),
    responses(
        (status = 200, description = "The month's revenue, expenses, profit and breakdowns", body = FinanceJson),
        (status = 400, description = "A month or year that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, staff without finance, or a seller naming another shop", body = ErrorBody),
        (status = 404, description = "No such shop", body = ErrorBody),
    )
)]
pub async fn reports(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<FinanceParams>,
) -> Result<Json<FinanceJson>, AppError> {
    Ok(Json(report(&state, &viewer, &p).await?.into()))
}

#[utoipa::path(
    get, path = "/api/v1/financial/reports/export", tag = "analytics", params(FinanceParams, ExportParams),
    responses(
        (status = 200, description = "`months`, `categories`, `products` or `payouts` as text/csv or application/json"),
        (status = 400, description = "An unknown table or format, or a month that cannot be read", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A customer, staff without finance, or a seller naming another shop", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<FinanceParams>,
    Query(e): Query<ExportParams>,
) -> Result<axum::response::Response, AppError> {
    let r = report(&state, &viewer, &p).await?;
    let rows = crate::analytics::export::views::finance(&r, &e.table)?;
    crate::analytics::export::file(rows, &e.format, &format!("finance-{}-{}", e.table, r.period.start))
}

async fn report(state: &AppState, viewer: &Viewer, p: &FinanceParams) -> Result<FinanceReport, AppError> {
    let settings = state.shop();
    service::finance::may_read(viewer)?;
    let today = crate::analytics::ledger::zone(&mut state.db.conn().await?).await?.today();
    let q = p.query(today)?;
    let seller = Some(p.seller_id.as_str()).filter(|s| !s.is_empty());
    let (mut c, r, shop) =
        service::prepare(&state.db, viewer, crate::accounts::areas::Area::Finance, &q, seller)
            .await
            .map_err(super::renamed)?;
    service::finance::report(&mut c, &r, shop, &settings.currency, Rates::of(&settings)).await
}
