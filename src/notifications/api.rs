//! Server functions behind the bell and `/notifications`.

use leptos::prelude::*;

use super::Inbox;
use crate::error::AppError;

/// The viewer's unread count; `None` for visitors and customers (no bell).
#[server(endpoint = "notification_count")]
pub async fn notification_count() -> Result<Option<i64>, AppError> {
    let state = crate::server::state::current()?;
    let Some(viewer) = crate::server::auth::viewer().await? else { return Ok(None) };
    super::service::unread(&mut state.db.conn().await?, &viewer).await
}

#[server(endpoint = "notifications")]
pub async fn get_notifications(unread_only: bool) -> Result<Inbox, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::inbox(&mut state.db.conn().await?, &viewer, unread_only).await
}

/// Mark one read (`id`), or all (`id` empty); back to the list.
#[server(endpoint = "notifications_read")]
pub async fn mark_notifications_read(#[server(default)] id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let ids: Vec<String> = if id.is_empty() { Vec::new() } else { vec![id] };
    super::service::mark_read(&state.db, &viewer, &ids).await?;
    leptos_axum::redirect("/notifications");
    Ok(())
}
