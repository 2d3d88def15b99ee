//! The exportable lists: what each kind's columns are, how many rows a
//! request covers, and its rows a page at a time as text (money in minor
//! units, instants in UTC, RFC 3339).

use jiff::civil::Date;

use super::db::lists::{self as db, Filter};
use crate::analytics::ShopRef;
use crate::analytics::finance::Rates;
use crate::analytics::service::Resolved;
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Orders,
    OrderLines,
    Products,
    Customers,
    Inventory,
    Finance,
}

impl Kind {
    pub fn parse(text: &str) -> AppResult<Self> {
        Ok(match text {
            "orders" => Kind::Orders,
            "order_lines" => Kind::OrderLines,
            "products" => Kind::Products,
            "customers" => Kind::Customers,
            "inventory" => Kind::Inventory,
            "finance" => Kind::Finance,
            _ => {
                let names: Vec<&str> = super::KINDS.iter().map(|k| k.0).collect();
                return Err(AppError::field("kind", format!("Choose one of: {}.", names.join(", "))));
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Orders => "orders",
            Kind::OrderLines => "order_lines",
            Kind::Products => "products",
            Kind::Customers => "customers",
            Kind::Inventory => "inventory",
            Kind::Finance => "finance",
        }
    }

    pub fn head(self) -> &'static [&'static str] {
        match self {
            Kind::Orders => &[
                "order_id",
                "number",
                "seller_id",
                "shop",
                "customer_id",
                "ship_name",
                "status",
                "payment_method",
                "currency",
                "subtotal_minor",
                "discount_minor",
                "shipping_minor",
                "tax_minor",
                "total_minor",
                "refunded_minor",
                "ship_country",
                "created_at",
            ],
            Kind::OrderLines => &[
                "line_id",
                "order_id",
                "order_number",
                "seller_id",
                "product_id",
                "sku",
                "title",
                "variant",
                "quantity",
                "refunded_quantity",
                "unit_price_minor",
                "line_total_minor",
                "unit_cost_minor",
                "channel",
                "order_status",
                "created_at",
            ],
            Kind::Products => &[
                "product_id",
                "slug",
                "title",
                "seller_id",
                "shop",
                "category",
                "status",
                "price_minor",
                "cost_minor",
                "stock",
                "low_stock_threshold",
                "reviews",
                "created_at",
            ],
            Kind::Customers => {
                &["customer_id", "name", "email", "orders", "spent_minor", "first_order_at", "last_order_at"]
            }
            Kind::Inventory => &[
                "product_id",
                "title",
                "shop",
                "status",
                "stock",
                "low_stock_threshold",
                "low",
                "cost_minor",
                "price_minor",
                "value_at_cost_minor",
                "value_at_price_minor",
            ],
            Kind::Finance => &[],
        }
    }
}

/// One request for a list: which, whose, which days.
#[derive(Debug, Clone)]
pub struct List {
    pub kind: Kind,
    pub shop: Option<ShopRef>,
    pub first: Date,
    pub last: Date,
    /// `[from, to)` unix ms of those days in the shop's zone.
    pub from: i64,
    pub to: i64,
    /// Customers' email addresses (the back office's lists only).
    pub emails: bool,
    /// The shop's default low-stock line.
    pub low_stock: i64,
    pub currency: String,
    pub rates: Rates,
}

impl List {
    fn filter(&self) -> Filter<'_> {
        Filter { from: self.from, to: self.to, shop: self.shop.as_ref().map_or("", |s| s.id.as_str()) }
    }

    fn shop_id(&self) -> &str {
        self.shop.as_ref().map_or("", |s| s.id.as_str())
    }
}

/// An instant as RFC 3339 in UTC, to the second.
fn instant(ms: i64) -> String {
    jiff::Timestamp::from_second(ms.div_euclid(1000)).map(|t| t.to_string()).unwrap_or_default()
}

fn opt(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// Rows in the list.
pub async fn count(c: &mut Conn, l: &List) -> AppResult<i64> {
    Ok(match l.kind {
        Kind::Orders => db::count_orders(c, l.filter()).await?,
        Kind::OrderLines => db::count_lines(c, l.filter()).await?,
        Kind::Products => db::count_products(c, l.shop_id(), true).await?,
        Kind::Inventory => db::count_products(c, l.shop_id(), false).await?,
        Kind::Customers => db::count_customers(c, l.filter()).await?,
        Kind::Finance => {
            let months = (l.last.year() as i64 * 12 + l.last.month() as i64)
                - (l.first.year() as i64 * 12 + l.first.month() as i64);
            months + 1
        }
    })
}

/// The finance months as rows, header first (a short list: one page).
async fn finance(c: &mut Conn, l: &List) -> AppResult<Vec<Vec<String>>> {
    let r = Resolved { range: "custom".into(), first: l.first, last: l.last, group: "month".into() };
    let report =
        crate::analytics::service::finance::report(c, &r, l.shop.clone(), &l.currency, l.rates).await?;
    crate::analytics::export::views::finance(&report, "months")
}

/// The header (finance's comes with its rows).
pub async fn head(c: &mut Conn, l: &List) -> AppResult<Vec<String>> {
    Ok(match l.kind {
        Kind::Finance => finance(c, l).await?.into_iter().next().unwrap_or_default(),
        k => k.head().iter().map(|h| (*h).to_owned()).collect(),
    })
}

/// Up to `limit` rows after the key `after` ('' from the start), and the
/// key to ask after next (`None`: the list is done).
pub async fn page(
    c: &mut Conn,
    l: &List,
    after: &str,
    limit: i64,
) -> AppResult<(Vec<Vec<String>>, Option<String>)> {
    let n = |v: i64| v.to_string();
    let rows: Vec<(String, Vec<String>)> = match l.kind {
        Kind::Orders => db::orders(c, l.filter(), after, limit)
            .await?
            .into_iter()
            .map(|o| {
                let cells = vec![
                    o.id.clone(),
                    o.number,
                    o.shop_id,
                    o.shop_name,
                    o.user_id,
                    o.ship_name,
                    o.status,
                    o.payment_method,
                    o.currency,
                    n(o.subtotal_minor),
                    n(o.discount_minor),
                    n(o.shipping_minor),
                    n(o.tax_minor),
                    n(o.total_minor),
                    n(o.refunded_minor),
                    o.ship_country,
                    instant(o.created_at),
                ];
                (o.id, cells)
            })
            .collect(),
        Kind::OrderLines => db::lines(c, l.filter(), after, limit)
            .await?
            .into_iter()
            .map(|x| {
                let cells = vec![
                    x.id.clone(),
                    x.order_id,
                    x.number,
                    x.shop_id,
                    x.product_id,
                    x.sku,
                    x.title,
                    x.variant_title,
                    n(x.quantity),
                    n(x.refunded_quantity),
                    n(x.unit_price_minor),
                    n(x.line_total_minor),
                    opt(x.unit_cost_minor),
                    x.channel.unwrap_or_else(|| "storefront".into()),
                    x.status,
                    instant(x.created_at),
                ];
                (x.id, cells)
            })
            .collect(),
        Kind::Products => db::products(c, l.shop_id(), true, after, limit)
            .await?
            .into_iter()
            .map(|p| {
                let cells = vec![
                    p.id.clone(),
                    p.slug,
                    p.title,
                    p.seller_id,
                    p.shop_name,
                    p.category,
                    p.status,
                    n(p.price_minor),
                    opt(p.cost_minor),
                    n(p.stock),
                    opt(p.low_stock_at),
                    n(p.rating_count),
                    instant(p.created_at),
                ];
                (p.id, cells)
            })
            .collect(),
        Kind::Inventory => db::products(c, l.shop_id(), false, after, limit)
            .await?
            .into_iter()
            .map(|p| {
                let threshold = p.low_stock_at.unwrap_or(l.low_stock);
                let cells = vec![
                    p.id.clone(),
                    p.title,
                    p.shop_name,
                    p.status,
                    n(p.stock),
                    n(threshold),
                    (if p.stock <= threshold { "yes" } else { "no" }).to_owned(),
                    opt(p.cost_minor),
                    n(p.price_minor),
                    opt(p.cost_minor.map(|c| c * p.stock)),
                    n(p.stock_value_minor),
                ];
                (p.id, cells)
            })
            .collect(),
        Kind::Customers => db::customers(c, l.filter(), after, limit)
            .await?
            .into_iter()
            .map(|x| {
                let email = if l.emails { x.email } else { String::new() };
                let cells = vec![
                    x.user_id.clone(),
                    x.full_name,
                    email,
                    n(x.orders),
                    n(x.spent_minor),
                    instant(x.first_at),
                    instant(x.last_at),
                ];
                (x.user_id, cells)
            })
            .collect(),
        Kind::Finance if after.is_empty() => {
            let rows = finance(c, l).await?.into_iter().skip(1).map(|r| (String::new(), r)).collect();
            return Ok((rows_only(rows), None));
        }
        Kind::Finance => return Ok((Vec::new(), None)),
    };
    let full = rows.len() as i64 >= limit;
    let next = rows.last().map(|r| r.0.clone()).filter(|_| full);
    Ok((rows_only(rows), next))
}

fn rows_only(rows: Vec<(String, Vec<String>)>) -> Vec<Vec<String>> {
    rows.into_iter().map(|r| r.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_and_unknown_ones_are_refused() {
        for (name, _, _) in super::super::KINDS {
            assert_eq!(Kind::parse(name).unwrap().name(), name);
        }
        assert!(Kind::parse("passwords").is_err());
        assert_eq!(instant(1_780_000_000_123), "2026-05-28T20:26:40Z");
    }
}
