//! The inventory dashboard's charts: best sellers by units, and the
//! products lowest on stock against their thresholds.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Bar;

use super::{base, json, short};
use crate::analytics::inventory::{InventoryCharts, InventoryReport};

/// Bars shown in the low-stock chart (the table lists them all).
const LOW_BARS: usize = 10;

fn best_sellers(r: &InventoryReport) -> Chart {
    let rows: Vec<_> = r.best_sellers.iter().rev().collect();
    base()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|t| short(&t.name)).collect()))
        .series(Bar::new().name("Units").data(rows.iter().map(|t| t.units as f64).collect()))
}

fn cover(r: &InventoryReport) -> Chart {
    let rows: Vec<_> = r.low_stock.iter().take(LOW_BARS).rev().collect();
    base()
        .color(vec!["#d97706", "#a8a29e"])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|s| short(&s.title)).collect()))
        .series(Bar::new().name("In stock").data(rows.iter().map(|s| s.stock as f64).collect()))
        .series(Bar::new().name("Alert at").data(rows.iter().map(|s| s.threshold as f64).collect()))
}

pub fn inventory(r: &InventoryReport) -> InventoryCharts {
    InventoryCharts { best_sellers: json(best_sellers(r)), cover: json(cover(r)) }
}
