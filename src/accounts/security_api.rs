//! Server functions of /account/security: the person's sessions, ended one
//! by one or all but this one; two-step sign-in turned on and off; their
//! recent security activity. Plain form posts with JavaScript off.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionInfo;
use super::events::SecurityEvent;
use crate::error::AppError;

/// What /account/security shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityOverview {
    /// Staff whose role waits for two-step sign-in (a back-office rule).
    pub must_enrol: bool,
    pub two_factor: TwoFactorStatus,
    /// Recovery codes made a moment ago: shown until the person says they
    /// saved them, then never again.
    pub fresh_recovery_codes: Vec<String>,
    pub sessions: Vec<SessionInfo>,
    /// The person's newest security events.
    pub activity: Vec<SecurityEvent>,
}

/// Two-step sign-in as the person's security page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    /// A key waiting for its first code.
    pub setup: Option<TwoFactorSetup>,
    pub recovery_codes_left: i64,
}

/// A new key: the QR code to scan, and the same in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    /// Base32, for typing into an app.
    pub secret: String,
    pub otpauth_url: String,
    /// An `<svg>` made on this server.
    pub qr_svg: String,
}

#[server(endpoint = "get_security")]
pub async fn get_security() -> Result<SecurityOverview, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let s = crate::server::auth::current_session().await?;
    let current = super::session::handle(&s).await?;
    let fresh_recovery_codes = super::session::fresh_codes(&s).await?;
    let mut c = state.db.conn().await?;
    let two_factor = super::two_factor::status(&mut c, &viewer).await?;
    let sessions = super::sessions::list(&mut c, &viewer.id, current.as_deref()).await?;
    let activity = super::audit::mine(&mut c, &viewer.id).await?;
    Ok(SecurityOverview {
        must_enrol: viewer.must_enrol,
        two_factor,
        fresh_recovery_codes,
        sessions,
        activity,
    })
}

/// "Turn on": a new key, shown as a QR code until its first code comes.
#[server(endpoint = "start_two_factor")]
pub async fn start_two_factor() -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::two_factor::setup(&state.db, &viewer).await?;
    leptos_axum::redirect("/account/security?saved=setup");
    Ok(())
}

/// The first code: on, and the recovery codes kept in the session for the
/// page to show once.
#[server(endpoint = "enable_two_factor")]
pub async fn enable_two_factor(code: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let codes = super::two_factor::enable(&state.db, &viewer, &code, &device).await?;
    let s = crate::server::auth::current_session().await?;
    super::session::keep_fresh_codes(&s, codes).await?;
    leptos_axum::redirect("/account/security?saved=two_factor_on");
    Ok(())
}

/// "I have saved them": the recovery codes are not shown again.
#[server(endpoint = "dismiss_recovery_codes")]
pub async fn dismiss_recovery_codes() -> Result<(), AppError> {
    crate::server::auth::require_viewer().await?;
    let s = crate::server::auth::current_session().await?;
    super::session::drop_fresh_codes(&s).await?;
    leptos_axum::redirect("/account/security?saved=codes_saved");
    Ok(())
}

#[server(endpoint = "disable_two_factor")]
pub async fn disable_two_factor(password: String, code: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    super::two_factor::disable(&state.db, &state.passwords, &viewer, &password, &code, &device).await?;
    leptos_axum::redirect("/account/security?saved=two_factor_off");
    Ok(())
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
