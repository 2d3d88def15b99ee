//! Promo SQL: `promo_codes` and `promo_uses`.

use super::{Promo, PromoInput};
use crate::server::db::Conn;
use crate::sql;

const COLUMNS: &str = "SELECT id, code, kind, value, min_subtotal_minor AS min_subtotal, starts_at, ends_at, \
     usage_limit, per_customer_limit, shop_id, category_id, used_count, active FROM promo_codes";

pub async fn by_code(c: &mut Conn, code: &str) -> Result<Option<Promo>, sqlx::Error> {
    let mut q = crate::server::db::Query::new(COLUMNS);
    q.push(" WHERE code = ").push_bind(code);
    c.opt(&q).await
}

/// Newest first.
pub async fn all(c: &mut Conn) -> Result<Vec<Promo>, sqlx::Error> {
    c.all(&crate::server::db::Query::new(format!("{COLUMNS} ORDER BY created_at DESC, id"))).await
}

pub async fn insert(c: &mut Conn, id: &str, p: &PromoInput, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO promo_codes (id, code, kind, value, min_subtotal_minor, starts_at, ends_at, usage_limit, \
         per_customer_limit, shop_id, category_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        id,
        p.code.clone(),
        p.kind.clone(),
        p.value,
        p.min_subtotal,
        p.starts_at,
        p.ends_at,
        p.usage_limit,
        p.per_customer_limit,
        p.shop_id.clone(),
        p.category_id.clone(),
        now
    ))
    .await?;
    Ok(())
}

pub async fn set_active(c: &mut Conn, id: &str, active: bool) -> Result<bool, sqlx::Error> {
    Ok(c.exec(&sql!("UPDATE promo_codes SET active = $1 WHERE id = $2", active, id)).await? == 1)
}

/// Count one use, only while under the limit; whether it was counted.
pub async fn take_use(c: &mut Conn, id: &str) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE promo_codes SET used_count = used_count + 1 \
             WHERE id = $1 AND (usage_limit IS NULL OR used_count < usage_limit)",
            id
        ))
        .await?;
    Ok(n == 1)
}

/// Give a use back (the order it paid for was cancelled unpaid).
pub async fn return_use(c: &mut Conn, id: &str, checkout_id: &str) -> Result<(), sqlx::Error> {
    let gone = c
        .exec(&sql!("DELETE FROM promo_uses WHERE promo_id = $1 AND checkout_id = $2", id, checkout_id))
        .await?;
    if gone == 1 {
        c.exec(&sql!(
            "UPDATE promo_codes SET used_count = used_count - 1 WHERE id = $1 AND used_count > 0",
            id
        ))
        .await?;
    }
    Ok(())
}

pub async fn uses_by(c: &mut Conn, id: &str, user_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM promo_uses WHERE promo_id = $1 AND user_id = $2", id, user_id)).await
}

pub async fn record_use(
    c: &mut Conn,
    id: &str,
    checkout_id: &str,
    user_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO promo_uses (promo_id, checkout_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
        id,
        checkout_id,
        user_id,
        now
    ))
    .await?;
    Ok(())
}
