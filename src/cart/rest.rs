//! `/api/v1/cart…`: thin adapters over the cart service. Visitors use the
//! session cookie like signed-in people do. Money is in integer minor units.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::{Cart, owner, service};
use crate::accounts::{Viewer, session};
use crate::error::AppError;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/cart", get(show).post(add)).route("/cart/{item_id}", put(update).delete(remove))
}

#[derive(OpenApi)]
#[openapi(paths(show, add, update, remove), tags((name = "cart", description = "The visitor's or signed-in person's cart")))]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct CartItemJson {
    id: String,
    product_id: String,
    variant_id: String,
    title: String,
    variant_title: String,
    quantity: i64,
    /// Minor units (cents).
    unit_price: i64,
    line_total: i64,
    /// Units in stock now.
    stock: i64,
    available: bool,
    /// Why the line cannot be bought as it is ("Only 2 left — …"), if so.
    problem: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CartJson {
    items: Vec<CartItemJson>,
    /// Minor units, over the lines that can be bought.
    subtotal: i64,
    currency: String,
    /// Units over all lines.
    count: i64,
}

impl From<Cart> for CartJson {
    fn from(cart: Cart) -> Self {
        Self {
            subtotal: cart.subtotal.minor,
            currency: cart.subtotal.currency,
            count: cart.count,
            items: cart
                .lines
                .into_iter()
                .map(|l| CartItemJson {
                    problem: l.problem(),
                    id: l.id,
                    product_id: l.product_id,
                    variant_id: l.variant_id,
                    title: l.title,
                    variant_title: l.variant_title,
                    quantity: l.quantity,
                    unit_price: l.unit_price.minor,
                    line_total: l.line_total.minor,
                    stock: l.stock,
                    available: l.available,
                })
                .collect(),
        }
    }
}

async fn viewer(state: &AppState, s: &Session) -> Result<Option<Viewer>, AppError> {
    session::viewer(s, &state.db).await
}

async fn current(state: &AppState, s: &Session, v: Option<&Viewer>) -> Result<CartJson, AppError> {
    let mut c = state.db.conn().await?;
    let id = owner::find(&mut c, s, v).await?;
    Ok(service::view(&mut c, id.as_deref(), &state.shop().currency).await?.into())
}

#[utoipa::path(
    get, path = "/api/v1/cart", tag = "cart",
    responses((status = 200, description = "The cart, priced now (empty when there is none)", body = CartJson))
)]
pub async fn show(State(state): State<AppState>, s: Session) -> Result<Json<CartJson>, AppError> {
    let v = viewer(&state, &s).await?;
    Ok(Json(current(&state, &s, v.as_ref()).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct AddBody {
    #[serde(default)]
    product_id: String,
    /// Needed when the product has options.
    variant_id: Option<String>,
    #[serde(default = "one")]
    quantity: i64,
}

fn one() -> i64 {
    1
}

#[utoipa::path(
    post, path = "/api/v1/cart", tag = "cart", request_body = AddBody,
    responses(
        (status = 201, description = "Added (to the variant's line, when there is one)", body = CartJson),
        (status = 404, description = "No such product on sale", body = ErrorBody),
        (status = 409, description = "Not enough in stock", body = ErrorBody),
        (status = 400, description = "Bad quantity, or an option must be chosen", body = ErrorBody),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    s: Session,
    visit: Option<axum::Extension<crate::traffic::visit::Visit>>,
    JsonBody(body): JsonBody<AddBody>,
) -> Result<(StatusCode, Json<CartJson>), AppError> {
    let v = viewer(&state, &s).await?;
    state
        .db
        .write(async |tx| {
            let cart = owner::find_or_make(tx, &s, v.as_ref()).await?;
            service::add(tx, &cart, &body.product_id, body.variant_id.as_deref(), body.quantity).await
        })
        .await?;
    if let Some(axum::Extension(visit)) = visit {
        state.traffic.cart(&visit, &body.product_id);
    }
    Ok((StatusCode::CREATED, Json(current(&state, &s, v.as_ref()).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateBody {
    /// 0 removes the line.
    quantity: i64,
}

#[utoipa::path(
    put, path = "/api/v1/cart/{item_id}", tag = "cart", request_body = UpdateBody,
    params(("item_id" = String, Path, description = "Cart line id")),
    responses(
        (status = 200, description = "Changed", body = CartJson),
        (status = 404, description = "No such line in this cart", body = ErrorBody),
        (status = 409, description = "Not enough in stock", body = ErrorBody),
        (status = 400, description = "Bad quantity", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    s: Session,
    Path(item_id): Path<String>,
    JsonBody(body): JsonBody<UpdateBody>,
) -> Result<Json<CartJson>, AppError> {
    let v = viewer(&state, &s).await?;
    state
        .db
        .write(async |tx| {
            let cart = owner::find(tx, &s, v.as_ref()).await?;
            service::set_quantity(tx, cart.as_deref(), &item_id, body.quantity).await
        })
        .await?;
    Ok(Json(current(&state, &s, v.as_ref()).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/cart/{item_id}", tag = "cart",
    params(("item_id" = String, Path, description = "Cart line id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such line in this cart", body = ErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    s: Session,
    Path(item_id): Path<String>,
) -> Result<StatusCode, AppError> {
    let v = viewer(&state, &s).await?;
    state
        .db
        .write(async |tx| {
            let cart = owner::find(tx, &s, v.as_ref()).await?;
            service::remove(tx, cart.as_deref(), &item_id).await
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
