//! SQL of a stream's numbers: `stream_views`, and counts over the chat and
//! the order lines attributed to the stream.

use crate::server::db::Conn;
use crate::sql;

/// A stay on a stream's page.
pub struct Stay<'a> {
    pub stream_id: &'a str,
    pub viewer: &'a str,
    pub started_at: i64,
    pub ended_at: i64,
}

/// Log one stay; a stream deleted meanwhile is skipped.
pub async fn insert(c: &mut Conn, id: &str, s: &Stay<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO stream_views (id, stream_id, viewer, started_at, ended_at) \
         SELECT $1, id, $3, $4, $5 FROM streams WHERE id = $2",
        id,
        s.stream_id,
        s.viewer,
        s.started_at,
        s.ended_at
    ))
    .await?;
    Ok(())
}

/// Every stay overlapping `[from, to)`: (viewer, started, ended).
pub async fn stays(
    c: &mut Conn,
    stream_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT viewer, started_at, ended_at FROM stream_views \
         WHERE stream_id = $1 AND ended_at > $2 AND started_at < $3",
        stream_id,
        from,
        to
    ))
    .await
}

/// Chat messages that still stand (deleted ones aside).
pub async fn messages(c: &mut Conn, stream_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "SELECT COUNT(*) FROM stream_messages WHERE stream_id = $1 AND deleted_at IS NULL",
        stream_id
    ))
    .await
}

/// The products bought from the stream, most revenue first:
/// (product id, title, quantity, revenue in minor units).
pub async fn top_products(
    c: &mut Conn,
    stream_id: &str,
    limit: i64,
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    c.all(&sql!(
        "SELECT ol.product_id, MIN(ol.title) AS title, CAST(SUM(ol.quantity) AS BIGINT) AS quantity, \
                CAST(SUM(ol.line_total_minor) AS BIGINT) AS revenue \
         FROM order_lines ol JOIN orders o ON o.id = ol.order_id \
         WHERE ol.stream_id = $1 AND o.status <> 'cancelled' \
         GROUP BY ol.product_id ORDER BY revenue DESC, quantity DESC, ol.product_id LIMIT $2",
        stream_id,
        limit
    ))
    .await
}
