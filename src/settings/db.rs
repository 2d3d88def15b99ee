//! Settings SQL: `site_settings` rows (name → text value).

use crate::server::db::Conn;
use crate::sql;

/// A back-office setting's value, if it was ever set.
pub async fn setting(c: &mut Conn, name: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT value FROM site_settings WHERE name = $1", name)).await
}

/// Every setting saved in the back office.
pub async fn all(c: &mut Conn) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT name, value FROM site_settings ORDER BY name")).await
}

pub async fn put_setting(
    c: &mut Conn,
    name: &str,
    value: &str,
    by: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO site_settings (name, value, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
        name,
        value,
        by,
        now
    ))
    .await?;
    Ok(())
}

/// No product and no order yet: the currency may still change.
pub async fn nothing_priced(c: &mut Conn) -> Result<bool, sqlx::Error> {
    let n: i64 =
        c.scalar(&sql!("SELECT (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM orders)")).await?;
    Ok(n == 0)
}
