//! Reviews: a signed-in person rates and reviews a product once (and may
//! edit it), others vote it helpful, administrators hide or restore it.
//! Types here are shared by the server and the browser.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

pub const MAX_TITLE: usize = 120;
pub const MAX_BODY: usize = 5_000;
pub const PER_PAGE: u32 = 10;

/// Review order on the product page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ReviewSort {
    #[default]
    Newest,
    Helpful,
}

impl ReviewSort {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Helpful => "helpful",
        }
    }

    pub fn parse(s: &str) -> Self {
        if s == "helpful" { Self::Helpful } else { Self::Newest }
    }
}

/// One review as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub id: String,
    pub product_id: String,
    pub author: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub verified_purchase: bool,
    pub helpful_count: i64,
    pub hidden: bool,
    pub hidden_reason: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The product's rating at a glance: `histogram[0]` counts five-star
/// written reviews, `histogram[4]` one-star ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub average_hundredths: i64,
    pub rating_count: i64,
    pub written: i64,
    pub histogram: [i64; 5],
}

/// A page of a product's reviews and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub summary: ReviewSummary,
    pub items: Vec<Review>,
    pub page: u32,
    pub per_page: u32,
    pub sort: ReviewSort,
    /// Signed in (may write a review and vote).
    pub signed_in: bool,
    /// The viewer's own review, to edit.
    pub mine: Option<Review>,
    /// Reviews the viewer has voted helpful (on this page).
    pub voted: Vec<String>,
}

impl ReviewPage {
    pub fn page_count(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        ((self.summary.written + per - 1) / per).max(1) as u32
    }
}

/// A checked review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInput {
    pub rating: u8,
    pub title: String,
    pub body: String,
}

impl ReviewInput {
    /// Rating 1–5; title optional (120); text required (5,000), plain.
    pub fn parse(rating: Option<i64>, title: &str, body: &str) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let rating = match rating {
            Some(r @ 1..=5) => r as u8,
            _ => {
                errors.insert("rating".into(), "Choose from 1 to 5 stars.".into());
                0
            }
        };
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.chars().count() > MAX_TITLE {
            errors.insert("title".into(), format!("Use at most {MAX_TITLE} characters."));
        }
        let body = body.trim().replace("\r\n", "\n");
        if body.is_empty() {
            errors.insert("comment".into(), "Tell other shoppers what you thought.".into());
        } else if body.chars().count() > MAX_BODY {
            errors.insert("comment".into(), format!("Use at most {MAX_BODY} characters."));
        }
        if body.chars().any(|c| c.is_control() && c != '\n') || title.chars().any(char::is_control) {
            errors.insert("comment".into(), "Use plain text.".into());
        }
        if errors.is_empty() { Ok(Self { rating, title, body }) } else { Err(AppError::Validation(errors)) }
    }
}

/// "Nov 29, 2026" for unix milliseconds (UTC), without a date library.
pub fn date_label(ms: i64) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (year, month, day) = crate::dates::civil(ms);
    format!("{} {day}, {year}", MONTHS[(month - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_dates() {
        assert_eq!(date_label(0), "Jan 1, 1970");
        assert_eq!(date_label(1_795_910_400_000), "Nov 29, 2026");
        assert_eq!(date_label(951_782_400_000), "Feb 29, 2000");
    }

    #[test]
    fn reviews_are_checked() {
        assert!(ReviewInput::parse(Some(5), "", "Lovely").is_ok());
        let err = ReviewInput::parse(Some(6), &"t".repeat(121), " ").unwrap_err();
        for f in ["rating", "title", "comment"] {
            assert!(err.field_message(f).is_some(), "{f}");
        }
    }
}
