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
    pub live: LiveSettings,
    pub ai: AiSettings,
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
    /// Accounts one client address may open in an hour
    /// (`BAZAAR_REGISTRATIONS_PER_HOUR`); raise it for a shop whose customers
    /// share one address (a campus, a kiosk).
    pub registrations_per_hour: i64,
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
    /// Campaign mails written to the outbox per minute, at most
    /// (`BAZAAR_CAMPAIGN_RATE`, default 600).
    pub campaign_rate: u32,
}

/// Live video: one UDP port carries every WebRTC peer (ICE-lite).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LiveSettings {
    /// The UDP address the video server listens on (`BAZAAR_RTC_UDP`);
    /// `0.0.0.0:8189` to take viewers from the network.
    pub udp: SocketAddr,
    /// The address browsers are told to send video to, when it is not the
    /// one listened on: the public IP of a server behind NAT
    /// (`BAZAAR_RTC_PUBLIC_IP`).
    pub public_ip: Option<std::net::IpAddr>,
    /// The public UDP port, when a NAT maps another one (`BAZAAR_RTC_PUBLIC_PORT`).
    pub public_port: Option<u16>,
    /// This node's own URL: a viewer who asks another node for a stream
    /// this node carries is sent here (`BAZAAR_NODE_URL`; default
    /// `BAZAAR_PUBLIC_URL`).
    pub node_url: Option<String>,
}

impl Default for LiveSettings {
    fn default() -> Self {
        Self {
            udp: SocketAddr::from(([127, 0, 0, 1], 8189)),
            public_ip: None,
            public_port: None,
            node_url: None,
        }
    }
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
            campaign_rate: 600,
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
            registrations_per_hour: 20,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self { url: "sqlite://data/bazaar.db".into(), max_connections: None }
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
        crate::analytics::zone::Zone::parse(&settings.shop.time_zone).map_err(|reason| ConfigError::Env {
            key: "BAZAAR_TIMEZONE",
            value: settings.shop.time_zone.clone(),
            reason,
        })?;
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
        if let Some(v) = get("BAZAAR_REGISTRATIONS_PER_HOUR") {
            self.server.registrations_per_hour = parse("BAZAAR_REGISTRATIONS_PER_HOUR", v)?;
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
        if let Some(v) = get("BAZAAR_CAMPAIGN_RATE") {
            self.mail.campaign_rate = parse("BAZAAR_CAMPAIGN_RATE", v)?;
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
        if let Some(v) = get("BAZAAR_RTC_UDP") {
            self.live.udp = parse("BAZAAR_RTC_UDP", v)?;
        }
        if let Some(v) = get("BAZAAR_RTC_PUBLIC_IP") {
            self.live.public_ip =
                Some(v).filter(|v| !v.is_empty()).map(|v| parse("BAZAAR_RTC_PUBLIC_IP", v)).transpose()?;
        }
        if let Some(v) = get("BAZAAR_RTC_PUBLIC_PORT") {
            self.live.public_port =
                Some(v).filter(|v| !v.is_empty()).map(|v| parse("BAZAAR_RTC_PUBLIC_PORT", v)).transpose()?;
        }
        if let Some(v) = get("BAZAAR_NODE_URL") {
            self.live.node_url = Some(v.trim_end_matches('/').to_owned()).filter(|v| !v.is_empty());
        }
        self.ai.apply_env(&get)?;
        self.shop.apply_env(&get)
    }

    /// This node's own public URL (`BAZAAR_NODE_URL`, else `BAZAAR_PUBLIC_URL`).
    pub fn node_url(&self) -> &str {
        self.live.node_url.as_deref().unwrap_or(&self.mail.public_url)
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

mod ai;
mod shop;
pub use ai::AiSettings;
pub use shop::ShopSettings;

#[cfg(test)]
mod tests;
