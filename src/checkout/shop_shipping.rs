//! `/studio/shipping`: a seller sets their own shop's shipping — a flat
//! rate per parcel, free from a subtotal — or goes back to the shop-wide
//! default the back office sets. Only their own shop; plain forms.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the page shows; money in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopShipping {
    pub currency: String,
    pub shop_name: String,
    /// The shop's own rate: (flat, free from); `None`: it uses the default.
    pub own: Option<(i64, Option<i64>)>,
    pub default: (i64, Option<i64>),
}

/// The signed-in seller's shop: (id, name).
#[cfg(feature = "ssr")]
async fn my_shop() -> Result<(crate::server::state::AppState, String, String), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_role(&[crate::accounts::Role::Seller]).await?;
    let shop = crate::sellers::service::mine(&mut state.db.conn().await?, &viewer.id)
        .await?
        .filter(|s| s.status != crate::sellers::ShopStatus::Rejected)
        .ok_or(AppError::Forbidden)?;
    Ok((state, shop.id, shop.shop_name))
}

#[server(endpoint = "shop_shipping")]
pub async fn get_shop_shipping() -> Result<ShopShipping, AppError> {
    let (state, shop_id, shop_name) = my_shop().await?;
    let mut c = state.db.conn().await?;
    let default = super::db::default_shipping(&mut c).await?;
    let own = super::db::own_shipping(&mut c, &shop_id).await?;
    Ok(ShopShipping {
        currency: state.shop().currency.clone(),
        shop_name,
        own: own.map(|r| (r.flat, r.free_over)),
        default: (default.flat, default.free_over),
    })
}

/// Save the shop's own rate, or (`reset`) drop it for the default.
#[server(endpoint = "save_shop_shipping")]
pub async fn save_shop_shipping(
    #[server(default)] flat: String,
    #[server(default)] free_over: String,
    reset: Option<String>,
) -> Result<(), AppError> {
    let (state, shop_id, _) = my_shop().await?;
    match reset {
        Some(_) => state.db.write(async |tx| Ok(super::db::delete_shipping(tx, &shop_id).await?)).await?,
        None => {
            let rate = super::settings::parse_rate(&state.shop().currency, &flat, &free_over)?;
            state.db.write(async |tx| Ok(super::db::set_shipping(tx, &shop_id, rate).await?)).await?
        }
    }
    leptos_axum::redirect("/studio/shipping?saved=1");
    Ok(())
}
