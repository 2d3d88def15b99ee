//! Shipping addresses SQL.

use sqlx::{AnyConnection, FromRow};

use crate::accounts::Address;
use crate::server::now_ms;

/// `is_default` is read as 0/1: the Any driver cannot decode SQLite's BOOLEAN.
const ADDRESS_COLUMNS: &str = "SELECT id, full_name, phone, address_line1, address_line2, city, state, \
     postal_code, country, CAST(CASE WHEN is_default THEN 1 ELSE 0 END AS BIGINT) AS is_default FROM addresses";

#[derive(Debug, FromRow)]
struct AddressRow {
    id: String,
    full_name: String,
    phone: String,
    address_line1: String,
    address_line2: String,
    city: String,
    state: String,
    postal_code: String,
    country: String,
    is_default: i64,
}

impl From<AddressRow> for Address {
    fn from(r: AddressRow) -> Self {
        Address {
            id: r.id,
            full_name: r.full_name,
            phone: r.phone,
            address_line1: r.address_line1,
            address_line2: r.address_line2,
            city: r.city,
            state: r.state,
            postal_code: r.postal_code,
            country: r.country,
            is_default: r.is_default != 0,
        }
    }
}

/// The default first, then oldest first.
pub async fn addresses(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<Address>, sqlx::Error> {
    let rows: Vec<AddressRow> =
        sqlx::query_as(&format!("{ADDRESS_COLUMNS} WHERE user_id = $1 ORDER BY 10 DESC, created_at, id"))
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(Address::from).collect())
}

/// One of `user_id`'s addresses; someone else's is `None`.
pub async fn address(
    conn: &mut AnyConnection,
    user_id: &str,
    id: &str,
) -> Result<Option<Address>, sqlx::Error> {
    let row: Option<AddressRow> =
        sqlx::query_as(&format!("{ADDRESS_COLUMNS} WHERE user_id = $1 AND id = $2"))
            .bind(user_id)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(Address::from))
}

/// Binds the nine address fields, in the order both statements list them.
fn bind_fields<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    a: &'q Address,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&a.full_name)
        .bind(&a.phone)
        .bind(&a.address_line1)
        .bind(&a.address_line2)
        .bind(&a.city)
        .bind(&a.state)
        .bind(&a.postal_code)
        .bind(&a.country)
        .bind(a.is_default)
}

pub async fn insert_address(conn: &mut AnyConnection, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = sqlx::query(
        "INSERT INTO addresses (full_name, phone, address_line1, address_line2, city, state, postal_code, \
         country, is_default, created_at, updated_at, id, user_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)",
    );
    bind_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id).execute(conn).await?;
    Ok(())
}

pub async fn update_address(conn: &mut AnyConnection, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = sqlx::query(
        "UPDATE addresses SET full_name = $1, phone = $2, address_line1 = $3, address_line2 = $4, city = $5, \
         state = $6, postal_code = $7, country = $8, is_default = $9, updated_at = $10 \
         WHERE id = $11 AND user_id = $12",
    );
    bind_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id).execute(conn).await?;
    Ok(())
}

pub async fn delete_address(conn: &mut AnyConnection, user_id: &str, id: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM addresses WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Clear the default flag, so another address can take it without
/// tripping the one-default index.
pub async fn clear_default(conn: &mut AnyConnection, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE addresses SET is_default = FALSE WHERE user_id = $1 AND is_default = TRUE")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_default(conn: &mut AnyConnection, user_id: &str, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE addresses SET is_default = TRUE WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
