//! The audit log: who changed what in the running of the shop — roles,
//! permissions, account status, settings, prices, stock, order status,
//! refunds, review moderation — with the changed fields before and after,
//! when, from which address and in which request. Rows are written in the
//! transaction of the change they record and are never changed or deleted
//! (the database refuses it too). `/admin/audit` and
//! `GET /api/v1/admin/audit` read it; entity pages show their own history.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod log;
#[cfg(feature = "ssr")]
pub mod rest;
pub mod ui;

use serde::{Deserialize, Serialize};

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    User,
    Setting,
    Product,
    Order,
    Review,
    Seller,
    Campaign,
}

impl Entity {
    pub const ALL: [Self; 7] =
        [Self::User, Self::Setting, Self::Product, Self::Order, Self::Review, Self::Seller, Self::Campaign];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Setting => "setting",
            Self::Product => "product",
            Self::Order => "order",
            Self::Review => "review",
            Self::Seller => "seller",
            Self::Campaign => "campaign",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::User => "Person",
            Self::Setting => "Setting",
            Self::Product => "Product",
            Self::Order => "Order",
            Self::Review => "Review",
            Self::Seller => "Shop",
            Self::Campaign => "Campaign",
        }
    }

    /// The back-office page of one entity, where there is one.
    pub fn href(self, id: &str) -> Option<String> {
        match self {
            Self::User => Some(format!("/admin/people/{id}")),
            Self::Order => Some(format!("/admin/orders/{id}")),
            Self::Product => Some(format!("/studio/products/{id}")),
            Self::Campaign => Some(format!("/admin/campaigns/{id}")),
            _ => None,
        }
    }
}

/// Every action written, with how the log reads it.
pub const ACTIONS: [(&str, &str); 19] = [
    ("role_changed", "Role changed"),
    ("status_changed", "Account status changed"),
    ("areas_changed", "Staff areas changed"),
    ("staff_invited", "Staff member invited"),
    ("setting_changed", "Setting changed"),
    ("product_created", "Product created"),
    ("product_changed", "Product changed"),
    ("product_deleted", "Product deleted"),
    ("stock_changed", "Stock changed"),
    ("order_status_changed", "Order status changed"),
    ("refunded", "Refund"),
    ("review_moderated", "Review moderated"),
    ("seller_approved", "Shop approved"),
    ("seller_rejected", "Shop declined"),
    ("note_added", "Note added"),
    ("campaign_created", "Campaign created"),
    ("campaign_changed", "Campaign changed"),
    ("campaign_sent", "Campaign sent"),
    ("campaign_paused", "Campaign paused or resumed"),
];

/// How the log names `action`.
pub fn action_label(action: &str) -> &str {
    ACTIONS.iter().find(|(a, _)| *a == action).map_or(action, |(_, l)| l)
}

/// One field a change touched, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    /// Empty when the field was not set before.
    pub before: String,
    pub after: String,
}

/// One row of the log, as the back office shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    /// `None`: the shop itself (a scheduled job).
    pub actor_id: Option<String>,
    pub actor_email: String,
    /// The actor's role when they acted.
    pub actor_role: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
    /// The changed fields as stored (JSON objects), for the REST API.
    pub before_json: String,
    pub after_json: String,
    pub ip: String,
    pub request_id: String,
    /// Unix ms.
    pub created_at: i64,
}

/// Rows per page of `/admin/audit`.
pub const PER_PAGE: u32 = 50;

/// `/admin/audit`'s filters (a GET form) and the REST query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of the actor's email, or their id.
    #[serde(default)]
    pub actor: String,
    /// An `Entity` name, or empty for all.
    #[serde(default)]
    pub entity: String,
    /// One entity's id (its page's history).
    #[serde(default)]
    pub entity_id: String,
    /// An action name, or empty for all.
    #[serde(default)]
    pub action: String,
    /// `YYYY-MM-DD`, first day included.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, last day included.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: u32,
}

impl AuditFilter {
    /// The query string of these filters at `page` (`0`: no page).
    pub fn query(&self, page: u32) -> String {
        let pairs = [
            ("actor", &self.actor),
            ("entity", &self.entity),
            ("entity_id", &self.entity_id),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ];
        let mut q: Vec<String> = pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::catalog::query::encode(v)))
            .collect();
        if page > 0 {
            q.push(format!("page={page}"));
        }
        q.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_queries_keep_filters() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
        }
        assert_eq!(action_label("role_changed"), "Role changed");
        assert_eq!(action_label("something_new"), "something_new");
        let f = AuditFilter { actor: "a+b@x".into(), entity: "user".into(), ..Default::default() };
        assert_eq!(f.query(2), "actor=a%2Bb%40x&entity=user&page=2");
        assert_eq!(f.query(0), "actor=a%2Bb%40x&entity=user");
    }
}
