//! Review server functions: thin — who is asking, then the service.

use leptos::prelude::*;

use super::{Review, ReviewPage};
use crate::error::AppError;

#[server(endpoint = "product_reviews")]
pub async fn get_reviews(product_id: String, sort: String, page: u32) -> Result<ReviewPage, AppError> {
    let state = crate::server::state::current()?;
    let sort = super::ReviewSort::parse(&sort);
    // Shared by every viewer for a moment (emptied by the change feed,
    // which every review, vote and moderation writes to).
    let key = format!("{product_id}|{}|{page}", sort.as_str());
    let shared = state
        .products
        .reviews_or_load(key, || async {
            super::service::shared_page(&mut state.db.conn().await?, &product_id, sort, page).await
        })
        .await?;
    let mut shown = ReviewPage::clone(&shared);
    if let Some(viewer) = crate::server::auth::viewer().await? {
        super::service::add_viewer(&mut state.db.conn().await?, &viewer, &product_id, &mut shown).await?;
    }
    Ok(shown)
}

/// Write or edit the viewer's review of a product (the product page form).
#[server(endpoint = "save_review")]
pub async fn save_review(
    product_id: String,
    back: String,
    rating: Option<i64>,
    title: String,
    comment: String,
) -> Result<Review, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let input = super::ReviewInput::parse(rating, &title, &comment)?;
    let saved =
        state.db.write(async |tx| super::service::save(tx, &viewer, &product_id, input).await).await?;
    leptos_axum::redirect(&format!("{}?reviewed=1#reviews", safe_back(&back)));
    Ok(saved)
}

#[server(endpoint = "helpful_review")]
pub async fn mark_helpful(id: String, back: String) -> Result<Review, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let voted = state.db.write(async |tx| super::service::vote_helpful(tx, &viewer, &id).await).await?;
    leptos_axum::redirect(&format!("{}#review-{id}", safe_back(&back)));
    Ok(voted)
}

/// Hide (with a reason) or show a review again (administrators).
#[server(endpoint = "moderate_review")]
pub async fn moderate_review(id: String, hide: bool, reason: String) -> Result<Review, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_area(crate::accounts::areas::Area::Catalog).await?;
    let device = crate::server::auth::current_device().await;
    let actor = crate::audit::log::Actor::Person(&viewer, &device);
    let done =
        state.db.write(async |tx| super::service::moderate(tx, actor, &id, hide, &reason).await).await?;
    leptos_axum::redirect(&format!("/admin/reviews?done={}", if hide { "hidden" } else { "shown" }));
    Ok(done)
}

#[server(endpoint = "recent_reviews")]
pub async fn get_recent_reviews() -> Result<Vec<(Review, String)>, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_area(crate::accounts::areas::Area::Catalog).await?;
    super::service::recent(&mut state.db.conn().await?).await
}

/// Only a product page of ours to go back to (never another site).
#[cfg(feature = "ssr")]
fn safe_back(back: &str) -> String {
    let ok = back.starts_with("/products/")
        && back.len() <= 200
        && back[1..].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'));
    if ok { back.to_owned() } else { "/products".to_owned() }
}
