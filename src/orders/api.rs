//! Order server functions: the shopper's list and order page, cancelling.

use leptos::prelude::*;

use super::{OrderDetail, OrderSummary};
use crate::error::AppError;

/// The viewer's orders, newest first (`placed`: a checkout just placed,
/// whose orders the page greets).
#[server(endpoint = "my_orders")]
pub async fn get_my_orders(page: u32) -> Result<Vec<OrderSummary>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::mine(&mut state.db.conn().await?, &viewer, page).await
}

#[server(endpoint = "order")]
pub async fn get_order(id: String) -> Result<OrderDetail, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::detail(&mut state.db.conn().await?, &viewer, &id).await
}

/// The shopper cancels an order that has not shipped.
#[server(endpoint = "cancel_order")]
pub async fn cancel_order(id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state.db.write(async |tx| super::service::cancel(tx, &viewer, &id).await).await?;
    leptos_axum::redirect(&format!("/orders/{id}?cancelled=1"));
    Ok(())
}
