//! Server functions of /account/security: the person's sessions, ended one
//! by one or all but this one, and their recent security activity. Plain
//! form posts with JavaScript off.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionInfo;
use super::events::SecurityEvent;
use crate::error::AppError;

/// What /account/security shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityOverview {
    pub sessions: Vec<SessionInfo>,
    /// The person's newest security events.
    pub activity: Vec<SecurityEvent>,
}

#[server(endpoint = "get_security")]
pub async fn get_security() -> Result<SecurityOverview, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let s = crate::server::auth::current_session().await?;
    let current = super::session::handle(&s).await?;
    let mut c = state.db.conn().await?;
    let sessions = super::sessions::list(&mut c, &viewer.id, current.as_deref()).await?;
    let activity = super::audit::mine(&mut c, &viewer.id).await?;
    Ok(SecurityOverview { sessions, activity })
}

/// End one session (this one too: then this browser is signed out).
#[server(endpoint = "revoke_session")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    state.db.write(async |tx| super::sessions::revoke(tx, &viewer.id, &id, &device).await).await?;
    leptos_axum::redirect("/account/security?saved=revoked");
    Ok(())
}

#[server(endpoint = "revoke_other_sessions")]
pub async fn revoke_other_sessions() -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let s = crate::server::auth::current_session().await?;
    let keep = super::session::handle(&s).await?.ok_or(AppError::Unauthorized)?;
    let device = crate::server::auth::current_device().await;
    state.db.write(async |tx| super::sessions::revoke_others(tx, &viewer.id, &keep, &device).await).await?;
    leptos_axum::redirect("/account/security?saved=others");
    Ok(())
}
