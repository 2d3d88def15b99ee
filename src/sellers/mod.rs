//! Sellers: people apply to open a shop, administrators verify or reject
//! the application, and a verified person becomes a seller at once.
//! Types here are shared by the server and the browser.

pub mod api;
pub mod follows;
pub mod profile;
pub mod ui;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

pub use validate::{ApplicationInput, ReturnAddress};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopStatus {
    Pending,
    Verified,
    Rejected,
    Suspended,
}

impl ShopStatus {
    /// As stored in `sellers.status`.
    pub fn as_db(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Rejected => "rejected",
            Self::Suspended => "suspended",
        }
    }

    pub fn from_db(s: &str) -> Self {
        match s {
            "verified" => Self::Verified,
            "rejected" => Self::Rejected,
            "suspended" => Self::Suspended,
            _ => Self::Pending,
        }
    }

    /// As the REST API names it (the seed's `pending_verification`).
    pub fn as_api(self) -> &'static str {
        match self {
            Self::Pending => "pending_verification",
            other => other.as_db(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for review",
            Self::Verified => "Verified",
            Self::Rejected => "Not approved",
            Self::Suspended => "Suspended",
        }
    }
}

/// An application (a shop that is not necessarily open yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub user_id: String,
    pub applicant_name: String,
    pub applicant_email: String,
    pub shop_name: String,
    pub slug: String,
    pub status: ShopStatus,
    pub input: ApplicationInput,
    /// The administrator's reason when rejected.
    pub review_note: String,
    pub created_at: i64,
}

/// Choices the application form offers (REST accepts any short text).
pub const EXPERIENCE_LEVELS: [&str; 3] =
    ["I'm just starting", "I sell occasionally", "Selling is my full-time business"];
pub const REVENUE_BANDS: [&str; 5] =
    ["Under $1000", "$1000-$5000", "$5000-$20000", "$20000-$100000", "Over $100000"];
pub const PLATFORMS: [&str; 7] =
    ["Etsy", "Shopify", "Amazon", "eBay", "Instagram", "Markets & fairs", "My own website"];
pub const SHOP_CATEGORIES: [&str; 4] = ["Beauty & skincare", "Flowers & plants", "Gifts & home", "Other"];
/// Social networks the form asks about.
pub const SOCIAL: [(&str, &str); 3] =
    [("instagram", "Instagram"), ("tiktok", "TikTok"), ("website", "Website")];
