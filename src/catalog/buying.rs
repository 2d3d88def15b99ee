//! The catalog's side of buying: variants read fresh for carts and orders,
//! and units put back. Stock is taken by `service::take_stock`.

use super::db::buying as db;
pub use super::db::buying::VariantLine;
use super::{Image, Money};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};

impl VariantLine {
    pub fn on_sale(&self) -> bool {
        self.on_sale != 0
    }

    pub fn unit_price(&self) -> Money {
        Money::new(self.price_minor, &self.currency)
    }

    /// The product's cover picture.
    pub fn image(&self) -> Option<Image> {
        self.cover_media_id.as_deref().map(|id| Image { url: crate::media::url(id), alt: self.title.clone() })
    }

    /// "Rose Bouquet" or "Rose Bouquet (Large / Red)".
    pub fn full_title(&self) -> String {
        if self.variant_title.is_empty() || self.variant_title == "Default" {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.variant_title)
        }
    }
}

/// These variants, by id (unknown ids are left out).
pub async fn lines(
    c: &mut Conn,
    variant_ids: &[String],
) -> AppResult<std::collections::HashMap<String, VariantLine>> {
    Ok(db::variant_lines(c, variant_ids).await?.into_iter().map(|l| (l.variant_id.clone(), l)).collect())
}

/// The variant a shopper means: the one named (it must belong to the
/// product), or the product's only one. Products not on sale are not found.
pub async fn pick_variant(
    c: &mut Conn,
    product_id: &str,
    variant_id: Option<&str>,
) -> AppResult<VariantLine> {
    let not_found = || AppError::NotFound("Product".into());
    let mut all = db::product_lines(c, product_id).await?;
    all.retain(VariantLine::on_sale);
    match variant_id.filter(|v| !v.is_empty()) {
        Some(id) => all
            .into_iter()
            .find(|l| l.variant_id == id)
            .ok_or_else(|| AppError::field("variant_id", "That option is not sold here.")),
        None if all.len() > 1 => Err(AppError::field("variant_id", "Choose an option first.")),
        None => all.pop().ok_or_else(not_found),
    }
}

/// Put units back for `(variant id, quantity)` lines (a cancelled, expired
/// or refunded order); the products' pages and index hear of it.
pub async fn return_stock(tx: &mut Tx, lines: &[(String, String, i64)]) -> AppResult<()> {
    for (product_id, variant_id, quantity) in lines {
        db::return_stock(tx, variant_id, *quantity).await?;
        tx.notify(super::search::sync::CHANNEL, product_id).await?;
    }
    Ok(())
}

/// Units sold in an order just placed; the products' pages hear of it (their
/// stock changed too).
pub async fn record_sales(tx: &mut Tx, lines: &[(String, i64)]) -> AppResult<()> {
    for (product_id, quantity) in lines {
        db::record_sale(tx, product_id, *quantity).await?;
        tx.notify(super::search::sync::CHANNEL, product_id).await?;
    }
    Ok(())
}
