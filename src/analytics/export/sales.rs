//! The sales view's tables.

use crate::analytics::SalesReport;
use crate::error::{AppError, AppResult};

/// The tables a sales report exports.
pub const TABLES: [&str; 7] =
    ["series", "top_products", "orders_by_status", "by_shop", "by_category", "by_channel", "promo_codes"];

/// One table of `r` as rows of text, header first.
pub fn table(r: &SalesReport, table: &str) -> AppResult<Vec<Vec<String>>> {
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
                    t.name.clone(),
                    t.units.to_string(),
                    t.revenue.to_string(),
                ]);
            }
        }
        "by_shop" => {
            out.push(["seller_id", "name", "orders", "revenue_minor"].map(String::from).to_vec());
            for s in &r.by_shop {
                out.push(vec![
                    s.shop_id.clone(),
                    s.name.clone(),
                    s.orders.to_string(),
                    s.revenue.to_string(),
                ]);
            }
        }
        "by_category" | "by_channel" => {
            let rows = if table == "by_category" { &r.by_category } else { &r.by_channel };
            out.push(["id", "name", "units", "revenue_minor"].map(String::from).to_vec());
            for s in rows {
                out.push(vec![s.id.clone(), s.name.clone(), s.units.to_string(), s.revenue.to_string()]);
            }
        }
        "promo_codes" => {
            out.push(["code", "orders", "discount_minor", "revenue_minor"].map(String::from).to_vec());
            for p in &r.promo_codes {
                out.push(vec![
                    p.code.clone(),
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
