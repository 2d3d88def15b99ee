//! `/admin/settings`: how the shop presents itself (name, logo, contact),
//! its time zone, currency, low-stock line and commission, the two-step
//! rule for staff, and whether Stripe, SMTP and Gemini work.
//!
//! The `BAZAAR_*` settings a deployment starts with are the defaults; what
//! an administrator saves here is kept in `site_settings` and wins. Every
//! node holds the current values in memory (`live::Live`), re-read every
//! few seconds, so a change reaches the whole cluster without a restart.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod integrations;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod logo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// How the shop presents itself: in the header, the footer and page titles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreProfile {
    pub name: String,
    /// The logo's media id.
    pub logo: Option<String>,
    pub email: String,
    pub phone: String,
    pub address: String,
}

impl Default for StoreProfile {
    fn default() -> Self {
        Self {
            name: "Bazaar".into(),
            logo: None,
            email: String::new(),
            phone: String::new(),
            address: String::new(),
        }
    }
}

/// The shop's name, logo and contact details for the page being rendered
/// (pages render on the server; islands never show these).
pub fn current_store() -> StoreProfile {
    #[cfg(feature = "ssr")]
    if let Ok(state) = crate::server::state::current() {
        return (*state.store()).clone();
    }
    StoreProfile::default()
}

/// A third party the shop talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Integration {
    Stripe,
    Smtp,
    Gemini,
}

impl Integration {
    pub const ALL: [Self; 3] = [Self::Stripe, Self::Smtp, Self::Gemini];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stripe => "stripe",
            Self::Smtp => "smtp",
            Self::Gemini => "gemini",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Stripe => "Stripe (card payments)",
            Self::Smtp => "SMTP (mail)",
            Self::Gemini => "Gemini (shopping assistant)",
        }
    }

    /// The settings that turn it on, for the "not configured" hint.
    pub fn keys(self) -> &'static str {
        match self {
            Self::Stripe => {
                "BAZAAR_STRIPE_SECRET_KEY, BAZAAR_STRIPE_PUBLISHABLE_KEY, BAZAAR_STRIPE_WEBHOOK_SECRET"
            }
            Self::Smtp => "BAZAAR_SMTP_URL",
            Self::Gemini => "BAZAAR_GEMINI_API_KEY",
        }
    }
}

/// The outcome of the last test (or of the last real use that failed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub ok: bool,
    pub error: String,
    pub at: i64,
}

/// One integration as the page shows it. Secrets never leave the server:
/// only their last four characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationView {
    pub which: Integration,
    pub configured: bool,
    /// Where it points (a host, a model), never a secret.
    pub target: String,
    pub secret_tail: Option<String>,
    pub last: Option<Check>,
}

impl IntegrationView {
    /// "Not configured", "Working", "Failing" or "Not tested yet".
    pub fn state(&self) -> &'static str {
        match (&self.last, self.configured) {
            (_, false) => "Not configured",
            (Some(c), true) if c.ok => "Working",
            (Some(_), true) => "Failing",
            (None, true) => "Not tested yet",
        }
    }
}

/// Everything `/admin/settings` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub store: StoreProfile,
    pub time_zone: String,
    /// The zone the figures are cut in now (differs while they are recut).
    pub figures_zone: String,
    pub currency: String,
    /// The currency stays once a product or an order exists.
    pub currency_locked: bool,
    pub low_stock: i64,
    pub commission_bps: i64,
    pub staff_two_factor: bool,
    pub integrations: Vec<IntegrationView>,
}

/// The last four characters of a secret, for recognising which one is set.
pub fn tail(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_four_characters_show() {
        assert_eq!(tail("sk_test_abcdef1234"), "1234");
        assert_eq!(tail("ab"), "ab");
        assert_eq!(tail("ünï¢ødé"), "¢ødé");
    }

    #[test]
    fn integration_names_round_trip() {
        for i in Integration::ALL {
            assert_eq!(Integration::parse(i.as_str()), Some(i));
        }
        assert_eq!(Integration::parse("ftp"), None);
    }
}
