//! Staff areas: the parts of the back office a staff member may use,
//! chosen per person by an administrator. Administrators may use them all;
//! customers and sellers none. Every staff route and server function asks
//! `Viewer::may(area)`, not just the role.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Role, Viewer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Area {
    Orders,
    Catalog,
    Live,
    Support,
    Analytics,
    Finance,
    People,
}

impl Area {
    pub const ALL: [Self; 7] = [
        Self::Orders,
        Self::Catalog,
        Self::Live,
        Self::Support,
        Self::Analytics,
        Self::Finance,
        Self::People,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Orders => "orders",
            Self::Catalog => "catalog",
            Self::Live => "live",
            Self::Support => "support",
            Self::Analytics => "analytics",
            Self::Finance => "finance",
            Self::People => "people",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Orders => "Orders",
            Self::Catalog => "Catalog",
            Self::Live => "Live streams",
            Self::Support => "Support inbox",
            Self::Analytics => "Analytics",
            Self::Finance => "Finance",
            Self::People => "People",
        }
    }

    /// What the area opens, for the permissions form.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Orders => "See every order, change its status, refund.",
            Self::Catalog => "Moderate reviews and products.",
            Self::Live => "Run and watch the house's live streams.",
            Self::Support => "Answer shoppers the assistant handed over.",
            Self::Analytics => "Sales, customers, inventory, traffic and reports.",
            Self::Finance => "Revenue, commission, refunds and payouts.",
            Self::People => "Look people up and keep notes (roles stay with administrators).",
        }
    }
}

/// A set of areas; stored as `orders,catalog` and sent as a JSON list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Areas(BTreeSet<Area>);

impl Areas {
    pub fn all() -> Self {
        Self(Area::ALL.into_iter().collect())
    }

    /// What a role starts with: a new staff member the everyday areas
    /// (finance and people wait for an administrator to tick them); any
    /// other role none (an administrator may use every area anyway).
    pub fn first(role: Role) -> Self {
        match role {
            Role::Staff => [Area::Orders, Area::Catalog, Area::Live, Area::Support, Area::Analytics]
                .into_iter()
                .collect(),
            Role::Customer | Role::Seller | Role::Admin => Self::default(),
        }
    }

    /// The stored text; unknown names (a newer release's) are skipped.
    pub fn from_text(text: &str) -> Self {
        Self(text.split(',').filter_map(|s| Area::parse(s.trim())).collect())
    }

    pub fn to_text(&self) -> String {
        self.0.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",")
    }

    /// Names as typed (a form or JSON); the first unknown one is the error.
    pub fn parse_names<S: AsRef<str>>(names: &[S]) -> Result<Self, String> {
        names
            .iter()
            .map(|n| Area::parse(n.as_ref().trim()).ok_or_else(|| n.as_ref().chars().take(40).collect()))
            .collect::<Result<BTreeSet<_>, _>>()
            .map(Self)
    }

    pub fn contains(&self, area: Area) -> bool {
        self.0.contains(&area)
    }

    pub fn iter(&self) -> impl Iterator<Item = Area> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Area> for Areas {
    fn from_iter<I: IntoIterator<Item = Area>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Viewer {
    /// Whether this person may use `area` of the back office now: every
    /// administrator, staff granted it; nobody while they still must turn
    /// on two-step sign-in (their role then reads as a customer's).
    pub fn may(&self, area: Area) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Staff => self.areas.contains(area),
            Role::Customer | Role::Seller => false,
        }
    }

    /// Areas this person may use (all of them for an administrator).
    pub fn usable_areas(&self) -> Areas {
        Area::ALL.into_iter().filter(|a| self.may(*a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, areas: &str) -> Viewer {
        Viewer {
            id: "u".into(),
            email: "a@b.c".into(),
            full_name: "A".into(),
            role,
            must_enrol: false,
            areas: Areas::from_text(areas),
        }
    }

    #[test]
    fn text_round_trip_skips_unknown_names() {
        let a = Areas::from_text("finance, orders,teleport");
        assert_eq!(a.to_text(), "orders,finance");
        assert_eq!(Areas::from_text(&Areas::all().to_text()), Areas::all());
        assert_eq!(Areas::parse_names(&["orders", "people"]).unwrap().to_text(), "orders,people");
        assert_eq!(Areas::parse_names(&["orders", "vault"]), Err("vault".to_owned()));
    }

    #[test]
    fn only_staff_are_limited_by_their_areas() {
        assert!(viewer(Role::Admin, "").may(Area::Finance));
        assert!(viewer(Role::Staff, "orders").may(Area::Orders));
        assert!(!viewer(Role::Staff, "orders").may(Area::Finance));
        assert!(
            !viewer(Role::Seller, "orders,finance").may(Area::Orders),
            "a stale list grants a seller nothing"
        );
        assert!(!viewer(Role::Customer, "people").may(Area::People));
    }
}
