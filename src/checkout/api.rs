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
    use super::service::{self, Request};
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let session = crate::server::auth::current_session().await?;
    let mut c = state.db.conn().await?;
    let cart = crate::cart::owner::find(&mut c, &session, Some(&viewer)).await?;
    let addresses = crate::accounts::service::addresses(&mut c, &viewer.id).await?;
    let address_id = address_id
        .filter(|id| addresses.iter().any(|a| &a.id == id))
        .or_else(|| addresses.iter().find(|a| a.is_default).or(addresses.first()).map(|a| a.id.clone()));
    let mut view = CheckoutView {
        quote: None,
        problem: None,
        promo_refused: None,
        addresses,
        address_id: address_id.clone(),
        token: crate::server::new_id(),
        card_enabled: service::Policy::of(&state.settings).card_enabled,
    };
    let Some(address_id) = address_id else { return Ok(view) };
    let promo = promo.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    let currency = state.settings.shop.currency.clone();
    let mut req = Request { items: None, address_id, promo_code: promo.clone() };
    let mut priced = service::preview(&mut c, &viewer, &req, cart.as_deref(), &currency).await;
    // A refused code is shown beside the field; the rest is priced without it.
    if let (Err(e), Some(code)) = (&priced, &promo)
        && let Some(why) = e.field_message("promo_code")
    {
        view.promo_refused = Some((code.clone(), why));
        req.promo_code = None;
        priced = service::preview(&mut c, &viewer, &req, cart.as_deref(), &currency).await;
    }
    match priced {
        Ok(quote) => view.quote = Some(quote),
        Err(AppError::Validation(map)) if map.contains_key("items") => {}
        Err(AppError::OutOfStock(why) | AppError::Conflict(why)) => view.problem = Some(why),
        Err(e) => return Err(e),
    }
    Ok(view)
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
    let policy = service::Policy::of(&state.settings);
    let (placed, _) =
        service::place(&state.db, &viewer, &req, cart.as_deref(), &state.settings.shop.currency, policy)
            .await?;
    leptos_axum::redirect(&format!("/orders?placed={}", placed.checkout_id));
    Ok(placed.checkout_id)
}
