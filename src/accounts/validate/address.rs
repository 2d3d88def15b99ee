//! The address form.

use serde::{Deserialize, Serialize};

use super::{Fields, MAX_NAME};
use crate::accounts::Address;
use crate::error::AppError;

/// The address form and the REST body (seed field names). Missing fields
/// read as empty, so each gets its own "required" message.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

/// `PATCH /users/addresses/{id}`: any subset of the address fields.
#[derive(Debug, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddressPatch {
    full_name: Option<String>,
    phone: Option<String>,
    address_line1: Option<String>,
    address_line2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    is_default: Option<bool>,
}

impl AddressPatch {
    /// The stored address with this patch's fields laid over it.
    pub fn apply(self, a: Address) -> AddressInput {
        let a = a.fields;
        AddressInput {
            full_name: self.full_name.unwrap_or(a.full_name),
            phone: self.phone.unwrap_or(a.phone),
            address_line1: self.address_line1.unwrap_or(a.address_line1),
            address_line2: self.address_line2.unwrap_or(a.address_line2),
            city: self.city.unwrap_or(a.city),
            state: self.state.unwrap_or(a.state),
            postal_code: self.postal_code.unwrap_or(a.postal_code),
            country: self.country.unwrap_or(a.country),
            is_default: self.is_default.unwrap_or(a.is_default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
