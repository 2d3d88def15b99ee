//! Live-shopping server functions: thin — who is asking, then the service.

use leptos::prelude::*;

use super::StudioShop;
use crate::error::AppError;

/// Sellers see their own shops; staff and administrators see every shop.
#[server(endpoint = "studio_shops")]
pub async fn get_studio_shops() -> Result<Vec<StudioShop>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::studio_shops(&mut state.db.conn().await?, &viewer).await
}
