//! The dashboards' pages and pieces: the range form, figure cards with
//! their change, charts with a data table beside each (what a visitor
//! without JavaScript, or with a screen reader, reads).

mod breakdowns;
mod chart;
mod customers;
mod dashboard;
mod figures;
mod finance;
mod inventory;
mod pages;
mod range_form;
mod shell;
mod tables;
mod traffic;

pub use chart::ChartFigure;
pub use customers::CustomerFigures;
pub use dashboard::SalesDashboard;
pub use figures::Figure;
pub use finance::FinanceFigures;
pub use inventory::InventoryFigures;
pub use pages::{
    AdminCustomersPage, AdminFinancePage, AdminInventoryPage, AdminSalesPage, AdminTrafficPage,
    StudioAnalyticsPage, StudioCustomersPage, StudioFinancePage, StudioInventoryPage,
};
pub use range_form::RangeForm;
pub use shell::ViewNav;
pub use traffic::{FunnelFigure, TrafficFigures};

use crate::catalog::Money;

/// Minor units as the shop's money.
fn money(minor: i64, currency: &str) -> String {
    Money::new(minor, currency).to_string()
}

/// The chart script: loaded by dashboard pages only, from our own origin.
pub const CHART_SCRIPT: &str = "/vendor/charts.js";
