//! The customers, inventory and finance views' tables, as rows of text
//! (header first; money in minor units, rates in basis points).

use crate::analytics::customers::CustomersReport;
use crate::analytics::finance::{Breakdown, FinanceReport};
use crate::analytics::inventory::{InventoryReport, StockRow};
use crate::error::{AppError, AppResult};

pub const CUSTOMER_TABLES: [&str; 3] = ["series", "cohorts", "segments"];
pub const INVENTORY_TABLES: [&str; 3] = ["low_stock", "no_sales", "best_sellers"];
pub const FINANCE_TABLES: [&str; 4] = ["months", "categories", "products", "payouts"];

type Rows = Vec<Vec<String>>;

fn head(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| (*c).to_owned()).collect()
}

fn unknown(tables: &[&str]) -> AppError {
    AppError::field("table", format!("Choose one of: {}.", tables.join(", ")))
}

pub fn customers(r: &CustomersReport, table: &str) -> AppResult<Rows> {
    let mut out = Vec::new();
    match table {
        "series" => {
            out.push(head(&["period", "new_customers", "returning_customers"]));
            for p in &r.series {
                out.push(vec![
                    p.period.clone(),
                    p.new_customers.to_string(),
                    p.returning_customers.to_string(),
                ]);
            }
        }
        "cohorts" => {
            let width = r.cohorts.first().map_or(0, |c| c.active.len());
            let mut cols = vec!["month".to_owned(), "customers".to_owned()];
            cols.extend((0..width).map(|k| format!("month_{k}")));
            out.push(cols);
            for c in &r.cohorts {
                let mut row = vec![c.month.clone(), c.customers.to_string()];
                row.extend(c.active.iter().map(i64::to_string));
                out.push(row);
            }
        }
        "segments" => {
            out.push(head(&["skin_type", "customers", "new_customers", "orders", "revenue_minor"]));
            for s in &r.segments {
                out.push(vec![
                    s.skin_type.clone(),
                    s.customers.to_string(),
                    s.new_customers.to_string(),
                    s.orders.to_string(),
                    s.revenue.to_string(),
                ]);
            }
        }
        _ => return Err(unknown(&CUSTOMER_TABLES)),
    }
    Ok(out)
}

fn stock_rows(rows: &[StockRow]) -> Rows {
    let mut out = vec![head(&[
        "product_id",
        "name",
        "shop",
        "stock",
        "low_stock_threshold",
        "units_sold_30_days",
        "days_of_cover",
        "stock_value_minor",
    ])];
    for s in rows {
        out.push(vec![
            s.product_id.clone(),
            s.title.clone(),
            s.shop_name.clone(),
            s.stock.to_string(),
            s.threshold.to_string(),
            s.sold_30_days.to_string(),
            s.days_of_cover.map(|d| d.to_string()).unwrap_or_default(),
            s.value_at_price.to_string(),
        ]);
    }
    out
}

pub fn inventory(r: &InventoryReport, table: &str) -> AppResult<Rows> {
    Ok(match table {
        "low_stock" => stock_rows(&r.low_stock),
        "no_sales" => stock_rows(&r.no_sales),
        "best_sellers" => {
            let mut out = vec![head(&["product_id", "name", "units", "revenue_minor"])];
            for t in &r.best_sellers {
                out.push(vec![
                    t.product_id.clone(),
                    t.name.clone(),
                    t.units.to_string(),
                    t.revenue.to_string(),
                ]);
            }
            out
        }
        _ => return Err(unknown(&INVENTORY_TABLES)),
    })
}

fn breakdown_rows(rows: &[Breakdown]) -> Rows {
    let mut out = vec![head(&["id", "name", "units", "revenue_minor", "cost_minor", "profit_minor"])];
    for b in rows {
        out.push(vec![
            b.id.clone(),
            b.name.clone(),
            b.units.to_string(),
            b.revenue.to_string(),
            b.cost.to_string(),
            b.profit.to_string(),
        ]);
    }
    out
}

pub fn finance(r: &FinanceReport, table: &str) -> AppResult<Rows> {
    Ok(match table {
        "months" => {
            let mut out = vec![head(&[
                "month",
                "orders",
                "gross_sales_minor",
                "discounts_minor",
                "shipping_minor",
                "tax_minor",
                "refunds_minor",
                "payment_fees_minor",
                "cost_of_goods_minor",
                "revenue_minor",
                "profit_minor",
                "commission_minor",
            ])];
            for m in &r.months {
                let l = &m.ledger;
                let cells = [
                    l.orders,
                    l.gross_sales,
                    l.discounts,
                    l.shipping,
                    l.tax,
                    l.refunds,
                    l.payment_fees,
                    l.cost_of_goods,
                    l.revenue,
                    l.profit,
                    l.commission,
                ];
                let mut row = vec![m.month.clone()];
                row.extend(cells.iter().map(i64::to_string));
                out.push(row);
            }
            out
        }
        "categories" => breakdown_rows(&r.categories),
        "products" => breakdown_rows(&r.products),
        "payouts" => {
            let mut out = vec![head(&[
                "seller_id",
                "name",
                "revenue_minor",
                "commission_minor",
                "payment_fees_minor",
                "owed_minor",
            ])];
            for p in &r.payouts {
                out.push(vec![
                    p.seller_id.clone(),
                    p.name.clone(),
                    p.revenue.to_string(),
                    p.commission.to_string(),
                    p.payment_fees.to_string(),
                    p.owed.to_string(),
                ]);
            }
            out
        }
        _ => return Err(unknown(&FINANCE_TABLES)),
    })
}
