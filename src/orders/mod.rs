//! Orders: one per shop in a checkout, with lines kept as bought and a
//! history of every change (who, when, why). The order's state machine
//! lives here so the browser can show which moves are open.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
mod sales;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::catalog::Money;

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Awaiting a card payment.
    Pending,
    Paid,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

impl OrderStatus {
    pub const ALL: [Self; 8] = [
        Self::Pending,
        Self::Paid,
        Self::Processing,
        Self::Shipped,
        Self::Delivered,
        Self::Cancelled,
        Self::Refunded,
        Self::PartiallyRefunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Processing => "processing",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
            Self::PartiallyRefunded => "partially_refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Awaiting payment",
            Self::Paid => "Paid",
            Self::Processing => "Processing",
            Self::Shipped => "Shipped",
            Self::Delivered => "Delivered",
            Self::Cancelled => "Cancelled",
            Self::Refunded => "Refunded",
            Self::PartiallyRefunded => "Partly refunded",
        }
    }

    /// The moves the order's life allows from here (refunds go through
    /// their own path, which also moves money).
    pub fn can_become(self, next: Self) -> bool {
        use OrderStatus::*;
        matches!(
            (self, next),
            (Pending, Paid)
                | (Pending | Paid, Processing)
                | (Processing | Paid, Shipped)
                | (Shipped, Delivered)
                | (Pending | Paid | Processing, Cancelled)
                | (Paid | Processing | Shipped | Delivered | PartiallyRefunded, Refunded | PartiallyRefunded)
        )
    }

    /// Still to be shipped: the shopper may cancel.
    pub fn cancellable(self) -> bool {
        self.can_become(Self::Cancelled)
    }
}

/// What the studio's and the back office's order lists are narrowed by,
/// as the filter form sends it (empty: any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilter {
    #[serde(default)]
    pub status: String,
    /// A shop's slug or id (back office only).
    #[serde(default)]
    pub shop: String,
    /// Part of the customer's name or email (back office only).
    #[serde(default)]
    pub customer: String,
    /// `YYYY-MM-DD`, first day included.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, last day included.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: u32,
}

/// A line as bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderLine {
    pub id: String,
    pub product_id: String,
    pub variant_id: String,
    pub title: String,
    pub variant_title: String,
    pub sku: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub line_total_minor: i64,
    pub refunded_quantity: i64,
}

/// One change in an order's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderEvent {
    pub status: String,
    pub actor: String,
    pub note: String,
    pub created_at: i64,
}

/// An order as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderSummary {
    pub id: String,
    pub number: String,
    pub checkout_id: String,
    pub user_id: String,
    pub shop_id: String,
    pub shop_name: String,
    pub customer_name: String,
    pub customer_email: String,
    pub status: String,
    pub payment_method: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub tax_minor: i64,
    pub discount_minor: i64,
    pub total_minor: i64,
    pub refunded_minor: i64,
    pub item_count: i64,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When it became a sale (card paid, or placed for cash on delivery).
    pub sold_at: Option<i64>,
}

impl OrderSummary {
    pub fn status(&self) -> OrderStatus {
        OrderStatus::parse(&self.status).unwrap_or(OrderStatus::Pending)
    }

    pub fn money(&self, minor: i64) -> Money {
        Money::new(minor, &self.currency)
    }
}

/// Where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ShipTo {
    pub ship_name: String,
    pub ship_phone: String,
    pub ship_line1: String,
    pub ship_line2: String,
    pub ship_city: String,
    pub ship_region: String,
    pub ship_postal_code: String,
    pub ship_country: String,
}

/// An order with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub order: OrderSummary,
    pub ship_to: ShipTo,
    pub lines: Vec<OrderLine>,
    pub events: Vec<OrderEvent>,
    /// The checkout's payment state (pending, paid, due_on_delivery, …).
    pub payment_status: String,
    pub refunds: Vec<crate::payments::RefundView>,
    /// The card form, for the buyer of an unpaid card order.
    pub card: Option<crate::payments::CardForm>,
}

#[cfg(test)]
mod tests {
    use super::OrderStatus::*;
    use super::*;

    #[test]
    fn the_life_of_an_order() {
        assert!(Pending.can_become(Paid));
        assert!(Paid.can_become(Processing));
        assert!(Processing.can_become(Shipped));
        assert!(Shipped.can_become(Delivered));
        assert!(Processing.cancellable());
        assert!(!Shipped.cancellable(), "a parcel on its way is not cancelled");
        assert!(!Paid.can_become(Pending), "a late failure cannot un-pay");
        assert!(!Cancelled.can_become(Paid));
        assert!(!Delivered.can_become(Shipped));
        assert!(!Pending.can_become(Refunded), "nothing was paid to refund");
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
    }
}
