//! The bell in the header for sellers, staff and administrators: a new
//! order, stock running low (once per crossing of the product's threshold,
//! also mailed to the shop), a shop applying, a conversation handed to
//! staff, a mail given up on. Each is a row per person, written in the
//! transaction of what it tells of, and pushed live to their open pages on
//! every node (NOTIFY → `GET /api/v1/notifications/stream`). Read/unread,
//! and `/notifications` lists them all.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    NewOrder,
    LowStock,
    SellerApplication,
    ReviewToModerate,
    Escalation,
    MailFailed,
}

impl Kind {
    pub const ALL: [Self; 6] = [
        Self::NewOrder,
        Self::LowStock,
        Self::SellerApplication,
        Self::ReviewToModerate,
        Self::Escalation,
        Self::MailFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewOrder => "new_order",
            Self::LowStock => "low_stock",
            Self::SellerApplication => "seller_application",
            Self::ReviewToModerate => "review_to_moderate",
            Self::Escalation => "escalation",
            Self::MailFailed => "mail_failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NewOrder => "New order",
            Self::LowStock => "Low stock",
            Self::SellerApplication => "Shop application",
            Self::ReviewToModerate => "Review to moderate",
            Self::Escalation => "Customer waiting",
            Self::MailFailed => "Mail not delivered",
        }
    }
}

/// One notification as its person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// A path on this site ("" when there is nothing to open).
    pub link: String,
    /// Unix ms.
    pub created_at: i64,
    pub read: bool,
}

/// The newest notifications and how many are unread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub notifications: Vec<Notification>,
    pub unread_count: i64,
}

/// Listed at once, at most.
pub const PAGE: i64 = 50;
/// The channel their changes are announced on (payload: the person's id).
pub const CHANNEL: &str = "notifications";
