//! Server functions behind the campaign pages. The editor is one plain
//! form: its buttons save, send a test, send or schedule (and come back
//! with JavaScript off); with JavaScript on, `preview_campaign` redraws
//! the preview and the recipient count as the form changes.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::CampaignInput;
use super::{Campaign, CampaignPage};
use crate::error::AppError;

/// What the editor offers to pick from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    /// (id, name).
    pub categories: Vec<(String, String)>,
    pub shops: Vec<(String, String)>,
    /// Best sellers first: (id, title, price).
    pub products: Vec<(String, String, String)>,
}

/// The editor's page: the campaign (None for a new one), the choices, and
/// its preview and audience size as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub campaign: Option<Campaign>,
    pub choices: Choices,
    pub preview: Option<Preview>,
    /// The shop's time zone, for the schedule field.
    pub zone: String,
    /// The schedule as the field shows it (`YYYY-MM-DDTHH:MM` in `zone`).
    pub schedule_local: String,
}

/// A preview: the sample person's first name, the subject and the HTML,
/// and how many people the audience reaches now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub first_name: String,
    pub subject: String,
    pub html: String,
    pub recipients: i64,
}

#[server(endpoint = "admin_campaigns")]
pub async fn get_campaigns(page: u32) -> Result<CampaignPage, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::list(&mut state.db.conn().await?, &viewer, page, super::PER_PAGE).await
}

#[server(endpoint = "admin_campaign")]
pub async fn get_campaign_editor(id: String) -> Result<Editor, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::ui_service::editor(&state, &viewer, &id).await
}

#[server(endpoint = "admin_campaign_preview")]
pub async fn preview_campaign(
    name: String,
    subject: String,
    template: String,
    #[server(default)] skin_types: Vec<String>,
    #[server(default)] concerns: Vec<String>,
    #[server(default)] category_ids: Vec<String>,
    #[server(default)] seller_ids: Vec<String>,
    #[server(default)] last_order_within_days: String,
    #[server(default)] last_order_before_days: String,
    #[server(default)] follows_seller_id: String,
    #[server(default)] product_ids: Vec<String>,
) -> Result<Preview, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let audience = super::ui_service::audience_of(
        skin_types,
        concerns,
        category_ids,
        seller_ids,
        &last_order_within_days,
        &last_order_before_days,
        follows_seller_id,
    )?;
    let input = CampaignInput {
        name: if name.trim().is_empty() { "Preview".into() } else { name },
        subject,
        template,
        audience_filter: audience,
        product_ids,
        scheduled_time: None,
    };
    super::ui_service::preview(&state, &viewer, input).await
}

/// Save the editor's form, then do what the pressed button says:
/// `save`, `test` (a copy to me), `send` (now) or `schedule`.
#[server(endpoint = "admin_campaign_save")]
pub async fn save_campaign(
    #[server(default)] id: String,
    name: String,
    subject: String,
    template: String,
    #[server(default)] skin_types: Vec<String>,
    #[server(default)] concerns: Vec<String>,
    #[server(default)] category_ids: Vec<String>,
    #[server(default)] seller_ids: Vec<String>,
    #[server(default)] last_order_within_days: String,
    #[server(default)] last_order_before_days: String,
    #[server(default)] follows_seller_id: String,
    #[server(default)] product_ids: Vec<String>,
    #[server(default)] schedule: String,
    intent: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let audience = super::ui_service::audience_of(
        skin_types,
        concerns,
        category_ids,
        seller_ids,
        &last_order_within_days,
        &last_order_before_days,
        follows_seller_id,
    )?;
    let input = CampaignInput {
        name,
        subject,
        template,
        audience_filter: audience,
        product_ids,
        scheduled_time: None,
    };
    let id = super::ui_service::save(&state, &viewer, &device, &id, input, &schedule, &intent).await?;
    leptos_axum::redirect(&format!("/admin/campaigns/{id}?saved={}", crate::catalog::query::encode(&intent)));
    Ok(())
}

/// Pause (`paused` = true) or resume a campaign being sent.
#[server(endpoint = "admin_campaign_pause")]
pub async fn pause_campaign(id: String, paused: bool) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    super::service::pause(&state.db, &viewer, &device, &id, paused).await?;
    leptos_axum::redirect(&format!(
        "/admin/campaigns/{id}?saved={}",
        if paused { "paused" } else { "resumed" }
    ));
    Ok(())
}

/// The unsubscribe page: whose address the link is for (masked).
#[server(endpoint = "unsubscribe_who")]
pub async fn unsubscribe_who(token: String) -> Result<String, AppError> {
    let state = crate::server::state::current()?;
    super::recipient::who(&state.db, &token).await
}

/// The unsubscribe page's button: no more marketing mail (signed out is fine).
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    super::recipient::unsubscribe(&state.db, &token).await?;
    leptos_axum::redirect(&format!("/unsubscribe/{}?done=1", crate::catalog::query::encode(&token)));
    Ok(())
}
