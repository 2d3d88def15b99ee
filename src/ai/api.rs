//! Server functions of the semantic features.

use leptos::prelude::*;

use super::AiOverview;
use crate::error::AppError;

/// The model, the product vectors' progress and Gemini (administrators).
#[server(endpoint = "admin_ai")]
pub async fn get_ai_overview() -> Result<AiOverview, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let (active, embedded) = super::db::coverage(&mut state.db.conn().await?).await?;
    let ai = &state.settings.ai;
    Ok(AiOverview {
        semantic: state.semantic.status(active, embedded),
        model_dir: ai.model_dir.clone(),
        gemini: ai.gemini_api_key.is_some(),
        gemini_model: ai.gemini_model.clone(),
    })
}
