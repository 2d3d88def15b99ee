//! SQL of `product_embeddings`.

use crate::server::db::{Conn, Query};
use crate::sql;

/// Stored vectors read per query.
pub const PAGE: i64 = 2_000;

/// A page of active products' stored vectors after `after` (by product id):
/// (product id, text hash, vector bytes).
pub async fn page_after(
    c: &mut Conn,
    after: Option<&str>,
) -> Result<Vec<(String, i64, Vec<u8>)>, sqlx::Error> {
    let mut q = Query::new(
        "SELECT e.product_id, e.text_hash, e.vector FROM product_embeddings e \
         JOIN products p ON p.id = e.product_id WHERE p.status = 'active'",
    );
    if let Some(after) = after {
        q.push(" AND e.product_id > ").push_bind(after);
    }
    q.push(" ORDER BY e.product_id LIMIT ").push_bind(PAGE);
    c.all(&q).await
}

/// Stored vectors of these products, whatever their status.
pub async fn by_ids(c: &mut Conn, ids: &[String]) -> Result<Vec<(String, i64, Vec<u8>)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q =
        Query::new("SELECT product_id, text_hash, vector FROM product_embeddings WHERE product_id IN ");
    q.push_list(ids);
    c.all(&q).await
}

/// Store a product's vector (a product deleted meanwhile is skipped).
pub async fn put(
    c: &mut Conn,
    product_id: &str,
    hash: i64,
    vector: Vec<u8>,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_embeddings (product_id, text_hash, vector, updated_at) \
         SELECT id, $2, $3, $4 FROM products WHERE id = $1 \
         ON CONFLICT (product_id) DO UPDATE SET text_hash = excluded.text_hash, vector = excluded.vector, \
         updated_at = excluded.updated_at",
        product_id,
        hash,
        vector,
        now
    ))
    .await?;
    Ok(())
}

/// Active products, and how many of them have a vector.
pub async fn coverage(c: &mut Conn) -> Result<(i64, i64), sqlx::Error> {
    let active: i64 = c.scalar(&sql!("SELECT COUNT(*) FROM products WHERE status = 'active'")).await?;
    let embedded: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM product_embeddings e JOIN products p ON p.id = e.product_id \
             WHERE p.status = 'active'"
        ))
        .await?;
    Ok((active, embedded))
}
