//! What the customers dashboard shows: who bought in a period (new or
//! returning), how many come back, how many drifted away, what a customer
//! is worth, monthly cohorts, and the split by skin type.

use serde::{Deserialize, Serialize};

use super::{Period, ShopRef};

/// A period's customer figures (money in minor units; rates 0.0–1.0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerTotals {
    /// Customers with a sale in the period, each once.
    pub customers: i64,
    /// Of them, those whose first sale fell in the period.
    pub new_customers: i64,
    /// Of them, those who had bought before the period.
    pub returning_customers: i64,
    /// Returning customers per customer; `None` when nobody bought.
    pub repeat_rate: Option<f64>,
    /// Of the customers who had bought 90 days before the period's last
    /// day, those who bought nothing since; `None` without such customers.
    pub churn_rate: Option<f64>,
    /// Sold orders' totals per order.
    pub average_order_value: i64,
    /// Net revenue to the period's last day per customer to that day.
    pub lifetime_value: i64,
    pub orders: i64,
}

/// New and returning customers of one bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPoint {
    pub period: String,
    pub new_customers: i64,
    pub returning_customers: i64,
}

/// Customers whose first sale fell in `month`, and how many of them bought
/// in each month from then on (`active[0]` is the cohort itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    /// `YYYY-MM`.
    pub month: String,
    pub customers: i64,
    pub active: Vec<i64>,
}

/// Customers of the period with one skin type ('' = not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub skin_type: String,
    pub customers: i64,
    pub new_customers: i64,
    pub orders: i64,
    pub revenue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomersReport {
    pub currency: String,
    pub time_zone: String,
    pub group: String,
    pub range: String,
    pub period: Period,
    pub previous_period: Period,
    pub totals: CustomerTotals,
    pub previous: CustomerTotals,
    pub series: Vec<CustomerPoint>,
    /// The twelve monthly cohorts up to the period's last month.
    pub cohorts: Vec<Cohort>,
    pub segments: Vec<Segment>,
    pub shop: Option<ShopRef>,
}

/// ECharts options (JSON) for the customers dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCharts {
    pub series: String,
    pub segments: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomersDashboard {
    pub report: CustomersReport,
    pub charts: CustomerCharts,
}

/// A rate as a percentage with one decimal, or a dash.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// The label of a skin type ('' reads "Not given").
pub fn skin_label(skin: &str) -> String {
    match crate::accounts::SKIN_TYPES.iter().find(|(k, _)| *k == skin) {
        _ if skin.is_empty() => "Not given".to_owned(),
        Some((_, label)) => (*label).to_owned(),
        None => skin.to_owned(),
    }
}
