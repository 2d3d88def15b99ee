//! The audit log's view of a product: the fields a shop's books and its
//! customers care about — title, price, compare-at price, cost, low-stock
//! threshold, status, and each variant's price and stock by SKU — taken
//! before and after a save in the same transaction, so one row shows
//! exactly what that save changed.

use serde_json::{Map, Value, json};

use super::db;
use crate::audit::Entity;
use crate::audit::log::{self, Actor, Change};
use crate::error::AppResult;
use crate::server::db::Conn;

/// The product as the log follows it (`{}` when there is no such product).
pub async fn snapshot(c: &mut Conn, id: &str) -> AppResult<Value> {
    let Some(head) = db::head(c, id).await? else { return Ok(json!({})) };
    let f = db::fields(c, id).await?;
    let mut out = Map::new();
    out.insert("title".into(), f.title.into());
    out.insert("status".into(), head.status.into());
    out.insert("price_minor".into(), f.price_minor.into());
    out.insert("compare_at_minor".into(), f.compare_at_minor.into());
    out.insert("cost_minor".into(), f.cost_minor.into());
    out.insert("low_stock_at".into(), f.low_stock_at.into());
    for v in db::variants(c, id).await? {
        out.insert(format!("stock:{}", v.sku), v.stock.into());
        out.insert(format!("price_minor:{}", v.sku), v.price_minor.into());
    }
    Ok(Value::Object(out))
}

/// Record what a save did to the product, against `before` (its
/// `snapshot` at the start of the transaction). Stock alone is
/// `stock_changed`; a new product `product_created`, a deleted one
/// `product_deleted`; else `product_changed`.
pub async fn record(c: &mut Conn, by: Actor<'_>, id: &str, before: Value) -> AppResult<()> {
    let after = snapshot(c, id).await?;
    let (old, _) = log::diff(&before, &after);
    let only_stock =
        old.as_object().is_some_and(|m| !m.is_empty() && m.keys().all(|k| k.starts_with("stock:")));
    let empty = |v: &Value| v.as_object().is_some_and(Map::is_empty);
    let action = if empty(&before) {
        "product_created"
    } else if empty(&after) {
        "product_deleted"
    } else if only_stock {
        "stock_changed"
    } else {
        "product_changed"
    };
    log::record(c, by, Change { entity: Entity::Product, entity_id: id, action, before, after }).await
}
