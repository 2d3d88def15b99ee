//! Server functions of `/account/data`: what is held, and deleting the
//! account (a plain form post with JavaScript off). The download itself is
//! the REST route, a plain link.

use leptos::prelude::*;

use super::DataOverview;
use crate::error::AppError;

#[server(endpoint = "get_my_data")]
pub async fn get_my_data() -> Result<DataOverview, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::erase::overview(&mut state.db.conn().await?, &viewer).await
}

/// `confirm` is the "I understand" box: without it nothing happens.
#[server(endpoint = "delete_account")]
pub async fn delete_account(
    password: String,
    #[server(default)] code: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    if confirm != "yes" {
        return Err(AppError::field("confirm", "Tick the box to say you understand this cannot be undone."));
    }
    let device = crate::server::auth::current_device().await;
    super::erase::delete(&state, &viewer, &password, &code, &device).await?;
    let session = crate::server::auth::current_session().await?;
    crate::accounts::session::forget(&session).await?;
    leptos_axum::redirect("/account/data?deleted=1");
    Ok(())
}
