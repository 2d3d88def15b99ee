//! One-time links mailed to a person (password reset, email check): 32
//! random bytes in hex in the link, only their BLAKE2s hash in the
//! database. A fast hash is right here: the token is as random as a key,
//! so there is nothing to guess that a slow hash would protect.

use blake2::{Blake2s256, Digest};

use crate::server::random_hex;

const TOKEN_BYTES: usize = 32;

/// A new token for a link, and the hash to store.
pub fn new_token() -> (String, String) {
    let token = random_hex(TOKEN_BYTES);
    let hash = digest(&token);
    (token, hash)
}

/// The stored form of `token`; `None` for anything that is not a token we
/// could have made (no database lookup for junk).
pub fn stored_form(token: &str) -> Option<String> {
    let t = token.trim();
    (t.len() == TOKEN_BYTES * 2 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| digest(&t.to_ascii_lowercase()))
}

fn digest(token: &str) -> String {
    Blake2s256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(hash, a, "the stored form is not the token");
        assert_eq!(stored_form(&a), Some(hash.clone()));
        assert_eq!(stored_form(&a.to_uppercase()), Some(hash), "hex case does not matter");
        assert_eq!(stored_form("abc"), None);
        assert_eq!(stored_form(&"z".repeat(64)), None);
    }
}
