//! Back-office server functions. Each checks the role on the server.

use leptos::prelude::*;

use super::Overview;
use crate::error::AppError;

#[server(endpoint = "admin_overview")]
pub async fn get_overview() -> Result<Overview, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    super::service::overview(&state.db).await
}
