//! `POST /api/v1/orders/checkout` (preview) and `POST /api/v1/orders`
//! (place): thin adapters over the checkout service. Money is in integer
//! minor units. Mounted by `orders::rest::routes`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::service::{self, PlaceRequest, Policy, Request};
use super::{ItemRequest, PaymentMethod, Placed, Quote};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/orders/checkout", axum::routing::post(preview))
}

#[derive(OpenApi)]
#[openapi(paths(preview, place), tags((name = "checkout", description = "Pricing and placing orders")))]
pub struct Api;

#[derive(Deserialize, ToSchema)]
pub struct ItemBody {
    product_id: String,
    variant_id: Option<String>,
    quantity: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct PreviewBody {
    /// Without items, the signed-in person's cart.
    items: Option<Vec<ItemBody>>,
    #[serde(default)]
    shipping_address_id: String,
    promo_code: Option<String>,
}

impl PreviewBody {
    fn request(self) -> Request {
        Request {
            items: self.items.map(|items| {
                items
                    .into_iter()
                    .map(|i| ItemRequest {
                        product_id: i.product_id,
                        variant_id: i.variant_id,
                        quantity: i.quantity,
                    })
                    .collect()
            }),
            address_id: self.shipping_address_id,
            promo_code: self.promo_code,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LineJson {
    product_id: String,
    variant_id: String,
    seller_id: String,
    title: String,
    variant_title: String,
    sku: String,
    unit_price: i64,
    quantity: i64,
    line_total: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ShopJson {
    seller_id: String,
    shop_name: String,
    subtotal: i64,
    shipping: i64,
    tax: i64,
    discount: i64,
    total: i64,
}

/// Integer minor units throughout.
#[derive(Serialize, ToSchema)]
pub struct QuoteJson {
    subtotal: i64,
    shipping: i64,
    tax: i64,
    discount: i64,
    total: i64,
    currency: String,
    lines: Vec<LineJson>,
    /// One order per shop.
    shops: Vec<ShopJson>,
    promo_code: Option<String>,
}

impl From<Quote> for QuoteJson {
    fn from(q: Quote) -> Self {
        let lines = q
            .shops
            .iter()
            .flat_map(|s| {
                s.lines.iter().map(|l| LineJson {
                    product_id: l.product_id.clone(),
                    variant_id: l.variant_id.clone(),
                    seller_id: s.shop_id.clone(),
                    title: l.title.clone(),
                    variant_title: l.variant_title.clone(),
                    sku: l.sku.clone(),
                    unit_price: l.unit_price,
                    quantity: l.quantity,
                    line_total: l.line_total,
                })
            })
            .collect();
        Self {
            subtotal: q.subtotal,
            shipping: q.shipping,
            tax: q.tax,
            discount: q.discount,
            total: q.total,
            currency: q.currency,
            lines,
            shops: q
                .shops
                .into_iter()
                .map(|s| ShopJson {
                    seller_id: s.shop_id,
                    shop_name: s.shop_name,
                    subtotal: s.subtotal,
                    shipping: s.shipping,
                    tax: s.tax,
                    discount: s.discount,
                    total: s.total,
                })
                .collect(),
            promo_code: q.promo.map(|(code, _)| code),
        }
    }
}

async fn cart_of(
    state: &AppState,
    s: &Session,
    viewer: &crate::accounts::Viewer,
) -> Result<Option<String>, AppError> {
    crate::cart::owner::find(&mut state.db.conn().await?, s, Some(viewer)).await
}

#[utoipa::path(
    post, path = "/api/v1/orders/checkout", tag = "checkout", request_body = PreviewBody,
    responses(
        (status = 200, description = "The checkout priced now; nothing is reserved", body = QuoteJson),
        (status = 400, description = "No items, unknown address or a promo code that does not apply", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 409, description = "Not enough in stock", body = ErrorBody),
    )
)]
pub async fn preview(
    State(state): State<AppState>,
    s: Session,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<PreviewBody>,
) -> Result<Json<QuoteJson>, AppError> {
    let cart = cart_of(&state, &s, &viewer).await?;
    let mut c = state.db.conn().await?;
    let quote =
        service::preview(&mut c, &viewer, &body.request(), cart.as_deref(), &state.shop().currency).await?;
    Ok(Json(quote.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct PlaceBody {
    #[serde(flatten)]
    preview: PreviewBody,
    /// `card` or `cash_on_delivery`.
    #[serde(default)]
    payment_method: String,
}

#[derive(Serialize, ToSchema)]
pub struct PlacedOrderJson {
    order_id: String,
    number: String,
    seller_id: String,
    status: String,
    total: i64,
}

#[derive(Serialize, ToSchema)]
pub struct PaymentJson {
    method: String,
    status: String,
    /// For a card: tokenise the card with Stripe.js (`publishable_key`), then
    /// `POST /api/v1/checkouts/{checkout_id}/pay`; the orders become paid
    /// when Stripe's webhook arrives.
    client_secret: Option<String>,
    payment_intent_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PlacedJson {
    checkout_id: String,
    status: String,
    total: i64,
    currency: String,
    orders: Vec<PlacedOrderJson>,
    payment: PaymentJson,
}

impl From<Placed> for PlacedJson {
    fn from(p: Placed) -> Self {
        Self {
            payment: PaymentJson {
                method: p.payment_method,
                status: p.status.clone(),
                client_secret: p.client_secret,
                payment_intent_id: p.payment_intent_id,
            },
            checkout_id: p.checkout_id,
            status: p.status,
            total: p.total,
            currency: p.currency,
            orders: p
                .orders
                .into_iter()
                .map(|o| PlacedOrderJson {
                    order_id: o.order_id,
                    number: o.number,
                    seller_id: o.seller_id,
                    status: o.status,
                    total: o.total,
                })
                .collect(),
        }
    }
}

#[utoipa::path(
    post, path = "/api/v1/orders", tag = "checkout", request_body = PlaceBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first result, never a second order")),
    responses(
        (status = 201, description = "Placed: one order per shop, one payment", body = PlacedJson),
        (status = 200, description = "This key was used before: the first result", body = PlacedJson),
        (status = 400, description = "No items, unknown address, bad payment method or promo", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 409, description = "Out of stock or the promo was used up meanwhile; nothing was placed", body = ErrorBody),
    )
)]
pub async fn place(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Signed(viewer): Signed,
    JsonBody(body): JsonBody<PlaceBody>,
) -> Result<(StatusCode, Json<PlacedJson>), AppError> {
    let key = match headers.get("idempotency-key") {
        Some(v) => v.to_str().map_err(|_| AppError::field("idempotency_key", "Use plain text."))?.to_owned(),
        None => crate::server::new_id(),
    };
    let payment_method = PaymentMethod::parse(&body.payment_method)?;
    let cart = cart_of(&state, &s, &viewer).await?;
    let req = PlaceRequest { request: body.preview.request(), payment_method, key };
    let (placed, new) =
        service::place(&state.db, &viewer, &req, cart.as_deref(), &state.shop().currency, Policy::of(&state))
            .await?;
    let placed = crate::payments::service::after_place(&state.db, state.payments.as_deref(), placed).await;
    let status = if new { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(placed.into())))
}
