//! What the inventory dashboard shows: what the stock is worth (at cost
//! and at price), what is about to run out (with days of cover from the
//! last 30 days' sales), what sells best, and what has not sold in 90 days.

use serde::{Deserialize, Serialize};

use super::{Period, ShopRef, TopProduct};

/// Products not archived, and their stock (money in minor units).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockTotals {
    pub products: i64,
    pub units: i64,
    /// Units × the product's cost, over products with a cost.
    pub value_at_cost: i64,
    /// Units × the variant's price.
    pub value_at_price: i64,
    /// Products without a cost (left out of the value at cost).
    pub without_cost: i64,
    /// At or under their low-stock threshold (out of stock included).
    pub low_stock: i64,
    pub out_of_stock: i64,
}

/// One product's stock and how fast it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRow {
    pub product_id: String,
    pub title: String,
    pub shop_name: String,
    pub stock: i64,
    pub threshold: i64,
    /// Units sold (net of refunds) in the last 30 days.
    pub sold_30_days: i64,
    /// Days the stock lasts at the last 30 days' pace; `None` when nothing sold.
    pub days_of_cover: Option<i64>,
    /// Stock × price.
    pub value_at_price: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryReport {
    pub currency: String,
    pub time_zone: String,
    pub range: String,
    pub group: String,
    /// The best sellers' period.
    pub period: Period,
    /// The shop's low-stock line (`BAZAAR_LOW_STOCK`) for products without their own.
    pub default_threshold: i64,
    pub totals: StockTotals,
    /// Lowest stock first.
    pub low_stock: Vec<StockRow>,
    /// In stock, listed over 90 days ago, and not sold in the last 90 days;
    /// the most stock value first.
    pub no_sales: Vec<StockRow>,
    pub best_sellers: Vec<TopProduct>,
    pub shop: Option<ShopRef>,
}

/// ECharts options (JSON) for the inventory dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryCharts {
    pub best_sellers: String,
    pub cover: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryDashboard {
    pub report: InventoryReport,
    pub charts: InventoryCharts,
}

/// Days the stock lasts at `sold` units per 30 days.
pub fn days_of_cover(stock: i64, sold_30_days: i64) -> Option<i64> {
    (sold_30_days > 0).then(|| stock * 30 / sold_30_days)
}
