//! ECharts options for the dashboards, built on the server with `charming`
//! and sent as JSON; the page's script only draws them. Money is drawn in
//! major units (the tables beside the charts keep the exact amounts).

use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, LineStyle, LineStyleType, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};

use super::{Charts, SalesReport};

mod customers;
mod finance;
mod inventory;
mod traffic;
pub use customers::customers;
pub use finance::finance;
pub use inventory::inventory;
pub use traffic::{funnel, traffic};

/// Rose for this period, stone for the one before, then the status colours.
const THIS: &str = "#e11d48";
const BEFORE: &str = "#a8a29e";
const PALETTE: [&str; 8] =
    ["#e11d48", "#0d9488", "#d97706", "#4f46e5", "#65a30d", "#0284c7", "#a8a29e", "#c026d3"];

fn major(minor: i64) -> f64 {
    minor as f64 / 100.0
}

fn base() -> Chart {
    Chart::new()
        .grid(Grid::new().left("3%").right("4%").bottom("3%").top(36).contain_label(true))
        .color(PALETTE.to_vec())
}

/// This period against the one before, bucket by bucket.
fn versus(r: &SalesReport, value: impl Fn(&super::Point) -> f64) -> Chart {
    let labels: Vec<String> = r.series.iter().map(|p| p.period.clone()).collect();
    base()
        .color(vec![THIS, BEFORE])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Category).boundary_gap(false).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(
            Line::new()
                .name("This period")
                .smooth(0.3)
                .line_style(LineStyle::new().color(THIS).width(2))
                .data(r.series.iter().map(&value).collect()),
        )
        .series(
            Line::new()
                .name("Previous period")
                .smooth(0.3)
                .line_style(LineStyle::new().color(BEFORE).type_(LineStyleType::Dashed))
                .data(r.previous_series.iter().map(&value).collect()),
        )
}

fn by_shop(r: &SalesReport) -> Chart {
    let rows: Vec<_> = r.by_shop.iter().rev().collect();
    base()
        .color(vec!["#0d9488"])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|s| short(&s.name)).collect()))
        .series(Bar::new().name("Revenue").data(rows.iter().map(|s| major(s.revenue)).collect()))
}

fn top_products(r: &SalesReport) -> Chart {
    // Best seller on top: ECharts draws a category axis from the bottom.
    let rows: Vec<_> = r.top_products.iter().rev().collect();
    base()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|t| short(&t.name)).collect()))
        .series(Bar::new().name("Revenue").data(rows.iter().map(|t| major(t.revenue)).collect()))
}

/// A product name short enough to leave the bars room on a phone (the
/// table beside the chart has it whole).
fn short(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        return name.to_owned();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

fn statuses(r: &SalesReport) -> Chart {
    let data: Vec<(f64, String)> = r
        .statuses
        .iter()
        .map(|(s, n)| {
            let label = crate::orders::OrderStatus::parse(s).map_or(s.as_str(), |s| s.label());
            (*n as f64, label.to_owned())
        })
        .collect();
    base()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().top(0))
        .series(Pie::new().name("Orders").radius(vec!["45%", "70%"]).center(vec!["50%", "58%"]).data(data))
}

/// Line revenue by category (or anything named), the best on top.
fn shares(rows: &[super::Share], colour: &'static str) -> Chart {
    let rows: Vec<_> = rows.iter().take(10).rev().collect();
    base()
        .color(vec![colour])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|s| short(&s.name)).collect()))
        .series(Bar::new().name("Revenue").data(rows.iter().map(|s| major(s.revenue)).collect()))
}

fn channels(r: &SalesReport) -> Chart {
    let data: Vec<(f64, String)> = r.by_channel.iter().map(|s| (major(s.revenue), s.name.clone())).collect();
    base()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().top(0))
        .series(Pie::new().name("Revenue").radius(vec!["45%", "70%"]).center(vec!["50%", "58%"]).data(data))
}

/// A chart's ECharts option JSON.
fn json(c: Chart) -> String {
    serde_json::to_string(&c).unwrap_or_else(|_| "{}".into())
}

/// Every chart of a sales report, as ECharts option JSON.
pub fn sales(r: &SalesReport) -> Charts {
    Charts {
        by_shop: if r.by_shop.is_empty() { String::new() } else { json(by_shop(r)) },
        revenue: json(versus(r, |p| major(p.revenue))),
        orders: json(versus(r, |p| p.orders as f64)),
        top_products: json(top_products(r)),
        statuses: json(statuses(r)),
        categories: json(shares(&r.by_category, "#4f46e5")),
        channels: json(channels(r)),
        funnel: funnel(&r.funnel, r.shop.is_none()),
    }
}
