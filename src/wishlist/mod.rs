//! Wishlists: a person saves products, removes several at once, and may
//! share a read-only link (128-bit random token, revocable, renewable).
//! Types here are shared by the server and the browser.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::catalog::ProductCard;

/// At most this many products on one wishlist.
pub const MAX_ITEMS: i64 = 500;

/// The owner's wishlist page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wishlist {
    pub items: Vec<ProductCard>,
    /// `/wishlist/shared/{token}` while a share link exists.
    pub share_path: Option<String>,
}

/// What a share link shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedWishlist {
    pub owner: String,
    pub items: Vec<ProductCard>,
}

/// The path a share token opens.
pub fn share_path(token: &str) -> String {
    format!("/wishlist/shared/{token}")
}
