//! Money in integer minor units, with the currency it is counted in.

use serde::{Deserialize, Serialize};

/// An amount such as 2450 USD cents. Never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: String,
}

impl Money {
    pub fn new(minor: i64, currency: impl Into<String>) -> Self {
        Self { minor, currency: currency.into() }
    }

    /// Digits after the decimal point for this currency (ISO 4217).
    pub fn exponent(&self) -> u32 {
        currency_exponent(&self.currency)
    }

    /// The amount in major units, for the REST API's decimal `price`.
    pub fn major(&self) -> f64 {
        self.minor as f64 / 10f64.powi(self.exponent() as i32)
    }
}

/// Digits after the decimal point for an ISO 4217 code.
pub fn currency_exponent(code: &str) -> u32 {
    match code {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" => 3,
        _ => 2,
    }
}

fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "AUD" => "A$",
        "CAD" => "CA$",
        "INR" => "₹",
        _ => return None,
    })
}

impl std::fmt::Display for Money {
    /// `$1,234.50`, `€12.00`, or `1,234.50 CHF` when there is no symbol.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let exp = self.exponent();
        let unit = 10i64.pow(exp);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let whole = group_thousands(abs / unit as u64);
        let frac = abs % unit as u64;
        let number = if exp == 0 { whole } else { format!("{whole}.{frac:0width$}", width = exp as usize) };
        match symbol(&self.currency) {
            Some(sym) => write!(f, "{sign}{sym}{number}"),
            None => write!(f, "{sign}{number} {}", self.currency),
        }
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_symbol_and_grouping() {
        assert_eq!(Money::new(245, "USD").to_string(), "$2.45");
        assert_eq!(Money::new(123_456_700, "USD").to_string(), "$1,234,567.00");
        assert_eq!(Money::new(1200, "EUR").to_string(), "€12.00");
        assert_eq!(Money::new(1500, "JPY").to_string(), "¥1,500");
        assert_eq!(Money::new(990, "CHF").to_string(), "9.90 CHF");
        assert_eq!(Money::new(-5, "GBP").to_string(), "-£0.05");
    }

    #[test]
    fn major_units_follow_the_exponent() {
        assert_eq!(Money::new(2450, "USD").major(), 24.5);
        assert_eq!(Money::new(2450, "JPY").major(), 2450.0);
    }
}
