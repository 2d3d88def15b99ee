//! The links in a campaign mail. Each recipient gets a random token (only
//! its hash is stored, as for password-reset links); it names them in the
//! unsubscribe link, the open pixel and every click link. A click link
//! also carries a MAC of its target keyed by that token (BLAKE2s, which
//! has no length extension, so a keyed prefix is a sound MAC): changing
//! the target, or the token, makes the link worthless. Targets are paths
//! on this site only — never an open redirect, even with a valid MAC.

use blake2::{Blake2s256, Digest};

use crate::accounts::api::local_path;
use crate::catalog::query::encode;

/// The MAC of `target` for the holder of `token` (hex, 128 bits).
pub fn click_mac(token: &str, target: &str) -> String {
    let digest = Blake2s256::new()
        .chain_update(b"bazaar campaign click\0")
        .chain_update(token)
        .chain_update(b"\0")
        .chain_update(target)
        .finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// True when `mac` is `target`'s MAC for `token`, compared in constant time.
pub fn mac_ok(token: &str, target: &str, mac: &str) -> bool {
    let want = click_mac(token, target);
    want.len() == mac.len() && want.bytes().zip(mac.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// A click target, if it is a path on this site.
pub fn safe_target(to: &str) -> Option<&str> {
    local_path(to).then_some(to)
}

/// The addresses in one recipient's mail, relative to `{site}` (the outbox
/// worker fills in the public URL).
#[derive(Debug, Clone)]
pub struct MailLinks {
    token: Option<String>,
}

impl MailLinks {
    /// Links for a real recipient.
    pub fn tracked(token: String) -> Self {
        Self { token: Some(token) }
    }

    /// Links for a test mail or a preview: plain, nothing counted, and the
    /// unsubscribe link leads to the account page.
    pub fn plain() -> Self {
        Self { token: None }
    }

    /// Where a link to `path` (a path on this site) should point.
    pub fn click(&self, path: &str) -> String {
        match &self.token {
            Some(t) => format!("{{site}}/c/{t}/go?to={}&s={}", encode(path), click_mac(t, path)),
            None => format!("{{site}}{path}"),
        }
    }

    /// The open pixel's address.
    pub fn pixel(&self) -> Option<String> {
        self.token.as_ref().map(|t| format!("{{site}}/c/{t}/open.gif"))
    }

    /// The unsubscribe page (a link in the body).
    pub fn unsubscribe_page(&self) -> String {
        match &self.token {
            Some(t) => format!("{{site}}/unsubscribe/{t}"),
            None => "{site}/account".to_owned(),
        }
    }

    /// The one-click address for `List-Unsubscribe` (RFC 8058: a POST with
    /// `List-Unsubscribe=One-Click`).
    pub fn one_click(&self) -> Option<String> {
        self.token.as_ref().map(|t| format!("{{site}}/api/v1/unsubscribe/{t}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::links::new_token;

    #[test]
    fn a_click_mac_binds_token_and_target() {
        let (token, _) = new_token();
        let mac = click_mac(&token, "/products/rose-serum");
        assert!(mac_ok(&token, "/products/rose-serum", &mac));
        assert!(!mac_ok(&token, "/products/other", &mac), "another target");
        let (other, _) = new_token();
        assert!(!mac_ok(&other, "/products/rose-serum", &mac), "another person's token");
        assert!(!mac_ok(&token, "/products/rose-serum", &mac[..30]));
    }

    #[test]
    fn only_paths_on_this_site_are_targets() {
        assert_eq!(safe_target("/products/x?y=1"), Some("/products/x?y=1"));
        for bad in ["https://evil.test/", "//evil.test", "/\\evil.test", "/\t/evil.test", "evil.test", ""] {
            assert_eq!(safe_target(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn plain_links_track_nothing() {
        let plain = MailLinks::plain();
        assert_eq!(plain.click("/products"), "{site}/products");
        assert!(plain.pixel().is_none() && plain.one_click().is_none());
        let tracked = MailLinks::tracked("ab".repeat(32));
        assert!(tracked.click("/products/a b").contains("to=%2Fproducts%2Fa+b&s="));
    }
}
