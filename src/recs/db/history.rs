//! SQL of the demo shop's generated order history (`history`): shoppers,
//! their profiles, delivered orders and verified reviews.

use crate::server::db::Conn;
use crate::sql;

/// An active product's first variant: what a generated order line buys.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Buyable {
    pub product_id: String,
    pub variant_id: String,
    pub seller_id: String,
    pub title: String,
    pub variant_title: String,
    pub sku: String,
    pub price_minor: i64,
}

pub async fn buyables(c: &mut Conn) -> Result<Vec<Buyable>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.id AS product_id, v.id AS variant_id, p.seller_id, p.title, v.title AS variant_title, v.sku, \
         v.price_minor FROM products p JOIN product_variants v ON v.product_id = p.id \
         WHERE p.status = 'active' AND v.position = (SELECT MIN(x.position) FROM product_variants x \
         WHERE x.product_id = p.id) ORDER BY p.id"
    ))
    .await
}

/// Whether any generated shopper exists already.
pub async fn any_shopper(c: &mut Conn, email_suffix: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        c.scalar(&sql!("SELECT COUNT(*) FROM users WHERE email LIKE $1", format!("%{email_suffix}"))).await?;
    Ok(n > 0)
}

/// A generated shopper and their beauty profile.
pub struct Shopper<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub skin_type: &'a str,
    pub concerns_json: &'a str,
    pub at: i64,
    /// Said yes to marketing mail when they joined.
    pub news: bool,
}

pub async fn insert_shopper(c: &mut Conn, s: &Shopper<'_>) -> Result<(), sqlx::Error> {
    let Shopper { id, email, name, password_hash, skin_type, concerns_json, at, news } = *s;
    c.exec(&sql!(
        "INSERT INTO users (id, email, password_hash, full_name, role, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'customer', $5, $5)",
        id,
        email,
        password_hash,
        name,
        at
    ))
    .await?;
    c.exec(&sql!(
        "INSERT INTO profiles (user_id, skin_type, skin_concerns, updated_at, marketing_opt_in_at) \
         VALUES ($1, $2, $3, $4, $5)",
        id,
        skin_type,
        concerns_json,
        at,
        news.then_some(at)
    ))
    .await?;
    Ok(())
}

pub async fn insert_checkout(
    c: &mut Conn,
    id: &str,
    user_id: &str,
    total: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO checkouts (id, user_id, idempotency_key, payment_method, payment_status, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, created_at, updated_at) \
         VALUES ($1, $2, $1, 'cash_on_delivery', 'paid', 'USD', $3, 0, 0, 0, $3, $4, $4)",
        id,
        user_id,
        total,
        at
    ))
    .await?;
    Ok(())
}

pub struct HistoryOrder<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub checkout_id: &'a str,
    pub user_id: &'a str,
    pub shop_id: &'a str,
    pub name: &'a str,
    pub total: i64,
    pub at: i64,
}

pub async fn insert_order(c: &mut Conn, o: &HistoryOrder<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO orders (id, number, checkout_id, user_id, shop_id, status, payment_method, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, ship_name, ship_line1, \
         ship_city, ship_postal_code, ship_country, created_at, updated_at, sold_at) \
         VALUES ($1, $2, $3, $4, $5, 'delivered', 'cash_on_delivery', 'USD', $6, 0, 0, 0, $6, $7, \
         '1 Market Street', 'Portland', '97201', 'US', $8, $8, $8)",
        o.id,
        o.number,
        o.checkout_id,
        o.user_id,
        o.shop_id,
        o.total,
        o.name,
        o.at
    ))
    .await?;
    Ok(())
}

/// The demo catalogue's costs: two fifths of the price, where none is set.
pub async fn give_costs(c: &mut Conn) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE products SET cost_minor = price_minor * 2 / 5 WHERE cost_minor IS NULL")).await?;
    Ok(())
}

pub async fn insert_line(
    c: &mut Conn,
    id: &str,
    order_id: &str,
    b: &Buyable,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO order_lines (id, order_id, product_id, variant_id, shop_id, title, variant_title, sku, \
         unit_price_minor, quantity, line_total_minor, unit_cost_minor) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT cost_minor FROM products WHERE id = $3))",
        id,
        order_id,
        &b.product_id,
        &b.variant_id,
        &b.seller_id,
        &b.title,
        &b.variant_title,
        &b.sku,
        b.price_minor,
        quantity,
        b.price_minor * quantity
    ))
    .await?;
    c.exec(&sql!("UPDATE products SET sold_count = sold_count + $1 WHERE id = $2", quantity, &b.product_id))
        .await?;
    Ok(())
}

/// Every checkout of the generated shoppers: (checkout, shopper, product, when).
pub async fn shopper_purchases(
    c: &mut Conn,
    email_suffix: &str,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.checkout_id, o.user_id, l.product_id, o.created_at FROM order_lines l \
         JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = o.user_id \
         WHERE u.email LIKE $1 ORDER BY o.user_id, o.created_at, o.checkout_id",
        format!("%{email_suffix}")
    ))
    .await
}
