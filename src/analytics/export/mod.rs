//! A dashboard's tables as files: CSV (a spreadsheet opens it) or JSON.
//! Text that a spreadsheet would run as a formula (`= + - @`, or a tab or
//! carriage return first) is neutralised with a leading apostrophe: a
//! product named `=HYPERLINK(…)` stays text. Numbers stay numbers.

pub mod sales;
pub mod traffic;
pub mod views;

use std::borrow::Cow;

use crate::error::{AppError, AppResult};

/// `cell`, safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Columns that hold text even when a value looks like a number.
fn is_text(header: &str) -> bool {
    header.ends_with("_id")
        || header == "id"
        || matches!(
            header,
            "name" | "period" | "previous_period" | "status" | "code" | "skin_type" | "month" | "shop"
        )
}

fn is_number(header: &str, cell: &str) -> bool {
    !is_text(header) && cell.parse::<i64>().is_ok()
}

/// Rows (header first) as CSV text.
pub fn csv(rows: Vec<Vec<String>>) -> AppResult<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut rows = rows.into_iter();
    let head = rows.next().unwrap_or_default();
    w.write_record(&head).map_err(|_| AppError::Internal)?;
    for row in rows {
        let cells = head
            .iter()
            .zip(&row)
            .map(|(h, c)| if is_number(h, c) { Cow::Borrowed(c.as_str()) } else { neutralise(c) });
        w.write_record(cells.map(|c| c.into_owned())).map_err(|_| AppError::Internal)?;
    }
    let bytes = w.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// Rows (header first) as a JSON array of objects keyed by the header.
pub fn json(rows: Vec<Vec<String>>) -> serde_json::Value {
    use serde_json::Value;
    let mut rows = rows.into_iter();
    let head = rows.next().unwrap_or_default();
    rows.map(|row| {
        let cells = head.iter().zip(row).map(|(h, cell)| {
            let value = match cell.parse::<i64>() {
                Ok(n) if !is_text(h) => Value::from(n),
                _ => Value::String(cell),
            };
            (h.clone(), value)
        });
        Value::Object(cells.collect())
    })
    .collect()
}

/// The response for a table: CSV (the default) or JSON, as a download
/// named `{name}.{format}`.
pub fn file(rows: Vec<Vec<String>>, format: &str, name: &str) -> AppResult<axum::response::Response> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let format = if format.is_empty() { "csv" } else { format };
    let (kind, body) = match format {
        "csv" => ("text/csv; charset=utf-8", csv(rows)?),
        "json" => ("application/json", json(rows).to_string()),
        _ => return Err(AppError::field("format", "Choose csv or json.")),
    };
    let disposition = format!("attachment; filename=\"{name}.{format}\"");
    Ok(([(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("Rose Serum"), "Rose Serum");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn numbers_stay_numbers_and_text_stays_text() {
        let rows = vec![
            vec!["name".to_owned(), "profit_minor".to_owned()],
            vec!["-5 Serum".to_owned(), "-250".to_owned()],
            vec!["007".to_owned(), "12".to_owned()],
        ];
        assert_eq!(csv(rows.clone()).unwrap(), "name,profit_minor\n'-5 Serum,-250\n007,12\n");
        assert_eq!(
            json(rows),
            serde_json::json!([{"name": "-5 Serum", "profit_minor": -250}, {"name": "007", "profit_minor": 12}])
        );
    }
}
