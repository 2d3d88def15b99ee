//! An application to sell, parsed at the edge: every field checked, every
//! problem reported by its name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

pub const MAX_SHOP_NAME: usize = 60;
const MAX_SHORT: usize = 60;
const MAX_PLATFORMS: usize = 10;
const MAX_LINK: usize = 200;
pub const MAX_REASON: usize = 500;

/// Where returned parcels go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReturnAddress {
    pub full_name: String,
    #[serde(default)]
    pub address_line1: String,
    #[serde(default)]
    pub city: String,
    pub post_code: String,
    #[serde(default)]
    pub country: String,
}

/// A checked application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationInput {
    pub shop_name: String,
    pub category: String,
    pub experience_level: String,
    pub monthly_revenue: String,
    pub platforms: Vec<String>,
    pub social_links: BTreeMap<String, String>,
    pub return_address: ReturnAddress,
}

/// The application as typed (form fields or the REST body).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RawApplication {
    #[serde(default)]
    pub shop_name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub experience_level: String,
    #[serde(default)]
    pub monthly_revenue: String,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub social_links: BTreeMap<String, String>,
    #[serde(default)]
    pub return_address: ReturnAddress,
    #[serde(default)]
    pub agreed_to_terms: bool,
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ApplicationInput {
    pub fn parse(raw: RawApplication) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let mut required = |field: &str, value: &str, max: usize| {
            let v = clean(value);
            if v.is_empty() {
                errors.insert(field.into(), "This is required.".into());
            } else if v.chars().count() > max {
                errors.insert(field.into(), format!("Use at most {max} characters."));
            } else if v.chars().any(char::is_control) {
                errors.insert(field.into(), "Use letters, numbers and punctuation only.".into());
            }
            v
        };
        let shop_name = required("shop_name", &raw.shop_name, MAX_SHOP_NAME);
        let category = required("category", &raw.category, MAX_SHORT);
        let experience_level = required("experience_level", &raw.experience_level, MAX_SHORT);
        let monthly_revenue = required("monthly_revenue", &raw.monthly_revenue, MAX_SHORT);
        let full_name = required("return_address.full_name", &raw.return_address.full_name, 100);
        let post_code = required("return_address.post_code", &raw.return_address.post_code, 16);
        if !errors.contains_key("shop_name") && !shop_name.chars().any(char::is_alphanumeric) {
            errors.insert("shop_name".into(), "Use at least one letter or number.".into());
        }
        let mut optional = |field: &str, value: &str, max: usize| {
            let v = clean(value);
            if v.chars().count() > max || v.chars().any(char::is_control) {
                errors.insert(field.into(), format!("Use at most {max} plain characters."));
            }
            v
        };
        let address_line1 = optional("return_address.address_line1", &raw.return_address.address_line1, 120);
        let city = optional("return_address.city", &raw.return_address.city, 80);
        let country = optional("return_address.country", &raw.return_address.country, 56);
        let mut platforms: Vec<String> =
            raw.platforms.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
        platforms.dedup();
        if platforms.len() > MAX_PLATFORMS || platforms.iter().any(|p| p.chars().count() > MAX_SHORT) {
            errors.insert("platforms".into(), format!("Name at most {MAX_PLATFORMS} platforms, briefly."));
        }
        let mut social_links = BTreeMap::new();
        for (network, link) in &raw.social_links {
            let (network, link) = (clean(network).to_lowercase(), clean(link));
            if link.is_empty() {
                continue;
            }
            let field = format!("social_links.{network}");
            if network.is_empty() || network.len() > 20 || social_links.len() >= 5 {
                errors.insert("social_links".into(), "Give at most 5 links.".into());
            } else if link.chars().count() > MAX_LINK || link.chars().any(char::is_control) {
                errors.insert(field, format!("Use at most {MAX_LINK} characters."));
            } else if network == "website" && !(link.starts_with("https://") || link.starts_with("http://")) {
                errors.insert(field, "Start the address with https://".into());
            } else {
                social_links.insert(network, link);
            }
        }
        if !raw.agreed_to_terms {
            errors.insert("agreed_to_terms".into(), "Please agree to the seller terms to apply.".into());
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(Self {
            shop_name,
            category,
            experience_level,
            monthly_revenue,
            platforms,
            social_links,
            return_address: ReturnAddress { full_name, address_line1, city, post_code, country },
        })
    }
}

/// A rejection reason: required, plain, short.
pub fn reason(raw: &str) -> Result<String, AppError> {
    let r = raw.trim().to_owned();
    if r.is_empty() {
        return Err(AppError::field("reason", "Say why, so the applicant can fix it."));
    }
    if r.chars().count() > MAX_REASON {
        return Err(AppError::field("reason", format!("Use at most {MAX_REASON} characters.")));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RawApplication {
        RawApplication {
            shop_name: "  Vintage   Vault ".into(),
            category: "Fashion".into(),
            experience_level: "I sell occasionally".into(),
            monthly_revenue: "$1000-$5000".into(),
            platforms: vec!["eBay".into(), "Poshmark".into()],
            social_links: [("instagram".to_owned(), "@vintage".to_owned())].into(),
            return_address: ReturnAddress {
                full_name: "Ada".into(),
                post_code: "N1 9GU".into(),
                ..Default::default()
            },
            agreed_to_terms: true,
        }
    }

    #[test]
    fn the_seed_example_parses() {
        let a = ApplicationInput::parse(good()).unwrap();
        assert_eq!(a.shop_name, "Vintage Vault");
        assert_eq!(a.platforms, ["eBay", "Poshmark"]);
    }

    #[test]
    fn every_problem_is_named() {
        let raw = RawApplication {
            shop_name: "!!!".into(),
            social_links: [("website".to_owned(), "javascript:alert(1)".to_owned())].into(),
            agreed_to_terms: false,
            ..good()
        };
        let err = ApplicationInput::parse(raw).unwrap_err();
        for field in ["shop_name", "social_links.website", "agreed_to_terms"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
        let empty = ApplicationInput::parse(RawApplication::default()).unwrap_err();
        for field in
            ["shop_name", "category", "experience_level", "monthly_revenue", "return_address.post_code"]
        {
            assert!(empty.field_message(field).is_some(), "{field}");
        }
    }
}
