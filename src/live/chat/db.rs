//! Chat SQL: `stream_messages`, `chat_mutes`, and the stream's chat settings.

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

#[derive(FromRow)]
pub struct MessageRow {
    pub id: String,
    pub user_id: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

pub async fn insert(
    c: &mut Conn,
    id: &str,
    stream_id: &str,
    user_id: &str,
    author: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO stream_messages (id, stream_id, user_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        stream_id,
        user_id,
        author,
        body,
        now
    ))
    .await?;
    Ok(())
}

/// The latest `limit` messages not deleted, oldest first.
pub async fn recent(c: &mut Conn, stream_id: &str, limit: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut rows: Vec<MessageRow> = c
        .all(&sql!(
            "SELECT id, user_id, author, body, created_at FROM stream_messages \
             WHERE stream_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2",
            stream_id,
            limit
        ))
        .await?;
    rows.reverse();
    Ok(rows)
}

/// How many messages `user_id` wrote in the stream since `since`, and when the last.
pub async fn written_since(
    c: &mut Conn,
    stream_id: &str,
    user_id: &str,
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    c.one(&sql!(
        "SELECT COUNT(*) AS n, MAX(created_at) AS last FROM stream_messages \
         WHERE stream_id = $1 AND user_id = $2 AND created_at >= $3",
        stream_id,
        user_id,
        since
    ))
    .await
}

/// Mark deleted; false if there was no such message in the stream.
pub async fn delete(c: &mut Conn, stream_id: &str, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE stream_messages SET deleted_at = $3 WHERE stream_id = $1 AND id = $2 AND deleted_at IS NULL",
            stream_id,
            id,
            now
        ))
        .await?;
    Ok(n > 0)
}

/// Who wrote a message of the stream.
pub async fn author_of(c: &mut Conn, stream_id: &str, id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT user_id FROM stream_messages WHERE stream_id = $1 AND id = $2", stream_id, id))
        .await
}

/// Mute in one stream (`stream_id`) or, with `''`, ban from every stream of the shop.
pub async fn mute(
    c: &mut Conn,
    seller_id: &str,
    stream_id: &str,
    user_id: &str,
    by: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO chat_mutes (seller_id, stream_id, user_id, muted_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
        seller_id,
        stream_id,
        user_id,
        by,
        now
    ))
    .await?;
    Ok(())
}

pub async fn unmute(
    c: &mut Conn,
    seller_id: &str,
    stream_id: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "DELETE FROM chat_mutes WHERE seller_id = $1 AND stream_id = $2 AND user_id = $3",
            seller_id,
            stream_id,
            user_id
        ))
        .await?;
    Ok(n > 0)
}

/// Muted in this stream or banned from the shop's streams.
pub async fn muted(
    c: &mut Conn,
    seller_id: &str,
    stream_id: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    Ok(c.scalar::<i64>(&sql!(
        "SELECT COUNT(*) FROM chat_mutes WHERE seller_id = $1 AND user_id = $3 AND stream_id IN ($2, '')",
        seller_id,
        stream_id,
        user_id
    ))
    .await?
        > 0)
}

/// (slow mode seconds, pinned product id).
pub async fn settings(c: &mut Conn, stream_id: &str) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    c.opt(&sql!("SELECT slow_mode_secs, pinned_product_id FROM streams WHERE id = $1", stream_id)).await
}

pub async fn set_slow_mode(c: &mut Conn, stream_id: &str, secs: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE streams SET slow_mode_secs = $2 WHERE id = $1", stream_id, secs)).await?;
    Ok(())
}

pub async fn set_pinned(c: &mut Conn, stream_id: &str, product_id: Option<&str>) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE streams SET pinned_product_id = $2 WHERE id = $1", stream_id, product_id)).await?;
    Ok(())
}
