//! The profile form: choices from fixed lists, a unique-able username.

use serde::{Deserialize, Serialize};

use super::{Fields, full_name};
use crate::accounts::{GENDERS, INTERESTS, SKIN_CONCERNS, SKIN_TYPES};
use crate::error::AppError;

pub const MAX_BIO: usize = 500;

/// One choice from a fixed list, or an error naming the field.
fn one_of(value: &str, choices: &[(&str, &str)]) -> Result<String, String> {
    let v = value.trim();
    if choices.iter().any(|(key, _)| *key == v) {
        Ok(v.to_owned())
    } else {
        Err("Pick one of the options.".into())
    }
}

/// Several choices from a fixed list, without repeats.
fn some_of(values: &[String], choices: &[(&str, &str)]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !choices.iter().any(|(key, _)| *key == v) {
            return Err(format!("“{}” is not one of the options.", v.chars().take(40).collect::<String>()));
        }
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    Ok(out)
}

/// 3–30 lower-case letters, digits, dots, dashes or underscores.
pub fn username(raw: &str) -> Result<Option<String>, String> {
    let name = raw.trim().to_lowercase();
    if name.is_empty() {
        return Ok(None);
    }
    let ok_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !(3..=30).contains(&name.chars().count()) || !ok_chars {
        return Err("Use 3–30 letters, digits, dots, dashes or underscores.".into());
    }
    Ok(Some(name))
}

/// The profile form. Lists come from checkboxes (`interests[]`) or JSON.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProfileInput {
    pub full_name: Option<String>,
    pub username: Option<String>,
    pub bio: Option<String>,
    pub gender: Option<String>,
    pub interests: Option<Vec<String>>,
    pub skin_type: Option<String>,
    pub skin_concerns: Option<Vec<String>>,
    /// Yes (or no more) to news and offers by email.
    pub marketing_opt_in: Option<bool>,
}

/// A checked profile change: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileChange {
    pub full_name: Option<String>,
    pub username: Option<Option<String>>,
    pub bio: Option<String>,
    pub gender: Option<String>,
    pub interests: Option<Vec<String>>,
    pub skin_type: Option<String>,
    pub skin_concerns: Option<Vec<String>>,
    pub marketing_opt_in: Option<bool>,
}

impl ProfileInput {
    pub fn parse(self) -> Result<ProfileChange, AppError> {
        let mut f = Fields::default();
        let bio = |b: &String| {
            let b = b.trim();
            if b.chars().count() > MAX_BIO {
                Err(format!("Use at most {MAX_BIO} characters."))
            } else {
                Ok(b.to_owned())
            }
        };
        let change = ProfileChange {
            full_name: self.full_name.as_deref().and_then(|n| f.check("full_name", full_name(n))),
            username: self.username.as_deref().and_then(|u| f.check("username", username(u))),
            bio: self.bio.as_ref().and_then(|b| f.check("bio", bio(b))),
            gender: self.gender.as_deref().and_then(|g| f.check("gender", one_of(g, &GENDERS))),
            interests: self.interests.as_deref().and_then(|i| f.check("interests", some_of(i, &INTERESTS))),
            skin_type: self.skin_type.as_deref().and_then(|s| f.check("skin_type", one_of(s, &SKIN_TYPES))),
            skin_concerns: self
                .skin_concerns
                .as_deref()
                .and_then(|c| f.check("skin_concerns", some_of(c, &SKIN_CONCERNS))),
            marketing_opt_in: self.marketing_opt_in,
        };
        f.finish()?;
        Ok(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_choices_come_from_the_lists() {
        let change = ProfileInput {
            username: Some(" Ada_L ".into()),
            interests: Some(vec!["skincare".into(), "skincare".into(), "gifts".into()]),
            gender: Some("female".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(change.username, Some(Some("ada_l".into())));
        assert_eq!(change.interests, Some(vec!["skincare".to_owned(), "gifts".to_owned()]));
        assert_eq!(change.bio, None, "absent fields stay untouched");
        let err =
            ProfileInput { gender: Some("robot".into()), username: Some("a".into()), ..Default::default() }
                .parse()
                .unwrap_err();
        assert!(err.field_message("gender").is_some() && err.field_message("username").is_some());
    }
}
