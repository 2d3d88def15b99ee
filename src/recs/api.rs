//! Server functions of the suggestions shown on pages.

use leptos::prelude::*;

use super::Suggestion;
use crate::error::AppError;

/// "Complete your routine" for the viewer's cart (empty cart: nothing).
#[server(endpoint = "cart_routine")]
pub async fn get_routine() -> Result<Vec<Suggestion>, AppError> {
    let state = crate::server::state::current()?;
    let cart = crate::cart::api::get_cart().await?;
    let ids: Vec<String> = cart.lines.iter().map(|l| l.product_id.clone()).collect();
    let viewer = crate::server::auth::viewer().await?;
    let mut out = super::service::routine(&state, viewer.as_ref().map(|v| v.id.as_str()), &ids, 4).await?;
    let mut cards: Vec<crate::catalog::ProductCard> = out.iter().map(|s| s.card.clone()).collect();
    crate::wishlist::api::mark_cards(&state, &mut cards).await?;
    for (s, card) in out.iter_mut().zip(cards) {
        s.card = card;
    }
    Ok(out)
}
