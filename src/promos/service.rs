//! Promo rules: which lines a code applies to, whether it may be used now
//! by this person, and counting its use inside the order's transaction
//! (a conditional update, so a limit of 1 is used exactly once however many
//! checkouts race for it).

use super::db;
use super::{Promo, PromoInput, normalise_code};
use crate::checkout::pricing::Discount;
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx, is_unique_violation};
use crate::server::{new_id, now_ms};

/// What a promo is checked against: one line of the checkout.
pub struct Eligible<'a> {
    pub shop_id: &'a str,
    pub category_id: &'a str,
    pub category_parent: Option<&'a str>,
    pub line_total: i64,
}

/// A code that applies, with the part of each line's value it covers.
#[derive(Debug, Clone)]
pub struct Applied {
    pub promo: Promo,
    pub discount: Discount,
    /// Per line (same order as given): whether the promo covers it.
    pub covers: Vec<bool>,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::field("promo_code", message)
}

impl Promo {
    fn covers(&self, line: &Eligible<'_>) -> bool {
        self.shop_id.as_deref().is_none_or(|s| s == line.shop_id)
            && self
                .category_id
                .as_deref()
                .is_none_or(|c| c == line.category_id || line.category_parent == Some(c))
    }

    fn discount(&self) -> Discount {
        if self.kind == "percent" { Discount::Percent(self.value) } else { Discount::Fixed(self.value) }
    }
}

/// Check a typed code against these lines for this person, now. Refusals
/// are field errors on `promo_code` saying which rule it failed.
pub async fn apply(
    c: &mut Conn,
    code: &str,
    user_id: Option<&str>,
    lines: &[Eligible<'_>],
    currency: &str,
) -> AppResult<Applied> {
    let code = normalise_code(code);
    let promo = match code.len() {
        1..=32 => db::by_code(c, &code).await?,
        _ => None,
    }
    .filter(|p| p.active)
    .ok_or_else(|| refused(format!("There is no promo code {code}.")))?;
    let now = now_ms();
    if promo.starts_at.is_some_and(|t| now < t) {
        return Err(refused(format!("{code} is not valid yet.")));
    }
    if promo.ends_at.is_some_and(|t| now >= t) {
        return Err(refused(format!("{code} has expired.")));
    }
    if promo.usage_limit.is_some_and(|n| promo.used_count >= n) {
        return Err(refused(format!("{code} has been used up.")));
    }
    if let (Some(limit), Some(user)) = (promo.per_customer_limit, user_id)
        && db::uses_by(c, &promo.id, user).await? >= limit
    {
        return Err(refused(format!("You have used {code} already.")));
    }
    let covers: Vec<bool> = lines.iter().map(|l| promo.covers(l)).collect();
    let eligible: i64 = lines.iter().zip(&covers).filter(|(_, on)| **on).map(|(l, _)| l.line_total).sum();
    if eligible == 0 {
        return Err(refused(format!("{code} does not apply to anything in your cart.")));
    }
    if eligible < promo.min_subtotal {
        let min = crate::catalog::Money::new(promo.min_subtotal, currency);
        return Err(refused(format!("{code} needs {min} of eligible items.")));
    }
    Ok(Applied { discount: promo.discount(), promo, covers })
}

/// Count the use for this checkout (inside its transaction). Fails when a
/// parallel checkout took the last use or the person's allowance meanwhile.
pub async fn count_use(tx: &mut Tx, promo: &Promo, checkout_id: &str, user_id: &str) -> AppResult<()> {
    if let Some(limit) = promo.per_customer_limit
        && db::uses_by(tx, &promo.id, user_id).await? >= limit
    {
        return Err(AppError::Conflict(format!("You have used {} already.", promo.code)));
    }
    if !db::take_use(tx, &promo.id).await? {
        return Err(AppError::Conflict(format!("{} has just been used up.", promo.code)));
    }
    db::record_use(tx, &promo.id, checkout_id, user_id, now_ms()).await?;
    Ok(())
}

/// `count_use` for the promo a quote applied (by its code).
pub async fn count_use_by_code(tx: &mut Tx, code: &str, checkout_id: &str, user_id: &str) -> AppResult<()> {
    let promo =
        db::by_code(tx, code).await?.ok_or_else(|| refused(format!("There is no promo code {code}.")))?;
    count_use(tx, &promo, checkout_id, user_id).await
}

/// Give back a use (an unpaid checkout cancelled or expired).
pub async fn return_use(tx: &mut Tx, code: &str, checkout_id: &str) -> AppResult<()> {
    if let Some(p) = db::by_code(tx, &normalise_code(code)).await? {
        db::return_use(tx, &p.id, checkout_id).await?;
    }
    Ok(())
}

pub async fn list(c: &mut Conn) -> AppResult<Vec<Promo>> {
    Ok(db::all(c).await?)
}

pub async fn create(tx: &mut Tx, input: PromoInput) -> AppResult<Promo> {
    let input = input.check()?;
    let id = new_id();
    db::insert(tx, &id, &input, now_ms()).await.map_err(|e| {
        if is_unique_violation(&e) { AppError::field("code", "That code exists already.") } else { e.into() }
    })?;
    db::by_code(tx, &input.code).await?.ok_or(AppError::Internal)
}

pub async fn set_active(tx: &mut Tx, id: &str, active: bool) -> AppResult<()> {
    if db::set_active(tx, id, active).await? { Ok(()) } else { Err(AppError::NotFound("Promo code".into())) }
}

/// The back office form as typed.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub code: String,
    pub kind: String,
    pub value: String,
    pub min_subtotal: String,
    pub starts_on: String,
    pub ends_on: String,
    pub usage_limit: String,
    pub per_customer_limit: String,
    /// A shop's slug or id, or empty for every shop.
    pub shop: String,
    /// A category's slug or id, or empty for every category.
    pub category: String,
}

/// Check the form, resolve the shop and category, and create the promo.
pub async fn create_from_form(tx: &mut Tx, form: Form, currency: &str) -> AppResult<Promo> {
    use crate::catalog::money::{currency_exponent, parse_major};
    let mut bad = crate::error::FieldErrors::new();
    let exp = currency_exponent(currency);
    let value = match form.kind.as_str() {
        "percent" => form.value.trim().parse::<i64>().ok(),
        _ => parse_major(form.value.trim(), exp),
    }
    .unwrap_or_else(|| {
        bad.insert("value".into(), "Enter a number like 10 (percent) or 5.00 (amount).".into());
        0
    });
    let min_subtotal = match form.min_subtotal.trim() {
        "" => 0,
        v => parse_major(v, exp).unwrap_or_else(|| {
            bad.insert("min_subtotal".into(), "Enter an amount like 25.00, or leave it empty.".into());
            0
        }),
    };
    let mut date = |field: &str, text: &str, plus_day: bool| match text.trim() {
        "" => None,
        t => match crate::dates::day_start(t) {
            Some(ms) => Some(ms + if plus_day { 86_400_000 } else { 0 }),
            None => {
                bad.insert(field.into(), "Use a date like 2026-12-31.".into());
                None
            }
        },
    };
    let starts_at = date("starts_on", &form.starts_on, false);
    let ends_at = date("ends_on", &form.ends_on, true);
    let mut limit = |field: &str, text: &str| match text.trim() {
        "" => None,
        t => t.parse::<i64>().ok().or_else(|| {
            bad.insert(field.into(), "Enter a whole number, or leave it empty.".into());
            None
        }),
    };
    let usage_limit = limit("usage_limit", &form.usage_limit);
    let per_customer_limit = limit("per_customer_limit", &form.per_customer_limit);
    let shop_id = match form.shop.trim() {
        "" => None,
        s => match crate::catalog::db::find_shop(tx, s).await? {
            Some(shop) => Some(shop.id),
            None => {
                bad.insert("shop".into(), "No shop has that name in its address.".into());
                None
            }
        },
    };
    let category_id = match form.category.trim() {
        "" => None,
        s => match crate::catalog::db::find_category(tx, s).await? {
            Some(cat) => Some(cat.id),
            None => {
                bad.insert("category".into(), "No such category.".into());
                None
            }
        },
    };
    let input = PromoInput {
        code: form.code,
        kind: form.kind,
        value,
        min_subtotal,
        starts_at,
        ends_at,
        usage_limit,
        per_customer_limit,
        shop_id,
        category_id,
    };
    // Every problem at once: the form's own and the promo's rules.
    let input = match input.check() {
        Ok(input) if bad.is_empty() => input,
        Ok(_) => return Err(AppError::Validation(bad)),
        Err(AppError::Validation(more)) => {
            for (field, message) in more {
                bad.entry(field).or_insert(message);
            }
            return Err(AppError::Validation(bad));
        }
        Err(e) => return Err(e),
    };
    create(tx, input).await
}
