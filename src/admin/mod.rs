//! The back office (administrators only). This first page is the overview;
//! catalog, orders and moderation tools build on it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod outbox;
pub mod security;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// Figures on the back-office home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// (role, people) for every role, in role order.
    pub people_by_role: Vec<(String, i64)>,
    pub active_products: i64,
    pub shops: i64,
    pub recent: Vec<RecentSignup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentSignup {
    pub full_name: String,
    pub email: String,
    pub role: String,
    pub created_at: i64,
}
