//! Accounts: people, their roles, profiles and shipping addresses, and the
//! cookie session that says who is asking. Types here are shared by the
//! server and the browser.

pub mod api;
pub mod areas;
pub mod common_passwords;
pub mod data;
pub mod email_api;
pub mod events;
pub mod security_api;
pub mod ui;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod avatar;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod email_rest;
#[cfg(feature = "ssr")]
pub mod gate;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod roles;
#[cfg(feature = "ssr")]
pub mod roles_rest;
#[cfg(feature = "ssr")]
pub mod security_rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod signin;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod totp;
#[cfg(feature = "ssr")]
pub mod two_factor;
#[cfg(feature = "ssr")]
pub mod verification;

use serde::{Deserialize, Serialize};

/// What a person may do. Every check happens on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Customer,
    Seller,
    Staff,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Seller => "seller",
            Self::Staff => "staff",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(Self::Customer),
            "seller" => Some(Self::Seller),
            "staff" => Some(Self::Staff),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Customer => "Customer",
            Self::Seller => "Seller",
            Self::Staff => "Staff",
            Self::Admin => "Administrator",
        }
    }

    /// Runs live streams: sellers for their shop, staff for the house.
    pub fn can_stream(self) -> bool {
        matches!(self, Self::Seller | Self::Staff | Self::Admin)
    }

    /// Sees the back office.
    pub fn is_admin(self) -> bool {
        self == Self::Admin
    }
}

impl Viewer {
    /// The role that counts: a customer's until a staff member who must
    /// turn on two-step sign-in has done so.
    pub fn acting_role(&self) -> Role {
        if self.must_enrol { Role::Customer } else { self.role }
    }
}

/// The signed-in person, as every page and handler sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    /// Staff or an administrator who must turn on two-step sign-in before
    /// their role counts (an administrator's setting): until then every
    /// staff check refuses them and the back office sends them to enrol.
    #[serde(default)]
    pub must_enrol: bool,
    /// For staff: the back-office areas they may use (see `Viewer::may`).
    #[serde(default)]
    pub areas: areas::Areas,
}

impl Viewer {
    /// "Ada" from "Ada Lovelace", for the header.
    pub fn first_name(&self) -> &str {
        self.full_name.split_whitespace().next().unwrap_or(&self.full_name)
    }
}

/// One signed-in session, as /account/security lists it (`id` is a public
/// handle, never the cookie's value; times are unix ms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: String,
    /// This very browser.
    pub current: bool,
    /// "Firefox on Windows", from the user agent.
    pub device: String,
    pub user_agent: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// Everything `/account` shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Profile {
    pub full_name: String,
    pub email: String,
    pub username: Option<String>,
    pub bio: String,
    pub gender: String,
    pub interests: Vec<String>,
    pub skin_type: String,
    pub skin_concerns: Vec<String>,
    pub avatar_url: Option<String>,
    /// Two-step sign-in is on (a code is asked at sign-in and for changes).
    #[serde(default)]
    pub two_factor: bool,
    /// The person proved they read mail at `email`.
    #[serde(default)]
    pub email_verified: bool,
    /// They said yes to news and offers by email (off unless they did).
    #[serde(default)]
    pub marketing_opt_in: bool,
}

/// A stored shipping address: its id and the same fields the form sends
/// (flattened, so the JSON is one flat object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Address {
    pub id: String,
    #[serde(flatten)]
    pub fields: validate::AddressInput,
}

impl std::ops::Deref for Address {
    type Target = validate::AddressInput;
    fn deref(&self) -> &Self::Target {
        &self.fields
    }
}

/// The message for an avatar upload error code (`?avatar_error=…`).
pub fn avatar_message(code: &str) -> &'static str {
    match code {
        "too_large" => "That image is larger than 1 MB. Try a smaller one.",
        "type" => "Use a PNG, JPEG or WebP image.",
        "broken" => "That image could not be read. Try saving it again or choose another.",
        "name" => "Rename the file: its name may not contain / \\ or ..",
        _ => "Choose an image first.",
    }
}

/// Choices offered on the profile form (free text is refused).
pub const GENDERS: [(&str, &str); 5] = [
    ("", "Prefer not to say"),
    ("female", "Female"),
    ("male", "Male"),
    ("non_binary", "Non-binary"),
    ("other", "Other"),
];
pub const SKIN_TYPES: [(&str, &str); 6] = [
    ("", "Not set"),
    ("dry", "Dry"),
    ("oily", "Oily"),
    ("combination", "Combination"),
    ("normal", "Normal"),
    ("sensitive", "Sensitive"),
];
pub const SKIN_CONCERNS: [(&str, &str); 7] = [
    ("acne", "Breakouts"),
    ("ageing", "Fine lines"),
    ("dryness", "Dryness"),
    ("dullness", "Dullness"),
    ("pigmentation", "Dark spots"),
    ("redness", "Redness"),
    ("pores", "Pores"),
];
pub const INTERESTS: [(&str, &str); 6] = [
    ("skincare", "Skincare"),
    ("makeup", "Makeup"),
    ("fragrance", "Fragrance"),
    ("flowers", "Fresh flowers"),
    ("gifts", "Gifts"),
    ("live", "Live shopping"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_rank() {
        for role in [Role::Customer, Role::Seller, Role::Staff, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Seller.can_stream() && !Role::Customer.can_stream());
        assert!(Role::Admin.is_admin() && !Role::Staff.is_admin());
    }
}
