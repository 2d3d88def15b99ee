//! A dashboard's tables as files: CSV (a spreadsheet opens it) or JSON.
//! Text that a spreadsheet would run as a formula (`= + - @`, or a tab or
//! carriage return first) is neutralised with a leading apostrophe: a
//! product named `=HYPERLINK(…)` stays text.

use std::borrow::Cow;

use super::SalesReport;
use crate::error::{AppError, AppResult};

/// The tables a sales report exports.
pub const TABLES: [&str; 7] =
    ["series", "top_products", "orders_by_status", "by_shop", "by_category", "by_channel", "promo_codes"];

/// `cell`, safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// One table of `r` as rows of text (header first); `csv`: text cells neutralised.
fn rows(r: &SalesReport, table: &str, csv: bool) -> AppResult<Vec<Vec<String>>> {
    let text = |s: &str| if csv { neutralise(s).into_owned() } else { s.to_owned() };
    let mut out: Vec<Vec<String>> = Vec::new();
    match table {
        "series" => {
            out.push(
                [
                    "period",
                    "revenue_minor",
                    "orders",
                    "previous_period",
                    "previous_revenue_minor",
                    "previous_orders",
                ]
                .map(String::from)
                .to_vec(),
            );
            for (i, p) in r.series.iter().enumerate() {
                let before = r.previous_series.get(i);
                out.push(vec![
                    p.period.clone(),
                    p.revenue.to_string(),
                    p.orders.to_string(),
                    before.map(|b| b.period.clone()).unwrap_or_default(),
                    before.map(|b| b.revenue.to_string()).unwrap_or_default(),
                    before.map(|b| b.orders.to_string()).unwrap_or_default(),
                ]);
            }
        }
        "top_products" => {
            out.push(["product_id", "name", "units", "revenue_minor"].map(String::from).to_vec());
            for t in &r.top_products {
                out.push(vec![
                    t.product_id.clone(),
                    text(&t.name),
                    t.units.to_string(),
                    t.revenue.to_string(),
                ]);
            }
        }
        "by_shop" => {
            out.push(["seller_id", "name", "orders", "revenue_minor"].map(String::from).to_vec());
            for s in &r.by_shop {
                out.push(vec![s.shop_id.clone(), text(&s.name), s.orders.to_string(), s.revenue.to_string()]);
            }
        }
        "by_category" | "by_channel" => {
            let rows = if table == "by_category" { &r.by_category } else { &r.by_channel };
            out.push(["id", "name", "units", "revenue_minor"].map(String::from).to_vec());
            for s in rows {
                out.push(vec![s.id.clone(), text(&s.name), s.units.to_string(), s.revenue.to_string()]);
            }
        }
        "promo_codes" => {
            out.push(["code", "orders", "discount_minor", "revenue_minor"].map(String::from).to_vec());
            for p in &r.promo_codes {
                out.push(vec![
                    text(&p.code),
                    p.orders.to_string(),
                    p.discount.to_string(),
                    p.revenue.to_string(),
                ]);
            }
        }
        "orders_by_status" => {
            out.push(["status", "orders"].map(String::from).to_vec());
            out.extend(r.statuses.iter().map(|(s, n)| vec![s.clone(), n.to_string()]));
        }
        _ => return Err(AppError::field("table", format!("Choose one of: {}.", TABLES.join(", ")))),
    }
    Ok(out)
}

/// The table as CSV text.
pub fn csv(r: &SalesReport, table: &str) -> AppResult<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for row in rows(r, table, true)? {
        w.write_record(&row).map_err(|_| AppError::Internal)?;
    }
    let bytes = w.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// The table as a JSON array of objects keyed by the header (counts and
/// amounts as numbers).
pub fn json(r: &SalesReport, table: &str) -> AppResult<serde_json::Value> {
    use serde_json::Value;
    let mut rows = rows(r, table, false)?.into_iter();
    let head = rows.next().unwrap_or_default();
    let numeric = |h: &str| h.ends_with("_minor") || matches!(h, "orders" | "units" | "previous_orders");
    Ok(rows
        .map(|row| {
            let cells = head.iter().zip(row).map(|(h, cell)| {
                let value = match cell.parse::<i64>() {
                    Ok(n) if numeric(h) => Value::from(n),
                    _ => Value::String(cell),
                };
                (h.clone(), value)
            });
            Value::Object(cells.collect())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("Rose Serum"), "Rose Serum");
        assert_eq!(neutralise(""), "");
    }
}
