//! The demo shop's raw material — categories, shops, and the words products
//! are composed from — kept as plain data in `demo.json` (edit it without
//! touching code) and read with serde.

use serde::Deserialize;

use crate::error::{AppError, AppResult};

/// Everything in `demo.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demo {
    pub categories: Vec<CategorySeed>,
    pub shops: Vec<ShopSeed>,
    pub actives: Vec<Active>,
    pub beauty_types: Vec<BeautyType>,
    pub bouquet_names: Vec<String>,
    pub flowers: Vec<Flower>,
    pub occasions: Vec<String>,
    pub floral_types: Vec<FloralType>,
    pub plant_names: Vec<String>,
    /// Art colour (hex) per colour name, and for any other name.
    pub colour_art: std::collections::BTreeMap<String, String>,
    pub default_art: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySeed {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub vertical: String,
    /// The parent's slug; parents come before their children.
    pub parent: Option<String>,
}

/// A seller's shop.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopSeed {
    pub slug: String,
    pub name: String,
    pub owner: String,
    pub email: String,
    pub tagline: String,
    pub description: String,
    pub location: String,
    /// Category slugs this shop sells in.
    pub categories: Vec<String>,
}

/// An active ingredient: what it is called, what it treats, the skin types
/// it suits, and the colour its packaging art uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Active {
    pub adjective: String,
    pub name: String,
    pub inci: String,
    pub concerns: Vec<String>,
    pub skin_types: Vec<String>,
    pub benefit: String,
    pub colour: String,
}

/// A size (or shade) variant and its price as a percentage of the base.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub name: String,
    pub percent: i64,
}

/// A kind of beauty product: base INCI list, texture, how to use, sizes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeautyType {
    pub category: String,
    pub name: String,
    pub shape: String,
    pub base_inci: String,
    pub texture: String,
    pub usage: String,
    /// Lowest and highest base price, in cents.
    pub price: (i64, i64),
    pub sizes: Vec<Size>,
    /// The option the sizes vary ("Size", "Shade"), empty without sizes.
    pub option: String,
}

/// A flower and the colours it comes in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flower {
    pub name: String,
    pub colours: Vec<String>,
}

/// A kind of floral product: art shape, price range, sizes, care note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FloralType {
    pub category: String,
    pub name: String,
    pub shape: String,
    pub price: (i64, i64),
    pub sizes: Vec<Size>,
    pub care: String,
}

impl Demo {
    /// The data compiled into the binary.
    pub fn load() -> AppResult<Self> {
        serde_json::from_str(include_str!("demo.json")).map_err(|e| {
            tracing::error!(error = %e, "demo.json is not valid");
            AppError::Internal
        })
    }

    /// Art colour for a colour name.
    pub fn colour_hex(&self, colour: &str) -> &str {
        self.colour_art.get(colour).unwrap_or(&self.default_art)
    }

    pub fn shop(&self, slug: &str) -> Option<&ShopSeed> {
        self.shops.iter().find(|s| s.slug == slug)
    }

    pub fn category(&self, slug: &str) -> Option<&CategorySeed> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_is_complete_and_consistent() {
        let demo = Demo::load().expect("demo.json parses");
        assert!(demo.categories.len() >= 8 && demo.shops.len() >= 5);
        for shop in &demo.shops {
            for c in &shop.categories {
                assert!(demo.category(c).is_some(), "{} sells in unknown category {c}", shop.slug);
            }
        }
        for c in demo.categories.iter().filter(|c| c.parent.is_some()) {
            let has_kinds = demo.beauty_types.iter().any(|t| t.category == c.slug)
                || demo.floral_types.iter().any(|t| t.category == c.slug);
            assert!(has_kinds, "leaf category {} has product kinds", c.slug);
        }
        assert_eq!(demo.colour_hex("Red"), "#c0392b");
        assert_eq!(demo.colour_hex("Plaid"), demo.default_art);
    }
}
