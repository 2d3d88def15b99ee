//! The seller's product console (`/studio/products`) and the product
//! writes behind it and `POST|PATCH|DELETE /api/v1/products`. A seller
//! touches only their own shop's products; administrators any.

pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
pub mod ui;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod images;
#[cfg(feature = "ssr")]
pub mod pictures;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use super::{Image, Money};
pub use validate::{ProductInput, RawProduct, RawVariant, VariantInput};

/// Where a product stands: only `Active` ones are in the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductStatus {
    Draft,
    Active,
    Archived,
}

impl ProductStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "active" => Some(Self::Active),
            "archived" => Some(Self::Archived),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Active => "Published",
            Self::Archived => "Archived",
        }
    }
}

/// A row of the studio's product list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioRow {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub status: ProductStatus,
    pub price: Money,
    pub stock: i64,
    pub variant_count: i64,
    pub image: Option<Image>,
    pub updated_at: i64,
}

/// The studio's product list: the shop and its products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioList {
    pub shop_name: String,
    pub shop_slug: String,
    pub rows: Vec<StudioRow>,
}

/// A picture in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditImage {
    pub id: String,
    pub url: String,
    pub thumb_url: String,
    pub alt: String,
}

/// A category the product may be filed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub id: String,
    pub label: String,
    pub vertical: String,
}

/// Everything the editor shows: the product as stored (`None` for a new
/// one) and the choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub product: Option<EditProduct>,
    pub categories: Vec<CategoryChoice>,
    pub currency: String,
}

/// A stored product, as the editor's fields show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditProduct {
    pub id: String,
    pub slug: String,
    pub status: ProductStatus,
    pub input: ProductInput,
    pub images: Vec<EditImage>,
    /// Ever sold: deleting archives instead.
    pub ordered: bool,
}

/// Vertical attributes a seller may set, by vertical.
pub const ATTRIBUTE_KEYS: [(&str, &str); 6] = [
    ("skin_type", "beauty"),
    ("concern", "beauty"),
    ("ingredient", "beauty"),
    ("occasion", "florals"),
    ("flower_type", "florals"),
    ("colour", "florals"),
];

/// At most this many pictures a product.
pub const MAX_IMAGES: usize = 8;
/// An uploaded picture may be this large.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// Why a picture was refused, by the upload form's error code.
pub fn image_message(code: &str) -> &'static str {
    match code {
        "too_large" => "That picture is larger than 5 MB. Choose a smaller one.",
        "type" => "Use a PNG, JPEG or WebP picture.",
        "broken" => "That picture could not be read. Try saving it again.",
        "missing" => "Choose a picture first.",
        "too_many" => "A product can have at most 8 pictures. Remove one first.",
        "name" => "Rename the file: its name may not contain / \\ or ..",
        _ => "That picture could not be added.",
    }
}
