//! Wishlist server functions: thin — who is asking, then the service.

use leptos::prelude::*;

use super::{SharedWishlist, Wishlist};
use crate::error::AppError;

#[server(endpoint = "wishlist")]
pub async fn get_wishlist() -> Result<Wishlist, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::wishlist(&mut state.db.conn().await?, &viewer.id).await
}

/// The heart: save or unsave, then back to the page it was pressed on.
#[server(endpoint = "toggle_wish")]
pub async fn toggle_wish(product_id: String, back: String) -> Result<bool, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let now = state.db.write(async |tx| super::service::toggle(tx, &viewer.id, &product_id).await).await?;
    leptos_axum::redirect(&crate::accounts::api::safe_next(Some(&back)));
    Ok(now)
}

/// Bulk remove (`product_ids[]` from the checkboxes).
#[server(endpoint = "remove_wishes")]
pub async fn remove_wishes(#[server(default)] product_ids: Vec<String>) -> Result<u64, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    if product_ids.is_empty() {
        return Err(AppError::field("product_ids", "Choose the products to remove."));
    }
    let n = state.db.write(async |tx| super::service::remove(tx, &viewer.id, &product_ids).await).await?;
    leptos_axum::redirect(&format!("/wishlist?removed={n}"));
    Ok(n)
}

/// Create a share link, or replace the current one.
#[server(endpoint = "share_wishlist")]
pub async fn share_wishlist() -> Result<String, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let path = state.db.write(async |tx| super::service::share(tx, &viewer.id).await).await?;
    leptos_axum::redirect("/wishlist?shared=1");
    Ok(path)
}

#[server(endpoint = "revoke_wishlist_share")]
pub async fn revoke_wishlist_share() -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state.db.write(async |tx| super::service::revoke(tx, &viewer.id).await).await?;
    leptos_axum::redirect("/wishlist?revoked=1");
    Ok(())
}

#[server(endpoint = "shared_wishlist")]
pub async fn get_shared_wishlist(token: String) -> Result<SharedWishlist, AppError> {
    let state = crate::server::state::current()?;
    super::service::shared(&mut state.db.conn().await?, &token).await
}

/// Fill in the hearts of these cards for the signed-in viewer (no-op for visitors).
#[cfg(feature = "ssr")]
pub async fn mark_cards(
    state: &crate::server::state::AppState,
    cards: &mut [crate::catalog::ProductCard],
) -> Result<(), AppError> {
    if let Some(viewer) = crate::server::auth::viewer().await? {
        super::service::mark(&mut state.db.conn().await?, &viewer.id, cards).await?;
    }
    Ok(())
}
