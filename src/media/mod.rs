//! Media: stored images (product pictures, avatars) and the route that
//! serves them from our own origin. Catalog and accounts call this module;
//! neither touches the `media` table itself.

#[cfg(feature = "ssr")]
mod db;
#[cfg(feature = "ssr")]
mod image;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub mod upload;

#[cfg(feature = "ssr")]
pub use db::{delete, find, insert};
#[cfg(feature = "ssr")]
pub use image::{ImageError, Picture, reencode};
#[cfg(feature = "ssr")]
pub use store::MediaStore;

/// URL a stored image is served at.
pub fn url(id: &str) -> String {
    format!("/media/{id}")
}

/// An image ready to store: its type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Keep `image` as a file in `store` and describe it in the caller's
/// transaction; returns the new media id. (Should the transaction roll
/// back, the file stays behind unreferenced and is never served.)
#[cfg(feature = "ssr")]
pub async fn save_file(
    c: &mut crate::server::db::Conn,
    store: &MediaStore,
    image: &Stored,
) -> Result<String, crate::error::AppError> {
    let id = crate::server::new_id();
    let extension = if image.content_type == "image/jpeg" { "jpg" } else { "png" };
    let key = MediaStore::key_for(&id, extension);
    store.put(&key, &image.bytes).await.map_err(|e| {
        tracing::error!(error = %e, key, "could not write a media file");
        crate::error::AppError::Internal
    })?;
    db::insert_file(c, &id, &image.content_type, &key, image.bytes.len()).await?;
    Ok(id)
}
