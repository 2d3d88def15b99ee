//! Server functions for proving and changing an email address: the
//! `/verify-email` page's button, "send the link again" and the change form
//! on `/account`. Plain form posts with JavaScript off.

use leptos::prelude::*;

use crate::error::AppError;

/// `/verify-email?token=…`: the address is proved.
#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let device = crate::server::auth::current_device().await;
    super::verification::verify(&state.db, &token, &device).await?;
    leptos_axum::redirect("/verify-email?done=1");
    Ok(())
}

#[server(endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::verification::resend(&state.db, &viewer).await?;
    leptos_axum::redirect("/account?saved=verification_sent");
    Ok(())
}

#[server(endpoint = "change_email")]
pub async fn change_email(
    email: String,
    password: String,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    super::verification::request_change(
        &state.db,
        &state.passwords,
        &viewer,
        &email,
        &password,
        &code,
        &device,
    )
    .await?;
    leptos_axum::redirect("/account?saved=email_change_sent");
    Ok(())
}
