//! Facets: the groups a listing can be narrowed by (shop, price band,
//! rating, stock, the verticals' attributes) and how many products each
//! value would leave. Shared by the pages, the server functions and REST.

use serde::{Deserialize, Serialize};

/// A facet group. Category is a facet too (its counts feed the category
/// links) but is filtered through `ListQuery::category`, not `filters`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FacetKey {
    Category,
    Shop,
    Price,
    Rating,
    Stock,
    SkinType,
    Concern,
    Occasion,
    Flower,
    Colour,
}

impl FacetKey {
    /// Every group, in the order the filter panel shows them.
    pub const ALL: [FacetKey; 10] = [
        Self::Category,
        Self::Price,
        Self::Rating,
        Self::Stock,
        Self::Shop,
        Self::SkinType,
        Self::Concern,
        Self::Occasion,
        Self::Flower,
        Self::Colour,
    ];

    /// The URL parameter (and JSON key) of the group.
    pub fn param(self) -> &'static str {
        match self {
            Self::Category => "category",
            Self::Shop => "shop",
            Self::Price => "price",
            Self::Rating => "rating",
            Self::Stock => "in_stock",
            Self::SkinType => "skin_type",
            Self::Concern => "concern",
            Self::Occasion => "occasion",
            Self::Flower => "flower_type",
            Self::Colour => "colour",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Category => "Category",
            Self::Shop => "Shop",
            Self::Price => "Price",
            Self::Rating => "Rating",
            Self::Stock => "Availability",
            Self::SkinType => "Skin type",
            Self::Concern => "Concern",
            Self::Occasion => "Occasion",
            Self::Flower => "Flower",
            Self::Colour => "Colour",
        }
    }

    pub fn from_param(param: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.param() == param)
    }

    /// The `product_attributes.name` behind an attribute group.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Self::SkinType => Some("skin_type"),
            Self::Concern => Some("concern"),
            Self::Occasion => Some("occasion"),
            Self::Flower => Some("flower_type"),
            Self::Colour => Some("colour"),
            _ => None,
        }
    }

    /// Groups where one value replaces another (a minimum, a switch)
    /// rather than adding to them.
    pub fn single(self) -> bool {
        matches!(self, Self::Category | Self::Rating | Self::Stock)
    }
}

/// Price bands in minor units: `(value, from, below)`.
pub const PRICE_BANDS: [(&str, i64, Option<i64>); 4] = [
    ("0-25", 0, Some(2_500)),
    ("25-50", 2_500, Some(5_000)),
    ("50-100", 5_000, Some(10_000)),
    ("100-", 10_000, None),
];

/// The band a price falls in.
pub fn price_band(minor: i64) -> &'static str {
    PRICE_BANDS
        .iter()
        .find(|(_, from, below)| minor >= *from && below.is_none_or(|b| minor < b))
        .map_or("100-", |(value, ..)| value)
}

/// Minimum ratings offered ("4 stars & up"); a product counts under every
/// minimum its average reaches.
pub const RATING_MINIMUMS: [&str; 3] = ["4", "3", "2"];

/// One value of a group with the number of products it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

/// A group and its values (most products first, except ordered groups).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub key: FacetKey,
    pub values: Vec<FacetValue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip() {
        for key in FacetKey::ALL {
            assert_eq!(FacetKey::from_param(key.param()), Some(key));
        }
    }

    #[test]
    fn bands_cover_every_price() {
        assert_eq!(price_band(0), "0-25");
        assert_eq!(price_band(2_499), "0-25");
        assert_eq!(price_band(2_500), "25-50");
        assert_eq!(price_band(9_999), "50-100");
        assert_eq!(price_band(10_000), "100-");
        assert_eq!(price_band(1_000_000), "100-");
    }
}
