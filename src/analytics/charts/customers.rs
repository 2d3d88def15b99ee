//! The customers dashboard's charts: new and returning customers per
//! bucket (stacked bars), and customers by skin type.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Pie};

use super::{base, json};
use crate::analytics::customers::{CustomerCharts, CustomersReport, skin_label};

const NEW: &str = "#e11d48";
const RETURNING: &str = "#0d9488";

fn series(r: &CustomersReport) -> Chart {
    let labels: Vec<String> = r.series.iter().map(|p| p.period.clone()).collect();
    let bar = |name: &str, values: Vec<f64>| Bar::new().name(name).stack("customers").data(values);
    base()
        .color(vec![NEW, RETURNING])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value).split_number(3))
        .series(bar("New", r.series.iter().map(|p| p.new_customers as f64).collect()))
        .series(bar("Returning", r.series.iter().map(|p| p.returning_customers as f64).collect()))
}

fn segments(r: &CustomersReport) -> Chart {
    let data: Vec<(f64, String)> =
        r.segments.iter().map(|s| (s.customers as f64, skin_label(&s.skin_type))).collect();
    base()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().top(0))
        .series(Pie::new().name("Customers").radius(vec!["45%", "70%"]).center(vec!["50%", "58%"]).data(data))
}

pub fn customers(r: &CustomersReport) -> CustomerCharts {
    CustomerCharts { series: json(series(r)), segments: json(segments(r)) }
}
