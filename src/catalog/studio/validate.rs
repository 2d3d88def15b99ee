//! A product as a seller typed it (the editor's fields or a REST body, all
//! text), checked into a [`ProductInput`]: every problem reported by its
//! field name, amounts parsed into minor units, never a float.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ATTRIBUTE_KEYS;
use crate::catalog::money::{currency_exponent, format_major, parse_major};
use crate::error::{AppError, FieldErrors};

pub const MAX_TITLE: usize = 120;
pub const MAX_SUBTITLE: usize = 160;
pub const MAX_DESCRIPTION: usize = 5000;
pub const MAX_VARIANTS: usize = 50;
const MAX_OPTIONS: usize = 3;
const MAX_VALUE: usize = 40;
const MAX_VALUES_A_KEY: usize = 12;
const MAX_SKU: usize = 40;
/// The largest price or stock a seller may enter.
const MAX_MINOR: i64 = 100_000_000;
const MAX_STOCK: i64 = 1_000_000;

/// The product as typed; amounts in major units ("24.50").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawProduct {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub compare_at: String,
    #[serde(default)]
    pub category_id: String,
    /// What one unit cost the shop (optional; for stock value and profit).
    #[serde(default)]
    pub cost: String,
    /// Low on stock at this many units or fewer (empty: the shop's line).
    #[serde(default)]
    pub low_stock: String,
    /// Stock when the product has no options.
    #[serde(default)]
    pub stock: String,
    /// "Size", or "Colour / Size"; empty for none.
    #[serde(default)]
    pub option_names: String,
    #[serde(default)]
    pub variants: Vec<RawVariant>,
    /// Attribute key → comma-separated values.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// One variant row as typed; `values` matches `option_names` ("Blush / Large").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawVariant {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub values: String,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub stock: String,
}

/// A checked product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInput {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub category_id: String,
    /// What one unit cost the shop, when given.
    pub cost_minor: Option<i64>,
    /// Its own low-stock threshold, when given.
    pub low_stock_at: Option<i64>,
    /// Option names in order; empty: one default variant.
    pub option_names: Vec<String>,
    pub variants: Vec<VariantInput>,
    /// (key, values) in [`ATTRIBUTE_KEYS`] order.
    pub attributes: Vec<(String, Vec<String>)>,
}

/// A checked variant. `sku` empty: one is made up when saving.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantInput {
    pub id: Option<String>,
    pub values: Vec<String>,
    pub sku: String,
    pub price_minor: i64,
    pub stock: i64,
}

impl VariantInput {
    /// "Blush / Large", or "Default".
    pub fn title(&self) -> String {
        if self.values.is_empty() { "Default".into() } else { self.values.join(" / ") }
    }
}

/// Whitespace runs folded to one space.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks one field at a time, collecting messages.
struct Checker {
    errors: FieldErrors,
    exponent: u32,
}

impl Checker {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.entry(field.to_owned()).or_insert_with(|| message.into());
    }

    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) -> String {
        let v = clean(value);
        if required && v.is_empty() {
            self.fail(field, "This is required.");
        } else if v.chars().count() > max {
            self.fail(field, format!("Use at most {max} characters."));
        }
        v
    }

    fn amount(&mut self, field: &str, value: &str) -> Option<i64> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        match parse_major(v, self.exponent) {
            Some(minor) if minor <= MAX_MINOR => Some(minor),
            Some(_) => {
                self.fail(field, "That is more than the shop can take for one item.");
                None
            }
            None => {
                self.fail(field, "Enter an amount like 24.50.");
                None
            }
        }
    }

    fn count(&mut self, field: &str, value: &str) -> i64 {
        match value.trim() {
            "" => 0,
            v => match v.parse::<i64>() {
                Ok(n) if (0..=MAX_STOCK).contains(&n) => n,
                _ => {
                    self.fail(field, format!("Enter a whole number from 0 to {MAX_STOCK}."));
                    0
                }
            },
        }
    }
}

impl ProductInput {
    /// Check `raw`; prices are in `currency`'s major units.
    pub fn parse(raw: &RawProduct, currency: &str) -> Result<Self, AppError> {
        let mut c = Checker { errors: FieldErrors::new(), exponent: currency_exponent(currency) };
        let title = c.text("title", &raw.title, MAX_TITLE, true);
        if !title.is_empty() && !title.chars().any(char::is_alphanumeric) {
            c.fail("title", "Use at least one letter or number.");
        }
        let subtitle = c.text("subtitle", &raw.subtitle, MAX_SUBTITLE, false);
        // The description keeps its paragraphs: only the ends are trimmed.
        let description = raw.description.trim().replace("\r\n", "\n");
        if description.chars().count() > MAX_DESCRIPTION {
            c.fail("description", format!("Use at most {MAX_DESCRIPTION} characters."));
        }
        let price = c.amount("price", &raw.price);
        if price.is_none() && raw.price.trim().is_empty() {
            c.fail("price", "Enter the price.");
        }
        let price_minor = price.unwrap_or(0);
        let compare_at_minor = c.amount("compare_at", &raw.compare_at);
        if let (Some(was), Some(now)) = (compare_at_minor, price)
            && was <= now
        {
            c.fail("compare_at", "The earlier price must be higher than the price.");
        }
        let cost_minor = c.amount("cost", &raw.cost);
        let low_stock_at = (!raw.low_stock.trim().is_empty()).then(|| c.count("low_stock", &raw.low_stock));
        let category_id = raw.category_id.trim().to_owned();
        if category_id.is_empty() || category_id.len() > 64 {
            c.fail("category_id", "Choose a category.");
        }
        let option_names: Vec<String> =
            raw.option_names.split(['/', ',']).map(clean).filter(|n| !n.is_empty()).collect();
        if option_names.len() > MAX_OPTIONS || option_names.iter().any(|n| n.chars().count() > MAX_VALUE) {
            c.fail(
                "option_names",
                format!("Name at most {MAX_OPTIONS} options, briefly (e.g. Colour / Size)."),
            );
        }
        let variants = parse_variants(&mut c, raw, &option_names, price_minor);
        let attributes = parse_attributes(&mut c, &raw.attributes);
        if !c.errors.is_empty() {
            return Err(AppError::Validation(c.errors));
        }
        Ok(Self {
            title,
            subtitle,
            description,
            price_minor,
            compare_at_minor,
            category_id,
            cost_minor,
            low_stock_at,
            option_names,
            variants,
            attributes,
        })
    }

    /// Back to the fields (the editor's values; the base of a REST PATCH).
    pub fn to_raw(&self, currency: &str) -> RawProduct {
        let exp = currency_exponent(currency);
        RawProduct {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            description: self.description.clone(),
            price: format_major(self.price_minor, exp),
            compare_at: self.compare_at_minor.map(|m| format_major(m, exp)).unwrap_or_default(),
            category_id: self.category_id.clone(),
            cost: self.cost_minor.map(|m| format_major(m, exp)).unwrap_or_default(),
            low_stock: self.low_stock_at.map(|n| n.to_string()).unwrap_or_default(),
            stock: if self.option_names.is_empty() {
                self.variants.first().map(|v| v.stock.to_string()).unwrap_or_default()
            } else {
                String::new()
            },
            option_names: self.option_names.join(" / "),
            variants: if self.option_names.is_empty() {
                Vec::new()
            } else {
                self.variants
                    .iter()
                    .map(|v| RawVariant {
                        id: v.id.clone().unwrap_or_default(),
                        values: v.values.join(" / "),
                        sku: v.sku.clone(),
                        price: format_major(v.price_minor, exp),
                        stock: v.stock.to_string(),
                    })
                    .collect()
            },
            attributes: self.attributes.iter().map(|(k, v)| (k.clone(), v.join(", "))).collect(),
        }
    }

    /// Units in stock over all variants.
    pub fn stock(&self) -> i64 {
        self.variants.iter().map(|v| v.stock).sum()
    }
}

fn parse_sku(c: &mut Checker, field: &str, sku: &str) -> String {
    let sku = sku.trim().to_owned();
    if sku.len() > MAX_SKU || !sku.chars().all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch)) {
        c.fail(field, format!("Use at most {MAX_SKU} letters, digits, - _ or ."));
    }
    sku
}

fn parse_variants(c: &mut Checker, raw: &RawProduct, names: &[String], price: i64) -> Vec<VariantInput> {
    let rows: Vec<(usize, &RawVariant)> = raw
        .variants
        .iter()
        .enumerate()
        .filter(|(_, v)| !(v.values.trim().is_empty() && v.sku.trim().is_empty() && v.id.trim().is_empty()))
        .collect();
    if names.is_empty() {
        // No options: one variant, its stock from the product's field (or
        // a single row when a REST body sent one).
        let first = rows.first().map(|(_, v)| *v);
        let stock_text =
            if raw.stock.trim().is_empty() { first.map_or("", |v| v.stock.as_str()) } else { &raw.stock };
        let stock = c.count("stock", stock_text);
        let sku = parse_sku(c, "sku", first.map_or("", |v| v.sku.as_str()));
        let id = first.map(|v| v.id.trim().to_owned()).filter(|id| !id.is_empty());
        return vec![VariantInput { id, values: Vec::new(), sku, price_minor: price, stock }];
    }
    if rows.is_empty() {
        c.fail("variants", "Add a row for each choice, e.g. 30 ml and 50 ml.");
    }
    if rows.len() > MAX_VARIANTS {
        c.fail("variants", format!("A product may have at most {MAX_VARIANTS} variants."));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, v) in rows {
        let field = |part: &str| format!("variants.{i}.{part}");
        let values: Vec<String> = v.values.split('/').map(clean).filter(|s| !s.is_empty()).collect();
        if values.len() != names.len() {
            let example =
                names.iter().map(|n| format!("<{}>", n.to_lowercase())).collect::<Vec<_>>().join(" / ");
            c.fail(&field("values"), format!("Give one value for each option: {example}."));
        } else if values.iter().any(|s| s.chars().count() > MAX_VALUE) {
            c.fail(&field("values"), format!("Use at most {MAX_VALUE} characters a value."));
        } else if !seen.insert(values.join("\u{1f}").to_lowercase()) {
            c.fail(&field("values"), "This combination is listed twice.");
        }
        let sku = parse_sku(c, &field("sku"), &v.sku);
        let price_minor = c.amount(&field("price"), &v.price).unwrap_or(price);
        let stock = c.count(&field("stock"), &v.stock);
        let id = Some(v.id.trim().to_owned()).filter(|id| !id.is_empty() && id.len() <= 80);
        out.push(VariantInput { id, values, sku, price_minor, stock });
    }
    out
}

fn parse_attributes(c: &mut Checker, raw: &BTreeMap<String, String>) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for (key, _) in ATTRIBUTE_KEYS {
        let Some(text) = raw.get(key) else { continue };
        let mut values: Vec<String> = Vec::new();
        for v in text.split(',').map(|v| clean(v).to_lowercase()).filter(|v| !v.is_empty()) {
            if !values.contains(&v) {
                values.push(v);
            }
        }
        let field = format!("attributes.{key}");
        if values.len() > MAX_VALUES_A_KEY || values.iter().any(|v| v.chars().count() > MAX_VALUE) {
            c.fail(&field, format!("Give at most {MAX_VALUES_A_KEY} short values, separated by commas."));
        } else if !values.is_empty() {
            out.push((key.to_owned(), values));
        }
    }
    if let Some(unknown) = raw.keys().find(|k| !ATTRIBUTE_KEYS.iter().any(|(key, _)| key == k)) {
        c.fail("attributes", format!("Unknown attribute {unknown:?}."));
    }
    out
}

#[cfg(test)]
mod tests;
