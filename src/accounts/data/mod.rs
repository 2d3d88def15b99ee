//! "My data" (GDPR articles 15, 17 and 20): everything held about a person
//! as one download, and deleting the account — personal fields erased,
//! orders kept in the shops' books with the customer anonymised.

pub mod api;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod erase;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod rest;

use serde::{Deserialize, Serialize};

/// What `/account/data` shows: how much is held, and whether the account
/// can be deleted now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataOverview {
    /// ("Orders", 3), in the order the page lists them.
    pub held: Vec<(String, i64)>,
    /// What must finish before the account can go (empty: it can).
    pub blockers: Vec<String>,
    pub two_factor: bool,
}

/// Times in the download: RFC 3339 in UTC, which spreadsheets read.
#[cfg(feature = "ssr")]
fn at<S: serde::Serializer>(ms: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::dates::rfc3339(*ms))
}

#[cfg(feature = "ssr")]
fn at_opt<S: serde::Serializer>(ms: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => at(ms, s),
        None => s.serialize_str(""),
    }
}
