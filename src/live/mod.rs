//! Live shopping. This first piece is the studio home for the people who
//! will run streams (sellers for their shops, staff for the house): which
//! shops they stream for and what those shops have in stock.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// A shop the viewer may stream for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioShop {
    pub slug: String,
    pub shop_name: String,
    pub status: String,
    pub products: i64,
    pub in_stock: i64,
}
