//! Listing parameters, parsed at the edge so the rest of the code only ever
//! holds a valid query. Shared by the pages, the server functions and REST.

use serde::{Deserialize, Serialize};

use super::facets::{FacetKey, PRICE_BANDS, RATING_MINIMUMS};
use crate::error::{AppError, FieldErrors};

/// Listing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first: the default when there are words to match.
    Relevance,
    #[default]
    Newest,
    PriceAsc,
    PriceDesc,
    Rating,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Relevance, Sort::Newest, Sort::PriceAsc, Sort::PriceDesc, Sort::Rating];

    /// The orders offered: relevance only when there are words.
    pub fn options(searching: bool) -> impl Iterator<Item = Sort> {
        Self::ALL.into_iter().filter(move |s| searching || *s != Sort::Relevance)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Newest => "newest",
            Self::PriceAsc => "price_asc",
            Self::PriceDesc => "price_desc",
            Self::Rating => "rating",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Relevance => "Best match",
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
    /// The pages scope a listing to one shop by its URL (`/shops/{slug}`);
    /// REST takes `seller_id`. (`shop=` on the pages is the shop facet.)
    pub seller: Option<&'static str>,
    pub per_page: &'static str,
}

impl ParamNames {
    pub const WEB: Self = Self { search: "q", category: "category", seller: None, per_page: "per_page" };
    pub const REST: Self =
        Self { search: "search", category: "category_id", seller: Some("seller_id"), per_page: "limit" };
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
    /// Facet values, sorted and without repeats: OR within a group, AND
    /// across groups.
    pub filters: Vec<(FacetKey, String)>,
}

pub const MAX_SEARCH_CHARS: usize = 100;
pub const MAX_PAGE: u32 = 10_000;
pub const MAX_PER_PAGE: u32 = 100;
pub const WEB_PER_PAGE: u32 = 24;
pub const REST_PER_PAGE: u32 = 20;
pub const MAX_FILTERS: usize = 30;
const MAX_FILTER_CHARS: usize = 64;

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            search: None,
            category: None,
            seller: None,
            sort: Sort::Newest,
            page: 1,
            per_page: WEB_PER_PAGE,
            filters: Vec::new(),
        }
    }
}

impl ListQuery {
    /// Parse URL parameters (percent-decoded pairs, facet parameters may
    /// repeat); every bad value is reported by its name.
    pub fn parse(
        pairs: &[(String, String)],
        names: ParamNames,
        default_per_page: u32,
    ) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let non_blank = |key: &str| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_owned()).filter(|v| !v.is_empty())
        };

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
        let seller = names.seller.and_then(&mut key_param);

        let by_default = if search.is_some() { Sort::Relevance } else { Sort::Newest };
        let sort = match non_blank("sort") {
            None => by_default,
            Some(s) => match Sort::parse(&s) {
                // Nothing to rank by relevance without words.
                Some(Sort::Relevance) => by_default,
                Some(sort) => sort,
                None => {
                    errors.insert(
                        "sort".into(),
                        "must be one of relevance, newest, price_asc, price_desc, rating".into(),
                    );
                    by_default
                }
            },
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
        let filters = parse_filters(pairs, &mut errors);

        if errors.is_empty() {
            Ok(Self { search, category, seller, sort, page, per_page, filters })
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// Parse a `key=value&…` query string (percent-decoded) with web names.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Self, AppError> {
        Self::parse(pairs, ParamNames::WEB, WEB_PER_PAGE)
    }

    /// The values chosen in one facet group.
    pub fn selected(&self, key: FacetKey) -> impl Iterator<Item = &str> {
        self.filters.iter().filter(move |(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// The same query with one facet value switched on or off (back to page 1).
    pub fn toggled(&self, key: FacetKey, value: &str) -> Self {
        let mut next = Self { page: 1, ..self.clone() };
        let on = next.filters.iter().any(|(k, v)| *k == key && v == value);
        next.filters.retain(|(k, v)| if key.single() { *k != key } else { !(*k == key && v == value) });
        if !on {
            next.filters.push((key, value.to_owned()));
            next.filters.sort();
        }
        next
    }

    /// Whether anything narrows the listing beyond category and shop.
    pub fn is_filtered(&self) -> bool {
        self.search.is_some() || !self.filters.is_empty()
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
        for (key, value) in &self.filters {
            parts.push(format!("{}={}", key.param(), encode(value)));
        }
        let by_default = if self.search.is_some() { Sort::Relevance } else { Sort::Newest };
        if self.sort != by_default {
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

/// Facet parameters: known values for the fixed groups, short plain text
/// for attributes and shops; the last value wins in single-value groups.
fn parse_filters(pairs: &[(String, String)], errors: &mut FieldErrors) -> Vec<(FacetKey, String)> {
    let mut filters: Vec<(FacetKey, String)> = Vec::new();
    for (param, raw) in pairs {
        let Some(key) = FacetKey::from_param(param).filter(|k| *k != FacetKey::Category) else { continue };
        let value = raw.trim();
        if value.is_empty() {
            continue;
        }
        let valid = match key {
            FacetKey::Price => PRICE_BANDS.iter().any(|(band, ..)| *band == value),
            FacetKey::Rating => RATING_MINIMUMS.contains(&value),
            FacetKey::Stock => value == "1",
            FacetKey::Shop => value.len() <= MAX_FILTER_CHARS && value.chars().all(is_key_char),
            _ => value.chars().count() <= MAX_FILTER_CHARS && !value.chars().any(char::is_control),
        };
        if !valid {
            errors.insert(param.clone(), "is not one of the offered values".into());
            continue;
        }
        if key.single() {
            filters.retain(|(k, _)| *k != key);
        }
        filters.push((key, value.to_owned()));
    }
    filters.sort();
    filters.dedup();
    if filters.len() > MAX_FILTERS {
        errors.insert("filters".into(), format!("at most {MAX_FILTERS} filters at once"));
    }
    filters
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

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn rest_names_and_limit_cap() {
        let err = ListQuery::parse(&owned(&[("limit", "101"), ("search", "  rose ")]), ParamNames::REST, 20)
            .unwrap_err();
        assert!(err.field_message("limit").is_some());
        let ok = ListQuery::parse(&owned(&[("search", " rose "), ("seller_id", "x")]), ParamNames::REST, 20)
            .unwrap();
        assert_eq!(ok.search.as_deref(), Some("rose"));
        assert_eq!(ok.seller.as_deref(), Some("x"));
        assert_eq!(ok.per_page, 20);
    }

    #[test]
    fn facet_filters_repeat_sort_and_validate() {
        let q = web(&[
            ("concern", "Dryness"),
            ("price", "25-50"),
            ("concern", "Acne"),
            ("rating", "3"),
            ("rating", "4"),
        ])
        .unwrap();
        assert_eq!(q.selected(FacetKey::Concern).collect::<Vec<_>>(), ["Acne", "Dryness"]);
        assert_eq!(q.selected(FacetKey::Rating).collect::<Vec<_>>(), ["4"], "one minimum at a time");
        assert_eq!(q.href("/products"), "/products?price=25-50&rating=4&concern=Acne&concern=Dryness");
        let err = web(&[("price", "1-2"), ("in_stock", "yes"), ("shop", "a b")]).unwrap_err();
        for field in ["price", "in_stock", "shop"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
        let toggled = q.toggled(FacetKey::Concern, "Acne").toggled(FacetKey::Stock, "1");
        assert_eq!(toggled.selected(FacetKey::Concern).collect::<Vec<_>>(), ["Dryness"]);
        assert_eq!(toggled.selected(FacetKey::Stock).count(), 1);
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
