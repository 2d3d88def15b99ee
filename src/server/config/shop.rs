//! `[shop]`: money, holds, the shop's time zone and its low-stock line.

use serde::Deserialize;

use super::ConfigError;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ShopSettings {
    /// ISO 4217 code for new products (`BAZAAR_CURRENCY`).
    pub currency: String,
    /// How long an unpaid card checkout holds its stock, in minutes
    /// (`BAZAAR_CHECKOUT_HOLD_MINUTES`).
    pub checkout_hold_minutes: i64,
    /// The IANA time zone the shop's days are cut in for its figures, e.g.
    /// `Europe/London` (`BAZAAR_TIMEZONE`); changing it rebuilds them.
    pub time_zone: String,
    /// A product is low on stock at this many units or fewer, unless it
    /// names its own threshold (`BAZAAR_LOW_STOCK`).
    pub low_stock: i64,
    /// Card payment fees, for the finance figures: a share of each card
    /// payment in basis points (`BAZAAR_CARD_FEE_BPS`, 290 = 2.9 %) …
    pub card_fee_bps: i64,
    /// … plus this much a payment, in minor units (`BAZAAR_CARD_FEE_FIXED`).
    pub card_fee_fixed: i64,
    /// The marketplace's commission on each shop's sales (less refunds and
    /// tax), in basis points (`BAZAAR_COMMISSION_BPS`, 1000 = 10 %).
    pub commission_bps: i64,
}

impl Default for ShopSettings {
    fn default() -> Self {
        Self {
            currency: "USD".into(),
            checkout_hold_minutes: 30,
            time_zone: "UTC".into(),
            low_stock: 5,
            card_fee_bps: 290,
            card_fee_fixed: 30,
            commission_bps: 1000,
        }
    }
}

fn number(key: &'static str, value: String, min: i64) -> Result<i64, ConfigError> {
    match value.trim().parse::<i64>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(ConfigError::Env { key, value, reason: format!("must be a whole number, at least {min}") }),
    }
}

impl ShopSettings {
    pub(super) fn apply_env(&mut self, get: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = get("BAZAAR_CURRENCY") {
            self.currency = v;
        }
        if let Some(v) = get("BAZAAR_TIMEZONE") {
            self.time_zone = v;
        }
        if let Some(v) = get("BAZAAR_CHECKOUT_HOLD_MINUTES") {
            self.checkout_hold_minutes = number("BAZAAR_CHECKOUT_HOLD_MINUTES", v, 1)?;
        }
        if let Some(v) = get("BAZAAR_LOW_STOCK") {
            self.low_stock = number("BAZAAR_LOW_STOCK", v, 0)?;
        }
        if let Some(v) = get("BAZAAR_CARD_FEE_BPS") {
            self.card_fee_bps = number("BAZAAR_CARD_FEE_BPS", v, 0)?.min(10_000);
        }
        if let Some(v) = get("BAZAAR_CARD_FEE_FIXED") {
            self.card_fee_fixed = number("BAZAAR_CARD_FEE_FIXED", v, 0)?;
        }
        if let Some(v) = get("BAZAAR_COMMISSION_BPS") {
            self.commission_bps = number("BAZAAR_COMMISSION_BPS", v, 0)?.min(10_000);
        }
        Ok(())
    }
}
