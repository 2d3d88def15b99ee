//! What `/checkout` shows: the person's addresses (the chosen, default or
//! first one), the cart priced by `service::quote` for it, and the problems
//! to show beside the fields instead of failing the page.

use super::CheckoutView;
use super::service::{Policy, Request};
use crate::accounts::Viewer;
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;
use crate::server::new_id;

/// What the checkout page was asked for.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// The chosen address (else the default one, else the first).
    pub address_id: Option<String>,
    pub promo: Option<String>,
    pub cart_id: Option<String>,
}

/// `/checkout`: the cart priced for the chosen address and promo code.
/// Problems (sold out, a refused code) are part of the view, not errors,
/// so the page shows them beside what they concern; a refused code is
/// shown and the rest priced without it.
pub async fn page(
    c: &mut Conn,
    viewer: &Viewer,
    choice: Choice,
    currency: &str,
    policy: Policy,
) -> AppResult<CheckoutView> {
    let addresses = crate::accounts::service::addresses(c, &viewer.id).await?;
    let address_id = choice
        .address_id
        .filter(|id| addresses.iter().any(|a| &a.id == id))
        .or_else(|| addresses.iter().find(|a| a.is_default).or(addresses.first()).map(|a| a.id.clone()));
    let mut view = CheckoutView {
        quote: None,
        problem: None,
        promo_refused: None,
        addresses,
        address_id: address_id.clone(),
        token: new_id(),
        card_enabled: policy.card_enabled,
    };
    let Some(address_id) = address_id else { return Ok(view) };
    let promo = choice.promo.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    let cart = choice.cart_id.as_deref();
    let mut req = Request { items: None, address_id, promo_code: promo.clone() };
    let mut priced = super::service::preview(c, viewer, &req, cart, currency).await;
    if let (Err(e), Some(code)) = (&priced, &promo)
        && let Some(why) = e.field_message("promo_code")
    {
        view.promo_refused = Some((code.clone(), why));
        req.promo_code = None;
        priced = super::service::preview(c, viewer, &req, cart, currency).await;
    }
    match priced {
        Ok(quote) => view.quote = Some(quote),
        Err(AppError::Validation(map)) if map.contains_key("items") => {}
        Err(AppError::OutOfStock(why) | AppError::Conflict(why)) => view.problem = Some(why),
        Err(e) => return Err(e),
    }
    Ok(view)
}
