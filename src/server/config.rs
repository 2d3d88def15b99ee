//! Typed settings: defaults, then `Leptos.toml`, then `BAZAAR_*` environment
//! variables. Secrets (later: Stripe, SMTP, Gemini keys) are never printed.

use std::net::SocketAddr;
use std::path::Path;

use serde::Deserialize;

/// Everything the server needs to start.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub shop: ShopSettings,
    pub media: MediaSettings,
    pub mail: MailSettings,
    pub payments: PaymentSettings,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Where to listen (`BAZAAR_ADDR`).
    pub addr: SocketAddr,
    /// Folder with the compiled site: `pkg/` and the public assets (`BAZAAR_SITE_ROOT`).
    pub site_root: String,
    /// `pretty` for people, `json` for log shippers (`BAZAAR_LOG_FORMAT`).
    pub log_format: String,
    /// Extra origins allowed to send state-changing requests, e.g. the public
    /// https URL behind a proxy (`BAZAAR_ALLOWED_ORIGINS`, comma separated).
    pub allowed_origins: Vec<String>,
    /// How long anonymous GET responses are shared, in milliseconds; 0 turns
    /// the micro-cache off (`BAZAAR_PAGE_CACHE_MS`).
    pub page_cache_ms: u64,
    /// Served over https: session cookies get `Secure` and the `__Host-`
    /// prefix (`BAZAAR_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// Reverse proxies (CIDRs or addresses) whose `X-Forwarded-For` names the
    /// real client; from anyone else the header is ignored
    /// (`BAZAAR_TRUSTED_PROXIES`, comma separated).
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://path` or `postgres://…` (`BAZAAR_DATABASE_URL`).
    pub url: String,
    /// Pool size (`BAZAAR_DATABASE_MAX_CONNECTIONS`); unset picks one per
    /// engine (see `Db::connect`).
    pub max_connections: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ShopSettings {
    /// ISO 4217 code for new products (`BAZAAR_CURRENCY`).
    pub currency: String,
    /// How long an unpaid card checkout holds its stock, in minutes
    /// (`BAZAAR_CHECKOUT_HOLD_MINUTES`).
    pub checkout_hold_minutes: i64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MediaSettings {
    /// Where uploaded pictures are kept: a directory, or `file://directory`
    /// (`BAZAAR_MEDIA_URL`).
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    /// `smtp://host:port` (or `smtps://user:pass@host`); unset, mail waits
    /// in the outbox (`BAZAAR_SMTP_URL`).
    pub smtp_url: Option<String>,
    /// The sender (`BAZAAR_MAIL_FROM`).
    pub from: String,
    /// The shop's public address, for links in mail (`BAZAAR_PUBLIC_URL`).
    pub public_url: String,
}

/// Card payments through Stripe: on when the secret key, the publishable
/// key and the webhook secret are all set. Keys are never printed.
#[derive(Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentSettings {
    /// `sk_…` (`BAZAAR_STRIPE_SECRET_KEY`).
    pub stripe_secret_key: Option<String>,
    /// `pk_…`, given to Stripe.js in the browser (`BAZAAR_STRIPE_PUBLISHABLE_KEY`).
    pub stripe_publishable_key: Option<String>,
    /// `whsec_…`, signs the webhook's events (`BAZAAR_STRIPE_WEBHOOK_SECRET`).
    pub stripe_webhook_secret: Option<String>,
    /// Stripe's API (`BAZAAR_STRIPE_API_URL`; tests point it at localstripe).
    pub stripe_api_url: String,
    /// Where the browser loads Stripe.js from (`BAZAAR_STRIPE_JS_URL`).
    pub stripe_js_url: String,
}

impl PaymentSettings {
    /// All three keys are set.
    pub fn card_enabled(&self) -> bool {
        [&self.stripe_secret_key, &self.stripe_publishable_key, &self.stripe_webhook_secret]
            .iter()
            .all(|k| k.as_deref().is_some_and(|k| !k.is_empty()))
    }

    /// `scheme://host[:port]` of Stripe.js and of the API: what the page's
    /// Content-Security-Policy lets the card form load and talk to.
    pub fn browser_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = [&self.stripe_js_url, &self.stripe_api_url]
            .iter()
            .filter_map(|url| {
                let (scheme, rest) = url.split_once("://")?;
                let host = rest.split('/').next().filter(|h| !h.is_empty())?;
                Some(format!("{scheme}://{host}"))
            })
            .collect();
        // Stripe's own Stripe.js runs 3-D Secure in a frame from hooks.stripe.com.
        if origins.iter().any(|o| o == "https://js.stripe.com") {
            origins.push("https://hooks.stripe.com".into());
        }
        origins.dedup();
        origins
    }
}

impl Default for PaymentSettings {
    fn default() -> Self {
        Self {
            stripe_secret_key: None,
            stripe_publishable_key: None,
            stripe_webhook_secret: None,
            stripe_api_url: "https://api.stripe.com/".into(),
            stripe_js_url: "https://js.stripe.com/v3/".into(),
        }
    }
}

impl std::fmt::Debug for PaymentSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |k: &Option<String>| if k.is_some() { "<set>" } else { "<unset>" };
        f.debug_struct("PaymentSettings")
            .field("stripe_secret_key", &set(&self.stripe_secret_key))
            .field("stripe_publishable_key", &set(&self.stripe_publishable_key))
            .field("stripe_webhook_secret", &set(&self.stripe_webhook_secret))
            .field("stripe_api_url", &self.stripe_api_url)
            .field("stripe_js_url", &self.stripe_js_url)
            .finish()
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Bazaar <shop@bazaar.localhost>".into(),
            public_url: "http://127.0.0.1:3000".into(),
        }
    }
}

impl Default for MediaSettings {
    fn default() -> Self {
        Self { url: "data/media".into() }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: "target/site".into(),
            log_format: "pretty".into(),
            allowed_origins: Vec::new(),
            page_cache_ms: 1000,
            secure_cookies: false,
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self { url: "sqlite://data/bazaar.db".into(), max_connections: None }
    }
}

impl Default for ShopSettings {
    fn default() -> Self {
        Self { currency: "USD".into(), checkout_hold_minutes: 30 }
    }
}

/// A setting that could not be read; names the key so the fix is obvious.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is not valid: {source}")]
    Parse { path: String, source: Box<toml::de::Error> },
    #[error("{key}={value:?} is not valid: {reason}")]
    Env { key: &'static str, value: String, reason: String },
}

impl Settings {
    /// Load from `path` (when it exists) and the process environment.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let mut settings = if path.exists() {
            let text = std::fs::read_to_string(path)
                .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
            Self::from_toml(&text).map_err(|source| ConfigError::Parse {
                path: path.display().to_string(),
                source: Box::new(source),
            })?
        } else {
            Self::default()
        };
        settings.apply_env(|key| std::env::var(key).ok())?;
        Ok(settings)
    }

    /// Parse a TOML document; missing keys keep their defaults.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// Override from `BAZAAR_*` variables, read through `get` so tests need
    /// not touch the real environment.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(key: &'static str, value: String) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            value.parse().map_err(|e: T::Err| ConfigError::Env { key, value, reason: e.to_string() })
        }
        if let Some(v) = get("BAZAAR_ADDR") {
            self.server.addr = parse("BAZAAR_ADDR", v)?;
        }
        if let Some(v) = get("BAZAAR_SITE_ROOT") {
            self.server.site_root = v;
        }
        if let Some(v) = get("BAZAAR_LOG_FORMAT") {
            self.server.log_format = v;
        }
        if let Some(v) = get("BAZAAR_ALLOWED_ORIGINS") {
            self.server.allowed_origins =
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        }
        if let Some(v) = get("BAZAAR_PAGE_CACHE_MS") {
            self.server.page_cache_ms = parse("BAZAAR_PAGE_CACHE_MS", v)?;
        }
        if let Some(v) = get("BAZAAR_SECURE_COOKIES") {
            self.server.secure_cookies = parse("BAZAAR_SECURE_COOKIES", v)?;
        }
        if let Some(v) = get("BAZAAR_TRUSTED_PROXIES") {
            self.server.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    parse_net(s).ok_or_else(|| ConfigError::Env {
                        key: "BAZAAR_TRUSTED_PROXIES",
                        value: v.clone(),
                        reason: format!("{s} is not an address or CIDR like 10.0.0.0/8"),
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = get("BAZAAR_DATABASE_URL") {
            self.database.url = v;
        }
        if let Some(v) = get("BAZAAR_DATABASE_MAX_CONNECTIONS") {
            self.database.max_connections = Some(parse("BAZAAR_DATABASE_MAX_CONNECTIONS", v)?);
        }
        if let Some(v) = get("BAZAAR_MEDIA_URL") {
            self.media.url = v;
        }
        if let Some(v) = get("BAZAAR_SMTP_URL") {
            self.mail.smtp_url = Some(v).filter(|v| !v.is_empty());
        }
        if let Some(v) = get("BAZAAR_MAIL_FROM") {
            self.mail.from = v;
        }
        if let Some(v) = get("BAZAAR_PUBLIC_URL") {
            self.mail.public_url = v.trim_end_matches('/').to_owned();
        }
        let key = |v: String| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        if let Some(v) = get("BAZAAR_STRIPE_SECRET_KEY") {
            self.payments.stripe_secret_key = key(v);
        }
        if let Some(v) = get("BAZAAR_STRIPE_PUBLISHABLE_KEY") {
            self.payments.stripe_publishable_key = key(v);
        }
        if let Some(v) = get("BAZAAR_STRIPE_WEBHOOK_SECRET") {
            self.payments.stripe_webhook_secret = key(v);
        }
        if let Some(v) = get("BAZAAR_STRIPE_API_URL") {
            self.payments.stripe_api_url = v;
        }
        if let Some(v) = get("BAZAAR_STRIPE_JS_URL") {
            self.payments.stripe_js_url = v;
        }
        if let Some(v) = get("BAZAAR_CURRENCY") {
            self.shop.currency = v;
        }
        if let Some(v) = get("BAZAAR_CHECKOUT_HOLD_MINUTES") {
            self.shop.checkout_hold_minutes = parse("BAZAAR_CHECKOUT_HOLD_MINUTES", v)?;
        }
        Ok(())
    }

    /// The database URL with any password replaced, safe to print.
    pub fn database_display(&self) -> String {
        redact_url(&self.database.url)
    }
}

/// `10.0.0.0/8`, or a single address (`10.0.0.5` = `10.0.0.5/32`).
fn parse_net(s: &str) -> Option<ipnet::IpNet> {
    s.parse().ok().or_else(|| s.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((creds, host)) = rest.split_once('@') else { return url.to_owned() };
    match creds.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_then_env_overrides() {
        let mut s =
            Settings::from_toml("[server]\naddr = \"0.0.0.0:8080\"\n[database]\nurl = \"sqlite://x.db\"\n")
                .unwrap();
        assert_eq!(s.server.addr.port(), 8080);
        s.apply_env(|k| (k == "BAZAAR_DATABASE_URL").then(|| "postgres://a:b@h/d".to_owned())).unwrap();
        assert_eq!(s.database.url, "postgres://a:b@h/d");
        assert_eq!(s.database_display(), "postgres://a:***@h/d");
        assert_eq!(s.database.max_connections, None, "untouched keys keep defaults");
    }

    #[test]
    fn bad_env_value_names_the_key() {
        let mut s = Settings::default();
        let err = s.apply_env(|k| (k == "BAZAAR_ADDR").then(|| "nope".to_owned())).unwrap_err();
        assert!(err.to_string().contains("BAZAAR_ADDR"));
    }

    #[test]
    fn trusted_proxies_take_cidrs_and_addresses() {
        let mut s = Settings::default();
        s.apply_env(|k| (k == "BAZAAR_TRUSTED_PROXIES").then(|| "10.0.0.0/8, 127.0.0.1".to_owned())).unwrap();
        assert_eq!(s.server.trusted_proxies.len(), 2);
        assert!(s.server.trusted_proxies[1].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap()));
        let err = s.apply_env(|k| (k == "BAZAAR_TRUSTED_PROXIES").then(|| "nope".to_owned())).unwrap_err();
        assert!(err.to_string().contains("BAZAAR_TRUSTED_PROXIES"));
    }

    #[test]
    fn card_payments_need_all_three_keys_and_never_print_them() {
        let mut s = Settings::default();
        assert!(!s.payments.card_enabled());
        s.apply_env(|k| match k {
            "BAZAAR_STRIPE_SECRET_KEY" => Some("sk_test_secret".into()),
            "BAZAAR_STRIPE_PUBLISHABLE_KEY" => Some("pk_test_x".into()),
            "BAZAAR_STRIPE_API_URL" => Some("http://127.0.0.1:8420/".into()),
            "BAZAAR_STRIPE_JS_URL" => Some("http://127.0.0.1:8420/js.stripe.com/v3/".into()),
            _ => None,
        })
        .unwrap();
        assert!(!s.payments.card_enabled(), "no webhook secret yet");
        s.apply_env(|k| (k == "BAZAAR_STRIPE_WEBHOOK_SECRET").then(|| "whsec_x".into())).unwrap();
        assert!(s.payments.card_enabled());
        assert_eq!(s.payments.browser_origins(), ["http://127.0.0.1:8420"]);
        assert_eq!(
            PaymentSettings::default().browser_origins(),
            ["https://js.stripe.com", "https://api.stripe.com", "https://hooks.stripe.com"]
        );
        assert!(!format!("{s:?}").contains("sk_test_secret"));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Settings::from_toml("[server]\nadr = \"x\"\n").is_err());
    }
}
