//! The traffic view's tables, as rows of text (header first).

use crate::error::{AppError, AppResult};
use crate::traffic::{Ranked, TrafficReport};

pub const TRAFFIC_TABLES: [&str; 5] = ["series", "funnel", "pages", "referrers", "searches"];

pub fn traffic(r: &TrafficReport, table: &str) -> AppResult<Vec<Vec<String>>> {
    let ranked = |col: &str, rows: &[Ranked]| {
        std::iter::once(vec![col.to_owned(), "count".to_owned()])
            .chain(rows.iter().map(|x| vec![x.name.clone(), x.count.to_string()]))
            .collect()
    };
    Ok(match table {
        "series" => {
            std::iter::once(vec!["period".to_owned(), "visitors".to_owned(), "page_views".to_owned()])
                .chain(
                    r.series
                        .iter()
                        .map(|p| vec![p.period.clone(), p.visitors.to_string(), p.page_views.to_string()]),
                )
                .collect()
        }
        "funnel" => std::iter::once(vec!["step".to_owned(), "visitors".to_owned()])
            .chain(r.funnel.steps(true).into_iter().map(|(s, n)| vec![s.to_owned(), n.to_string()]))
            .collect(),
        "pages" => ranked("path", &r.pages),
        "referrers" => ranked("source", &r.referrers),
        "searches" => ranked("term", &r.searches),
        _ => return Err(AppError::field("table", format!("Choose one of: {}.", TRAFFIC_TABLES.join(", ")))),
    })
}
