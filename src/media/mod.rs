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
pub use db::{delete, find, insert};
#[cfg(feature = "ssr")]
pub use image::{ImageError, reencode};

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
