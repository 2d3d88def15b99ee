//! Checkout SQL: `checkouts`, `shipping_rates`, `tax_rates`.

use sqlx::FromRow;

use super::pricing::ShippingRate;
use crate::server::db::{Conn, Query};
use crate::sql;

/// Shipping for each of these shops (their own row, else the `*` row).
pub async fn shipping_rates(
    c: &mut Conn,
    shop_ids: &[String],
) -> Result<std::collections::HashMap<String, ShippingRate>, sqlx::Error> {
    let mut ids = shop_ids.to_vec();
    ids.push("*".to_owned());
    let mut q =
        Query::new("SELECT shop_id, flat_minor, free_over_minor FROM shipping_rates WHERE shop_id IN ");
    q.push_list(&ids);
    let rows: Vec<(String, i64, Option<i64>)> = c.all(&q).await?;
    let all: std::collections::HashMap<String, ShippingRate> =
        rows.into_iter().map(|(id, flat, free_over)| (id, ShippingRate { flat, free_over })).collect();
    let fallback = all.get("*").copied().unwrap_or(ShippingRate { flat: 0, free_over: None });
    Ok(shop_ids.iter().map(|id| (id.clone(), all.get(id).copied().unwrap_or(fallback))).collect())
}

/// The tax rate (basis points) for a country and region: the region's,
/// else the country's, else the `*` rate.
pub async fn tax_rate(c: &mut Conn, country: &str, region: &str) -> Result<i64, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = c
        .all(&sql!(
            "SELECT country, region, rate_bp FROM tax_rates WHERE (country = $1 AND region IN ($2, '')) OR country = '*'",
            country,
            region
        ))
        .await?;
    let pick = |country_match: &str, region_match: &str| {
        rows.iter().find(|(c, r, _)| c == country_match && r == region_match).map(|(_, _, bp)| *bp)
    };
    Ok(pick(country, region).or_else(|| pick(country, "")).or_else(|| pick("*", "")).unwrap_or(0))
}

#[derive(Debug, Clone, FromRow)]
pub struct CheckoutRow {
    pub id: String,
    pub user_id: String,
    pub payment_method: String,
    pub payment_status: String,
    pub currency: String,
    pub total_minor: i64,
    pub promo_code: Option<String>,
    pub payment_intent_id: Option<String>,
    pub client_secret: Option<String>,
    pub hold_until: Option<i64>,
}

pub const COLUMNS: &str = "SELECT id, user_id, payment_method, payment_status, currency, total_minor, promo_code, \
     payment_intent_id, client_secret, hold_until FROM checkouts";

pub async fn by_key(c: &mut Conn, user_id: &str, key: &str) -> Result<Option<CheckoutRow>, sqlx::Error> {
    let mut q = Query::new(COLUMNS);
    q.push(" WHERE user_id = ").push_bind(user_id).push(" AND idempotency_key = ").push_bind(key);
    c.opt(&q).await
}

pub async fn by_id(c: &mut Conn, id: &str) -> Result<Option<CheckoutRow>, sqlx::Error> {
    let mut q = Query::new(COLUMNS);
    q.push(" WHERE id = ").push_bind(id);
    c.opt(&q).await
}

pub struct NewCheckout<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub key: &'a str,
    pub payment_method: &'a str,
    pub payment_status: &'a str,
    pub quote: &'a super::Quote,
    pub hold_until: Option<i64>,
    pub now: i64,
}

pub async fn insert(c: &mut Conn, n: &NewCheckout<'_>) -> Result<(), sqlx::Error> {
    let q = n.quote;
    c.exec(&sql!(
        "INSERT INTO checkouts (id, user_id, idempotency_key, payment_method, payment_status, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, promo_code, hold_until, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
        n.id,
        n.user_id,
        n.key,
        n.payment_method,
        n.payment_status,
        q.currency.clone(),
        q.subtotal,
        q.shipping,
        q.tax,
        q.discount,
        q.total,
        q.promo.as_ref().map(|(code, _)| code.clone()),
        n.hold_until,
        n.now
    ))
    .await?;
    Ok(())
}

/// The default (`*`) shipping rate.
pub async fn default_shipping(c: &mut Conn) -> Result<ShippingRate, sqlx::Error> {
    Ok(own_shipping(c, "*").await?.unwrap_or(ShippingRate { flat: 0, free_over: None }))
}

/// A shop's own rate, if it set one.
pub async fn own_shipping(c: &mut Conn, shop_id: &str) -> Result<Option<ShippingRate>, sqlx::Error> {
    let row: Option<(i64, Option<i64>)> = c
        .opt(&sql!("SELECT flat_minor, free_over_minor FROM shipping_rates WHERE shop_id = $1", shop_id))
        .await?;
    Ok(row.map(|(flat, free_over)| ShippingRate { flat, free_over }))
}

/// Drop a shop's own rate (it uses the default again).
pub async fn delete_shipping(c: &mut Conn, shop_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM shipping_rates WHERE shop_id = $1 AND shop_id <> '*'", shop_id)).await?;
    Ok(())
}

pub async fn set_shipping(c: &mut Conn, shop_id: &str, rate: ShippingRate) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO shipping_rates (shop_id, flat_minor, free_over_minor) VALUES ($1, $2, $3) \
         ON CONFLICT (shop_id) DO UPDATE SET flat_minor = excluded.flat_minor, free_over_minor = excluded.free_over_minor",
        shop_id,
        rate.flat,
        rate.free_over
    ))
    .await?;
    Ok(())
}

/// Every tax rate: (country, region, basis points), `*` first.
pub async fn tax_rates(c: &mut Conn) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    c.all(&sql!("SELECT country, region, rate_bp FROM tax_rates ORDER BY country, region")).await
}

pub async fn set_tax_rate(
    c: &mut Conn,
    country: &str,
    region: &str,
    rate_bp: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO tax_rates (country, region, rate_bp) VALUES ($1, $2, $3) \
         ON CONFLICT (country, region) DO UPDATE SET rate_bp = excluded.rate_bp",
        country,
        region,
        rate_bp
    ))
    .await?;
    Ok(())
}

pub async fn delete_tax_rate(c: &mut Conn, country: &str, region: &str) -> Result<bool, sqlx::Error> {
    Ok(c.exec(&sql!("DELETE FROM tax_rates WHERE country = $1 AND region = $2", country, region)).await? == 1)
}

/// Unpaid card checkouts whose hold ran out before `now` (oldest first).
pub async fn expired_holds(c: &mut Conn, now: i64, limit: i64) -> Result<Vec<CheckoutRow>, sqlx::Error> {
    let mut q = Query::new(COLUMNS);
    q.push(" WHERE payment_status = 'pending' AND hold_until < ").push_bind(now);
    q.push(" ORDER BY hold_until LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// Move a checkout's payment state, only from `from`; whether it moved.
pub async fn set_payment_status(
    c: &mut Conn,
    id: &str,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE checkouts SET payment_status = $1, updated_at = $2 WHERE id = $3 AND payment_status = $4",
            to,
            now,
            id,
            from
        ))
        .await?;
    Ok(n == 1)
}
