//! The catalog: categories, shops' products, their variants, images and
//! vertical attributes. Types here are shared by the server and the browser.

pub mod api;
#[cfg(feature = "ssr")]
pub mod buying;
#[cfg(feature = "ssr")]
pub mod cache;
pub mod facets;
pub mod intent;
pub mod money;
pub mod query;
pub mod studio;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod discovery;
#[cfg(feature = "ssr")]
pub mod listing;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

pub use facets::{FacetGroup, FacetKey};
pub use money::Money;
pub use query::{ListQuery, Sort};

/// An image as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
}

/// Stock as a shopper should read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StockState {
    InStock,
    Low(i64),
    SoldOut,
}

/// At or below this many units the page says "only N left".
pub const LOW_STOCK: i64 = 5;

impl StockState {
    pub fn from_units(units: i64) -> Self {
        match units {
            i64::MIN..=0 => Self::SoldOut,
            n if n <= LOW_STOCK => Self::Low(n),
            _ => Self::InStock,
        }
    }

    pub fn label(self) -> String {
        match self {
            Self::InStock => "In stock".into(),
            Self::Low(n) => format!("Only {n} left"),
            Self::SoldOut => "Sold out".into(),
        }
    }
}

/// Average rating from the stored hundredths (0..=500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub avg_hundredths: i64,
    pub count: i64,
}

impl Rating {
    pub fn average(self) -> f64 {
        self.avg_hundredths as f64 / 100.0
    }
}

/// A product in a grid or list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: String,
    pub shop_id: String,
    pub category_id: String,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub stock: i64,
    pub rating: Rating,
    pub image: Option<Image>,
    pub shop_name: String,
    pub shop_slug: String,
    pub category_name: String,
    pub category_slug: String,
    pub has_variants: bool,
    /// Byte ranges of the title's words that answer the search (for `<mark>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_marks: Vec<(u32, u32)>,
    /// On the viewer's wishlist; `None` for a visitor (the heart asks them to sign in).
    #[serde(default)]
    pub wished: Option<bool>,
}

/// One page of a product listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPage {
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    /// Each facet group with its counts (empty where none apply).
    pub facets: Vec<FacetGroup>,
    /// A corrected query when nothing matched.
    pub did_you_mean: Option<String>,
    /// Filters read from the search's words ("Under $30", "Dry skin").
    pub understood: Vec<String>,
}

impl ProductPage {
    pub fn page_count(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        ((self.total + per - 1) / per).max(1) as u32
    }
}

/// A category with how many active products sit in it (children included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Category {
    pub id: String,
    pub parent_id: Option<String>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub vertical: String,
    pub product_count: i64,
}

/// The shop selling a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSummary {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub location: String,
    pub verified: bool,
    pub product_count: i64,
}

/// A buyable variant ("50 ml", "Blush / Large").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub id: String,
    pub sku: String,
    pub title: String,
    pub options: Vec<(String, String)>,
    pub price: Money,
    pub stock: i64,
}

/// An option and its values ("Size": ["30 ml", "50 ml"]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOption {
    pub name: String,
    pub values: Vec<String>,
}

/// A vertical attribute with every value the product has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub key: String,
    pub label: String,
    pub values: Vec<String>,
}

/// Everything the product page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub card: ProductCard,
    pub description: String,
    pub status: String,
    pub category: Category,
    pub shop: ShopSummary,
    pub images: Vec<Image>,
    pub options: Vec<ProductOption>,
    pub variants: Vec<Variant>,
    pub attributes: Vec<Attribute>,
    /// Products like this one: nearest by meaning when semantic search is
    /// on, else the same category's sharing the most attributes.
    pub related: Vec<ProductCard>,
    /// Often bought in the same checkout as this one.
    pub together: Vec<ProductCard>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The `/products` page: a page of products and the category tree beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingView {
    pub products: ProductPage,
    pub categories: Vec<Category>,
}

/// What a search-box suggestion points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    Product,
    Category,
    Shop,
}

impl SuggestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Product => "product",
            Self::Category => "category",
            Self::Shop => "shop",
        }
    }
}

/// One line under the search box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub label: String,
    pub url: String,
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub featured: Vec<ProductCard>,
    pub new_arrivals: Vec<ProductCard>,
    pub top_rated: Vec<ProductCard>,
    /// Most viewed and sold lately.
    pub trending: Vec<ProductCard>,
    /// New products of the shops the viewer follows (empty for visitors).
    pub from_followed: Vec<ProductCard>,
    /// Suggestions for the signed-in viewer (empty for visitors).
    pub for_you: Vec<crate::recs::Suggestion>,
    /// The viewer has no beauty profile yet (the "For you" shelf asks for one).
    pub no_profile: bool,
    pub categories: Vec<Category>,
    pub product_total: i64,
    pub shop_total: i64,
}

/// A category page: the category, its children and a page of its products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub category: Category,
    pub parent: Option<Category>,
    pub children: Vec<Category>,
    pub products: ProductPage,
}

/// A shop page: the shop and a page of its products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopView {
    pub shop: ShopSummary,
    pub description: String,
    pub logo_url: Option<String>,
    pub banner_url: Option<String>,
    /// Over every review of the shop's products.
    pub rating: Rating,
    pub follower_count: i64,
    /// Whether the viewer follows the shop; `None` for a visitor.
    pub following: Option<bool>,
    pub products: ProductPage,
}

/// Human label for an attribute key.
pub fn attribute_label(key: &str) -> &'static str {
    match key {
        "skin_type" => "Skin type",
        "concern" => "Concerns",
        "ingredient" => "Key ingredients",
        "occasion" => "Occasion",
        "flower_type" => "Flowers",
        "colour" => "Colours",
        _ => "Details",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_state_thresholds() {
        assert_eq!(StockState::from_units(0), StockState::SoldOut);
        assert_eq!(StockState::from_units(3), StockState::Low(3));
        assert_eq!(StockState::from_units(6), StockState::InStock);
        assert_eq!(StockState::Low(2).label(), "Only 2 left");
    }

    #[test]
    fn page_count_rounds_up() {
        let p = ProductPage {
            items: vec![],
            total: 49,
            page: 1,
            per_page: 24,
            facets: vec![],
            did_you_mean: None,
            understood: vec![],
        };
        assert_eq!(p.page_count(), 3);
        let empty = ProductPage { total: 0, ..p };
        assert_eq!(empty.page_count(), 1);
    }
}
