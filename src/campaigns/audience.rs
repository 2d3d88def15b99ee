//! Who a campaign goes to: every key optional, all of them ANDed, `{}` is
//! everyone who opted in to marketing mail. Checked here (known skin types
//! and concerns, sane sizes); turned into SQL in `db`.

use serde::{Deserialize, Serialize};

use crate::accounts::{SKIN_CONCERNS, SKIN_TYPES};
use crate::error::{AppError, AppResult};

/// The audience filter (`audience_filter` in the REST API).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Any of these skin types (`dry`, `oily`, `combination`, `normal`, `sensitive`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skin_types: Vec<String>,
    /// Has any of these concerns (`acne`, `ageing`, `dryness`, `dullness`, `pigmentation`, `redness`, `pores`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<String>,
    /// Bought something from any of these categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_ids: Vec<String>,
    /// Bought something from any of these shops.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seller_ids: Vec<String>,
    /// Their last order is older than this many days (and they ordered before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_order_before_days: Option<u32>,
    /// They ordered within this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_order_within_days: Option<u32>,
    /// Follows this shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows_seller_id: Option<String>,
}

/// Ids in one list, at most.
const MAX_IDS: usize = 50;
/// Days, at most (ten years).
const MAX_DAYS: u32 = 3650;

fn known(list: &[(&str, &str)], code: &str) -> bool {
    !code.is_empty() && list.iter().any(|(c, _)| *c == code)
}

fn label<'a>(list: &'a [(&'a str, &'a str)], code: &'a str) -> &'a str {
    list.iter().find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

fn ids_ok(ids: &[String]) -> bool {
    ids.len() <= MAX_IDS && ids.iter().all(|i| !i.is_empty() && i.len() <= 64)
}

impl Audience {
    /// Trimmed, de-duplicated and checked; field errors name the key.
    pub fn checked(mut self) -> AppResult<Self> {
        for list in [&mut self.skin_types, &mut self.concerns, &mut self.category_ids, &mut self.seller_ids] {
            for v in list.iter_mut() {
                *v = v.trim().to_owned();
            }
            list.retain(|v| !v.is_empty());
            list.sort();
            list.dedup();
        }
        if let Some(bad) = self.skin_types.iter().find(|s| !known(&SKIN_TYPES, s)) {
            return Err(AppError::field("skin_types", format!("Unknown skin type “{bad}”.")));
        }
        if let Some(bad) = self.concerns.iter().find(|s| !known(&SKIN_CONCERNS, s)) {
            return Err(AppError::field("concerns", format!("Unknown concern “{bad}”.")));
        }
        if !ids_ok(&self.category_ids) {
            return Err(AppError::field("category_ids", format!("At most {MAX_IDS} category ids.")));
        }
        if !ids_ok(&self.seller_ids) {
            return Err(AppError::field("seller_ids", format!("At most {MAX_IDS} shop ids.")));
        }
        for (key, days) in [
            ("last_order_before_days", self.last_order_before_days),
            ("last_order_within_days", self.last_order_within_days),
        ] {
            if days.is_some_and(|d| d == 0 || d > MAX_DAYS) {
                return Err(AppError::field(key, format!("A number of days from 1 to {MAX_DAYS}.")));
            }
        }
        if let (Some(before), Some(within)) = (self.last_order_before_days, self.last_order_within_days)
            && before >= within
        {
            return Err(AppError::field(
                "last_order_before_days",
                "“Last order older than” must be fewer days than “ordered within”, or nobody matches.",
            ));
        }
        self.follows_seller_id =
            self.follows_seller_id.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        if self.follows_seller_id.as_ref().is_some_and(|s| s.len() > 64) {
            return Err(AppError::field("follows_seller_id", "Not a shop id."));
        }
        Ok(self)
    }

    /// The filter in words, for lists ("Everyone who opted in" when empty).
    /// Category and shop ids are counted, not named (names live in the
    /// catalog; the editor shows them).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.skin_types.is_empty() {
            let names: Vec<_> =
                self.skin_types.iter().map(|s| label(&SKIN_TYPES, s).to_lowercase()).collect();
            parts.push(format!("{} skin", names.join(" or ")));
        }
        if !self.concerns.is_empty() {
            let names: Vec<_> =
                self.concerns.iter().map(|s| label(&SKIN_CONCERNS, s).to_lowercase()).collect();
            parts.push(format!("concerned by {}", names.join(" or ")));
        }
        let plural = |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
        if !self.category_ids.is_empty() {
            parts.push(format!("bought from {}", plural(self.category_ids.len(), "category")));
        }
        if !self.seller_ids.is_empty() {
            parts.push(format!("bought from {}", plural(self.seller_ids.len(), "shop")));
        }
        if let Some(d) = self.last_order_within_days {
            parts.push(format!("ordered in the last {d} days"));
        }
        if let Some(d) = self.last_order_before_days {
            parts.push(format!("no order in the last {d} days"));
        }
        if self.follows_seller_id.is_some() {
            parts.push("follows a shop".to_owned());
        }
        if parts.is_empty() {
            "Everyone who opted in".to_owned()
        } else {
            let mut s = parts.join(", ");
            if let Some(first) = s.get(..1) {
                s = format!("{}{}", first.to_uppercase(), &s[1..]);
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_means_everyone_who_opted_in() {
        assert_eq!(Audience::default().checked().unwrap().describe(), "Everyone who opted in");
    }

    #[test]
    fn unknown_values_are_refused_by_key() {
        let bad = Audience { skin_types: vec!["scaly".into()], ..Default::default() };
        assert!(bad.checked().unwrap_err().field_message("skin_types").is_some());
        let bad = Audience { concerns: vec!["warts".into()], ..Default::default() };
        assert!(bad.checked().unwrap_err().field_message("concerns").is_some());
        let bad = Audience { last_order_within_days: Some(0), ..Default::default() };
        assert!(bad.checked().unwrap_err().field_message("last_order_within_days").is_some());
        let never = Audience {
            last_order_before_days: Some(90),
            last_order_within_days: Some(30),
            ..Default::default()
        };
        assert!(never.checked().is_err(), "older than 90 and within 30 matches nobody");
        assert!(serde_json::from_str::<Audience>(r#"{"skin":["dry"]}"#).is_err(), "unknown keys are refused");
    }

    #[test]
    fn described_in_words() {
        let a = Audience {
            skin_types: vec![" oily".into(), "dry".into(), "dry".into()],
            concerns: vec!["acne".into()],
            last_order_within_days: Some(30),
            ..Default::default()
        }
        .checked()
        .unwrap();
        assert_eq!(a.skin_types, ["dry", "oily"]);
        assert_eq!(a.describe(), "Dry or oily skin, concerned by breakouts, ordered in the last 30 days");
    }
}
