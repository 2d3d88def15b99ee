//! `/api/v1/payments/webhook` (Stripe → us), `/api/v1/checkouts/{id}/pay`
//! (confirm a card checkout with a tokenised card) and
//! `/api/v1/orders/{id}/refund` (staff and administrators).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::refunds::{self, RefundRequest};
use super::{PayOutcome, RefundLine, service};
use crate::error::AppError;
use crate::orders::rest::OrderJson;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/payments/webhook", post(super::webhook::receive))
        .route("/checkouts/{id}/pay", post(pay))
        .route("/orders/{id}/refund", post(refund))
}

#[derive(OpenApi)]
#[openapi(
    paths(pay, refund, super::webhook::receive),
    tags((name = "payments", description = "Card payments (Stripe) and refunds"))
)]
pub struct Api;

fn check_id(id: &str, what: &str) -> Result<(), AppError> {
    if id.len() > 64 { Err(AppError::NotFound(what.into())) } else { Ok(()) }
}

#[derive(Deserialize, ToSchema)]
pub struct PayBody {
    /// What Stripe.js made of the card: `pm_…`, `card_…` or `tok_…`.
    #[serde(default)]
    payment_method: String,
}

#[derive(Serialize, ToSchema)]
pub struct PayJson {
    /// Stripe's state of the payment: `succeeded` (the webhook will mark the
    /// orders paid), `requires_action` (run 3-D Secure with Stripe.js), …
    status: String,
    client_secret: Option<String>,
}

impl From<PayOutcome> for PayJson {
    fn from(o: PayOutcome) -> Self {
        Self { status: o.status, client_secret: o.client_secret }
    }
}

#[utoipa::path(
    post, path = "/api/v1/checkouts/{id}/pay", tag = "payments", request_body = PayBody,
    params(("id" = String, Path, description = "Checkout id (from placing the order)")),
    responses(
        (status = 200, description = "Confirmed with Stripe; the orders become paid when Stripe's webhook says so", body = PayJson),
        (status = 400, description = "Not a Stripe payment method id", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 402, description = "The card was declined (Stripe's message); try another", body = ErrorBody),
        (status = 404, description = "No such checkout of yours", body = ErrorBody),
        (status = 409, description = "Not a card checkout awaiting payment (cancelled, cash on delivery)", body = ErrorBody),
    )
)]
pub async fn pay(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PayBody>,
) -> Result<Json<PayJson>, AppError> {
    check_id(&id, "Checkout")?;
    let outcome =
        service::pay(&state.db, state.payments.as_deref(), &viewer, &id, &body.payment_method).await?;
    Ok(Json(outcome.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct RefundLineBody {
    line_id: String,
    quantity: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct RefundBody {
    /// Lines and quantities to refund; leave out to refund everything not yet refunded.
    lines: Option<Vec<RefundLineBody>>,
    #[serde(default)]
    reason: String,
}

#[utoipa::path(
    post, path = "/api/v1/orders/{id}/refund", tag = "payments", request_body = RefundBody,
    params(("id" = String, Path, description = "Order id")),
    responses(
        (status = 200, description = "Refunded: stock back, status refunded or partially_refunded; a card refund goes to Stripe", body = OrderJson),
        (status = 400, description = "A line not on the order, or more than is left", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Administrators and staff with the orders area only", body = ErrorBody),
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "Not paid yet, or refunded already", body = ErrorBody),
    )
)]
pub async fn refund(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RefundBody>,
) -> Result<Json<OrderJson>, AppError> {
    check_id(&id, "Order")?;
    if body.lines.as_ref().is_some_and(|l| l.len() > 100) {
        return Err(AppError::field("lines", "At most 100 lines."));
    }
    let req = RefundRequest {
        lines: body.lines.map(|lines| {
            lines.into_iter().map(|l| RefundLine { line_id: l.line_id, quantity: l.quantity }).collect()
        }),
        reason: body.reason,
    };
    let order = refunds::refund(&state.db, state.payments.as_deref(), &viewer, &device, &id, &req).await?;
    Ok(Json(order.into()))
}

/// The `Stripe-Signature` header, for the webhook.
pub fn signature(headers: &HeaderMap) -> Option<&str> {
    headers.get("stripe-signature").and_then(|v| v.to_str().ok())
}
