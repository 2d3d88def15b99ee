//! What the finance view shows: month by month, what was sold and what it
//! left once discounts, refunds, tax, card fees and the goods' cost are
//! taken off; by category and by product; and, for the marketplace, its
//! commission and what each shop is owed.

use serde::{Deserialize, Serialize};

use super::{Period, ShopRef};

/// The money of a period (minor units).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub orders: i64,
    /// Products at their prices, before discounts.
    pub gross_sales: i64,
    pub discounts: i64,
    pub shipping: i64,
    pub tax: i64,
    pub refunds: i64,
    /// Card fees at the configured rate.
    pub payment_fees: i64,
    /// Units sold (net of refunds) at their cost when ordered.
    pub cost_of_goods: i64,
    /// What customers paid, less refunds and tax.
    pub revenue: i64,
    /// Payment fees and the cost of goods.
    pub expenses: i64,
    pub profit: i64,
    /// The marketplace's share of the revenue.
    pub commission: i64,
}

/// One month's ledger (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthLedger {
    pub month: String,
    pub ledger: Ledger,
}

/// A product's or a category's line revenue against its cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub id: String,
    pub name: String,
    pub units: i64,
    /// Line revenue (unit price × units kept), before order discounts.
    pub revenue: i64,
    pub cost: i64,
    pub profit: i64,
}

/// What a shop is owed for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payout {
    pub seller_id: String,
    pub name: String,
    pub revenue: i64,
    pub commission: i64,
    pub payment_fees: i64,
    /// Revenue less commission and card fees.
    pub owed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceReport {
    pub currency: String,
    pub time_zone: String,
    pub range: String,
    pub group: String,
    pub period: Period,
    pub previous_period: Period,
    pub totals: Ledger,
    /// The as-long period just before, for comparison.
    pub previous: Ledger,
    pub months: Vec<MonthLedger>,
    pub categories: Vec<Breakdown>,
    pub products: Vec<Breakdown>,
    /// Every shop's payout (the marketplace's view; empty for one shop).
    pub payouts: Vec<Payout>,
    pub commission_bps: i64,
    pub card_fee_bps: i64,
    pub card_fee_fixed: i64,
    pub shop: Option<ShopRef>,
}

/// ECharts options (JSON) for the finance view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceCharts {
    pub months: String,
    pub categories: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceDashboard {
    pub report: FinanceReport,
    pub charts: FinanceCharts,
}

/// The rates the figures are worked out with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    pub card_fee_bps: i64,
    pub card_fee_fixed: i64,
    pub commission_bps: i64,
}

impl Rates {
    #[cfg(feature = "ssr")]
    pub fn of(s: &crate::server::config::ShopSettings) -> Self {
        Self {
            card_fee_bps: s.card_fee_bps,
            card_fee_fixed: s.card_fee_fixed,
            commission_bps: s.commission_bps,
        }
    }

    /// Card fees on `orders` card payments worth `gross` in all.
    pub fn fees(&self, orders: i64, gross: i64) -> i64 {
        share(gross, self.card_fee_bps) + orders * self.card_fee_fixed
    }

    pub fn commission(&self, revenue: i64) -> i64 {
        share(revenue, self.commission_bps)
    }
}

/// `bps` basis points of `amount`, rounded half away from zero.
pub fn share(amount: i64, bps: i64) -> i64 {
    let raw = amount as i128 * bps as i128;
    let rounded = if raw >= 0 { (raw + 5_000) / 10_000 } else { (raw - 5_000) / 10_000 };
    rounded as i64
}

/// A percentage from basis points ("2.9 %").
pub fn bps_label(bps: i64) -> String {
    let text = format!("{:.2}", bps as f64 / 100.0);
    format!("{} %", text.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_away_from_zero() {
        assert_eq!(share(1000, 290), 29);
        assert_eq!(share(1050, 1000), 105);
        assert_eq!(share(5, 1000), 1);
        assert_eq!(share(-5, 1000), -1);
        let r = Rates { card_fee_bps: 290, card_fee_fixed: 30, commission_bps: 1000 };
        assert_eq!(r.fees(2, 10_000), 290 + 60);
        assert_eq!(bps_label(290), "2.9 %");
        assert_eq!(bps_label(1000), "10 %");
    }
}
