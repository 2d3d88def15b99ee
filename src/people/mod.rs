//! People, as the back office runs them: find anyone by name or email,
//! open their page (orders, addresses, shop, sessions, security activity,
//! notes, history), change their role, switch their account off and on,
//! and choose which back-office areas a staff member may use.
//! Looking people up needs the "people" area; every change is an
//! administrator's and lands in the audit log.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod invites;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

use crate::accounts::areas::Areas;
use crate::accounts::events::SecurityEvent;
use crate::accounts::{Address, SessionInfo};
use crate::audit::AuditEntry;

/// Whether a person may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Deactivated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deactivated => "deactivated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "deactivated" => Some(Self::Deactivated),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Deactivated => "Switched off",
        }
    }
}

/// One line of `/admin/people`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    /// `customer`, `seller`, `staff` or `admin`.
    pub role: String,
    /// `active` or `deactivated`.
    pub status: String,
    /// Unix ms.
    pub created_at: i64,
}

/// People per page.
pub const PER_PAGE: u32 = 25;

/// `/admin/people`'s search (a GET form) and the REST query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    /// Part of a name or an email.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub page: u32,
}

/// A page of people and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonRow>,
    pub total: i64,
}

/// An order on a person's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderBrief {
    pub id: String,
    pub number: String,
    pub status: String,
    pub currency: String,
    pub total_minor: i64,
    pub created_at: i64,
}

/// The shop a person runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopBrief {
    pub slug: String,
    pub shop_name: String,
    pub status: String,
}

/// A note staff keep about a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

/// Everything a person's back-office page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub person: PersonRow,
    pub areas: Areas,
    pub two_factor: bool,
    pub email_verified: bool,
    pub deleted: bool,
    pub order_count: i64,
    pub orders: Vec<OrderBrief>,
    pub addresses: Vec<Address>,
    pub shop: Option<ShopBrief>,
    pub sessions: Vec<SessionInfo>,
    pub events: Vec<SecurityEvent>,
    pub notes: Vec<Note>,
    pub history: Vec<AuditEntry>,
    /// The viewer may change role, status and areas (an administrator).
    pub can_manage: bool,
}
