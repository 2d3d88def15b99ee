//! Sellers server functions: thin — who is asking, then the service.

use leptos::prelude::*;

use super::Application;
use crate::error::AppError;

/// The signed-in person's application or shop (`None`: never applied).
#[server(endpoint = "my_application")]
pub async fn get_my_application() -> Result<Option<Application>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::mine(&mut state.db.conn().await?, &viewer.id).await
}

pub use apply_form::*;

/// The application form has one argument per field, more than clippy
/// likes; the `#[server]` macro copies the list where an outer `allow`
/// cannot reach (as `accounts::api`'s address form).
mod apply_form {
    #![allow(clippy::too_many_arguments)]

    use std::collections::BTreeMap;

    use leptos::prelude::*;

    use super::super::{Application, ReturnAddress};
    use crate::error::AppError;

    /// The `/sell` form. Lists and nested fields arrive as `platforms[]`,
    /// `social_links[instagram]`, `return_address[post_code]`.
    #[server(endpoint = "apply_to_sell")]
    pub async fn apply_to_sell(
        shop_name: String,
        category: String,
        experience_level: String,
        monthly_revenue: String,
        #[server(default)] platforms: Vec<String>,
        #[server(default)] social_links: BTreeMap<String, String>,
        #[server(default)] return_address: ReturnAddress,
        agreed_to_terms: Option<String>,
    ) -> Result<Application, AppError> {
        use super::super::validate::{ApplicationInput, RawApplication};
        let state = crate::server::state::current()?;
        let viewer = crate::server::auth::require_viewer().await?;
        let input = ApplicationInput::parse(RawApplication {
            shop_name,
            category,
            experience_level,
            monthly_revenue,
            platforms,
            social_links,
            return_address,
            agreed_to_terms: agreed_to_terms.is_some(),
        })?;
        let applied =
            state.db.write(async |tx| super::super::service::apply(tx, &viewer.id, input).await).await?;
        leptos_axum::redirect("/sell?sent=1");
        Ok(applied)
    }
}

/// The review queue (administrators).
#[server(endpoint = "seller_applications")]
pub async fn get_applications() -> Result<Vec<Application>, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    super::service::pending(&mut state.db.conn().await?).await
}

#[server(endpoint = "approve_seller")]
pub async fn approve_seller(id: String) -> Result<Application, AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    let by = crate::audit::log::Actor::Person(&admin, &device);
    let done = state.db.write(async |tx| super::service::approve(tx, by, &id).await).await?;
    leptos_axum::redirect("/admin/sellers?reviewed=approved");
    Ok(done)
}

#[server(endpoint = "reject_seller")]
pub async fn reject_seller(id: String, reason: String) -> Result<Application, AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    let by = crate::audit::log::Actor::Person(&admin, &device);
    let done = state.db.write(async |tx| super::service::reject(tx, by, &id, &reason).await).await?;
    leptos_axum::redirect("/admin/sellers?reviewed=rejected");
    Ok(done)
}

/// The follow button: follow or unfollow, then back to the page it was on.
#[server(endpoint = "toggle_follow")]
pub async fn toggle_follow(shop_id: String, back: String) -> Result<bool, AppError> {
    use super::follows;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let now = state
        .db
        .write(async |tx| {
            let follow = !follows::follows(tx, &viewer.id, &shop_id).await?;
            follows::set(tx, &viewer.id, &shop_id, follow).await?;
            Ok(follow)
        })
        .await?;
    leptos_axum::redirect(&crate::accounts::api::safe_next(Some(&back)));
    Ok(now)
}

/// The shops the signed-in person follows.
#[server(endpoint = "following")]
pub async fn get_following() -> Result<Vec<super::follows::FollowedShop>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::follows::list(&mut state.db.conn().await?, &viewer.id).await
}

/// The signed-in seller's shop profile.
#[server(endpoint = "shop_profile")]
pub async fn get_shop_profile() -> Result<super::profile::ShopProfile, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::profile::profile(&mut state.db.conn().await?, &viewer).await
}

/// Save the shop's tagline, description and location.
#[server(endpoint = "save_shop_profile")]
pub async fn save_shop_profile(
    #[server(default)] tagline: String,
    #[server(default)] description: String,
    #[server(default)] location: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state
        .db
        .write(async |tx| super::profile::save(tx, &viewer, &tagline, &description, &location).await)
        .await?;
    leptos_axum::redirect("/studio/shop?saved=profile");
    Ok(())
}
