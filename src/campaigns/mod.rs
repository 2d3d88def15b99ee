//! Email campaigns: an administrator writes a mail with merge fields, picks
//! an audience (skin type, concerns, what they bought and from whom, how
//! recently, which shop they follow), sees how many people it reaches and a
//! preview, sends a test to themselves, then sends now or at a set time.
//!
//! Only people who opted in to marketing mail are ever recipients. At
//! "send" the audience becomes one `campaign_recipients` row per person
//! (keyed by campaign and person, so pressing "send" twice or two app nodes
//! add nobody twice); a worker turns pending rows into outbox mail in
//! batches at `BAZAAR_CAMPAIGN_RATE` a minute, claiming each row with a
//! conditional UPDATE in the transaction that writes the mail. Every mail
//! carries a one-click unsubscribe (RFC 8058), an open pixel and click
//! links, all keyed by a random per-recipient token whose hash is stored.

pub mod api;
pub mod audience;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod recipient;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod track;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod ui_service;
#[cfg(feature = "ssr")]
pub mod worker;

use serde::{Deserialize, Serialize};

pub use audience::Audience;

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Scheduled,
    Sending,
    Paused,
    Sent,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Sending => "sending",
            Self::Paused => "paused",
            Self::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Scheduled, Self::Sending, Self::Paused, Self::Sent]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Scheduled => "Scheduled",
            Self::Sending => "Sending",
            Self::Paused => "Paused",
            Self::Sent => "Sent",
        }
    }

    /// Still open to edits (nothing has gone out).
    pub fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::Scheduled)
    }
}

/// What an administrator writes (the editor's form and the REST body).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignInput {
    pub name: String,
    /// May use `{{first_name}}`.
    pub subject: String,
    /// Plain text; paragraphs apart by a blank line. Merge fields:
    /// `{{first_name}}`, `{{products}}` (a block of products: the chosen
    /// ones, or each person's own recommendations), `{{shop_url}}`.
    pub template: String,
    #[serde(default)]
    pub audience_filter: Audience,
    /// Products for `{{products}}` (at most 6); none = recommended for each person.
    #[serde(default)]
    pub product_ids: Vec<String>,
    /// RFC 3339; in the future. None = a draft until sent by hand.
    #[serde(default)]
    pub scheduled_time: Option<String>,
}

/// Figures of one campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Results {
    /// People it goes to (fixed at "send").
    pub recipients: i64,
    /// Written to the outbox so far.
    pub queued: i64,
    /// Accepted by the mail server.
    pub sent: i64,
    /// Not sent, with an error (the outbox keeps retrying for a while).
    pub failed: i64,
    /// Left out at their turn: opted out or gone since "send".
    pub skipped: i64,
    /// People who opened it (the pixel loaded, or they clicked).
    pub opens: i64,
    /// People who clicked a link.
    pub clicks: i64,
    pub unsubscribes: i64,
    /// Orders placed within 7 days after a click, and their total (minor units).
    pub orders: i64,
    pub revenue_minor: i64,
    pub currency: String,
}

impl Results {
    /// Opens over mails sent, 0–1.
    pub fn open_rate(&self) -> f64 {
        if self.sent == 0 { 0.0 } else { self.opens as f64 / self.sent as f64 }
    }

    /// Sent or given up, over recipients, 0–100.
    pub fn percent_done(&self) -> u32 {
        if self.recipients == 0 {
            return 100;
        }
        (((self.sent + self.failed + self.skipped) * 100) / self.recipients).clamp(0, 100) as u32
    }
}

/// A campaign as the back office shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub template: String,
    pub audience_filter: Audience,
    /// The filter in words.
    pub audience: String,
    pub product_ids: Vec<String>,
    pub status: Status,
    /// Unix ms.
    pub scheduled_at: Option<i64>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub results: Results,
}

impl From<&Campaign> for CampaignInput {
    /// What the editor would send back for a stored campaign (no schedule).
    fn from(c: &Campaign) -> Self {
        Self {
            name: c.name.clone(),
            subject: c.subject.clone(),
            template: c.template.clone(),
            audience_filter: c.audience_filter.clone(),
            product_ids: c.product_ids.clone(),
            scheduled_time: None,
        }
    }
}

/// One line of the campaign list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignRow {
    pub id: String,
    pub name: String,
    /// The audience filter in words.
    pub audience: String,
    pub status: Status,
    pub recipients: i64,
    pub sent_count: i64,
    /// Opens over mails sent, 0–1.
    pub open_rate: f64,
    /// Unix ms.
    pub scheduled_at: Option<i64>,
    pub created_at: i64,
}

/// A page of campaigns, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignPage {
    pub campaigns: Vec<CampaignRow>,
    pub total: i64,
}

/// Campaigns per page.
pub const PER_PAGE: u32 = 20;
/// Chosen products in one mail, at most.
pub const MAX_PRODUCTS: usize = 6;
/// A click counts towards orders placed this long after it.
pub const ATTRIBUTION_MS: i64 = 7 * 24 * 3_600_000;
/// The outbox kinds of campaign mail.
pub const MAIL_KIND: &str = "campaign";
pub const TEST_KIND: &str = "campaign_test";

/// "12 people will get it" (the editor's count).
pub fn reach(recipients: i64) -> String {
    match recipients {
        0 => "Nobody matches yet: nobody would get it.".to_owned(),
        1 => "1 person will get it.".to_owned(),
        n => format!("{n} people will get it."),
    }
}
