//! First-party traffic and conversion: page views, daily unique visitors,
//! product views, add-to-cart and checkout started — the funnel in front of
//! the paid orders — top pages, where visits came from, and searches that
//! found nothing. Counted from the shop's own requests (`layer`): no cookie,
//! no third-party script; a visitor is a hash salted afresh each day
//! (`visit`); robots, prefetches and Do Not Track / Global Privacy Control
//! are not counted. Hits are written in batches (`log`); raw events are
//! kept 90 days, the day rows and top lists forever.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod layer;
#[cfg(feature = "ssr")]
pub mod log;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod tally;
#[cfg(feature = "ssr")]
pub mod visit;

use serde::{Deserialize, Serialize};

/// The steps from a visit to a paid order over a period. Visitors are
/// distinct per day, summed over the days (as web analytics count them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub page_views: i64,
    pub visitors: i64,
    pub product_views: i64,
    /// Visitors who looked at a product.
    pub viewers: i64,
    /// Visitors who put something in their cart.
    pub carters: i64,
    /// Visitors who opened the checkout (the whole site only).
    pub checkouts: i64,
    /// Paid orders (the sales figures' count).
    pub orders: i64,
}

impl Funnel {
    /// Paid orders per visitor; `None` without visitors.
    pub fn conversion_rate(&self) -> Option<f64> {
        (self.visitors > 0).then(|| self.orders as f64 / self.visitors as f64)
    }

    /// The conversion rate in hundredths of a percent (for the figure cards).
    pub fn conversion_bp(&self) -> i64 {
        self.conversion_rate().map_or(0, |r| (r * 10_000.0).round() as i64)
    }

    /// "2.35 %", or "—" without visitors.
    pub fn conversion_text(&self) -> String {
        self.conversion_rate().map_or_else(|| "—".to_owned(), |r| format!("{:.2} %", r * 100.0))
    }

    /// The steps as shown: (label, visitors at the step). A shop's funnel
    /// has no checkout step (a checkout holds every shop's lines).
    pub fn steps(&self, whole_site: bool) -> Vec<(&'static str, i64)> {
        let mut steps = vec![
            ("Visitors", self.visitors),
            ("Viewed a product", self.viewers),
            ("Added to cart", self.carters),
        ];
        if whole_site {
            steps.push(("Started checkout", self.checkouts));
        }
        steps.push(("Paid orders", self.orders));
        steps
    }
}

/// One bucket of the traffic series.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficPoint {
    pub period: String,
    pub page_views: i64,
    pub visitors: i64,
}

/// A name in a top list and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub name: String,
    pub count: i64,
}

/// The traffic view: the whole site's (the back office's only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficReport {
    pub time_zone: String,
    pub range: String,
    pub group: String,
    pub period: crate::analytics::Period,
    pub previous_period: crate::analytics::Period,
    pub funnel: Funnel,
    pub previous: Funnel,
    pub series: Vec<TrafficPoint>,
    pub pages: Vec<Ranked>,
    pub referrers: Vec<Ranked>,
    /// Search terms that found nothing, the most asked first.
    pub searches: Vec<Ranked>,
}

/// ECharts options of the traffic view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficCharts {
    pub series: String,
    pub funnel: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficDashboard {
    pub report: TrafficReport,
    pub charts: TrafficCharts,
}

#[cfg(test)]
mod tests {
    use super::Funnel;

    #[test]
    fn conversion_is_orders_per_visitor() {
        let f = Funnel { visitors: 400, orders: 9, ..Funnel::default() };
        assert_eq!(f.conversion_rate(), Some(0.0225));
        assert_eq!(f.conversion_bp(), 225);
        assert_eq!(f.conversion_text(), "2.25 %");
        assert_eq!(Funnel::default().conversion_rate(), None);
        assert_eq!(f.steps(true).len(), 5);
        assert_eq!(f.steps(false).len(), 4);
    }
}
