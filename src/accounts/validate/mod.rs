//! Input parsing at the edge: forms and JSON bodies become these checked
//! values, or field errors the page shows next to each field.

mod address;
mod profile;

pub use address::{AddressInput, AddressPatch};
pub use profile::{ProfileChange, ProfileInput, username};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

/// ASVS 2.1.1: at least 12 characters (any, spaces included; no composition rules).
pub const MIN_PASSWORD: usize = 12;
pub const MAX_PASSWORD: usize = 128;
pub const MAX_EMAIL: usize = 254;
pub const MAX_NAME: usize = 100;

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
    /// Yes to news and offers by email (never ticked for them).
    #[serde(default)]
    pub marketing_opt_in: bool,
}

/// A registration that passed every check.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub full_name: String,
    pub email: Email,
    pub password: String,
    pub marketing_opt_in: bool,
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
            (Some(full_name), Some(email)) => Ok(NewAccount {
                full_name,
                email,
                password: self.password,
                marketing_opt_in: self.marketing_opt_in,
            }),
            _ => Err(AppError::Internal),
        }
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
            marketing_opt_in: false,
        }
        .parse()
        .unwrap_err();
        for field in ["full_name", "email", "password", "password_confirm"] {
            assert!(err.field_message(field).is_some(), "{field} has a message");
        }
    }
}
