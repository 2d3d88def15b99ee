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

/// "24.50" (or "24.5", "24") in major units → minor units, for an
/// exponent's digits; `None` for anything else (signs, letters, too many
/// decimals, absurd sizes).
pub fn parse_major(text: &str, exponent: u32) -> Option<i64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || whole.len() > 12 || frac.len() > exponent as usize {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let unit = 10i64.pow(exponent);
    let frac_minor =
        if frac.is_empty() { 0 } else { frac.parse::<i64>().ok()? * 10i64.pow(exponent - frac.len() as u32) };
    whole.parse::<i64>().ok()?.checked_mul(unit)?.checked_add(frac_minor)
}

/// Minor units back to a plain decimal ("24.50"), as a form field shows it.
pub fn format_major(minor: i64, exponent: u32) -> String {
    if exponent == 0 {
        return minor.to_string();
    }
    let unit = 10i64.pow(exponent);
    format!("{}.{:0width$}", minor / unit, (minor % unit).abs(), width = exponent as usize)
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

/// A count with thousands separated ("28,919").
pub fn count_text(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(n.unsigned_abs()))
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
    fn typed_amounts_parse_exactly() {
        assert_eq!(parse_major("24.5", 2), Some(2450));
        assert_eq!(parse_major("24", 2), Some(2400));
        assert_eq!(parse_major("0.07", 2), Some(7));
        assert_eq!(parse_major("1500", 0), Some(1500));
        for bad in ["", "-1", "1.234", ".5", "1e3", "12,50", "1.5.0", "99999999999999"] {
            assert_eq!(parse_major(bad, 2), None, "{bad}");
        }
        assert_eq!(format_major(2450, 2), "24.50");
        assert_eq!(format_major(1500, 0), "1500");
    }

    #[test]
    fn major_units_follow_the_exponent() {
        assert_eq!(Money::new(2450, "USD").major(), 24.5);
        assert_eq!(Money::new(2450, "JPY").major(), 2450.0);
    }
}
