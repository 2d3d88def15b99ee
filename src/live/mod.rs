//! Live shopping. Sellers (for their own shop) and staff (for any shop)
//! schedule streams, go live and end them — one live stream per shop at a
//! time, held by the database — and viewers find them at `/live`, ask to
//! be reminded, and buy the products a stream features.

pub mod api;
pub mod chat;
#[cfg(feature = "ssr")]
pub mod cover;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
pub mod stats;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod validate;
#[cfg(feature = "ssr")]
pub mod video;

use serde::{Deserialize, Serialize};

use crate::catalog::ProductCard;

/// A shop the viewer may stream for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioShop {
    pub slug: String,
    pub shop_name: String,
    pub status: String,
    pub products: i64,
    pub in_stock: i64,
}

/// Where a stream is in its life: scheduled → live → ended, or scheduled →
/// cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StreamStatus {
    Scheduled,
    Live,
    Ended,
    Cancelled,
}

impl StreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Live => "live",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Scheduled, Self::Live, Self::Ended, Self::Cancelled].into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Scheduled => "Upcoming",
            Self::Live => "Live",
            Self::Ended => "Ended",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// A stream as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamCard {
    pub id: String,
    pub title: String,
    pub status: StreamStatus,
    pub shop_id: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub scheduled_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// People watching now (0 unless live).
    pub viewer_count: i64,
    /// The first featured product's first picture.
    pub cover_url: Option<String>,
}

/// A stream's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamDetail {
    pub card: StreamCard,
    pub description: String,
    /// (slug, name).
    pub category: Option<(String, String)>,
    pub tags: Vec<String>,
    pub products: Vec<ProductCard>,
    /// Whether the viewer asked to be told when it starts; `None`: a visitor.
    pub reminded: Option<bool>,
    /// The viewer runs this stream (its seller, staff, an administrator).
    pub manages: bool,
    /// The latest chat messages, oldest first.
    pub chat: Vec<chat::ChatMessage>,
    pub pinned: Option<chat::PinnedProduct>,
}

/// The stream console: the page plus what only its own people see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Console {
    pub detail: StreamDetail,
    /// For OBS: `Authorization: Bearer <key>` to the WHIP URL.
    pub stream_key: String,
    pub whip_path: String,
    pub reminders: i64,
    /// Orders placed from the stream (during it or within 24 h), cancelled aside.
    pub orders: i64,
    /// What their lines from the stream came to, as money.
    pub revenue: crate::catalog::Money,
    /// Viewers, watch time, chat and top products (once it has been on air).
    pub stats: stats::StreamStats,
}

/// `/studio/streams`: the shop's streams and what a new one may feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioStreams {
    pub shop_name: String,
    pub streams: Vec<StreamCard>,
    /// (id, title) of the shop's products on sale.
    pub products: Vec<(String, String)>,
    /// (id, name) of the categories a stream may be filed under.
    pub categories: Vec<(String, String)>,
    /// The form's default start: an hour ahead, on the quarter hour (UTC).
    pub soon: String,
}

/// What scheduling a stream takes, before checking.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamInput {
    pub title: String,
    pub description: String,
    /// When: RFC 3339, or a form's `datetime-local` (UTC).
    pub scheduled_at: String,
    pub category: String,
    /// Comma-separated.
    pub tags: String,
    pub product_ids: Vec<String>,
    /// Staff and administrators name the shop; a seller streams for their own.
    pub seller_id: Option<String>,
}
