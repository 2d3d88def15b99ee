//! A stream as a seller typed it ([`StreamInput`], all text), checked: every
//! problem reported by its field name.

use super::StreamInput;
use crate::error::{AppError, FieldErrors};

pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 2000;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG: usize = 30;
pub const MAX_PRODUCTS: usize = 20;
/// How far ahead a stream may be scheduled.
const MAX_AHEAD_MS: i64 = 366 * 86_400_000;
/// How far back (a stream about to start now, typed a minute ago).
const MAX_BEHIND_MS: i64 = 3_600_000;

/// A stream ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStream {
    pub title: String,
    pub description: String,
    pub scheduled_at: i64,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub product_ids: Vec<String>,
}

pub fn check(input: &StreamInput, now: i64) -> Result<ValidStream, AppError> {
    let mut errors = FieldErrors::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        errors.insert("title".into(), "Give the stream a title.".into());
    } else if title.chars().count() > MAX_TITLE {
        errors.insert("title".into(), format!("At most {MAX_TITLE} characters."));
    }
    let description = input.description.trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION {
        errors.insert("description".into(), format!("At most {MAX_DESCRIPTION} characters."));
    }
    let scheduled_at = match crate::dates::parse_instant(&input.scheduled_at) {
        None => {
            errors.insert("scheduled_at".into(), "Give a date and time, like 2026-12-01T18:30.".into());
            0
        }
        Some(at) if at < now - MAX_BEHIND_MS => {
            errors.insert("scheduled_at".into(), "That time has passed.".into());
            at
        }
        Some(at) if at > now + MAX_AHEAD_MS => {
            errors.insert("scheduled_at".into(), "At most a year ahead.".into());
            at
        }
        Some(at) => at,
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in input.tags.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG {
            errors.insert("tags".into(), format!("Each tag at most {MAX_TAG} characters."));
        } else if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        errors.insert("tags".into(), format!("At most {MAX_TAGS} tags."));
    }
    let mut product_ids: Vec<String> = Vec::new();
    for id in input.product_ids.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if id.len() > 64 {
            errors.insert("product_ids".into(), "Unknown product.".into());
        } else if !product_ids.iter().any(|p| p == id) {
            product_ids.push(id.to_owned());
        }
    }
    if product_ids.len() > MAX_PRODUCTS {
        errors.insert("product_ids".into(), format!("Feature at most {MAX_PRODUCTS} products."));
    }
    let category = Some(input.category.trim()).filter(|c| !c.is_empty()).map(str::to_owned);
    if category.as_ref().is_some_and(|c| c.len() > 64) {
        errors.insert("category".into(), "Unknown category.".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(ValidStream { title, description, scheduled_at, category, tags, product_ids })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_910_400_000; // 2026-11-29T00:00Z

    fn input() -> StreamInput {
        StreamInput {
            title: "  Winter rose bouquets ".into(),
            scheduled_at: "2026-11-30T18:00".into(),
            tags: "Roses, gifts,roses, ".into(),
            product_ids: vec!["a".into(), "b".into(), "a".into()],
            ..StreamInput::default()
        }
    }

    fn fields(e: AppError) -> Vec<String> {
        match e {
            AppError::Validation(f) => f.into_keys().collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stream_is_trimmed_and_deduplicated() {
        let s = check(&input(), NOW).unwrap();
        assert_eq!(s.title, "Winter rose bouquets");
        assert_eq!(s.tags, ["roses", "gifts"]);
        assert_eq!(s.product_ids, ["a", "b"]);
        assert_eq!(s.scheduled_at, NOW + 42 * 3_600_000);
        assert_eq!(s.category, None);
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let bad = StreamInput {
            title: " ".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
            scheduled_at: "2026-11-27T18:00".into(),
            tags: "y".repeat(MAX_TAG + 1),
            product_ids: (0..=MAX_PRODUCTS).map(|i| i.to_string()).collect(),
            ..StreamInput::default()
        };
        assert_eq!(
            fields(check(&bad, NOW).unwrap_err()),
            ["description", "product_ids", "scheduled_at", "tags", "title"]
        );
        let later = StreamInput { scheduled_at: "2028-01-01T00:00".into(), ..input() };
        assert_eq!(fields(check(&later, NOW).unwrap_err()), ["scheduled_at"]);
        let never = StreamInput { scheduled_at: "soon".into(), ..input() };
        assert_eq!(fields(check(&never, NOW).unwrap_err()), ["scheduled_at"]);
    }
}
