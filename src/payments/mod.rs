//! Card payments and refunds. A card checkout gets one Stripe PaymentIntent;
//! the browser tokenises the card with Stripe.js and the server confirms
//! the intent with it — but only Stripe's word makes an order paid: the
//! signed webhook (`POST /api/v1/payments/webhook`, each event once) or,
//! when a webhook was lost, the reconciler asking Stripe. Refunds are
//! written with the order's changes in one transaction, then sent to Stripe
//! under their own id as idempotency key until Stripe answers.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod gateway;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod refunds;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod webhook;

use serde::{Deserialize, Serialize};

/// What the card form learns after the server confirmed the payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayOutcome {
    /// Stripe's state of the intent: `succeeded`, `processing`, `requires_action`…
    pub status: String,
    /// For `requires_action`: what Stripe.js needs to run 3-D Secure.
    pub client_secret: Option<String>,
}

/// What the card form on an order page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardForm {
    pub checkout_id: String,
    pub publishable_key: String,
    pub js_url: String,
    /// "Pay $42.00", for the button.
    pub amount: String,
    /// The orders this payment covers (one per shop).
    pub order_numbers: Vec<String>,
}

/// One line to refund, and how many of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundLine {
    pub line_id: String,
    pub quantity: i64,
}

/// A refund as the order page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundView {
    pub id: String,
    pub amount_minor: i64,
    pub method: String,
    /// `pending` (on its way to Stripe), `succeeded`, `failed`.
    pub status: String,
    pub reason: String,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// Whether an order may be refunded now: a card order once Stripe said it
/// is paid, cash on delivery once delivered (before that, cancel it).
pub fn refundable(payment_method: &str, payment_status: &str, status: crate::orders::OrderStatus) -> bool {
    use crate::orders::OrderStatus::*;
    match payment_method {
        "card" => {
            payment_status == "paid"
                && matches!(status, Paid | Processing | Shipped | Delivered | PartiallyRefunded)
        }
        _ => matches!(status, Delivered | PartiallyRefunded),
    }
}

/// A payment method id the browser may send: Stripe ids only.
pub fn valid_payment_method(id: &str) -> bool {
    let prefixed = ["pm_", "card_", "tok_"].iter().any(|p| id.starts_with(p));
    prefixed && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_stripe_ids_are_payment_methods() {
        assert!(super::valid_payment_method("pm_card_visa"));
        assert!(super::valid_payment_method("card_1AbC"));
        assert!(!super::valid_payment_method("pm_card_visa&amount=1"));
        assert!(!super::valid_payment_method("4242424242424242"));
        assert!(!super::valid_payment_method(""));
    }
}
