//! Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps)
//! through totp-rs, the QR code of the `otpauth://` URL as an inline SVG
//! made here, and recovery codes. Pure: the clock is an argument, so tests
//! can stand at a window's edge.

use blake2::{Blake2s256, Digest};
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::error::{AppError, AppResult};

pub const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
const SECRET_BYTES: usize = 20;
const ISSUER: &str = "Bazaar";
/// A code from the step before or after this one is still taken (a phone's
/// clock may be off by a little).
const SKEW_STEPS: i64 = 1;

/// A person's TOTP key.
pub struct Key(TOTP);

impl Key {
    /// A new random 160-bit key for `account` (the person's email).
    pub fn generate(account: &str) -> AppResult<Self> {
        let mut raw = vec![0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut raw);
        Self::from_raw(raw, account)
    }

    /// The key stored as base32.
    pub fn from_base32(secret: &str, account: &str) -> AppResult<Self> {
        let raw = Secret::Encoded(secret.to_owned()).to_bytes().map_err(|_| AppError::Internal)?;
        Self::from_raw(raw, account)
    }

    fn from_raw(raw: Vec<u8>, account: &str) -> AppResult<Self> {
        // otpauth labels may not hold ':'; an email never does, but be sure.
        let account = account.replace(':', "");
        TOTP::new(Algorithm::SHA1, DIGITS, 1, STEP_SECS, raw, Some(ISSUER.to_owned()), account)
            .map(Self)
            .map_err(|e| {
                tracing::error!(error = %e, "TOTP key refused");
                AppError::Internal
            })
    }

    /// Base32, no padding: what is stored and what the person may type into
    /// an authenticator app.
    pub fn base32(&self) -> String {
        self.0.get_secret_base32()
    }

    /// `otpauth://totp/Bazaar:…?secret=…&issuer=Bazaar` (SHA-1, 6 digits, 30 s
    /// are the defaults an app assumes).
    pub fn otpauth_url(&self) -> String {
        self.0.get_url()
    }

    /// The code of time step `step`.
    pub fn code_at_step(&self, step: i64) -> String {
        self.0.generate(step.max(0) as u64 * STEP_SECS)
    }

    /// The time step `code` belongs to, at `now_secs`, if it is right within
    /// the allowed skew; `None` for a wrong or malformed code.
    pub fn matching_step(&self, code: &str, now_secs: u64) -> Option<i64> {
        let code = normal_code(code)?;
        let now = (now_secs / STEP_SECS) as i64;
        (now - SKEW_STEPS..=now + SKEW_STEPS).find(|&step| same(&self.code_at_step(step), &code))
    }
}

/// Six digits, spaces and dashes dropped ("123 456" is fine).
pub fn normal_code(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Constant-time equality of two short strings.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The QR code of `text` as an `<svg>` element (no XML declaration), dark
/// modules on white so phones read it in dark mode too.
pub fn qr_svg(text: &str) -> AppResult<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|_| AppError::Internal)?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Ok(match image.find("<svg") {
        Some(at) => image[at..].to_owned(),
        None => image,
    })
}

/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// Letters and digits that cannot be mistaken for each other (no i, l, o, u).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Ten new recovery codes as shown ("k3m9x-7qd2p": 50 random bits each).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rng.fill_bytes(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// The stored form of a recovery code as typed (case, spaces and dashes do
/// not matter; o reads as 0, i and l as 1); `None` for what cannot be one.
pub fn recovery_hash(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            c => c,
        })
        .collect();
    let ok = code.len() == 10 && code.bytes().all(|b| ALPHABET.contains(&b));
    ok.then(|| Blake2s256::digest(code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 test key, "12345678901234567890".
    fn rfc_key() -> Key {
        Key::from_raw(b"12345678901234567890".to_vec(), "ada@example.com").unwrap()
    }

    #[test]
    fn codes_match_rfc_6238() {
        let key = rfc_key();
        // The RFC lists 8 digits; ours are the last 6 of them.
        assert_eq!(key.code_at_step(59 / 30), "287082");
        assert_eq!(key.code_at_step(1_111_111_109 / 30), "081804");
        assert_eq!(key.code_at_step(1_234_567_890 / 30), "005924");
        assert_eq!(key.code_at_step(20_000_000_000 / 30), "353130");
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_and_no_further() {
        let key = rfc_key();
        let code = key.code_at_step(1000);
        // The first and last second of its own window.
        assert_eq!(key.matching_step(&code, 30_000), Some(1000));
        assert_eq!(key.matching_step(&code, 30_029), Some(1000));
        // One step late or early: still this step.
        assert_eq!(key.matching_step(&code, 30_030), Some(1000));
        assert_eq!(key.matching_step(&code, 30_059), Some(1000));
        assert_eq!(key.matching_step(&code, 29_970), Some(1000));
        // Two steps away: refused.
        assert_eq!(key.matching_step(&code, 30_060), None);
        assert_eq!(key.matching_step(&code, 29_969), None);
        assert_eq!(key.matching_step(&format!("{} {}", &code[..3], &code[3..]), 30_000), Some(1000));
        assert_eq!(key.matching_step("12345", 30_000), None);
        assert_eq!(key.matching_step("abcdef", 30_000), None);
    }

    #[test]
    fn keys_round_trip_through_base32_and_the_url() {
        let key = Key::generate("ada@example.com").unwrap();
        let again = Key::from_base32(&key.base32(), "ada@example.com").unwrap();
        assert_eq!(key.code_at_step(77), again.code_at_step(77));
        let url = key.otpauth_url();
        assert!(url.starts_with("otpauth://totp/Bazaar:ada%40example.com?"), "{url}");
        assert!(url.contains(&format!("secret={}", key.base32())) && url.contains("issuer=Bazaar"), "{url}");
        assert_eq!(key.base32().len(), 32, "160 bits");
        let svg = qr_svg(&url).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("#000000"));
    }

    #[test]
    fn recovery_codes_are_random_and_forgiving_to_type() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        let code = &codes[0];
        assert_eq!(code.len(), 11);
        let hash = recovery_hash(code).unwrap();
        assert_eq!(recovery_hash(&code.to_uppercase().replace('-', " ")), Some(hash.clone()));
        assert_ne!(&hash, code, "only a hash is kept");
        assert_eq!(recovery_hash("0000000000"), recovery_hash("oooooOOOOO"));
        assert_eq!(recovery_hash("short"), None);
        assert_eq!(recovery_hash("uuuuu-uuuuu"), None, "not in the alphabet");
    }
}
