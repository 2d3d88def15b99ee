//! Checkout: one service function prices a checkout (the page, the REST
//! preview and placing an order all call it), and placing is one
//! transaction — re-price, take stock, count the promo, write the orders
//! (one per shop), their lines and the outbox — or nothing at all.
//! Types here are shared by the server and the browser.

pub mod api;
pub mod pricing;
pub mod settings;
pub mod shop_shipping;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod bench;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod holds;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::accounts::Address;
use crate::catalog::Money;

/// How the shopper pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    CashOnDelivery,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::CashOnDelivery => "cash_on_delivery",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::error::AppError> {
        match s {
            "card" => Ok(Self::Card),
            "cash_on_delivery" => Ok(Self::CashOnDelivery),
            _ => Err(crate::error::AppError::field("payment_method", "Choose card or cash on delivery.")),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Card => "Card",
            Self::CashOnDelivery => "Cash on delivery",
        }
    }
}

/// One item asked for: a product, its variant (or its only one), how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRequest {
    pub product_id: String,
    #[serde(default)]
    pub variant_id: Option<String>,
    pub quantity: i64,
}

/// A line priced from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub product_id: String,
    pub variant_id: String,
    pub slug: String,
    pub title: String,
    pub variant_title: String,
    pub sku: String,
    pub unit_price: i64,
    pub quantity: i64,
    pub line_total: i64,
    /// The promo covers this line.
    pub discounted: bool,
}

/// One shop's part: its own order, parcel and shipping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopQuote {
    pub shop_id: String,
    pub shop_name: String,
    pub lines: Vec<QuoteLine>,
    pub subtotal: i64,
    pub shipping: i64,
    pub tax: i64,
    pub discount: i64,
    pub total: i64,
}

/// The whole checkout, in integer minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub currency: String,
    pub shops: Vec<ShopQuote>,
    pub subtotal: i64,
    pub shipping: i64,
    pub tax: i64,
    pub discount: i64,
    pub total: i64,
    /// The promo applied, as typed (upper-case) and as a label ("10% off").
    pub promo: Option<(String, String)>,
}

impl Quote {
    pub fn money(&self, minor: i64) -> Money {
        Money::new(minor, &self.currency)
    }
}

/// What `/checkout` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutView {
    /// `None` when the cart is empty.
    pub quote: Option<Quote>,
    /// Why the cart cannot be bought as it is (sold out, only N left…).
    pub problem: Option<String>,
    /// The typed promo code that was refused, and why.
    pub promo_refused: Option<(String, String)>,
    pub addresses: Vec<Address>,
    pub address_id: Option<String>,
    /// A fresh one-time token: a repeated submit returns the first result.
    pub token: String,
    /// Card payments are set up (a Stripe key is configured).
    pub card_enabled: bool,
}

/// One order a checkout made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedOrder {
    pub order_id: String,
    pub number: String,
    pub seller_id: String,
    pub status: String,
    pub total: i64,
}

/// The result of placing: the same for a repeated submit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub checkout_id: String,
    /// The payment's state: pending, paid, due_on_delivery, …
    pub status: String,
    pub payment_method: String,
    pub total: i64,
    pub currency: String,
    pub orders: Vec<PlacedOrder>,
    /// For a card payment: what the browser needs to confirm it.
    pub client_secret: Option<String>,
    pub payment_intent_id: Option<String>,
}
