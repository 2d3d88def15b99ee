//! Checkout server functions: the page's data (priced by the same service
//! as the REST preview) and placing the order (a plain form post).

use leptos::prelude::*;

use super::CheckoutView;
use crate::error::AppError;

/// `/checkout`: the cart priced for the chosen address and promo code.
/// Problems (sold out, a refused code) are part of the view, not errors,
/// so the page can show them beside what they concern.
#[server(endpoint = "checkout_view")]
pub async fn get_checkout(
    address_id: Option<String>,
    promo: Option<String>,
) -> Result<CheckoutView, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let session = crate::server::auth::current_session().await?;
    let mut c = state.db.conn().await?;
    let cart = crate::cart::owner::find(&mut c, &session, Some(&viewer)).await?;
    let policy = super::service::Policy::of(&state);
    let choice = super::page::Choice { address_id, promo, cart_id: cart };
    super::page::page(&mut c, &viewer, choice, &state.shop().currency, policy).await
}

/// Place the order from the page. `token` is the page's one-time token: a
/// second submit of the same page returns the first result.
#[server(endpoint = "place_order")]
pub async fn place_order(
    address_id: String,
    payment_method: String,
    promo_code: Option<String>,
    token: String,
) -> Result<String, AppError> {
    use super::service::{self, PlaceRequest, Request};
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let session = crate::server::auth::current_session().await?;
    let cart = crate::cart::owner::find(&mut state.db.conn().await?, &session, Some(&viewer)).await?;
    let req = PlaceRequest {
        request: Request { items: None, address_id, promo_code },
        payment_method: super::PaymentMethod::parse(&payment_method)?,
        key: token,
    };
    let policy = service::Policy::of(&state);
    let (placed, _) =
        service::place(&state.db, &viewer, &req, cart.as_deref(), &state.shop().currency, policy).await?;
    // A card order's page holds the card form (and turns "paid" live).
    let placed = crate::payments::service::after_place(&state.db, state.payments.as_deref(), placed).await;
    match (placed.status.as_str(), placed.orders.first()) {
        ("pending", Some(first)) => leptos_axum::redirect(&format!("/orders/{}?pay=1", first.order_id)),
        _ => leptos_axum::redirect(&format!("/orders?placed={}", placed.checkout_id)),
    }
    Ok(placed.checkout_id)
}
