//! Cart SQL: the `carts` and `cart_items` tables only (prices, stock and
//! titles come from the catalog service).

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    pub id: String,
    pub product_id: String,
    pub variant_id: String,
    pub quantity: i64,
}

/// The person's cart id, if they have one.
pub async fn user_cart(c: &mut Conn, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT id FROM carts WHERE user_id = $1", user_id)).await
}

/// A visitor cart by id (`None`: gone, or it belongs to a person).
pub async fn visitor_cart(c: &mut Conn, id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT id FROM carts WHERE id = $1 AND user_id IS NULL", id)).await
}

/// Make a cart (a person's is made once: a second insert does nothing).
pub async fn insert_cart(c: &mut Conn, id: &str, user_id: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO carts (id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING",
        id,
        user_id,
        now
    ))
    .await?;
    Ok(())
}

/// Touch the cart: on PostgreSQL this locks its row until the transaction
/// ends, so two changes to one cart run one after the other.
pub async fn touch(c: &mut Conn, id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE carts SET updated_at = $1 WHERE id = $2", now, id)).await?;
    Ok(())
}

pub async fn items(c: &mut Conn, cart_id: &str) -> Result<Vec<ItemRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, product_id, variant_id, quantity FROM cart_items WHERE cart_id = $1 ORDER BY added_at, id",
        cart_id
    ))
    .await
}

/// Units over every line.
pub async fn count(c: &mut Conn, cart_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM cart_items WHERE cart_id = $1",
        cart_id
    ))
    .await
}

pub async fn line_count(c: &mut Conn, cart_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM cart_items WHERE cart_id = $1", cart_id)).await
}

pub async fn item(c: &mut Conn, cart_id: &str, item_id: &str) -> Result<Option<ItemRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT id, product_id, variant_id, quantity FROM cart_items WHERE cart_id = $1 AND id = $2",
        cart_id,
        item_id
    ))
    .await
}

pub async fn item_for_variant(
    c: &mut Conn,
    cart_id: &str,
    variant_id: &str,
) -> Result<Option<ItemRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT id, product_id, variant_id, quantity FROM cart_items WHERE cart_id = $1 AND variant_id = $2",
        cart_id,
        variant_id
    ))
    .await
}

pub struct NewItem<'a> {
    pub id: &'a str,
    pub cart_id: &'a str,
    pub product_id: &'a str,
    pub variant_id: &'a str,
    pub quantity: i64,
    pub now: i64,
}

pub async fn insert_item(c: &mut Conn, i: &NewItem<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO cart_items (id, cart_id, product_id, variant_id, quantity, added_at) VALUES ($1, $2, $3, $4, $5, $6)",
        i.id,
        i.cart_id,
        i.product_id,
        i.variant_id,
        i.quantity,
        i.now
    ))
    .await?;
    Ok(())
}

pub async fn set_quantity(c: &mut Conn, item_id: &str, quantity: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE cart_items SET quantity = $1 WHERE id = $2", quantity, item_id)).await?;
    Ok(())
}

/// Remove a line; whether it was there.
pub async fn delete_item(c: &mut Conn, cart_id: &str, item_id: &str) -> Result<bool, sqlx::Error> {
    Ok(c.exec(&sql!("DELETE FROM cart_items WHERE cart_id = $1 AND id = $2", cart_id, item_id)).await? == 1)
}

pub async fn delete_variants(c: &mut Conn, cart_id: &str, variant_ids: &[String]) -> Result<(), sqlx::Error> {
    if variant_ids.is_empty() {
        return Ok(());
    }
    let mut q = sql!("DELETE FROM cart_items WHERE cart_id = $1", cart_id);
    q.push(" AND variant_id IN ").push_list(variant_ids);
    c.exec(&q).await?;
    Ok(())
}

pub async fn delete_cart(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM cart_items WHERE cart_id = $1", id)).await?;
    c.exec(&sql!("DELETE FROM carts WHERE id = $1", id)).await?;
    Ok(())
}

/// Forget visitor carts untouched since `before`; how many went.
pub async fn sweep_visitor_carts(c: &mut Conn, before: i64) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM carts WHERE user_id IS NULL AND updated_at < $1)",
        before
    ))
    .await?;
    c.exec(&sql!("DELETE FROM carts WHERE user_id IS NULL AND updated_at < $1", before)).await
}

pub async fn set_channel(c: &mut Conn, line_id: &str, channel: &str) -> Result<(), sqlx::Error> {
    c.exec(&crate::sql!("UPDATE cart_items SET channel = $2 WHERE id = $1", line_id, channel)).await?;
    Ok(())
}

/// Copy a cart's lines' channels to the lines of the orders just placed from it.
pub async fn channels_to_orders(
    c: &mut Conn,
    cart_id: &str,
    order_ids: &[String],
) -> Result<u64, sqlx::Error> {
    if order_ids.is_empty() {
        return Ok(0);
    }
    let mut q = crate::sql!(
        "UPDATE order_lines SET channel = (SELECT ci.channel FROM cart_items ci \
         WHERE ci.cart_id = $1 AND ci.variant_id = order_lines.variant_id) WHERE order_id IN ",
        cart_id
    );
    q.push_list(order_ids);
    c.exec(&q).await
}
