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
    let mut c = state.db.conn().await?;
    let mut detail = super::service::detail(&mut c, &viewer, &id).await?;
    if detail.order.user_id == viewer.id && detail.order.status() == super::OrderStatus::Pending {
        let checkout = detail.order.checkout_id.clone();
        detail.card =
            crate::payments::service::card_form(&mut c, state.payments.as_deref(), &viewer, &checkout)
                .await?;
    }
    Ok(detail)
}

/// The shopper cancels an order that has not shipped.
#[server(endpoint = "cancel_order")]
pub async fn cancel_order(id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    state.db.write(async |tx| super::service::cancel(tx, &viewer, &device, &id).await).await?;
    leptos_axum::redirect(&format!("/orders/{id}?cancelled=1"));
    Ok(())
}

/// `/studio/orders`: the seller's shop's orders.
#[server(endpoint = "shop_orders")]
pub async fn get_shop_orders(filter: super::OrderFilter) -> Result<Vec<OrderSummary>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::shop_orders(&mut state.db.conn().await?, &viewer, &filter).await
}

/// `/admin/orders`: every order, filtered (staff and administrators).
#[server(endpoint = "admin_orders")]
pub async fn get_admin_orders(filter: super::OrderFilter) -> Result<Vec<OrderSummary>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::all_orders(&mut state.db.conn().await?, &viewer, &filter).await
}

/// Move an order along from the studio or the back office (`back`: the
/// page to return to).
#[server(endpoint = "update_order_status")]
pub async fn update_order_status(
    id: String,
    status: String,
    #[server(default)] carrier: String,
    #[server(default)] tracking_number: String,
    back: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let to =
        super::OrderStatus::parse(&status).ok_or_else(|| AppError::field("status", "Unknown status."))?;
    state
        .db
        .write(async |tx| {
            super::service::set_status(tx, &viewer, &device, &id, to, &carrier, &tracking_number).await
        })
        .await?;
    let back = crate::accounts::api::safe_next(Some(&back));
    leptos_axum::redirect(&format!("{back}?updated=1"));
    Ok(())
}
