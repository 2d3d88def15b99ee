//! Inviting staff: an administrator names an address and the back-office
//! areas; the person gets a single-use link, valid seven days, to set their
//! name and password. Their account is staff with exactly those areas, its
//! address already proven (the link came to it). A newer invitation to the
//! same address withdraws the older one; an address that has an account is
//! refused (change that person's role on their page instead).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// Days an invitation link works.
pub const INVITE_DAYS: i64 = 7;

/// An invitation as its pages and the REST API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Invite {
    pub email: String,
    /// The areas the staff member will use.
    pub areas: Vec<String>,
    /// Unix ms.
    pub expires_at: i64,
}
