//! Live-shopping server functions. Each checks the role on the server.

use leptos::prelude::*;

use super::StudioShop;
use crate::error::AppError;

/// Sellers see their own shops; staff and administrators see every shop.
#[server(endpoint = "studio_shops")]
pub async fn get_studio_shops() -> Result<Vec<StudioShop>, AppError> {
    use crate::accounts::Role;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_role(&[Role::Seller, Role::Staff, Role::Admin]).await?;
    let owner = (viewer.role == Role::Seller).then_some(viewer.id.as_str());
    Ok(super::db::studio_shops(state.db.pool(), owner).await?)
}
