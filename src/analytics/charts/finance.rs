//! The finance view's charts: revenue, expenses and profit by month, and
//! line revenue by category.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line};

use super::{base, json, major, short};
use crate::analytics::finance::{FinanceCharts, FinanceReport, Ledger};

fn months(r: &FinanceReport) -> Chart {
    let labels: Vec<String> = r.months.iter().map(|m| m.month.clone()).collect();
    let values = |f: fn(&Ledger) -> i64| r.months.iter().map(|m| major(f(&m.ledger))).collect::<Vec<f64>>();
    base()
        .color(vec!["#0d9488", "#a8a29e", "#e11d48"])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .series(Bar::new().name("Revenue").data(values(|l| l.revenue)))
        .series(Bar::new().name("Expenses").data(values(|l| l.expenses)))
        .series(Line::new().name("Profit").data(values(|l| l.profit)))
}

fn categories(r: &FinanceReport) -> Chart {
    let rows: Vec<_> = r.categories.iter().take(10).rev().collect();
    base()
        .color(vec!["#4f46e5", "#65a30d"])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .y_axis(Axis::new().type_(AxisType::Category).data(rows.iter().map(|c| short(&c.name)).collect()))
        .series(Bar::new().name("Revenue").data(rows.iter().map(|c| major(c.revenue)).collect()))
        .series(Bar::new().name("Profit").data(rows.iter().map(|c| major(c.profit)).collect()))
}

pub fn finance(r: &FinanceReport) -> FinanceCharts {
    FinanceCharts { months: json(months(r)), categories: json(categories(r)) }
}
