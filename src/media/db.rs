//! Media SQL. Rows are never rewritten: a new upload gets a new id, so the
//! id doubles as the ETag.

use sqlx::FromRow;

use super::Stored;
use crate::server::db::Conn;
use crate::server::{new_id, now_ms};
use crate::sql;

/// A media row: the bytes themselves, or the key of the file holding them.
#[derive(Debug, FromRow)]
pub struct MediaRow {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub storage_key: Option<String>,
}

/// One stored image's row.
pub async fn find(c: &mut Conn, id: &str) -> Result<Option<MediaRow>, sqlx::Error> {
    c.opt(&sql!("SELECT content_type, bytes, storage_key FROM media WHERE id = $1", id)).await
}

/// Describe a file already in the media store (its bytes stay there).
pub async fn insert_file(
    c: &mut Conn,
    id: &str,
    content_type: &str,
    key: &str,
    byte_size: usize,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO media (id, content_type, bytes, byte_size, storage_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        content_type,
        &[] as &[u8],
        byte_size,
        key,
        now_ms()
    ))
    .await?;
    Ok(())
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

/// Delete a row; returns the key of its file, if it had one, for the
/// caller to remove once the transaction has committed.
pub async fn delete(c: &mut Conn, id: &str) -> Result<Option<String>, sqlx::Error> {
    let key: Option<Option<String>> =
        c.scalar_opt(&sql!("SELECT storage_key FROM media WHERE id = $1", id)).await?;
    c.exec(&sql!("DELETE FROM media WHERE id = $1", id)).await?;
    Ok(key.flatten())
}
