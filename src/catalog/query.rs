//! Listing parameters, parsed at the edge so the rest of the code only ever
//! holds a valid query. Shared by the pages, the server functions and REST.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

/// Listing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    PriceAsc,
    PriceDesc,
    Rating,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::PriceAsc, Sort::PriceDesc, Sort::Rating];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::PriceAsc => "price_asc",
            Self::PriceDesc => "price_desc",
            Self::Rating => "rating",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Newest => "Newest",
            Self::PriceAsc => "Price: low to high",
            Self::PriceDesc => "Price: high to low",
            Self::Rating => "Top rated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How the parameters are named in a URL: the pages use short names, the
/// REST API the seed's names.
#[derive(Debug, Clone, Copy)]
pub struct ParamNames {
    pub search: &'static str,
    pub category: &'static str,
    pub seller: &'static str,
    pub per_page: &'static str,
}

impl ParamNames {
    pub const WEB: Self = Self { search: "q", category: "category", seller: "shop", per_page: "per_page" };
    pub const REST: Self =
        Self { search: "search", category: "category_id", seller: "seller_id", per_page: "limit" };
}

/// A valid listing query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// Words to look for, already trimmed; `None` when blank.
    pub search: Option<String>,
    /// Category id or slug (children included).
    pub category: Option<String>,
    /// Shop id or slug.
    pub seller: Option<String>,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

pub const MAX_SEARCH_CHARS: usize = 100;
pub const MAX_PAGE: u32 = 10_000;
pub const MAX_PER_PAGE: u32 = 100;
pub const WEB_PER_PAGE: u32 = 24;
pub const REST_PER_PAGE: u32 = 20;

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            search: None,
            category: None,
            seller: None,
            sort: Sort::Newest,
            page: 1,
            per_page: WEB_PER_PAGE,
        }
    }
}

impl ListQuery {
    /// Parse from URL parameters; every bad value is reported by its name.
    pub fn parse(
        get: impl Fn(&str) -> Option<String>,
        names: ParamNames,
        default_per_page: u32,
    ) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let non_blank = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let search = non_blank(names.search);
        if search.as_ref().is_some_and(|s| s.chars().count() > MAX_SEARCH_CHARS) {
            errors.insert(names.search.into(), format!("must be at most {MAX_SEARCH_CHARS} characters"));
        }
        let mut key_param = |key: &'static str| {
            let v = non_blank(key);
            if v.as_ref().is_some_and(|v| v.len() > 64 || !v.chars().all(is_key_char)) {
                errors.insert(key.into(), "is not a valid id or slug".into());
            }
            v
        };
        let category = key_param(names.category);
        let seller = key_param(names.seller);

        let sort = match non_blank("sort") {
            None => Sort::Newest,
            Some(s) => Sort::parse(&s).unwrap_or_else(|| {
                errors.insert("sort".into(), "must be one of newest, price_asc, price_desc, rating".into());
                Sort::Newest
            }),
        };
        let mut number = |key: &str, default: u32, max: u32| match non_blank(key) {
            None => default,
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => {
                    errors.insert(key.into(), format!("must be a whole number from 1 to {max}"));
                    default
                }
            },
        };
        let page = number("page", 1, MAX_PAGE);
        let per_page = number(names.per_page, default_per_page, MAX_PER_PAGE);

        if errors.is_empty() {
            Ok(Self { search, category, seller, sort, page, per_page })
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// Parse a `key=value&…` query string (percent-decoded) with web names.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Self, AppError> {
        Self::parse(
            |k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()),
            ParamNames::WEB,
            WEB_PER_PAGE,
        )
    }

    /// The web URL for this query on `base` (e.g. `/products`), leaving out
    /// defaults so links stay short.
    pub fn href(&self, base: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(q) = &self.search {
            parts.push(format!("q={}", encode(q)));
        }
        if let Some(c) = &self.category {
            parts.push(format!("category={}", encode(c)));
        }
        if let Some(s) = &self.seller {
            parts.push(format!("shop={}", encode(s)));
        }
        if self.sort != Sort::Newest {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() { base.to_owned() } else { format!("{base}?{}", parts.join("&")) }
    }

    /// The same query on another page.
    pub fn with_page(&self, page: u32) -> Self {
        Self { page, ..self.clone() }
    }
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Percent-encode a query value (RFC 3986 unreserved characters pass through).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web(pairs: &[(&str, &str)]) -> Result<ListQuery, AppError> {
        let owned: Vec<(String, String)> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ListQuery::from_pairs(&owned)
    }

    #[test]
    fn defaults_when_empty() {
        assert_eq!(web(&[]).unwrap(), ListQuery::default());
    }

    #[test]
    fn bad_values_are_reported_per_field() {
        let err = web(&[("sort", "cheap"), ("page", "0"), ("category", "a b")]).unwrap_err();
        assert!(err.field_message("sort").is_some());
        assert!(err.field_message("page").is_some());
        assert!(err.field_message("category").is_some());
    }

    #[test]
    fn rest_names_and_limit_cap() {
        let get = |k: &str| match k {
            "limit" => Some("101".to_owned()),
            "search" => Some("  rose ".to_owned()),
            _ => None,
        };
        let err = ListQuery::parse(get, ParamNames::REST, REST_PER_PAGE).unwrap_err();
        assert!(err.field_message("limit").is_some());
        let ok =
            ListQuery::parse(|k| (k == "search").then(|| " rose ".into()), ParamNames::REST, 20).unwrap();
        assert_eq!(ok.search.as_deref(), Some("rose"));
        assert_eq!(ok.per_page, 20);
    }

    #[test]
    fn href_round_trips_and_skips_defaults() {
        let q = ListQuery {
            search: Some("rose & oud".into()),
            sort: Sort::PriceAsc,
            page: 3,
            ..Default::default()
        };
        assert_eq!(q.href("/products"), "/products?q=rose+%26+oud&sort=price_asc&page=3");
        assert_eq!(ListQuery::default().href("/products"), "/products");
    }
}
