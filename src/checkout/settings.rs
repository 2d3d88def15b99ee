//! `/admin/settings/checkout`: the default shipping rate (flat, free from a
//! subtotal) and the tax rates by country and region — the figures
//! `service::quote` reads. Administrators only; plain forms.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the page shows; money in minor units, rates in basis points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutSettings {
    pub currency: String,
    pub flat: i64,
    pub free_over: Option<i64>,
    /// (country, region, basis points); `*` is everywhere else.
    pub taxes: Vec<(String, String, i64)>,
}

#[server(endpoint = "checkout_settings")]
pub async fn get_checkout_settings() -> Result<CheckoutSettings, AppError> {
    let state = crate::server::state::current()?;
    crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let mut c = state.db.conn().await?;
    let shipping = super::db::default_shipping(&mut c).await?;
    Ok(CheckoutSettings {
        currency: state.shop().currency.clone(),
        flat: shipping.flat,
        free_over: shipping.free_over,
        taxes: super::db::tax_rates(&mut c).await?,
    })
}

/// A shipping rate typed in major units ("4.95"); an empty threshold:
/// never free.
#[cfg(feature = "ssr")]
pub fn parse_rate(
    currency: &str,
    flat: &str,
    free_over: &str,
) -> Result<super::pricing::ShippingRate, AppError> {
    use crate::catalog::money::{currency_exponent, parse_major};
    let exp = currency_exponent(currency);
    let amount = |field: &str, text: &str| {
        parse_major(text.trim(), exp)
            .filter(|v| *v <= 100_000_000)
            .ok_or_else(|| AppError::field(field, "Enter an amount like 4.95."))
    };
    let flat = amount("flat", flat)?;
    let free_over = match free_over.trim() {
        "" => None,
        t => Some(amount("free_over", t)?),
    };
    Ok(super::pricing::ShippingRate { flat, free_over })
}

/// The shop-wide default rate (shops without their own use it).
#[server(endpoint = "save_shipping")]
pub async fn save_shipping(flat: String, free_over: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    let rate = parse_rate(&state.shop().currency, &flat, &free_over)?;
    state
        .db
        .write(async |tx| {
            let was = super::db::default_shipping(tx).await?;
            super::db::set_shipping(tx, "*", rate).await?;
            let json = |r: super::pricing::ShippingRate| serde_json::json!({ "flat_minor": r.flat, "free_over_minor": r.free_over });
            let actor = crate::audit::log::Actor::Person(&admin, &device);
            crate::audit::log::setting(tx, actor, "shipping_rate", json(was), json(rate)).await
        })
        .await?;
    leptos_axum::redirect("/admin/settings/checkout?saved=shipping");
    Ok(())
}

/// A country code (`GB`, or `*` for anywhere else), an optional region
/// (`CA`), a percentage with up to two decimals.
#[server(endpoint = "save_tax_rate")]
pub async fn save_tax_rate(
    country: String,
    #[server(default)] region: String,
    rate: String,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    let country = country.trim().to_uppercase();
    let region = region.trim().to_uppercase();
    let mut bad = crate::error::FieldErrors::new();
    if !(country == "*" || (country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()))) {
        bad.insert("country".into(), "Use a two-letter country code like GB, or * for anywhere else.".into());
    }
    if region.len() > 8
        || !region.chars().all(|c| c.is_ascii_alphanumeric())
        || (country == "*" && !region.is_empty())
    {
        bad.insert("region".into(), "Use a short region code like CA, or leave it empty.".into());
    }
    let bp = crate::catalog::money::parse_major(rate.trim(), 2).filter(|bp| *bp <= 10_000);
    if bp.is_none() {
        bad.insert("rate".into(), "Enter a percentage from 0 to 100, like 7.25.".into());
    }
    if !bad.is_empty() {
        return Err(AppError::Validation(bad));
    }
    let bp = bp.unwrap_or_default();
    state
        .db
        .write(async |tx| {
            let was = tax_rate_of(tx, &country, &region).await?;
            super::db::set_tax_rate(tx, &country, &region, bp).await?;
            let (name, actor) =
                (tax_name(&country, &region), crate::audit::log::Actor::Person(&admin, &device));
            let after = serde_json::json!({ "rate_bp": bp });
            crate::audit::log::setting(tx, actor, &name, serde_json::json!({ "rate_bp": was }), after).await
        })
        .await?;
    leptos_axum::redirect("/admin/settings/checkout?saved=tax");
    Ok(())
}

#[server(endpoint = "delete_tax_rate")]
pub async fn delete_tax_rate(country: String, #[server(default)] region: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let admin = crate::server::auth::require_role(&[crate::accounts::Role::Admin]).await?;
    let device = crate::server::auth::current_device().await;
    if country == "*" {
        return Err(AppError::field("country", "The rate for anywhere else stays; set it to 0 instead."));
    }
    let deleted = state
        .db
        .write(async |tx| {
            let was = tax_rate_of(tx, &country, &region).await?;
            if !super::db::delete_tax_rate(tx, &country, &region).await? {
                return Ok(false);
            }
            let (name, actor) =
                (tax_name(&country, &region), crate::audit::log::Actor::Person(&admin, &device));
            let after = serde_json::json!({ "rate_bp": null });
            crate::audit::log::setting(tx, actor, &name, serde_json::json!({ "rate_bp": was }), after)
                .await?;
            Ok(true)
        })
        .await?;
    if !deleted {
        return Err(AppError::NotFound("Tax rate".into()));
    }
    leptos_axum::redirect("/admin/settings/checkout?saved=tax");
    Ok(())
}

/// The audit log's name of a tax rate setting: `tax_rate:GB`, `tax_rate:US-CA`.
#[cfg(feature = "ssr")]
fn tax_name(country: &str, region: &str) -> String {
    if region.is_empty() { format!("tax_rate:{country}") } else { format!("tax_rate:{country}-{region}") }
}

/// The rate stored for exactly this country and region, if any.
#[cfg(feature = "ssr")]
async fn tax_rate_of(
    c: &mut crate::server::db::Conn,
    country: &str,
    region: &str,
) -> crate::error::AppResult<Option<i64>> {
    let rates = super::db::tax_rates(c).await?;
    Ok(rates.into_iter().find(|(k, r, _)| k == country && r == region).map(|(_, _, bp)| bp))
}
