//! Cart server functions: thin — whose cart, then the service. The forms
//! post here with or without JavaScript.

use leptos::prelude::*;

use super::Cart;
use crate::error::AppError;

/// The viewer's cart (a visitor's or the signed-in person's), priced now.
#[server(endpoint = "cart")]
pub async fn get_cart() -> Result<Cart, AppError> {
    let state = crate::server::state::current()?;
    let (mut c, cart_id) = current_cart(&state).await?;
    super::service::view(&mut c, cart_id.as_deref(), &state.shop().currency).await
}

/// Units in the cart, for the header's badge.
#[server(endpoint = "cart_count")]
pub async fn cart_count() -> Result<i64, AppError> {
    let state = crate::server::state::current()?;
    let (mut c, cart_id) = current_cart(&state).await?;
    super::service::count(&mut c, cart_id.as_deref()).await
}

/// A connection and the id of the viewer's cart, if they have one.
#[cfg(feature = "ssr")]
async fn current_cart(
    state: &crate::server::state::AppState,
) -> Result<(crate::server::db::Conn, Option<String>), AppError> {
    let viewer = crate::server::auth::viewer().await?;
    let session = crate::server::auth::current_session().await?;
    let mut c = state.db.conn().await?;
    let cart_id = super::owner::find(&mut c, &session, viewer.as_ref()).await?;
    Ok((c, cart_id))
}

/// Add to the cart from a product page or a card, then show the cart.
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(
    product_id: String,
    variant: Option<String>,
    quantity: Option<i64>,
    /// `assistant` when added from the shopping assistant's answer.
    channel: Option<String>,
) -> Result<(), AppError> {
    let from = match channel.as_deref() {
        Some("assistant") => Some(super::From::Assistant),
        _ => None,
    };
    add_for_request(&product_id, variant.as_deref(), quantity.unwrap_or(1), from).await?;
    leptos_axum::redirect("/cart?added=1");
    Ok(())
}

/// Into the cart of whoever is asking (a visitor's session cart, or theirs),
/// remembering where it was added from (a live stream, the assistant), if
/// anywhere but the storefront.
#[cfg(feature = "ssr")]
pub async fn add_for_request(
    product_id: &str,
    variant: Option<&str>,
    quantity: i64,
    from: Option<super::From<'_>>,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::viewer().await?;
    let session = crate::server::auth::current_session().await?;
    state
        .db
        .write(async |tx| {
            let cart = super::owner::find_or_make(tx, &session, viewer.as_ref()).await?;
            let line = super::service::add(tx, &cart, product_id, variant, quantity).await?;
            match from {
                Some(super::From::Stream(stream)) => {
                    crate::live::service::attribute_cart_line(tx, &line, stream).await?
                }
                Some(super::From::Assistant) => super::service::set_channel(tx, &line, "assistant").await?,
                None => {}
            }
            Ok(())
        })
        .await?;
    if let Some(visit) = crate::traffic::layer::current_visit() {
        state.traffic.cart(&visit, product_id);
    }
    Ok(())
}

/// "Move to cart" on the wishlist: into the cart, off the wishlist, in one
/// transaction (a sold-out product stays saved).
#[server(endpoint = "move_to_cart")]
pub async fn move_to_cart(product_id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let session = crate::server::auth::current_session().await?;
    state
        .db
        .write(async |tx| {
            let cart = super::owner::find_or_make(tx, &session, Some(&viewer)).await?;
            super::service::add(tx, &cart, &product_id, None, 1).await?;
            crate::wishlist::service::remove(tx, &viewer.id, std::slice::from_ref(&product_id)).await
        })
        .await?;
    if let Some(visit) = crate::traffic::layer::current_visit() {
        state.traffic.cart(&visit, &product_id);
    }
    leptos_axum::redirect("/cart?added=1");
    Ok(())
}

/// Change a line's quantity from `/cart` (0 removes it).
#[server(endpoint = "update_cart_line")]
pub async fn update_cart_line(item_id: String, quantity: i64) -> Result<(), AppError> {
    change(async |tx, cart| super::service::set_quantity(tx, cart, &item_id, quantity).await).await?;
    leptos_axum::redirect("/cart?updated=1");
    Ok(())
}

#[server(endpoint = "remove_cart_line")]
pub async fn remove_cart_line(item_id: String) -> Result<(), AppError> {
    change(async |tx, cart| super::service::remove(tx, cart, &item_id).await).await?;
    leptos_axum::redirect("/cart?removed=1");
    Ok(())
}

/// Run a change on the viewer's existing cart (none: the line is gone).
#[cfg(feature = "ssr")]
async fn change(
    f: impl AsyncFnOnce(&mut crate::server::db::Tx, Option<&str>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::viewer().await?;
    let session = crate::server::auth::current_session().await?;
    state
        .db
        .write(async |tx| {
            let cart = super::owner::find(tx, &session, viewer.as_ref()).await?;
            f(tx, cart.as_deref()).await
        })
        .await
}
