//! Studio server functions: thin — who is asking, then the service.
//! Plain form posts (JavaScript off) land back on the studio's pages.

use leptos::prelude::*;

use super::{Editor, StudioList};
use crate::error::AppError;

/// The signed-in seller's products.
#[server(endpoint = "studio_products")]
pub async fn get_studio_products() -> Result<StudioList, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::list(&mut state.db.conn().await?, &viewer).await
}

/// The editor: a product to edit (`id`), or a blank one.
#[server(endpoint = "product_editor")]
pub async fn get_product_editor(id: Option<String>) -> Result<Editor, AppError> {
    use super::service;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let mut c = state.db.conn().await?;
    let product = match id.as_deref() {
        Some(id) => Some(service::edit(&mut c, &viewer, id).await?),
        None => {
            service::own_shop(&mut c, &viewer).await?;
            None
        }
    };
    drop(c);
    let categories = crate::catalog::service::categories(&state).await?;
    Ok(Editor {
        product,
        categories: service::category_choices(&categories),
        currency: state.shop().currency.clone(),
    })
}

pub use save_form::*;

/// The editor's form has one argument per field group, more than clippy
/// likes; the `#[server]` macro copies the list where an outer `allow`
/// cannot reach.
mod save_form {
    #![allow(clippy::too_many_arguments)]

    use std::collections::BTreeMap;

    use leptos::prelude::*;

    use super::super::RawVariant;
    use crate::error::AppError;

    /// Create (empty `id`) or save a product. `intent`: `draft`, `publish`
    /// or `save` (keep the status). Variant rows arrive as
    /// `variants[0][values]`, attributes as `attributes[colour]`.
    #[server(endpoint = "save_product")]
    pub async fn save_product(
        #[server(default)] id: String,
        #[server(default)] intent: String,
        #[server(default)] title: String,
        #[server(default)] subtitle: String,
        #[server(default)] description: String,
        #[server(default)] price: String,
        #[server(default)] compare_at: String,
        #[server(default)] category_id: String,
        #[server(default)] cost: String,
        #[server(default)] low_stock: String,
        #[server(default)] stock: String,
        #[server(default)] option_names: String,
        #[server(default)] variants: Vec<RawVariant>,
        #[server(default)] attributes: BTreeMap<String, String>,
    ) -> Result<String, AppError> {
        use super::super::{ProductInput, ProductStatus, RawProduct, service};
        let state = crate::server::state::current()?;
        let viewer = crate::server::auth::require_viewer().await?;
        let device = crate::server::auth::current_device().await;
        let by = crate::audit::log::Actor::Person(&viewer, &device);
        let currency = state.shop().currency.clone();
        let raw = RawProduct {
            title,
            subtitle,
            description,
            price,
            compare_at,
            category_id,
            cost,
            low_stock,
            stock,
            option_names,
            variants,
            attributes,
        };
        let input = ProductInput::parse(&raw, &currency)?;
        let id = state
            .db
            .write(async |tx| {
                if id.is_empty() {
                    let status =
                        if intent == "publish" { ProductStatus::Active } else { ProductStatus::Draft };
                    let id = service::create(tx, &viewer, &input, status, &currency).await?;
                    super::super::audit::record(tx, by, &id, serde_json::json!({})).await?;
                    Ok(id)
                } else {
                    let before = super::super::audit::snapshot(tx, &id).await?;
                    service::update(tx, &viewer, &id, &input).await?;
                    match intent.as_str() {
                        "publish" => service::set_status(tx, &viewer, &id, ProductStatus::Active).await?,
                        "draft" => service::set_status(tx, &viewer, &id, ProductStatus::Draft).await?,
                        _ => {}
                    }
                    super::super::audit::record(tx, by, &id, before).await?;
                    Ok(id.clone())
                }
            })
            .await?;
        leptos_axum::redirect(&format!("/studio/products/{id}?saved=1"));
        Ok(id)
    }
}

/// Publish (`active`), unpublish (`draft`) or archive (`archived`).
#[server(endpoint = "set_product_status")]
pub async fn set_product_status(id: String, status: String) -> Result<(), AppError> {
    use super::{ProductStatus, service};
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let status =
        ProductStatus::parse(&status).ok_or_else(|| AppError::field("status", "Choose a status."))?;
    let device = crate::server::auth::current_device().await;
    let by = crate::audit::log::Actor::Person(&viewer, &device);
    state
        .db
        .write(async |tx| {
            let before = super::audit::snapshot(tx, &id).await?;
            service::set_status(tx, &viewer, &id, status).await?;
            super::audit::record(tx, by, &id, before).await
        })
        .await?;
    leptos_axum::redirect(&format!("/studio/products?changed={}", status.as_str()));
    Ok(())
}

/// Delete a product (or archive it when it was ever ordered or reviewed).
#[server(endpoint = "delete_product")]
pub async fn delete_product(id: String) -> Result<bool, AppError> {
    use super::service::{self, Removal};
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let device = crate::server::auth::current_device().await;
    let removal = service::delete(&state, crate::audit::log::Actor::Person(&viewer, &device), &id).await?;
    let archived = removal == Removal::Archived;
    leptos_axum::redirect(if archived {
        "/studio/products?changed=archived"
    } else {
        "/studio/products?changed=deleted"
    });
    Ok(archived)
}

/// Remove one picture from a product.
#[server(endpoint = "remove_product_image")]
pub async fn remove_product_image(id: String, image_id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::pictures::remove_image(&state, &viewer, &id, &image_id).await?;
    leptos_axum::redirect(&format!("/studio/products/{id}?saved=removed#pictures"));
    Ok(())
}
