//! `/api/v1/orders…`: the shopper's orders, cancelling, and the status
//! moves of the shop and staff. Placing (`POST /orders`) is the checkout's.

use axum::extract::{Path, Query, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{OrderDetail, OrderStatus, OrderSummary, service};
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orders", get(list).post(crate::checkout::rest::place))
        .route("/orders/{id}", get(show))
        .route("/orders/{id}/cancel", post(cancel))
        .route("/orders/{id}/events", get(super::live::events))
        .route("/orders/{id}/status", put(set_status))
        .merge(crate::checkout::rest::routes())
}

#[derive(OpenApi)]
#[openapi(paths(list, show, cancel, set_status, super::live::events), tags((name = "orders", description = "Orders and their life")))]
pub struct Api;

/// Money in integer minor units.
#[derive(Serialize, ToSchema)]
pub struct OrderJson {
    id: String,
    number: String,
    checkout_id: String,
    seller_id: String,
    shop_name: String,
    status: String,
    payment_method: String,
    currency: String,
    subtotal: i64,
    shipping: i64,
    tax: i64,
    discount: i64,
    total: i64,
    refunded: i64,
    item_count: i64,
    carrier: Option<String>,
    tracking_number: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl From<OrderSummary> for OrderJson {
    fn from(o: OrderSummary) -> Self {
        Self {
            id: o.id,
            number: o.number,
            checkout_id: o.checkout_id,
            seller_id: o.shop_id,
            shop_name: o.shop_name,
            status: o.status,
            payment_method: o.payment_method,
            currency: o.currency,
            subtotal: o.subtotal_minor,
            shipping: o.shipping_minor,
            tax: o.tax_minor,
            discount: o.discount_minor,
            total: o.total_minor,
            refunded: o.refunded_minor,
            item_count: o.item_count,
            carrier: o.carrier,
            tracking_number: o.tracking_number,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderLineJson {
    /// For refunds: `POST /api/v1/orders/{id}/refund` names lines by it.
    id: String,
    product_id: String,
    variant_id: String,
    title: String,
    variant_title: String,
    sku: String,
    unit_price: i64,
    quantity: i64,
    line_total: i64,
    refunded_quantity: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OrderEventJson {
    status: String,
    actor: String,
    note: String,
    created_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OrderDetailJson {
    #[serde(flatten)]
    order: OrderJson,
    payment_status: String,
    lines: Vec<OrderLineJson>,
    events: Vec<OrderEventJson>,
    refunds: Vec<RefundJson>,
}

/// A refund: `pending` while on its way to Stripe, then `succeeded` (or `failed`).
#[derive(Serialize, ToSchema)]
pub struct RefundJson {
    id: String,
    amount: i64,
    method: String,
    status: String,
    reason: String,
    created_at: i64,
}

impl From<OrderDetail> for OrderDetailJson {
    fn from(d: OrderDetail) -> Self {
        Self {
            order: d.order.into(),
            payment_status: d.payment_status,
            refunds: d
                .refunds
                .into_iter()
                .map(|r| RefundJson {
                    id: r.id,
                    amount: r.amount_minor,
                    method: r.method,
                    status: r.status,
                    reason: r.reason,
                    created_at: r.created_at,
                })
                .collect(),
            lines: d
                .lines
                .into_iter()
                .map(|l| OrderLineJson {
                    id: l.id,
                    product_id: l.product_id,
                    variant_id: l.variant_id,
                    title: l.title,
                    variant_title: l.variant_title,
                    sku: l.sku,
                    unit_price: l.unit_price_minor,
                    quantity: l.quantity,
                    line_total: l.line_total_minor,
                    refunded_quantity: l.refunded_quantity,
                })
                .collect(),
            events: d
                .events
                .into_iter()
                .map(|e| OrderEventJson {
                    status: e.status,
                    actor: e.actor,
                    note: e.note,
                    created_at: e.created_at,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderListJson {
    data: Vec<OrderJson>,
    page: u32,
}

#[derive(Deserialize, IntoParams)]
pub struct PageParams {
    page: Option<u32>,
}

#[utoipa::path(
    get, path = "/api/v1/orders", tag = "orders", params(PageParams),
    responses(
        (status = 200, description = "The signed-in person's orders, newest first", body = OrderListJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(params): Query<PageParams>,
) -> Result<Json<OrderListJson>, AppError> {
    let page = params.page.unwrap_or(1).clamp(1, 10_000);
    let orders = service::mine(&mut state.db.conn().await?, &viewer, page).await?;
    Ok(Json(OrderListJson { data: orders.into_iter().map(Into::into).collect(), page }))
}

fn check_id(id: &str) -> Result<(), AppError> {
    if id.len() > 64 { Err(AppError::NotFound("Order".into())) } else { Ok(()) }
}

#[utoipa::path(
    get, path = "/api/v1/orders/{id}", tag = "orders",
    params(("id" = String, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order with its lines and history", body = OrderDetailJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such order, or someone else's", body = ErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Json<OrderDetailJson>, AppError> {
    check_id(&id)?;
    Ok(Json(service::detail(&mut state.db.conn().await?, &viewer, &id).await?.into()))
}

#[utoipa::path(
    post, path = "/api/v1/orders/{id}/cancel", tag = "orders",
    params(("id" = String, Path, description = "Order id")),
    responses(
        (status = 200, description = "Cancelled; its stock is back on sale", body = OrderJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such order of yours", body = ErrorBody),
        (status = 409, description = "Shipped already", body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<Json<OrderJson>, AppError> {
    check_id(&id)?;
    let order = state.db.write(async |tx| service::cancel(tx, &viewer, &device, &id).await).await?;
    Ok(Json(order.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct StatusBody {
    #[serde(default)]
    status: String,
    tracking_number: Option<String>,
    carrier: Option<String>,
}

#[utoipa::path(
    put, path = "/api/v1/orders/{id}/status", tag = "orders", request_body = StatusBody,
    params(("id" = String, Path, description = "Order id")),
    responses(
        (status = 200, description = "Moved", body = OrderJson),
        (status = 400, description = "Unknown status, or shipping without a tracking number", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The buyer may only cancel", body = ErrorBody),
        (status = 404, description = "No such order in the viewer's shop", body = ErrorBody),
        (status = 409, description = "The order's life does not allow that move", body = ErrorBody),
    )
)]
pub async fn set_status(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<StatusBody>,
) -> Result<Json<OrderJson>, AppError> {
    check_id(&id)?;
    let to = OrderStatus::parse(&body.status).ok_or_else(|| AppError::field("status", "Unknown status."))?;
    let (carrier, tracking) = (body.carrier.unwrap_or_default(), body.tracking_number.unwrap_or_default());
    let order = state
        .db
        .write(async |tx| service::set_status(tx, &viewer, &device, &id, to, &carrier, &tracking).await)
        .await?;
    Ok(Json(order.into()))
}
