//! Server functions behind `/admin/settings`: administrators only. Each
//! form posts and comes back to the page (`?saved=…`) with JavaScript off.

use leptos::prelude::*;

use super::{Check, SettingsView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn admin() -> Result<(crate::server::state::AppState, crate::accounts::Viewer), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    Ok((state, admin))
}

#[server(endpoint = "admin_settings")]
pub async fn get_settings() -> Result<SettingsView, AppError> {
    let (state, _) = admin().await?;
    super::service::view(&state).await
}

#[server(endpoint = "admin_save_store")]
pub async fn save_store(
    name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    let (state, admin) = admin().await?;
    let device = crate::server::auth::current_device().await;
    let form = super::service::StoreForm { name, email, phone, address };
    super::service::save_store(&state, &admin, &device, &form).await?;
    leptos_axum::redirect("/admin/settings?saved=store");
    Ok(())
}

#[server(endpoint = "admin_save_shop")]
pub async fn save_shop(
    time_zone: String,
    currency: String,
    low_stock: String,
    commission: String,
) -> Result<(), AppError> {
    let (state, admin) = admin().await?;
    let device = crate::server::auth::current_device().await;
    let form = super::service::ShopForm { time_zone, currency, low_stock, commission };
    super::service::save_shop(&state, &admin, &device, &form).await?;
    leptos_axum::redirect("/admin/settings?saved=shop");
    Ok(())
}

#[server(endpoint = "admin_remove_logo")]
pub async fn remove_logo() -> Result<(), AppError> {
    let (state, admin) = admin().await?;
    let device = crate::server::auth::current_device().await;
    super::service::set_logo(&state, &admin, &device, None).await?;
    leptos_axum::redirect("/admin/settings?saved=logo_removed");
    Ok(())
}

/// The checkbox: present is on, absent is off.
#[server(endpoint = "admin_save_staff_rule")]
pub async fn save_staff_rule(#[server(default)] required: Option<String>) -> Result<(), AppError> {
    let (state, admin) = admin().await?;
    let device = crate::server::auth::current_device().await;
    crate::admin::service::set_staff_two_factor(&state.db, &admin, required.is_some(), &device).await?;
    leptos_axum::redirect("/admin/settings?saved=security");
    Ok(())
}

/// Try an integration now (`stripe`, `smtp` or `gemini`).
#[server(endpoint = "admin_test_integration")]
pub async fn test_integration(which: String) -> Result<Check, AppError> {
    let (state, _) = admin().await?;
    let which =
        super::Integration::parse(&which).ok_or_else(|| AppError::field("which", "Unknown integration."))?;
    let check = super::integrations::test(&state, which).await?;
    leptos_axum::redirect(&format!("/admin/settings?tested={}#integrations", which.as_str()));
    Ok(check)
}
