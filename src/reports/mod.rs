//! Reports: the back office's lists (orders, order lines, products,
//! customers, inventory, finance months) as CSV or JSON. Up to
//! [`STREAM_LIMIT`] rows stream straight from the database to the response
//! (`stream`), a page of rows at a time, so memory stays flat; longer ones
//! run in the background (`worker`) into a file kept [`KEEP_DAYS`] days,
//! with their progress on `/admin/reports` and `GET /api/v1/reports/{id}`.
//! A seller's report holds only their shop's rows; cells a spreadsheet
//! would run as formulas are neutralised.

pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod lists;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stream;
#[cfg(feature = "ssr")]
pub mod worker;

pub mod api;

use serde::{Deserialize, Serialize};

/// Rows a list may have to be downloaded at once; beyond, it is a report.
pub const STREAM_LIMIT: i64 = 50_000;
/// Days a report's file is kept.
pub const KEEP_DAYS: i64 = 7;

/// What can be exported: (kind, label, whether the dates apply).
pub const KINDS: [(&str, &str, bool); 6] = [
    ("orders", "Orders", true),
    ("order_lines", "Order lines", true),
    ("products", "Products", false),
    ("customers", "Customers", true),
    ("inventory", "Inventory", false),
    ("finance", "Finance by month", true),
];

/// A report as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: String,
    pub kind: String,
    pub format: String,
    pub start_date: String,
    pub end_date: String,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub rows_written: i64,
    pub total_rows: i64,
    pub byte_size: i64,
    pub error: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    pub expires_at: i64,
    /// The shop the rows are of (none: every shop).
    pub shop_name: Option<String>,
}

impl ReportView {
    /// Done, as a whole percentage.
    pub fn progress(&self) -> i64 {
        match self.status.as_str() {
            "done" => 100,
            _ if self.total_rows > 0 => (self.rows_written * 100 / self.total_rows).clamp(0, 99),
            _ => 0,
        }
    }

    /// Where the file is fetched from, once it is written.
    pub fn download_url(&self) -> Option<String> {
        (self.status == "done").then(|| format!("/api/v1/reports/{}/download", self.id))
    }

    pub fn kind_label(&self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self.kind).map_or("Report", |k| k.1)
    }

    /// Whether the page should look again soon.
    pub fn pending(&self) -> bool {
        matches!(self.status.as_str(), "queued" | "running")
    }
}

#[cfg(test)]
mod tests {
    use super::ReportView;

    #[test]
    fn progress_is_a_percentage_that_reaches_100_only_when_done() {
        let mut r = ReportView {
            id: "r1".into(),
            kind: "orders".into(),
            format: "csv".into(),
            start_date: String::new(),
            end_date: String::new(),
            status: "running".into(),
            rows_written: 199_999,
            total_rows: 200_000,
            byte_size: 0,
            error: None,
            created_at: 0,
            expires_at: 0,
            shop_name: None,
        };
        assert_eq!(r.progress(), 99);
        assert_eq!(r.download_url(), None);
        r.status = "done".into();
        assert_eq!(r.progress(), 100);
        assert_eq!(r.download_url().as_deref(), Some("/api/v1/reports/r1/download"));
    }
}
