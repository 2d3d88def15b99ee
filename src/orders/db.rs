//! Order SQL: `orders`, `order_lines`, `order_events`.

use super::{OrderEvent, OrderLine, OrderSummary, ShipTo};
use crate::server::db::{Conn, Query};
use crate::sql;

const SUMMARY: &str = "SELECT o.id, o.number, o.checkout_id, o.user_id, o.shop_id, s.shop_name, \
     u.full_name AS customer_name, u.email AS customer_email, o.status, o.payment_method, o.currency, o.subtotal_minor, o.shipping_minor, \
     o.tax_minor, o.discount_minor, o.total_minor, o.refunded_minor, \
     (SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id) AS item_count, \
     o.carrier, o.tracking_number, o.created_at, o.updated_at, o.sold_at \
     FROM orders o JOIN sellers s ON s.id = o.shop_id JOIN users u ON u.id = o.user_id";

pub struct NewOrder<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub checkout_id: &'a str,
    pub user_id: &'a str,
    pub shop_id: &'a str,
    pub status: &'a str,
    pub payment_method: &'a str,
    pub currency: &'a str,
    pub subtotal: i64,
    pub shipping: i64,
    pub tax: i64,
    pub discount: i64,
    pub total: i64,
    pub ship_to: &'a ShipTo,
    pub now: i64,
    /// Sold as it is placed (cash on delivery).
    pub sold_at: Option<i64>,
}

pub async fn insert(c: &mut Conn, o: &NewOrder<'_>) -> Result<(), sqlx::Error> {
    let s = o.ship_to;
    c.exec(&sql!(
        "INSERT INTO orders (id, number, checkout_id, user_id, shop_id, status, payment_method, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, ship_name, ship_phone, ship_line1, \
         ship_line2, ship_city, ship_region, ship_postal_code, ship_country, created_at, updated_at, sold_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $23)",
        o.id,
        o.number,
        o.checkout_id,
        o.user_id,
        o.shop_id,
        o.status,
        o.payment_method,
        o.currency,
        o.subtotal,
        o.shipping,
        o.tax,
        o.discount,
        o.total,
        s.ship_name.clone(),
        s.ship_phone.clone(),
        s.ship_line1.clone(),
        s.ship_line2.clone(),
        s.ship_city.clone(),
        s.ship_region.clone(),
        s.ship_postal_code.clone(),
        s.ship_country.clone(),
        o.now,
        o.sold_at
    ))
    .await?;
    Ok(())
}

pub async fn insert_line(
    c: &mut Conn,
    order_id: &str,
    shop_id: &str,
    l: &OrderLine,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO order_lines (id, order_id, product_id, variant_id, shop_id, title, variant_title, sku, \
         unit_price_minor, quantity, line_total_minor, unit_cost_minor) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT cost_minor FROM products WHERE id = $3))",
        l.id.clone(),
        order_id,
        l.product_id.clone(),
        l.variant_id.clone(),
        shop_id,
        l.title.clone(),
        l.variant_title.clone(),
        l.sku.clone(),
        l.unit_price_minor,
        l.quantity,
        l.line_total_minor
    ))
    .await?;
    Ok(())
}

pub async fn insert_event(
    c: &mut Conn,
    order_id: &str,
    status: &str,
    actor: (Option<&str>, &str),
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO order_events (id, order_id, status, actor_id, actor, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        crate::server::new_id(),
        order_id,
        status,
        actor.0,
        actor.1,
        note,
        now
    ))
    .await?;
    Ok(())
}

/// Which orders a list shows.
#[derive(Debug, Default)]
pub struct Scope<'a> {
    pub user_id: Option<&'a str>,
    pub shop_id: Option<&'a str>,
    pub checkout_id: Option<&'a str>,
    pub status: Option<&'a str>,
    /// Placed at or after (unix ms).
    pub from: Option<i64>,
    /// Placed before (unix ms).
    pub to: Option<i64>,
    /// Part of the customer's name or email.
    pub customer: Option<&'a str>,
}

pub async fn list(
    c: &mut Conn,
    scope: &Scope<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<OrderSummary>, sqlx::Error> {
    let mut q = Query::new(SUMMARY);
    q.push(" WHERE 1 = 1");
    if let Some(id) = scope.user_id {
        q.push(" AND o.user_id = ").push_bind(id);
    }
    if let Some(id) = scope.shop_id {
        q.push(" AND o.shop_id = ").push_bind(id);
    }
    if let Some(id) = scope.checkout_id {
        q.push(" AND o.checkout_id = ").push_bind(id);
    }
    if let Some(s) = scope.status {
        q.push(" AND o.status = ").push_bind(s);
    }
    if let Some(t) = scope.from {
        q.push(" AND o.created_at >= ").push_bind(t);
    }
    if let Some(t) = scope.to {
        q.push(" AND o.created_at < ").push_bind(t);
    }
    if let Some(who) = scope.customer {
        let like = format!("%{}%", crate::server::db::like_escape(&who.to_lowercase()));
        q.push(" AND (LOWER(u.email) LIKE ")
            .push_bind(like.clone())
            .push(" ESCAPE '\\' OR LOWER(u.full_name) LIKE ");
        q.push_bind(like).push(" ESCAPE '\\')");
    }
    q.push(" ORDER BY o.created_at DESC, o.id DESC LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    c.all(&q).await
}

pub async fn summary(c: &mut Conn, id: &str) -> Result<Option<OrderSummary>, sqlx::Error> {
    let mut q = Query::new(SUMMARY);
    q.push(" WHERE o.id = ").push_bind(id);
    c.opt(&q).await
}

pub async fn ship_to(c: &mut Conn, id: &str) -> Result<ShipTo, sqlx::Error> {
    c.one(&sql!(
        "SELECT ship_name, ship_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country \
         FROM orders WHERE id = $1",
        id
    ))
    .await
}

pub async fn lines(c: &mut Conn, order_id: &str) -> Result<Vec<OrderLine>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, product_id, variant_id, title, variant_title, sku, unit_price_minor, quantity, line_total_minor, \
         refunded_quantity FROM order_lines WHERE order_id = $1 ORDER BY id",
        order_id
    ))
    .await
}

pub async fn events(c: &mut Conn, order_id: &str) -> Result<Vec<OrderEvent>, sqlx::Error> {
    c.all(&sql!(
        "SELECT status, actor, note, created_at FROM order_events WHERE order_id = $1 ORDER BY created_at, id",
        order_id
    ))
    .await
}

/// The order became a sale at `at` (its card payment arrived).
pub async fn mark_sold(c: &mut Conn, id: &str, at: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE orders SET sold_at = $1 WHERE id = $2 AND sold_at IS NULL", at, id)).await?;
    Ok(())
}

/// Move an order from `from` to `to`, only if it is still in `from`.
pub async fn set_status(c: &mut Conn, id: &str, from: &str, to: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
            to,
            now,
            id,
            from
        ))
        .await?;
    Ok(n == 1)
}

pub async fn set_tracking(c: &mut Conn, id: &str, carrier: &str, tracking: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE orders SET carrier = $1, tracking_number = $2 WHERE id = $3",
        carrier,
        tracking,
        id
    ))
    .await?;
    Ok(())
}

pub async fn has_bought(c: &mut Conn, user_id: &str, product_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM (SELECT 1 AS one FROM order_lines l JOIN orders o ON o.id = l.order_id \
             WHERE o.user_id = $1 AND l.product_id = $2 AND o.status NOT IN ('pending', 'cancelled') LIMIT 1) bought",
            user_id,
            product_id
        ))
        .await?;
    Ok(n > 0)
}
