//! Media SQL. Rows are never rewritten: a new upload gets a new id, so the
//! id doubles as the ETag.

use sqlx::FromRow;

use super::Stored;
use crate::server::db::Conn;
use crate::server::{new_id, now_ms};
use crate::sql;

#[derive(Debug, FromRow)]
struct MediaRow {
    content_type: String,
    bytes: Vec<u8>,
}

/// One stored image.
pub async fn find(c: &mut Conn, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<MediaRow> =
        c.opt(&sql!("SELECT content_type, bytes FROM media WHERE id = $1", id)).await?;
    Ok(row.map(|r| Stored { content_type: r.content_type, bytes: r.bytes }))
}

/// Store an image; returns its new id.
pub async fn insert(c: &mut Conn, image: &Stored) -> Result<String, sqlx::Error> {
    let id = new_id();
    c.exec(&sql!(
        "INSERT INTO media (id, content_type, bytes, byte_size, created_at) VALUES ($1, $2, $3, $4, $5)",
        &id,
        &image.content_type,
        image.bytes.as_slice(),
        image.bytes.len(),
        now_ms()
    ))
    .await?;
    Ok(id)
}

pub async fn delete(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM media WHERE id = $1", id)).await?;
    Ok(())
}
