//! Promo codes: a percentage or an amount off, with an optional minimum,
//! dates, a total-use limit, a per-customer limit and a restriction to one
//! shop or category. Administrators manage them at `/admin/promos`; a use
//! is counted in the order's transaction. Shared by server and browser.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::accounts::validate::Fields;
use crate::error::AppError;

/// A promo as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Promo {
    pub id: String,
    pub code: String,
    /// "percent" or "fixed".
    pub kind: String,
    pub value: i64,
    pub min_subtotal: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i64>,
    pub per_customer_limit: Option<i64>,
    pub shop_id: Option<String>,
    pub category_id: Option<String>,
    pub used_count: i64,
    pub active: bool,
}

impl Promo {
    /// "10% off", "$5.00 off".
    pub fn label(&self, currency: &str) -> String {
        match self.kind.as_str() {
            "percent" => format!("{}% off", self.value),
            _ => format!("{} off", crate::catalog::Money::new(self.value, currency)),
        }
    }
}

/// A new promo from the back office form, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoInput {
    pub code: String,
    pub kind: String,
    pub value: i64,
    pub min_subtotal: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i64>,
    pub per_customer_limit: Option<i64>,
    pub shop_id: Option<String>,
    pub category_id: Option<String>,
}

/// A code as shoppers type it: trimmed, upper-case.
pub fn normalise_code(code: &str) -> String {
    code.trim().to_uppercase()
}

impl PromoInput {
    /// Check every field; all problems at once, by field.
    pub fn check(mut self) -> Result<Self, AppError> {
        let mut f = Fields::default();
        let mut bad = |field: &str, message: &str| {
            f.check::<()>(field, Err(message.to_owned()));
        };
        self.code = normalise_code(&self.code);
        if self.code.len() < 3
            || self.code.len() > 32
            || !self.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            bad("code", "Use 3 to 32 letters, digits, - or _.");
        }
        match self.kind.as_str() {
            "percent" if !(1..=100).contains(&self.value) => bad("value", "A percentage is 1 to 100."),
            "fixed" if self.value <= 0 => bad("value", "Enter an amount above zero."),
            "percent" | "fixed" => {}
            _ => bad("kind", "Choose percent or fixed amount."),
        }
        if self.min_subtotal < 0 {
            bad("min_subtotal", "Enter zero or more.");
        }
        if let (Some(start), Some(end)) = (self.starts_at, self.ends_at)
            && end <= start
        {
            bad("ends_at", "The end must come after the start.");
        }
        if self.usage_limit.is_some_and(|n| n < 1) {
            bad("usage_limit", "Enter 1 or more, or leave it empty.");
        }
        if self.per_customer_limit.is_some_and(|n| n < 1) {
            bad("per_customer_limit", "Enter 1 or more, or leave it empty.");
        }
        self.shop_id = self.shop_id.filter(|s| !s.trim().is_empty());
        self.category_id = self.category_id.filter(|s| !s.trim().is_empty());
        f.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, kind: &str, value: i64) -> PromoInput {
        PromoInput {
            code: code.into(),
            kind: kind.into(),
            value,
            min_subtotal: 0,
            starts_at: None,
            ends_at: None,
            usage_limit: None,
            per_customer_limit: None,
            shop_id: Some(" ".into()),
            category_id: None,
        }
    }

    #[test]
    fn codes_are_upper_case_and_values_bounded() {
        let ok = input(" spring-10 ", "percent", 10).check().unwrap();
        assert_eq!(ok.code, "SPRING-10");
        assert_eq!(ok.shop_id, None, "a blank shop means every shop");
        assert!(input("ab", "percent", 10).check().is_err());
        assert!(input("OK10", "percent", 101).check().is_err());
        assert!(input("OK10", "fixed", 0).check().is_err());
        assert!(input("OK10", "bogus", 5).check().is_err());
        let mut late = input("LATE", "fixed", 500);
        (late.starts_at, late.ends_at) = (Some(10), Some(5));
        assert!(late.check().is_err());
    }
}
