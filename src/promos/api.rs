//! Promo server functions for the back office (administrators only).

use leptos::prelude::*;

use super::Promo;
use crate::error::AppError;

/// The promos and the shop's currency (for labels).
#[server(endpoint = "admin_promos")]
pub async fn get_promos() -> Result<(Vec<Promo>, String), AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let list = super::service::list(&mut state.db.conn().await?).await?;
    Ok((list, state.shop().currency.clone()))
}

pub use create_form::*;

/// One argument per form field, more than clippy likes; the `#[server]`
/// macro copies the list where an outer `allow` cannot reach.
mod create_form {
    #![allow(clippy::too_many_arguments)]

    use leptos::prelude::*;

    use crate::error::AppError;

    /// Create a promo from the back office form. Amounts are in major units
    /// ("5.00"), dates `YYYY-MM-DD` (UTC; the end date is the last valid day).
    #[server(endpoint = "create_promo")]
    pub async fn create_promo(
        code: String,
        kind: String,
        value: String,
        min_subtotal: String,
        starts_on: String,
        ends_on: String,
        usage_limit: String,
        per_customer_limit: String,
        shop: String,
        category: String,
    ) -> Result<(), AppError> {
        let state = crate::server::state::current()?;
        crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
        let form = crate::promos::service::Form {
            code,
            kind,
            value,
            min_subtotal,
            starts_on,
            ends_on,
            usage_limit,
            per_customer_limit,
            shop,
            category,
        };
        let currency = state.shop().currency.clone();
        state
            .db
            .write(async |tx| crate::promos::service::create_from_form(tx, form, &currency).await)
            .await?;
        leptos_axum::redirect("/admin/promos?created=1");
        Ok(())
    }
}

#[server(endpoint = "toggle_promo")]
pub async fn toggle_promo(id: String, active: bool) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    state.db.write(async |tx| super::service::set_active(tx, &id, active).await).await?;
    leptos_axum::redirect("/admin/promos");
    Ok(())
}
