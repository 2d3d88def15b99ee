//! Shipping addresses SQL.

use sqlx::FromRow;

use crate::accounts::Address;
use crate::accounts::validate::AddressInput;
use crate::server::db::{Conn, Query};
use crate::server::now_ms;
use crate::sql;

const ADDRESS_COLUMNS: &str = "SELECT id, full_name, phone, address_line1, address_line2, city, state, \
     postal_code, country, is_default FROM addresses";

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
    is_default: bool,
}

impl From<AddressRow> for Address {
    fn from(r: AddressRow) -> Self {
        Address {
            id: r.id,
            fields: AddressInput {
                full_name: r.full_name,
                phone: r.phone,
                address_line1: r.address_line1,
                address_line2: r.address_line2,
                city: r.city,
                state: r.state,
                postal_code: r.postal_code,
                country: r.country,
                is_default: r.is_default,
            },
        }
    }
}

/// The default first, then oldest first.
pub async fn addresses(c: &mut Conn, user_id: &str) -> Result<Vec<Address>, sqlx::Error> {
    let q =
        Query::new(format!("{ADDRESS_COLUMNS} WHERE user_id = $1 ORDER BY is_default DESC, created_at, id"))
            .bind(user_id);
    Ok(c.all::<AddressRow>(&q).await?.into_iter().map(Address::from).collect())
}

/// One of `user_id`'s addresses; someone else's is `None`.
pub async fn address(c: &mut Conn, user_id: &str, id: &str) -> Result<Option<Address>, sqlx::Error> {
    let q = Query::new(format!("{ADDRESS_COLUMNS} WHERE user_id = $1 AND id = $2")).bind(user_id).bind(id);
    Ok(c.opt::<AddressRow>(&q).await?.map(Address::from))
}

/// Binds the nine address fields, in the order both statements list them.
fn with_fields(q: Query, a: &Address) -> Query {
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

pub async fn count_addresses(c: &mut Conn, user_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM addresses WHERE user_id = $1", user_id)).await
}

pub async fn insert_address(c: &mut Conn, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = Query::new(
        "INSERT INTO addresses (full_name, phone, address_line1, address_line2, city, state, postal_code, \
         country, is_default, created_at, updated_at, id, user_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)",
    );
    c.exec(&with_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id)).await?;
    Ok(())
}

pub async fn update_address(c: &mut Conn, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = Query::new(
        "UPDATE addresses SET full_name = $1, phone = $2, address_line1 = $3, address_line2 = $4, city = $5, \
         state = $6, postal_code = $7, country = $8, is_default = $9, updated_at = $10 \
         WHERE id = $11 AND user_id = $12",
    );
    c.exec(&with_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id)).await?;
    Ok(())
}

pub async fn delete_address(c: &mut Conn, user_id: &str, id: &str) -> Result<u64, sqlx::Error> {
    c.exec(&sql!("DELETE FROM addresses WHERE id = $1 AND user_id = $2", id, user_id)).await
}

/// Clear the default flag, so another address can take it without
/// tripping the one-default index.
pub async fn clear_default(c: &mut Conn, user_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE addresses SET is_default = FALSE WHERE user_id = $1 AND is_default = TRUE",
        user_id
    ))
    .await?;
    Ok(())
}

pub async fn set_default(c: &mut Conn, user_id: &str, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE addresses SET is_default = TRUE WHERE user_id = $1 AND id = $2", user_id, id))
        .await?;
    Ok(())
}
