//! Input parsing at the edge: forms and JSON bodies become these checked
//! values, or field errors the page shows next to each field.

use serde::{Deserialize, Serialize};

use super::{GENDERS, INTERESTS, SKIN_CONCERNS, SKIN_TYPES};
use crate::error::{AppError, FieldErrors};

pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 128;
pub const MAX_EMAIL: usize = 254;
pub const MAX_NAME: usize = 100;
pub const MAX_BIO: usize = 500;

/// A trimmed, lower-cased address with one `@` and a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address.".into());
        }
        if email.chars().count() > MAX_EMAIL {
            return Err(format!("Use at most {MAX_EMAIL} characters."));
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid { Ok(Self(email)) } else { Err("Enter an email address like name@example.com.".into()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough, not absurdly long, not a well-known one.
pub fn new_password(password: &str, email: Option<&Email>) -> Result<(), String> {
    let len = password.chars().count();
    if len < MIN_PASSWORD {
        return Err(format!("Use at least {MIN_PASSWORD} characters."));
    }
    if len > MAX_PASSWORD {
        return Err(format!("Use at most {MAX_PASSWORD} characters."));
    }
    let lower = password.to_lowercase();
    if super::common_passwords::is_common(&lower) {
        return Err("This password is too common. Try a short sentence only you would write.".into());
    }
    if email.is_some_and(|e| lower == e.as_str() || e.as_str().split('@').next() == Some(lower.as_str())) {
        return Err("Do not use your email address as your password.".into());
    }
    Ok(())
}

/// A person's name: trimmed, 1–100 characters, no control characters.
pub fn full_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("Enter your name.".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("Use at most {MAX_NAME} characters."));
    }
    if name.chars().any(char::is_control) {
        return Err("Use letters, spaces and punctuation only.".into());
    }
    Ok(name.to_owned())
}

/// Collects field errors and turns them into one `Validation` error.
#[derive(Default)]
pub struct Fields(FieldErrors);

impl Fields {
    /// Keep `Ok` values; remember the message of the first error per field.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.0.entry(field.to_owned()).or_insert(message);
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() { Ok(()) } else { Err(AppError::Validation(self.0)) }
    }
}

/// The sign-up form.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct RegisterInput {
    pub full_name: String,
    pub email: String,
    pub password: String,
    /// Absent on the REST API, where clients confirm on their side.
    #[serde(default)]
    pub password_confirm: Option<String>,
}

/// A registration that passed every check.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub full_name: String,
    pub email: Email,
    pub password: String,
}

impl RegisterInput {
    pub fn parse(self) -> Result<NewAccount, AppError> {
        let mut f = Fields::default();
        let full_name = f.check("full_name", full_name(&self.full_name));
        let email = f.check("email", Email::parse(&self.email));
        f.check("password", new_password(&self.password, email.as_ref()));
        if let Some(confirm) = &self.password_confirm
            && *confirm != self.password
        {
            f.check::<()>("password_confirm", Err("The passwords do not match.".into()));
        }
        f.finish()?;
        match (full_name, email) {
            (Some(full_name), Some(email)) => Ok(NewAccount { full_name, email, password: self.password }),
            _ => Err(AppError::Internal),
        }
    }
}

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
pub struct ProfileInput {
    pub full_name: Option<String>,
    pub username: Option<String>,
    pub bio: Option<String>,
    pub gender: Option<String>,
    pub interests: Option<Vec<String>>,
    pub skin_type: Option<String>,
    pub skin_concerns: Option<Vec<String>>,
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
        };
        f.finish()?;
        Ok(change)
    }
}

/// The address form and the REST body (seed field names). Missing fields
/// read as empty, so each gets its own "required" message.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct AddressInput {
    pub full_name: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
    pub is_default: bool,
}

impl AddressInput {
    /// Trim every field and check lengths; the country is kept as typed
    /// (upper-cased), since shops ship to places we cannot list here.
    pub fn parse(self) -> Result<AddressInput, AppError> {
        let mut f = Fields::default();
        let mut text = |field: &str, value: &str, required: bool, max: usize| -> String {
            let v = value.trim();
            let result = if required && v.is_empty() {
                Err("This field is required.".to_owned())
            } else if v.chars().count() > max {
                Err(format!("Use at most {max} characters."))
            } else if v.chars().any(char::is_control) {
                Err("Use letters, digits and punctuation only.".to_owned())
            } else {
                Ok(v.to_owned())
            };
            f.check(field, result).unwrap_or_default()
        };
        let parsed = AddressInput {
            full_name: text("full_name", &self.full_name, true, MAX_NAME),
            phone: text("phone", &self.phone, false, 32),
            address_line1: text("address_line1", &self.address_line1, true, 120),
            address_line2: text("address_line2", &self.address_line2, false, 120),
            city: text("city", &self.city, true, 80),
            state: text("state", &self.state, false, 80),
            postal_code: text("postal_code", &self.postal_code, true, 16),
            country: text("country", &self.country, true, 56).to_uppercase(),
            is_default: self.is_default,
        };
        f.finish()?;
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada@Example.COM ").unwrap().as_str(), "ada@example.com");
        for bad in
            ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "a@b@c.com", "ada@.com"]
        {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(250))).is_err());
    }

    #[test]
    fn weak_passwords_are_refused() {
        let email = Email::parse("ada.lovelace@example.com").unwrap();
        assert!(new_password("short", None).is_err());
        assert!(new_password("password123", None).is_err(), "common");
        assert!(new_password("ada.lovelace@example.com", Some(&email)).is_err());
        assert!(new_password(&"x".repeat(129), None).is_err());
        assert!(new_password("violets at dawn 42", Some(&email)).is_ok());
    }

    #[test]
    fn registration_reports_every_field() {
        let err = RegisterInput {
            full_name: " ".into(),
            email: "nope".into(),
            password: "abc".into(),
            password_confirm: Some("abd".into()),
        }
        .parse()
        .unwrap_err();
        for field in ["full_name", "email", "password", "password_confirm"] {
            assert!(err.field_message(field).is_some(), "{field} has a message");
        }
    }

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

    #[test]
    fn addresses_need_the_basics() {
        let err = AddressInput { full_name: "Ada".into(), ..Default::default() }.parse().unwrap_err();
        for field in ["address_line1", "city", "postal_code", "country"] {
            assert!(err.field_message(field).is_some(), "{field} is required");
        }
        let ok = AddressInput {
            full_name: " Ada ".into(),
            address_line1: "1 Rose Lane".into(),
            city: "Bath".into(),
            postal_code: "BA1 1AA".into(),
            country: "gb".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!((ok.full_name.as_str(), ok.country.as_str()), ("Ada", "GB"));
    }
}
