//! Recommendations (seed 000 #16): "For you", "Often bought together",
//! "Similar" and "Complete your routine", and `GET /api/v1/recommendations`.
//! Signals: the beauty profile, what the person viewed, wishlisted and
//! bought, what is bought together, meaning (the product vectors) and what
//! sells now — worked out ahead (`service::Recommender`), scored per request
//! (`model`). Types here are shared with the browser.

use serde::{Deserialize, Serialize};

use crate::catalog::ProductCard;

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod eval;
#[cfg(feature = "ssr")]
pub mod history;
#[cfg(feature = "ssr")]
pub mod model;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// A product suggested, with how well it fits (0..1) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub card: ProductCard,
    pub score: f32,
    pub reason: String,
}

/// A profile's concern codes (`accounts::SKIN_CONCERNS`) as the catalog's
/// concern attributes spell them.
pub fn concern_values(code: &str) -> &'static [&'static str] {
    match code {
        "acne" => &["Breakouts", "Blackheads"],
        "ageing" => &["Fine lines", "Loss of firmness"],
        "dryness" => &["Dryness", "Dehydration"],
        "dullness" => &["Dullness"],
        "pigmentation" => &["Dark spots", "Uneven tone"],
        "redness" => &["Redness", "Sensitivity"],
        "pores" => &["Enlarged pores", "Blackheads", "Oiliness"],
        _ => &[],
    }
}

/// A profile's skin type code as the catalog spells it ("dry" → "Dry").
pub fn skin_value(code: &str) -> Option<&'static str> {
    crate::accounts::SKIN_TYPES.iter().find(|(c, _)| !c.is_empty() && *c == code).map(|(_, label)| *label)
}
