//! The cart: one per signed-in person, one per visitor (its id kept in the
//! visitor's session), merged into the person's at sign-in. A line is one
//! variant; quantities are checked against stock and `MAX_PER_LINE` when
//! they change, and stock is shown again on every view (it may have sold
//! since). Types here are shared by the server and the browser.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod owner;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// Where a cart line was added from, when not the storefront.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From<'a> {
    /// "Buy now" on a live stream (its id).
    Stream(&'a str),
    /// The shopping assistant's answer.
    Assistant,
}

use crate::catalog::{Image, Money};

/// At most this many of one item in one order.
pub const MAX_PER_LINE: i64 = 10;
/// At most this many different items in a cart.
pub const MAX_LINES: i64 = 50;

/// One line as the shopper sees it, priced now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    pub id: String,
    pub product_id: String,
    pub variant_id: String,
    pub slug: String,
    pub title: String,
    /// "Default" for products without options.
    pub variant_title: String,
    pub shop_id: String,
    pub shop_name: String,
    pub image: Option<Image>,
    pub quantity: i64,
    pub unit_price: Money,
    pub line_total: Money,
    /// Units in stock now.
    pub stock: i64,
    /// Still on sale (not archived, unpublished or from a closed shop).
    pub available: bool,
}

impl CartLine {
    /// What stops this line from being bought as it is, if anything.
    pub fn problem(&self) -> Option<String> {
        if !self.available {
            Some("No longer available — remove it to check out.".to_owned())
        } else if self.stock == 0 {
            Some("Now sold out.".to_owned())
        } else if self.stock < self.quantity {
            Some(format!("Only {} left — lower the quantity.", self.stock))
        } else {
            None
        }
    }

    /// Worth a word even when nothing is wrong ("only 2 left").
    pub fn low_stock(&self) -> Option<String> {
        (self.available && self.stock >= self.quantity && self.stock <= 3)
            .then(|| format!("Only {} left", self.stock))
    }

    /// The most that may be chosen for this line now.
    pub fn max_quantity(&self) -> i64 {
        self.stock.clamp(1, MAX_PER_LINE)
    }
}

/// A cart, priced now. Lines that cannot be bought count in `count` but
/// not in `subtotal`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub subtotal: Money,
    /// Units over all lines (the header's badge).
    pub count: i64,
}

impl Cart {
    pub fn empty(currency: &str) -> Self {
        Self { lines: Vec::new(), subtotal: Money::new(0, currency), count: 0 }
    }

    /// Every line can be bought as it is.
    pub fn ready(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| l.problem().is_none())
    }
}

/// A quantity from a form or a request body: 1 to `MAX_PER_LINE`.
pub fn check_quantity(quantity: i64) -> Result<i64, crate::error::AppError> {
    if (1..=MAX_PER_LINE).contains(&quantity) {
        Ok(quantity)
    } else {
        Err(crate::error::AppError::field("quantity", format!("Choose 1 to {MAX_PER_LINE}.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: i64, stock: i64, available: bool) -> CartLine {
        CartLine {
            id: "l".into(),
            product_id: "p".into(),
            variant_id: "v".into(),
            slug: "s".into(),
            title: "Rose".into(),
            variant_title: "Default".into(),
            shop_id: "shop".into(),
            shop_name: "Shop".into(),
            image: None,
            quantity,
            unit_price: Money::new(100, "USD"),
            line_total: Money::new(100 * quantity, "USD"),
            stock,
            available,
        }
    }

    #[test]
    fn problems_name_what_to_do() {
        assert_eq!(line(1, 5, true).problem(), None);
        assert_eq!(line(3, 2, true).problem().unwrap(), "Only 2 left — lower the quantity.");
        assert_eq!(line(1, 0, true).problem().unwrap(), "Now sold out.");
        assert!(line(1, 5, false).problem().unwrap().starts_with("No longer available"));
        assert_eq!(line(2, 3, true).low_stock().unwrap(), "Only 3 left");
        assert_eq!(line(2, 30, true).low_stock(), None);
        assert_eq!(line(2, 30, true).max_quantity(), MAX_PER_LINE);
        assert_eq!(line(2, 0, true).max_quantity(), 1);
    }

    #[test]
    fn quantities_are_bounded() {
        assert!(check_quantity(0).is_err());
        assert!(check_quantity(11).is_err());
        assert_eq!(check_quantity(10).unwrap(), 10);
    }
}
