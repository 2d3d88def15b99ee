//! Sales analytics for the back office and the studio: daily rollups kept
//! from the changes an order's transaction queues (`ledger`, applied by
//! `queue` and `apply`), rebuilt from the
//! orders when asked (`rebuild`), read by the dashboards and
//! `/api/v1/analytics/…`. Days are the shop's local days
//! (`BAZAAR_TIMEZONE`); money is integer minor units, as in checkout.
//!
//! What counts: an order counts from the moment it is *sold* — its card
//! payment arrived, or it was placed for cash on delivery — on that local
//! day, for its whole total; a cancelled order does not count; refunds are
//! taken off on the day they are made. Products count net of refunded units.

pub mod api;
pub mod customers;
pub mod finance;
pub mod inventory;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod apply;
#[cfg(feature = "ssr")]
pub mod bench;
#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod ledger;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod rebuild;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod zone;

use serde::{Deserialize, Serialize};

/// What a dashboard is asked for, as its range form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeQuery {
    /// `today`, `7d`, `30d` (the default), `90d`, `month`, `year` or `custom`.
    #[serde(default)]
    pub range: String,
    /// `YYYY-MM-DD`, first day (custom).
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, last day (custom).
    #[serde(default)]
    pub to: String,
    /// `day`, `week` or `month`; empty picks one for the range's length.
    #[serde(default)]
    pub group: String,
}

/// The named ranges the form offers, with their labels.
pub const RANGES: [(&str, &str); 7] = [
    ("today", "Today"),
    ("7d", "Last 7 days"),
    ("30d", "Last 30 days"),
    ("90d", "Last 90 days"),
    ("month", "This month"),
    ("year", "This year"),
    ("custom", "Custom"),
];

/// Local days, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: String,
    pub end: String,
}

/// A period's figures (money in minor units).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Sold orders' totals minus refunds made in the period.
    pub revenue: i64,
    pub orders: i64,
    /// Sold orders' totals before refunds.
    pub gross: i64,
    pub refunds: i64,
    pub discounts: i64,
    pub shipping: i64,
    pub tax: i64,
    /// Gross per order, rounded.
    pub average_order_value: i64,
    /// Customers whose first sold order falls in the period.
    pub new_customers: i64,
}

/// One bucket of a series (a day, an ISO week from its Monday, a month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    /// `YYYY-MM-DD` (day, week's Monday) or `YYYY-MM`.
    pub period: String,
    pub revenue: i64,
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopProduct {
    pub product_id: String,
    pub name: String,
    pub revenue: i64,
    pub units: i64,
}

/// The sales figures of a period and of the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesReport {
    pub currency: String,
    pub time_zone: String,
    /// `day`, `week` or `month`.
    pub group: String,
    /// The range as asked (`30d` …), for the form.
    pub range: String,
    pub period: Period,
    pub previous_period: Period,
    pub totals: Totals,
    pub previous: Totals,
    pub series: Vec<Point>,
    /// The previous period bucket by bucket, aligned with `series`.
    pub previous_series: Vec<Point>,
    pub top_products: Vec<TopProduct>,
    /// Orders placed in the period by their status now.
    pub statuses: Vec<(String, i64)>,
    /// Each shop's sales, best first (the marketplace's view; empty for one shop).
    pub by_shop: Vec<ShopSales>,
    /// The one shop these figures are of (a seller's view, or a filter).
    pub shop: Option<ShopRef>,
    /// Line revenue by category, best first.
    pub by_category: Vec<Share>,
    /// Line revenue by channel (`storefront`, `live`, `assistant`).
    pub by_channel: Vec<Share>,
    /// Promo codes used by sold orders, the most used first.
    pub promo_codes: Vec<PromoUse>,
    /// From visits to paid orders (the conversion rate), now and before.
    pub funnel: crate::traffic::Funnel,
    pub previous_funnel: crate::traffic::Funnel,
}

/// Units and line revenue of a category or a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub id: String,
    pub name: String,
    pub units: i64,
    pub revenue: i64,
}

/// A promo code's use by sold orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoUse {
    pub code: String,
    pub orders: i64,
    pub discount: i64,
    /// Those orders' totals.
    pub revenue: i64,
}

/// A channel's name as shown.
pub fn channel_label(channel: &str) -> &'static str {
    match channel {
        "live" => "Live stream",
        "assistant" => "Assistant",
        _ => "Storefront",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSales {
    pub shop_id: String,
    pub name: String,
    pub orders: i64,
    pub revenue: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopRef {
    pub id: String,
    pub name: String,
}

/// ECharts options (JSON) for a sales report's charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    /// Revenue by shop (empty for one shop's view).
    pub by_shop: String,
    pub revenue: String,
    pub orders: String,
    pub top_products: String,
    pub statuses: String,
    pub categories: String,
    pub channels: String,
    /// From a visit to a paid order.
    pub funnel: String,
}

/// What a sales dashboard page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub report: SalesReport,
    pub charts: Charts,
}

/// Change from `before` to `now` in whole percent; `None` when there was
/// nothing before (no percentage of zero).
pub fn delta_percent(now: i64, before: i64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    let change = (now - before) as f64 / before.abs() as f64 * 100.0;
    Some(change.round() as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn deltas_round_and_refuse_a_zero_base() {
        assert_eq!(super::delta_percent(150, 100), Some(50));
        assert_eq!(super::delta_percent(50, 100), Some(-50));
        assert_eq!(super::delta_percent(1, 3), Some(-67));
        assert_eq!(super::delta_percent(10, 0), None);
    }
}
