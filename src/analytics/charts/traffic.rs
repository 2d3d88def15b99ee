//! The traffic charts: the funnel from a visit to a paid order (bars, the
//! first step on top), and page views and visitors per bucket.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::element::{AxisType, LineStyle, Tooltip, Trigger};
use charming::series::{Bar, Line};

use super::{base, json};
use crate::traffic::{Funnel, TrafficCharts, TrafficReport};

/// The funnel's steps as bars; a shop's has no checkout step.
pub fn funnel(f: &Funnel, whole_site: bool) -> String {
    let steps: Vec<_> = f.steps(whole_site).into_iter().rev().collect();
    json(
        base()
            .color(vec!["#0d9488"])
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .x_axis(Axis::new().type_(AxisType::Value).split_number(3))
            .y_axis(
                Axis::new().type_(AxisType::Category).data(steps.iter().map(|s| s.0.to_owned()).collect()),
            )
            .series(Bar::new().name("Visitors").data(steps.iter().map(|s| s.1 as f64).collect())),
    )
}

fn series(r: &TrafficReport) -> Chart {
    let labels: Vec<String> = r.series.iter().map(|p| p.period.clone()).collect();
    base()
        .color(vec!["#e11d48", "#0d9488"])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .x_axis(Axis::new().type_(AxisType::Category).boundary_gap(false).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(
            Line::new()
                .name("Page views")
                .smooth(0.3)
                .line_style(LineStyle::new().width(2))
                .data(r.series.iter().map(|p| p.page_views as f64).collect()),
        )
        .series(
            Line::new()
                .name("Visitors")
                .smooth(0.3)
                .line_style(LineStyle::new().width(2))
                .data(r.series.iter().map(|p| p.visitors as f64).collect()),
        )
}

pub fn traffic(r: &TrafficReport) -> TrafficCharts {
    TrafficCharts { series: json(series(r)), funnel: funnel(&r.funnel, true) }
}
